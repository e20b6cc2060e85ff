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

// The kill -9 drill: a child process saves edits through the store, the
// way autosave does, and prints "ack N" once each is committed. The parent
// kills it at random moments; after every kill the database must pass
// integrity_check and hold every acknowledged edit.
//
// TRIAD_KILL_DRILL=500 go test -tags sqlite_fts5 -run KillDrill ./data/sqlite
// runs the long variant.

// killDrillSave saves edit n. Each edit is its own record, so the parent
// can check every acknowledged one.
var killDrillSave = func(ctx context.Context, db *DB, podID int64, n int) error {
	_, err := db.CreateMeeting(ctx, data.Meeting{PodID: podID, Date: data.NewDate(2000, 1, 1).AddDays(n)})
	return err
}

// killDrillHas reports whether edit n is in the database.
var killDrillHas = func(ctx context.Context, db *DB, podID int64) (map[int]bool, error) {
	ms, err := db.Meetings(ctx, podID)
	if err != nil {
		return nil, err
	}
	has := map[int]bool{}
	for _, m := range ms {
		has[data.NewDate(2000, 1, 1).DaysUntil(m.Date)] = true
	}
	return has, nil
}

func killDrillChild(path string) {
	ctx := context.Background()
	start, _ := strconv.Atoi(os.Getenv("TRIAD_KILL_START"))
	podID, _ := strconv.ParseInt(os.Getenv("TRIAD_KILL_POD"), 10, 64)
	db, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	out := bufio.NewWriter(os.Stdout)
	for n := start; ; n++ {
		if err := killDrillSave(ctx, db, podID, n); err != nil {
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
	db.Close()

	self, _ := os.Executable()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[int]bool{}
	next := 0
	for k := 0; k < kills; k++ {
		cmd := exec.Command(self, "-test.run=^$")
		cmd.Env = append(os.Environ(), "TRIAD_KILL_CHILD="+path,
			"TRIAD_KILL_START="+strconv.Itoa(next), "TRIAD_KILL_POD="+strconv.FormatInt(pod.ID, 10))
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
		has, err := killDrillHas(ctx, db, pod.ID)
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
