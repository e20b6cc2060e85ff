package sqlite

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"triad/data"
)

// dealClock is a settable clock for the store.
type dealClock struct{ t time.Time }

func (c *dealClock) now() time.Time { return c.t }

func openDealDB(t testing.TB) (*DB, *dealClock, string) {
	t.Helper()
	clock := &dealClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	path := tempPath(t)
	db, err := Open(path, Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, clock, path
}

func sampleDeal(podID int64, received time.Time) data.DealRequest {
	close, _ := data.ParseDate("2026-12-31")
	return data.DealRequest{PodID: podID, Customer: "  Acme   Corp ", DealName: "Renewal 2027", Value: data.Dollars(120_000),
		CloseDate: close, RepName: "Maya Chen", RepEmail: "maya.chen@example.com", Features: "SAML single sign-on",
		NeedsNewFeature: true, Terms: "Delivery by 31 March or 10% discount", Notes: "Champion: CIO", ReceivedAt: received}
}

func TestDealRequestRoundTripSurvivesReopen(t *testing.T) {
	db, clock, path := openDealDB(t)
	pod, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	received := clock.t.Add(-2 * time.Hour)
	r, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, received))
	if err != nil {
		t.Fatal(err)
	}
	if r.ID == 0 || r.State != data.DealPending || r.Customer != "Acme Corp" || r.PodName != "Payments" ||
		!r.DueAt.Equal(received.Add(24*time.Hour)) || r.Rule.Threshold != data.Dollars(50_000) || r.Rule.Currency != "USD" {
		t.Fatalf("created = %+v", r)
	}
	db.Close()

	db, err = Open(path, Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.DealRequest(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := r
	if got.CloseDate.String() != "2026-12-31" || got.Terms != want.Terms || got.Notes != want.Notes || got.Value != want.Value ||
		!got.ReceivedAt.Equal(received) || !got.DueAt.Equal(want.DueAt) || got.Rule != want.Rule || got.RepEmail != want.RepEmail ||
		!got.NeedsNewFeature || got.Features != want.Features || got.DealName != want.DealName {
		t.Errorf("reopened = %+v\nwant %+v", got, want)
	}
	hist, err := db.DealHistory(ctx, r.ID)
	if err != nil || len(hist) != 1 || hist[0].Actor != "Maya Chen" || hist[0].To != data.DealPending ||
		!strings.Contains(hist[0].Comment, "above $50,000") {
		t.Errorf("history = %+v, %v", hist, err)
	}
}

func TestDealRuleIsKeptWhenSettingsChange(t *testing.T) {
	db, clock, _ := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	received := clock.t.Add(-time.Hour)
	r, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, received))
	if err != nil {
		t.Fatal(err)
	}
	// Stricter rules from now on: a 4-hour SLA and a $200k threshold.
	st, _ := db.Settings(ctx)
	st.SignOffSLA, st.DealThreshold = 4*time.Hour, data.Dollars(200_000)
	if err := db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, _ := db.DealRequest(ctx, r.ID)
	if !got.DueAt.Equal(received.Add(24*time.Hour)) || got.Rule.SLA != 24*time.Hour || got.State != data.DealPending {
		t.Errorf("settings change moved an existing request: %+v", got)
	}
	// Editing it later keeps its rule too.
	got.Notes = "Call on Friday"
	upd, err := db.UpdateDealRequest(ctx, got)
	if err != nil || !upd.DueAt.Equal(received.Add(24*time.Hour)) || upd.Rule.Threshold != data.Dollars(50_000) {
		t.Errorf("edit changed the rule: %+v, %v", upd, err)
	}
	// A new request is judged by the new rule: $120k is now below threshold.
	n, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, received))
	if err != nil || n.State != data.DealNoSignOff || !n.DueAt.IsZero() || n.Rule.SLA != 4*time.Hour {
		t.Errorf("new request under new rule: %+v, %v", n, err)
	}

	// A pod override wins over the global setting.
	sla := 48 * time.Hour
	th := data.Dollars(10_000)
	pod.Overrides.SignOffSLA, pod.Overrides.DealThreshold = &sla, &th
	if _, err := db.UpdatePod(ctx, pod); err != nil {
		t.Fatal(err)
	}
	o, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, received))
	if err != nil || o.State != data.DealPending || !o.DueAt.Equal(received.Add(48*time.Hour)) {
		t.Errorf("pod override ignored: %+v, %v", o, err)
	}
}

func TestDealDueTimeStoredUTCWhateverTheLaptopZone(t *testing.T) {
	db, clock, path := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	old := time.Local
	t.Cleanup(func() { time.Local = old })
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no zoneinfo:", err)
	}
	time.Local = la
	received := clock.t.Add(-3 * time.Hour).In(la)
	r, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, received))
	if err != nil {
		t.Fatal(err)
	}
	var due, recv string
	db.db.QueryRow(`SELECT due_at, received_at FROM deal_requests WHERE id = ?`, r.ID).Scan(&due, &recv)
	if due != "2026-11-26T07:00:00.000Z" || recv != "2026-11-25T07:00:00.000Z" {
		t.Errorf("stored received %s due %s, want UTC text", recv, due)
	}
	db.Close()

	time.Local, _ = time.LoadLocation("Asia/Kolkata")
	db, err = Open(path, Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, _ := db.DealRequest(ctx, r.ID)
	if !got.DueAt.Equal(r.DueAt) || got.TimeLeft(clock.t) != "21 h left" {
		t.Errorf("after a zone change: due %v, %s", got.DueAt, got.TimeLeft(clock.t))
	}
}

func TestDealDecisionsAndHistory(t *testing.T) {
	db, clock, _ := openDealDB(t)
	sp := samplePod("Payments")
	sp.Delegates = []string{"Marta Silva"}
	pod, _ := db.CreatePod(ctx, sp)
	r, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-time.Hour)))

	// Rejecting without a reason is refused and changes nothing.
	_, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActReject})
	var ve *data.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For("comment"), "reason") {
		t.Fatalf("reject without reason: %v", err)
	}
	clock.t = clock.t.Add(10 * time.Minute)
	ch, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActRequestChanges, Comment: "Split SSO from SCIM",
		RecordedBy: "Priya Raman"})
	if err != nil || ch.State != data.DealChangesRequested || ch.DecidedAt.IsZero() {
		t.Fatalf("request changes: %+v, %v", ch, err)
	}
	// The rep reworks and saves: resubmitted, pending again.
	ch.Features = "SAML single sign-on only"
	clock.t = clock.t.Add(time.Hour)
	re, err := db.UpdateDealRequest(ctx, ch)
	if err != nil || re.State != data.DealPending {
		t.Fatalf("resubmit: %+v, %v", re, err)
	}
	clock.t = clock.t.Add(time.Hour)
	ap, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove,
		Delegate: "Marta Silva", Comment: "Fits Q1"})
	if err != nil || ap.State != data.DealApproved {
		t.Fatalf("approve: %+v, %v", ap, err)
	}
	// Final: a second decision is refused, the edit too.
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActReject, Comment: "no"}); !errors.Is(err, data.ErrConflict) {
		t.Errorf("reject after approve: %v", err)
	}
	ap.Notes = "changed"
	if _, err := db.UpdateDealRequest(ctx, ap); !errors.Is(err, data.ErrConflict) {
		t.Errorf("edit after approve: %v", err)
	}
	// Explicitly reopened, it is pending again.
	ro, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActReopen, Comment: "Customer changed scope"})
	if err != nil || ro.State != data.DealPending {
		t.Fatalf("reopen: %+v, %v", ro, err)
	}

	hist, err := db.DealHistory(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range hist {
		lines = append(lines, e.Who()+": "+e.Change()+": "+e.Comment)
	}
	want := []string{
		"Maya Chen: Recorded · Pending: ",
		"Priya Raman (Tech Lead): Pending → Changes requested: Split SSO from SCIM",
		"Maya Chen: Changes requested → Pending: Resubmitted with the requested changes.",
		"Marta Silva for Priya Raman (Tech Lead), recorded by José Ñúñez: Pending → Approved: Fits Q1",
		"recorded by José Ñúñez for Priya Raman (Tech Lead): Approved → Pending: Customer changed scope",
	}
	if len(lines) != len(want) {
		t.Fatalf("history:\n%s", strings.Join(lines, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Errorf("history line %d = %q, want %q", i, lines[i], want[i])
		}
	}
	if !hist[3].At.Equal(time.Date(2026, 11, 25, 12, 10, 0, 0, time.UTC)) || hist[3].OnBehalfOf != "Priya Raman (Tech Lead)" {
		t.Errorf("approval line = %+v", hist[3])
	}
}

func TestDealHistoryIsImmutable(t *testing.T) {
	db, clock, _ := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	r, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-time.Hour)))
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE deal_history SET comment = 'rewritten'`,
		`UPDATE deal_history SET to_state = 'rejected' WHERE to_state = 'approved'`,
		`DELETE FROM deal_history`,
		`DELETE FROM deal_requests`,
	} {
		if _, err := db.db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "deal-desk") {
			t.Errorf("%s: err = %v, want the trigger to refuse", stmt, err)
		}
	}
	if hist, _ := db.DealHistory(ctx, r.ID); len(hist) != 2 || hist[1].To != data.DealApproved || hist[1].Comment != "" {
		t.Errorf("history changed: %+v", hist)
	}

	// Deleting the pod removes its requests and their history with it.
	u, _ := db.PodUsage(ctx, pod.ID)
	if !strings.Contains(u.String(), "1 deal-desk requests") {
		t.Errorf("pod usage = %q", u.String())
	}
	if err := db.DeletePod(ctx, pod.ID); err != nil {
		t.Fatalf("delete pod: %v", err)
	}
	var n int
	db.db.QueryRow(`SELECT (SELECT count(*) FROM deal_requests) + (SELECT count(*) FROM deal_history)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d deal rows left after deleting the pod", n)
	}
}

func TestInvalidDealRequestWritesNothing(t *testing.T) {
	db, clock, _ := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	tests := []struct {
		name, field string
		edit        func(*data.DealRequest)
	}{
		{"missing customer", "customer", func(r *data.DealRequest) { r.Customer = "   " }},
		{"negative value", "value", func(r *data.DealRequest) { r.Value = -5 }},
		{"future", "received_at", func(r *data.DealRequest) { r.ReceivedAt = clock.t.Add(3 * time.Hour) }},
		{"100 KB features", "features", func(r *data.DealRequest) { r.Features = strings.Repeat("a", 100*1024) }},
		{"no such pod", "pod", func(r *data.DealRequest) { r.PodID = pod.ID + 99 }},
	}
	for _, tt := range tests {
		r := sampleDeal(pod.ID, clock.t.Add(-time.Hour))
		tt.edit(&r)
		_, err := db.CreateDealRequest(ctx, r)
		var ve *data.ValidationError
		if !errors.As(err, &ve) || ve.For(tt.field) == "" {
			t.Errorf("%s: err = %v, want a %s problem", tt.name, err, tt.field)
		}
	}
	var n int
	db.db.QueryRow(`SELECT (SELECT count(*) FROM deal_requests) + (SELECT count(*) FROM deal_history)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows written by invalid requests", n)
	}
}

func TestDealRemindersFireOnceAcrossRestart(t *testing.T) {
	db, clock, path := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	r, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-20*time.Hour)))
	if due := data.RemindersDue(r, clock.t); len(due) != 1 || due[0] != data.ReminderSoon {
		t.Fatalf("due = %v", due)
	}
	first, err := db.MarkDealReminder(ctx, r.ID, data.ReminderSoon)
	again, _ := db.MarkDealReminder(ctx, r.ID, data.ReminderSoon)
	if err != nil || !first || again {
		t.Errorf("mark: first %v again %v err %v", first, again, err)
	}
	db.Close()
	db, err = Open(path, Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, _ := db.DealRequest(ctx, r.ID)
	if due := data.RemindersDue(got, clock.t); len(due) != 0 {
		t.Errorf("after restart, due again: %v (reminded %v)", due, got.Reminded)
	}
	clock.t = clock.t.Add(5 * time.Hour)
	if due := data.RemindersDue(got, clock.t); len(due) != 1 || due[0] != data.ReminderOverdue {
		t.Errorf("overdue: %v", due)
	}
}

func TestDealListsAndDigest(t *testing.T) {
	db, clock, _ := openDealDB(t)
	pay, _ := db.CreatePod(ctx, samplePod("Payments"))
	mob, _ := db.CreatePod(ctx, samplePod("Mobile"))
	mk := func(podID int64, customer string, age time.Duration, value int64) data.DealRequest {
		r := sampleDeal(podID, clock.t.Add(-age))
		r.Customer, r.Value = customer, data.Dollars(value)
		got, err := db.CreateDealRequest(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	old := mk(pay.ID, "Old Co", 8*24*time.Hour, 90_000) // before the last meeting
	overdue := mk(pay.ID, "Late Co", 30*time.Hour, 90_000)
	fresh := mk(pay.ID, "New Co", 2*time.Hour, 90_000)
	small := mk(pay.ID, "Small Co", time.Hour, 10_000)
	other := mk(mob.ID, "Elsewhere", time.Hour, 90_000)
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: old.ID, Action: data.ActReject, Comment: "Not on the roadmap"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.DealRequest(ctx, old.ID); got.LastComment != "Not on the roadmap" {
		t.Errorf("last comment = %q, want the rejection's reason", got.LastComment)
	}
	if got, _ := db.DealRequest(ctx, fresh.ID); got.LastComment != "" {
		t.Errorf("an undecided request has a last comment: %q", got.LastComment)
	}

	pending, _ := db.DealRequests(ctx, data.DealFilter{States: []data.DealState{data.DealPending}})
	if len(pending) != 3 || pending[0].ID != overdue.ID || pending[1].ID != fresh.ID && pending[1].ID != other.ID {
		t.Errorf("pending across pods = %+v", pending)
	}
	mine, _ := db.DealRequests(ctx, data.DealFilter{PodID: mob.ID})
	if len(mine) != 1 || mine[0].ID != other.ID || mine[0].PodName != "Mobile" {
		t.Errorf("Mobile's requests = %+v", mine)
	}

	since := clock.t.Add(-7 * 24 * time.Hour)
	dg, err := db.DealDigest(ctx, pay.ID, since, clock.t)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(rs []data.DealRequest) (out []int64) {
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	if got := ids(dg.Received); len(got) != 3 || got[0] != small.ID || got[2] != overdue.ID {
		t.Errorf("received since = %v", got)
	}
	if got := ids(dg.Decided); len(got) != 1 || got[0] != old.ID || dg.Decided[0].State != data.DealRejected {
		t.Errorf("decided since = %v", got)
	}
	if got := ids(dg.Overdue); len(got) != 1 || got[0] != overdue.ID {
		t.Errorf("overdue = %v", got)
	}
}

func TestConcentrationLimitSetting(t *testing.T) {
	db, _, _ := openDealDB(t)
	st, _ := db.Settings(ctx)
	if st.ConcentrationLimit != data.DefaultConcentrationLimit {
		t.Errorf("default limit = %v", st.ConcentrationLimit)
	}
	st.ConcentrationLimit = 3500
	if err := db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	p := samplePod("Payments")
	lim := data.Percent(2500)
	p.Overrides.ConcentrationLimit = &lim
	pod, err := db.CreatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	eff, _ := db.EffectiveSettings(ctx, pod.ID)
	st, _ = db.Settings(ctx)
	if eff.ConcentrationLimit != 2500 || st.ConcentrationLimit != 3500 {
		t.Errorf("pod limit %v, global %v", eff.ConcentrationLimit, st.ConcentrationLimit)
	}
}

// BenchmarkDealQueue loads a cross-pod queue of 2,000 requests (years of a
// busy desk), as the queue screen does on every change.
func BenchmarkDealQueue(b *testing.B) {
	clock := &dealClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	db, err := Open(filepath.Join(b.TempDir(), "triad.db"), Options{Now: clock.now})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var pods []data.Pod
	for _, name := range []string{"Payments", "Mobile", "Growth"} {
		p, err := db.CreatePod(ctx, samplePod(name))
		if err != nil {
			b.Fatal(err)
		}
		pods = append(pods, p)
	}
	for i := 0; i < 2000; i++ {
		r := sampleDeal(pods[i%3].ID, clock.t.Add(-time.Duration(i)*time.Hour))
		r.Customer = "Customer " + strconv.Itoa(i%97)
		got, err := db.CreateDealRequest(ctx, r)
		if err != nil {
			b.Fatal(err)
		}
		if i%4 == 0 {
			if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: got.ID, Action: data.ActApprove}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs, err := db.DealRequests(ctx, data.DealFilter{})
		if err != nil || len(rs) != 2000 {
			b.Fatal(len(rs), err)
		}
	}
}
