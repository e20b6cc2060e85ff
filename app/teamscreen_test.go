package app

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/meeting"
	"triad/app/shell"
	"triad/app/team"
	"triad/data"
	"triad/data/sqlite"
	tsync "triad/data/sync"
)

// laptops is the window's database, the facilitator's, beside another
// laptop's (the Product Manager's, unless a test says otherwise), both in
// team acme with Payments shared.
type laptops struct {
	pod         data.Pod
	fac, theirs *tsync.Key
	other       *sqlite.DB
	otherPod    data.Pod
}

func teamOfTwoLaptops(t *testing.T, db *sqlite.DB) laptops {
	t.Helper()
	return teamOf(t, db, "Dan Okafor", []tsync.Seat{tsync.SeatFacilitator}, "Maya Chen", tsync.SeatProduct)
}

// teamOf is teamOfTwoLaptops with the window's member, me, holding mine,
// and the other laptop's, them, joined in theirs.
func teamOf(t *testing.T, db *sqlite.DB, me string, mine []tsync.Seat, them string, theirs tsync.Seat) laptops {
	t.Helper()
	ctx := context.Background()
	l := laptops{pod: apptest.Pod(t, db, "Payments")}
	l.fac, _ = tsync.NewKey()
	l.theirs, _ = tsync.NewKey()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", me, l.fac))
	must(db.SharePod(ctx, l.pod.UID, mine, nil))
	other, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	must(err)
	t.Cleanup(func() { other.Close() })
	l.other = other
	l.otherPod = apptest.Pod(t, other, "Payments")
	must(other.SetPodUID(ctx, l.otherPod.ID, l.pod.UID))
	must(other.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", them, l.theirs))
	for _, seat := range mine {
		must(other.AddMember(ctx, l.pod.UID, tsync.Member{Key: l.fac.Public, Seat: seat, Name: me}))
	}
	g, err := tsync.NewGrant(l.fac, "acme", l.pod.UID, theirs)
	must(err)
	must(other.AskToJoin(ctx, l.pod.UID, theirs, g))
	handOver(t, other, db)
	_, err = db.DecideJoin(ctx, g.Nonce, true)
	must(err)
	handOver(t, db, other)
	return l
}

// handOver gives to what from has queued, as the hub would, and marks it sent.
func handOver(t *testing.T, from, to *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	evs, err := from.PendingEvents(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := to.ApplyEvents(ctx, evs)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		if o.Result != tsync.EventApplied {
			t.Fatalf("%s: %+v", evs[i].Kind, o)
		}
		if err := from.MarkSent(ctx, evs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
}

// A change the Product Manager makes to the open meeting on their laptop
// shows on the facilitator's once it is applied, and the note the
// facilitator is typing in the current item stays as typed.
func TestAnotherLaptopsChangeShowsInTheOpenMeeting(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOfTwoLaptops(t, e.DB)
	m := apptest.Meeting(t, e.DB, l.pod.ID, data.NewDate(2026, 11, 26))
	u.Go(shell.Meeting{ID: m.ID}) // prepares its agenda
	u.sh.Wait()
	handOver(t, e.DB, l.other)
	notes := field(t, u, "Notes: what was said, the numbers, the open points…")
	test.Type(notes, "Half a thou")

	// On the PM's laptop: the meeting's last item is renamed.
	ms, err := l.other.Meetings(ctx, l.otherPod.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("the PM's meetings: %v, %v", ms, err)
	}
	run := apptest.Run(t, l.other, ms[0].ID)
	last := run.Items[len(run.Items)-1]
	last.Title = "Pricing, as Maya renamed it"
	if err := l.other.UpdateAgendaItem(ctx, last); err != nil {
		t.Fatal(err)
	}
	handOver(t, l.other, e.DB)
	u.TeamChanged()
	u.TeamChanged() // a burst reloads once
	if n := e.Timers.Fire(); n != 1 {
		t.Fatalf("%d reloads for a burst, want 1", n)
	}
	u.sh.Wait()
	if _, ok := u.current.(*meeting.Screen); !ok {
		t.Fatalf("the window shows %T, want the meeting still", u.current)
	}
	if got := field(t, u, "Notes: what was said, the numbers, the open points…"); got != notes || got.Text != "Half a thou" {
		t.Errorf("the note being typed is %q (same field %v)", got.Text, got == notes)
	}
	test.Type(notes, "sand")
	if err := u.sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := apptest.Run(t, e.DB, m.ID).Items[0].Notes; got != "Half a thousand" {
		t.Errorf("the note saved is %q", got)
	}
	list := agendaList(t, u)
	list.Select(list.Length() - 1)
	u.sh.Wait()
	if got := field(t, u, "Title").Text; got != "Pricing, as Maya renamed it" {
		t.Errorf("the PM's rename shows as %q in the open meeting", got)
	}
}

// refuse applies, on db, an event of a key the team does not know, which
// every laptop refuses; its kind is deal.filed.
func refuse(t *testing.T, db *sqlite.DB, pod string, stranger *tsync.Key) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"customer": "Forged Inc"})
	ev := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: pod, Kind: tsync.KindDealFiled, Payload: body,
		Clock: tsync.HLC{Wall: time.Now().UnixMilli()}}
	if err := ev.Sign(stranger); err != nil {
		t.Fatal(err)
	}
	if res, err := db.ApplyEvent(context.Background(), ev); err != nil || res != tsync.EventRefused {
		t.Fatalf("a stranger's event: %d, %v", res, err)
	}
}

// The sidebar's sync line opens the Team screen: the team, the status,
// the seats, the joins, and every refused event, newest first, 50 at a
// time; a change arriving while it is shown reloads it.
func TestTheSyncLineOpensTheTeamScreen(t *testing.T) {
	u, e := newTestUIEnv(t)
	l := teamOfTwoLaptops(t, e.DB)
	u.SetSyncStatus("Team acme: Offline · 3 changes waiting · last contact 10:04")
	test.Tap(u.sidebar.syncLine)
	u.sh.Wait()
	ts, ok := u.current.(*team.Screen)
	if !ok {
		t.Fatalf("tapping the sync line shows %T", u.current)
	}
	for _, want := range []string{"Team acme: Offline · 3 changes waiting", "Team acme through nats://127.0.0.1:4222, as Dan Okafor",
		"You: facilitator", "Others: Product Manager: Maya Chen", "Maya Chen asked to join Payments as Product Manager: approved",
		"Changes refused (0)", "Deletes kept (0)"} {
		if !apptest.ContainsText(u.screen, want) {
			t.Errorf("the Team screen does not say %q", want)
		}
	}
	u.SetSyncStatus("Team acme: Up to date · last contact just now")
	if !apptest.ContainsText(u.screen, "Team acme: Up to date · last contact just now") {
		t.Error("the status line on the screen does not follow the sync")
	}

	stranger, _ := tsync.NewKey()
	for range team.PageSize + 10 {
		refuse(t, e.DB, l.pod.UID, stranger)
	}
	u.TeamChanged()
	e.Timers.Fire()
	u.sh.Wait()
	if u.current != ts {
		t.Fatal("the Team screen was built again, not reloaded")
	}
	_, refused, _ := ts.Seen()
	if len(refused) != team.PageSize || !apptest.ContainsText(u.screen, fmt.Sprintf("Changes refused (%d)", team.PageSize+10)) {
		t.Fatalf("%d refused shown after the reload", len(refused))
	}
	if !apptest.ContainsText(u.screen, "deal filed in Payments from "+stranger.Public) {
		t.Error("a refused event's line does not name its kind, pod and signer")
	}
	more := apptest.FindButton(u.screen, "Show 10 more refused changes (10 not shown)")
	if more == nil {
		t.Fatal("no Show more under the first 50")
	}
	test.Tap(more)
	u.sh.Wait()
	if _, refused, _ = ts.Seen(); len(refused) != team.PageSize+10 {
		t.Errorf("%d shown after Show more", len(refused))
	}
	if apptest.FindButton(u.screen, "Show 10 more refused changes (10 not shown)") != nil {
		t.Error("Show more stays with everything shown")
	}
}

// A database of no team says so on the Team screen.
func TestTheTeamScreenOfNoTeam(t *testing.T) {
	u, _ := newTestUI(t)
	u.Go(shell.Team{})
	u.sh.Wait()
	if !apptest.ContainsText(u.screen, "This database belongs to no team") {
		t.Error("the Team screen of no team does not say so")
	}
	if u.sidebar.syncLine.Visible() {
		t.Error("a sync line shows with no team")
	}
}
