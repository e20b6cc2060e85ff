//go:build unix

package natsync

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"triad/data"
	"triad/data/sqlite"
	tsync "triad/data/sync"
)

// The sync kill -9 drill: a child process is the facilitator's Triad. It
// edits a request's notes ("edit N"), prints "ack N" once each edit's
// store call returned, and syncs through the hub. It is killed with
// SIGKILL between an edit's commit and its publication, between the
// hub's acknowledgement and MarkSent, or at a random moment; then it
// starts again. The Tech Lead's laptop, in this process, must end with
// every acknowledged edit once: none lost, no history line twice.
//
// TRIAD_SYNC_KILL_DRILL=N go test -tags sqlite_fts5 -run SyncKillDrill ./data/sync/natsync
// runs N kills (12 by default).

func TestMain(m *testing.M) {
	if path := os.Getenv("TRIAD_SYNCKILL_CHILD"); path != "" {
		syncKillChild(path)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// killAt is the child's store: it kills its own process with SIGKILL on
// the nth time the worker is about to publish queued events, or is about
// to mark events the hub acknowledged as sent.
type killAt struct {
	*sqlite.DB
	at    string // "publish", "marksent" or "" (the parent kills)
	nth   int
	calls int
}

func (k *killAt) hit(point string) {
	if k.at != point {
		return
	}
	if k.calls++; k.calls >= k.nth {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal lands before anything else runs
	}
}

func (k *killAt) PendingEvents(ctx context.Context, limit int) ([]tsync.Event, error) {
	evs, err := k.DB.PendingEvents(ctx, limit)
	if len(evs) > 0 {
		k.hit("publish") // committed, not yet published
	}
	return evs, err
}

func (k *killAt) MarkSent(ctx context.Context, ids ...string) error {
	k.hit("marksent") // published and acknowledged, not yet marked
	return k.DB.MarkSent(ctx, ids...)
}

func syncKillChild(path string) {
	ctx := context.Background()
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(0)
	}
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		fail(err)
	}
	key, err := tsync.LoadKey(os.Getenv("TRIAD_SYNCKILL_KEYS"), "acme")
	if err != nil {
		fail(err)
	}
	if err := db.UseKey(key); err != nil {
		fail(err)
	}
	nth, _ := strconv.Atoi(os.Getenv("TRIAD_SYNCKILL_NTH"))
	if _, err := Start(&killAt{DB: db, at: os.Getenv("TRIAD_SYNCKILL_AT"), nth: nth},
		Options{URL: os.Getenv("TRIAD_SYNCKILL_HUB")}); err != nil {
		fail(err)
	}
	rs, err := db.DealRequests(ctx, data.DealFilter{})
	if err != nil || len(rs) != 1 {
		fail(fmt.Errorf("%d requests: %v", len(rs), err))
	}
	r := rs[0]
	out := bufio.NewWriter(os.Stdout)
	start, _ := strconv.Atoi(os.Getenv("TRIAD_SYNCKILL_START"))
	for n := start; ; n++ {
		r.Notes = fmt.Sprintf("edit %d", n)
		if r, err = db.UpdateDealRequest(ctx, r); err != nil {
			fail(err)
		}
		fmt.Fprintln(out, "ack", n)
		out.Flush()
		time.Sleep(time.Millisecond) // the worker gets its turn between edits
	}
}

// syncKillTeam makes the facilitator's database (for the child, its key
// in keys) with one request filed, and the Tech Lead's laptop, running.
func syncKillTeam(t *testing.T, url, keys string) (facPath string, tl *member) {
	t.Helper()
	facPath = filepath.Join(t.TempDir(), "triad.db")
	fac, err := sqlite.Open(facPath, sqlite.Options{})
	must(t, err)
	fk, err := tsync.LoadOrCreateKey(keys, "acme")
	must(t, err)
	pod, err := fac.CreatePod(ctx, samplePod())
	must(t, err)
	must(t, fac.SetUpTeam(ctx, "acme", url, "Dan", fk))
	must(t, fac.SharePod(ctx, pod.UID, []tsync.Seat{tsync.SeatFacilitator}, Founder(url, testCode, fk)))
	_, err = fac.CreateDealRequest(ctx, deal(pod.ID, "Acme"))
	must(t, err)

	tl = &member{db: openStore(t)}
	tl.key, err = tsync.NewKey()
	must(t, err)
	tl.pod, err = tl.db.CreatePod(ctx, samplePod())
	must(t, err)
	g, err := tsync.NewGrant(fk, "acme", pod.UID, tsync.SeatTechLead)
	must(t, err)
	must(t, tl.db.SetPodUID(ctx, tl.pod.ID, pod.UID))
	tl.pod.UID = pod.UID
	must(t, tl.db.SetUpTeam(ctx, "acme", url, "Priya Raman", tl.key))
	must(t, tl.db.AddMember(ctx, pod.UID, tsync.Member{Key: fk.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
	must(t, tl.db.AskToJoin(ctx, pod.UID, tsync.SeatTechLead, g))
	asks, err := tl.db.PendingEvents(ctx, 10)
	must(t, err)
	_, err = fac.ApplyEvent(ctx, asks[0])
	must(t, err)
	_, err = fac.DecideJoin(ctx, g.Nonce, true) // the child publishes the approval first
	must(t, err)
	must(t, fac.Close())
	tl.start(t)
	return facPath, tl
}

// runKilled runs the child once, killed at point (or by this process after
// a random number of acknowledged edits), and returns the edits it
// acknowledged and whether it was this process that killed it.
func runKilled(t *testing.T, rng *rand.Rand, env []string, point string, start int) (acked []int, byUs bool) {
	t.Helper()
	self, _ := os.Executable()
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	cmd.Env = append(cmd.Env, "TRIAD_SYNCKILL_AT="+point, "TRIAD_SYNCKILL_NTH="+strconv.Itoa(1+rng.Intn(4)),
		"TRIAD_SYNCKILL_START="+strconv.Itoa(start))
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	target := 5 + rng.Intn(60)
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		if len(f) != 2 || f[0] != "ack" {
			cmd.Process.Kill()
			t.Fatalf("child: %s", lines.Text())
		}
		n, _ := strconv.Atoi(f[1])
		acked = append(acked, n)
		if len(acked) == target {
			byUs = true
			cmd.Process.Kill() // the child's own kill did not come first
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child ended without SIGKILL: %v", err)
	}
	return acked, byUs
}

func TestSyncKillDrill(t *testing.T) {
	kills := 12
	if v, err := strconv.Atoi(os.Getenv("TRIAD_SYNC_KILL_DRILL")); err == nil && v > 0 {
		kills = v
	}
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	keys := filepath.Join(t.TempDir(), "keys")
	facPath, tl := syncKillTeam(t, hub.URL(), keys)
	env := []string{"TRIAD_SYNCKILL_CHILD=" + facPath, "TRIAD_SYNCKILL_KEYS=" + keys, "TRIAD_SYNCKILL_HUB=" + hub.URL()}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[int]bool{}
	next := 0
	at := map[string]int{}
	for k := range kills {
		point := []string{"publish", "marksent", ""}[k%3]
		ns, byUs := runKilled(t, rng, env, point, next)
		if byUs {
			at["at random"]++
		} else {
			at[point]++
		}
		for _, n := range ns {
			acked[n] = true
			next = n + 1
		}
		next++ // an edit in flight may have committed unacknowledged; never reuse its number
	}
	// The facilitator's Triad once more, left to finish sending.
	fac := &member{db: func() *sqlite.DB {
		db, err := sqlite.Open(facPath, sqlite.Options{})
		must(t, err)
		t.Cleanup(func() { db.Close() })
		k, err := tsync.LoadKey(keys, "acme")
		must(t, err)
		must(t, db.UseKey(k))
		return db
	}()}
	fac.start(t)
	eventually(t, "the facilitator's outbox is empty", func() bool { w, _, _ := fac.db.OutboxCounts(ctx); return w == 0 })
	rs, err := fac.db.DealRequests(ctx, data.DealFilter{})
	must(t, err)
	fac.pod.UID = tl.pod.UID
	eventually(t, "the Tech Lead has the facilitator's last edit", func() bool {
		got := requests(t, tl)
		return len(got) == 1 && got[0].Notes == rs[0].Notes
	})
	sameDealDesk(t, fac, tl)
	checkOnce(t, tl, acked)
	if at["publish"] == 0 || at["marksent"] == 0 {
		t.Errorf("the child never killed itself at both points: %v", at)
	}
	t.Logf("sync kill -9 drill: %d kills (%d after a commit before its publication, %d after the hub's acknowledgement "+
		"before MarkSent, %d at random), %d acknowledged edits, 0 lost, none twice",
		kills, at["publish"], at["marksent"], at["at random"], len(acked))
}

// checkOnce: every acknowledged edit is one history line on tl, and no
// edit is on it twice.
func checkOnce(t *testing.T, tl *member, acked map[int]bool) {
	t.Helper()
	r := requests(t, tl)[0]
	hist, err := tl.db.DealHistory(ctx, r.ID)
	must(t, err)
	times := map[int]int{}
	for _, h := range hist {
		for _, c := range h.Changes {
			var n int
			if _, err := fmt.Sscanf(c.New, "edit %d", &n); c.Field == "notes" && err == nil {
				times[n]++
			}
		}
	}
	for n := range acked {
		if times[n] != 1 {
			t.Errorf("acknowledged edit %d is on the Tech Lead's laptop %d times", n, times[n])
		}
	}
	for n, c := range times {
		if c > 1 {
			t.Errorf("edit %d is on the Tech Lead's laptop %d times", n, c)
		}
	}
}
