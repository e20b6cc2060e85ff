package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/sqlite"
	tsync "triad/data/sync"
	"triad/data/sync/natsync"
)

func teamHarness(t *testing.T) (*harness, string) {
	h := newHarness(t)
	keys := filepath.Join(t.TempDir(), "keys")
	h.env.KeyDir = func() (string, error) { return keys, nil }
	return h, keys
}

func run(t *testing.T, h *harness, args ...string) string {
	t.Helper()
	h.stdout.Reset()
	h.stderr.Reset()
	if code := Main(args, h.env); code != ExitOK {
		t.Fatalf("%v: exit %d: %s", args, code, h.stderr.String())
	}
	return h.stdout.String()
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openSynced opens a database the way the window does in team mode: with
// this laptop's key, and the worker running.
// outboxWaiting is how many events the database at path has still to send.
func outboxWaiting(t *testing.T, path string) int {
	t.Helper()
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	waiting, _, err := db.OutboxCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return waiting
}

func openSynced(t *testing.T, path, keys string) (*sqlite.DB, *natsync.Worker) {
	t.Helper()
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg, ok := db.Team()
	if !ok {
		t.Fatal("no team after create/join")
	}
	k, err := tsync.LoadKey(keys, cfg.Team)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.UseKey(k); err != nil {
		t.Fatal(err)
	}
	w, err := natsync.Start(db, natsync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Stop(); db.Close() })
	return db, w
}

func TestTeamCreateInviteJoinThenARequestIsSignedOffAcrossLaptops(t *testing.T) {
	hub, err := natsync.StartHub(natsync.HubOptions{Dir: t.TempDir(), Team: "acme", Host: "127.0.0.1", Port: -1, FoundingCode: "TEST-CODE"})
	if err != nil {
		t.Fatal(err)
	}
	defer hub.Stop()
	fac, facKeys := teamHarness(t)
	tl, tlKeys := teamHarness(t)
	dbA := filepath.Join(t.TempDir(), "a.db")
	dbB := filepath.Join(t.TempDir(), "b.db")
	run(t, fac, "demo", "--db", dbA)
	if code := Main([]string{"team", "create", "--db", dbA, "--name", "acme", "--hub", hub.URL(), "--code", "WRONG",
		"--pod", "Payments"}, fac.env); code != ExitFailure || !strings.Contains(fac.stderr.String(), "refused the founding code") {
		t.Fatalf("a wrong founding code: exit %d: %s", code, fac.stderr.String())
	}
	out := run(t, fac, "team", "create", "--db", dbA, "--name", "acme", "--hub", hub.URL(), "--code", "TEST-CODE", "--pod", "Payments", "--as", "Dan Okafor",
		"--invite", "tech_lead")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	invite := lines[len(lines)-1]
	if !strings.Contains(out, "Team acme") || !strings.HasPrefix(invite, "triad-invite-1.") || strings.Contains(out, " 0 decisions") {
		t.Fatalf("create said: %s", out)
	}
	if pm := strings.TrimSpace(run(t, fac, "team", "invite", "--db", dbA, "--pod", "Payments", "--seat", "product_manager")); !strings.HasPrefix(pm, "triad-invite-1.") {
		t.Fatalf("invitation %q", pm)
	}
	if code := Main([]string{"team", "invite", "--db", dbA, "--pod", "Payments", "--seat", "boss"}, fac.env); code != ExitUsage {
		t.Fatalf("an unknown seat: exit %d", code)
	}
	// A wrapped invitation still reads; one cut short does not.
	run(t, tl, "team", "join", "--db", dbB, "--as", "Priya Raman", invite[:40]+"\n  "+invite[40:])
	if code := Main([]string{"team", "join", "--db", filepath.Join(t.TempDir(), "c.db"), invite[:len(invite)-9]}, tl.env); code != ExitFailure {
		t.Fatalf("a cut invitation: exit %d", code)
	}
	status := run(t, tl, "team", "status", "--db", dbB)
	if !strings.Contains(status, "Team acme") || !strings.Contains(status, "you asked to join Payments as tech_lead") || !strings.Contains(status, "facilitator") {
		t.Fatalf("status: %s", status)
	}

	// The Tech Lead's Triad sends the ask; the facilitator approves it.
	b, _ := openSynced(t, dbB, tlKeys)
	waitFor(t, "the facilitator's laptop lists the ask", func() bool {
		return strings.Contains(run(t, fac, "team", "approve", "--db", dbA), "Priya Raman asks to join Payments as tech_lead")
	})
	if out := run(t, fac, "team", "approve", "--db", dbA, "priya raman"); !strings.Contains(out, "Approved Priya Raman as tech_lead of Payments. The hub has it.") {
		t.Fatalf("approve said: %s", out)
	}
	if waiting := outboxWaiting(t, dbA); waiting != 0 {
		t.Fatalf("approve said the hub has the answer, and left %d events unsent", waiting)
	}
	if code := Main([]string{"team", "refuse", "--db", dbA, "Priya Raman"}, fac.env); code != ExitFailure {
		t.Fatalf("refusing an approved join: exit %d", code)
	}
	a, _ := openSynced(t, dbA, facKeys)
	ctx := context.Background()
	podsA, _ := a.Pods(ctx)
	var podA data.Pod
	for _, p := range podsA {
		if p.Name == "Payments" {
			podA = p
		}
	}
	shared, _ := a.DealRequests(ctx, data.DealFilter{PodID: podA.ID})
	waitFor(t, "the demo's deal desk reaches the Tech Lead", func() bool {
		rs, _ := b.DealRequests(ctx, data.DealFilter{})
		return len(rs) == len(shared) && len(rs) > 0
	})
	r, err := a.CreateDealRequest(ctx, data.DealRequest{PodID: podA.ID, Customer: "Initech", Value: data.Dollars(250_000),
		RepName: "Maya Chen", Features: "Audit log export", NeedsNewFeature: true, ReceivedAt: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	var onB data.DealRequest
	waitFor(t, "the new request reaches the Tech Lead", func() bool {
		rs, _ := b.DealRequests(ctx, data.DealFilter{})
		for _, x := range rs {
			if x.UID == r.UID {
				onB = x
				return true
			}
		}
		return false
	})
	if _, err := b.DecideDealRequest(ctx, data.DealDecision{RequestID: onB.ID, Action: data.ActApprove, RecordedBy: onB.RepName}); err == nil {
		// RecordedBy must be a leader or delegate: the rep is neither.
		t.Fatal("a sign-off recorded by the rep was taken")
	}
	if _, err := b.DecideDealRequest(ctx, data.DealDecision{RequestID: onB.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the sign-off reaches the facilitator", func() bool {
		got, _ := a.DealRequest(ctx, r.ID)
		return got.State == data.DealApproved
	})
	pod := podA.UID
	waitFor(t, "both deal desks are the same", func() bool {
		x, _ := a.DealDeskExport(ctx, pod)
		y, _ := b.DealDeskExport(ctx, pod)
		return string(x) == string(y)
	})
	sameDemoDecisions(t, a, b, pod)
	// The whole shared record, meetings and the pod's form included, as
	// triad export writes it on each laptop: the same bytes.
	waitFor(t, "both laptops hold the same shared record", func() bool {
		x, _ := a.PodExport(ctx, pod)
		y, _ := b.PodExport(ctx, pod)
		return len(x) > 0 && string(x) == string(y)
	})
	outA := run(t, fac, "export", "--db", dbA, "--shared-pod", "Payments", "--out", "-")
	outB := run(t, tl, "export", "--db", dbB, "--shared-pod", "Payments", "--out", "-")
	if outA != outB || !strings.Contains(outA, `"meetings"`) || !strings.Contains(outA, `"decisions_and_roadmap"`) {
		t.Fatalf("triad export --shared-pod differs between the laptops (%d and %d bytes)", len(outA), len(outB))
	}
	// Who signed what checks out offline on the Tech Lead's laptop.
	if out := run(t, tl, "team", "verify", "--db", dbB); !strings.Contains(out, "every signature holds") || strings.Contains(out, "FAILED") {
		t.Fatalf("team verify said: %s", out)
	}
}

func TestHubCommandRunsUntilStopped(t *testing.T) {
	h := newHarness(t)
	stop := make(chan struct{})
	h.env.Stop = stop
	done := make(chan int)
	dir := filepath.Join(t.TempDir(), "hub")
	go func() {
		done <- Main([]string{"hub", "--dir", dir, "--team", "acme", "--listen", "127.0.0.1:-1"}, h.env)
	}()
	close(stop)
	if code := <-done; code != ExitOK {
		t.Fatalf("exit %d: %s", code, h.stderr.String())
	}
	if out := h.stdout.String(); !strings.Contains(out, "founding code") || !strings.Contains(out, "triad team create --name acme") {
		t.Fatalf("the hub said: %s", out)
	}
	for _, args := range [][]string{{"hub"}, {"hub", "--dir", dir}, {"hub", "--dir", dir, "--team", "acme", "--listen", "nowhere"}} {
		h := newHarness(t)
		if code := Main(args, h.env); code != ExitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

func TestTeamStatusWithNoTeam(t *testing.T) {
	h, _ := teamHarness(t)
	db := filepath.Join(t.TempDir(), "solo.db")
	run(t, h, "demo", "--db", db)
	if out := run(t, h, "team", "status", "--db", db); !strings.Contains(out, "belongs to no team") {
		t.Fatalf("status: %s", out)
	}
	if code := Main([]string{"team", "invite", "--db", db, "--pod", "Payments", "--seat", "rep"}, h.env); code != ExitFailure {
		t.Fatalf("invite with no team: exit %d", code)
	}
}
