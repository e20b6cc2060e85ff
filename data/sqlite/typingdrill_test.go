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

// The continuous-typing kill drill: a child process types into an agenda
// item's notes without ever pausing, a key every 30–150 ms, each keystroke
// scheduled on the window's autosaver (real timers) with the store call
// autosave makes. The parent kills it with SIGKILL at a random moment and
// checks the promise the README makes: every character typed at least a
// second before the kill is on disk.
//
// TRIAD_TYPING_DRILL=200 go test -tags sqlite_fts5 -run TypingDrill -v ./data/sqlite
// runs the long variant (about seven minutes here).

// typingDrillText is what the child types, over and over.
const typingDrillText = "Pricing: 12k a year per merchant; 王芳 confirms the terms. "

func typingDrillChild(path string) {
	ctx := context.Background()
	meetingID, _ := strconv.ParseInt(os.Getenv("TRIAD_TYPING_MEETING"), 10, 64)
	keyEvery, _ := time.ParseDuration(os.Getenv("TRIAD_TYPING_EVERY"))
	db, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	run, err := db.MeetingRun(ctx, meetingID)
	if err != nil {
		fmt.Println("error", err)
		return
	}
	it := run.Items[0]
	saver := data.NewAutosaver(data.RealAfterFunc)
	saver.OnState = func(_ bool, err error) {
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
	}
	typed := []rune(it.Notes)
	text := []rune(typingDrillText)
	fmt.Println("ready", len(typed))
	for n := 0; ; n++ {
		typed = append(typed, text[(len(typed))%len(text)])
		edit := it
		edit.Notes = string(typed)
		saver.Schedule("item", func() error { return db.UpdateAgendaItem(ctx, edit) })
		// The parent counts this key as typed from now on.
		fmt.Println("key", len(typed), time.Now().UnixNano())
		time.Sleep(keyEvery)
	}
}

func TestTypingDrill(t *testing.T) {
	kills := 4
	if v, err := strconv.Atoi(os.Getenv("TRIAD_TYPING_DRILL")); err == nil && v > 0 {
		kills = v
	}
	path := filepath.Join(t.TempDir(), "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pod, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 12, 7)})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	self, _ := os.Executable()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	var keysOlderThanASecond, worstLost int
	for k := 0; k < kills; k++ {
		every := time.Duration(30+rng.Intn(121)) * time.Millisecond
		cmd := exec.Command(self, "-test.run=^$")
		cmd.Env = append(os.Environ(), "TRIAD_TYPING_CHILD="+path,
			"TRIAD_TYPING_MEETING="+strconv.FormatInt(m.ID, 10), "TRIAD_TYPING_EVERY="+every.String())
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		if !lines.Scan() || !strings.HasPrefix(lines.Text(), "ready") {
			cmd.Process.Kill()
			t.Fatalf("child: %q", lines.Text())
		}
		// Type for 1.2–4 s, then kill at a random moment.
		time.Sleep(time.Duration(1200+rng.Intn(2800)) * time.Millisecond)
		killedAt := time.Now()
		cmd.Process.Kill()
		mustHave := 0 // the keys typed at least a second before the kill
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) != 3 || f[0] != "key" {
				t.Fatalf("child: %q", lines.Text())
			}
			n, _ := strconv.Atoi(f[1])
			at, _ := strconv.ParseInt(f[2], 10, 64)
			if killedAt.Sub(time.Unix(0, at)) >= time.Second && n > mustHave {
				mustHave = n
			}
		}
		cmd.Wait()

		db, err := Open(path, Options{Check: "full"})
		if err != nil {
			t.Fatalf("after kill %d: %v", k+1, err)
		}
		run, err := db.MeetingRun(ctx, m.ID)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		onDisk := len([]rune(run.Items[0].Notes))
		if lost := mustHave - onDisk; lost > 0 {
			worstLost = max(worstLost, lost)
			t.Errorf("kill %d (a key every %v): %d characters typed a second or more before the kill are not on disk", k+1, every, lost)
		}
		keysOlderThanASecond = mustHave
	}
	t.Logf("typing drill: %d kills; at the last, the %d characters typed a second or more before it were on disk; worst loss over all kills: %d",
		kills, keysOlderThanASecond, worstLost)
}
