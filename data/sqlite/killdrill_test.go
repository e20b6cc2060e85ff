package sqlite

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
	"testing"
	"time"

	"triad/data"
)

// The kill -9 drill: a child process types into a meeting's agenda notes
// and saves each edit through UpdateAgendaItem, the store call autosave
// makes, and prints "ack N" once each is committed. The parent
// kills it at random moments; after every kill the database must pass
// integrity_check and hold every acknowledged edit.
//
// TRIAD_KILL_DRILL=500 go test -tags sqlite_fts5 -run KillDrill ./data/sqlite
// runs the long variant.

// killDrillItems is how many agenda items the drill's meeting has; edit n
// goes to item n mod killDrillItems, so each item's notes grow by about
// one line per killDrillItems edits.
const killDrillItems = 20

// killDrillNotes is the child's editor state: each item as it was loaded,
// then as typed into. Autosave writes the whole item from this state.
var killDrillNotes []data.AgendaItem

// killDrillSave types "edit n" as a new line of one agenda item's notes
// and saves the item through UpdateAgendaItem, the call the meeting
// screen's autosave makes (app/meeting_agenda.go).
var killDrillSave = func(ctx context.Context, db *DB, meetingID int64, n int) error {
	if killDrillNotes == nil {
		run, err := db.MeetingRun(ctx, meetingID)
		if err != nil {
			return err
		}
		killDrillNotes = run.Items
	}
	it := &killDrillNotes[n%len(killDrillNotes)]
	it.Notes += fmt.Sprintf("edit %d\n", n)
	return db.UpdateAgendaItem(ctx, *it)
}

// killDrillHas reads back which edits the meeting's notes hold.
var killDrillHas = func(ctx context.Context, db *DB, meetingID int64) (map[int]bool, error) {
	// The search index the triggers keep must have survived the kill too.
	if _, err := db.db.ExecContext(ctx, `INSERT INTO search_index (search_index) VALUES ('integrity-check')`); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	run, err := db.MeetingRun(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	has := map[int]bool{}
	for _, it := range run.Items {
		for _, line := range strings.Split(it.Notes, "\n") {
			var n int
			if _, err := fmt.Sscanf(line, "edit %d", &n); err == nil {
				has[n] = true
			}
		}
	}
	return has, nil
}

// killDrillMeeting prepares the meeting the drill edits: the standing
// items plus topics up to killDrillItems.
func killDrillMeeting(t *testing.T, db *DB, podID int64) int64 {
	t.Helper()
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: podID, Date: data.NewDate(2026, 11, 19)})
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(run.Items); i < killDrillItems; i++ {
		if _, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: fmt.Sprintf("Topic %d", i),
			Kind: data.KindTopic, PlannedMinutes: 5}); err != nil {
			t.Fatal(err)
		}
	}
	return m.ID
}

func killDrillChild(path string) {
	ctx := context.Background()
	start, _ := strconv.Atoi(os.Getenv("TRIAD_KILL_START"))
	meetingID, _ := strconv.ParseInt(os.Getenv("TRIAD_KILL_MEETING"), 10, 64)
	db, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	out := bufio.NewWriter(os.Stdout)
	for n := start; ; n++ {
		if err := killDrillSave(ctx, db, meetingID, n); err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			return
		}
		fmt.Fprintln(out, "ack", n)
		out.Flush()
	}
}

func TestKillDrill(t *testing.T) {
	kills := 50
	if v, err := strconv.Atoi(os.Getenv("TRIAD_KILL_DRILL")); err == nil && v > 0 {
		kills = v
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pod, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	meetingID := killDrillMeeting(t, db, pod.ID)
	db.Close()

	self, _ := os.Executable()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[int]bool{}
	next := 0
	for k := 0; k < kills; k++ {
		cmd := exec.Command(self, "-test.run=^$")
		cmd.Env = append(os.Environ(), "TRIAD_KILL_CHILD="+path,
			"TRIAD_KILL_START="+strconv.Itoa(next), "TRIAD_KILL_MEETING="+strconv.FormatInt(meetingID, 10))
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a random number of acknowledged edits (0 to 40), at a
		// random moment in the write that follows.
		target := rng.Intn(41)
		lines := bufio.NewScanner(stdout)
		seen := 0
		for seen < target && lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) == 2 && f[0] == "ack" {
				n, _ := strconv.Atoi(f[1])
				acked[n] = true
				next = n + 1
				seen++
			} else {
				cmd.Process.Kill()
				t.Fatalf("child: %s", lines.Text())
			}
		}
		time.Sleep(time.Duration(rng.Intn(3000)) * time.Microsecond)
		cmd.Process.Kill()
		// Acks printed before the kill landed count too.
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) == 2 && f[0] == "ack" {
				n, _ := strconv.Atoi(f[1])
				acked[n] = true
				next = n + 1
			}
		}
		cmd.Wait()
		next++ // an edit in flight may or may not have landed; never reuse its number

		db, err := Open(path, Options{Check: "full"})
		if err != nil {
			t.Fatalf("after kill %d: %v", k+1, err)
		}
		has, err := killDrillHas(ctx, db, meetingID)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		lost := 0
		for n := range acked {
			if !has[n] {
				lost++
			}
		}
		if lost > 0 {
			t.Fatalf("after kill %d: %d of %d acknowledged edits lost", k+1, lost, len(acked))
		}
	}
	t.Logf("kill -9 drill: 0 lost of %d acknowledged over %d kills", len(acked), kills)
	fmt.Printf("kill -9 drill: 0 lost of %d acknowledged over %d kills\n", len(acked), kills)
}
