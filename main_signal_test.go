//go:build unix

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"triad/data"
)

// The signal drill: a child process opens the database as the window does
// (behind the lock), types into an agenda item's notes through the
// autosaver and the store call it makes, and is sent a signal straight
// after its last keystroke, before any autosave timer could fire. The
// handler must write the edit, close the file and exit 128+signal.

func TestMain(m *testing.M) {
	if path := os.Getenv("TRIAD_SIGNAL_CHILD"); path != "" {
		os.Exit(signalChild(path))
	}
	if args, ok := os.LookupEnv("TRIAD_MAIN_ARGS"); ok {
		os.Args = append([]string{"triad"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	if path := os.Getenv("TRIAD_OPEN_CHILD"); path != "" {
		_, err := openStore(path)
		fmt.Print(err)
		os.Exit(0)
	}
	os.Exit(withRuntimeDir(m))
}

// withRuntimeDir runs the tests with their identity locks in a folder of
// their own, not the user's.
func withRuntimeDir(m *testing.M) int {
	dir, err := os.MkdirTemp("", "triad-locks")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	os.Setenv("XDG_RUNTIME_DIR", dir)
	return m.Run()
}

// signalChild runs the window's stop path around the store's autosave.
func signalChild(path string) int {
	ctx := context.Background()
	meetingID, _ := strconv.ParseInt(os.Getenv("TRIAD_SIGNAL_MEETING"), 10, 64)
	store, err := openStore(path)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	saver := data.NewAutosaver(data.RealAfterFunc)
	var shown atomic.Pointer[shownWindow]
	shown.Store(&shownWindow{flush: saver.Flush, store: store})
	quit := make(chan struct{})
	stopped := stopOnSignal(func() { close(quit) }, &shown)

	run, err := store.MeetingRun(ctx, meetingID)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	it := run.Items[0]
	for _, r := range os.Getenv("TRIAD_SIGNAL_TEXT") {
		it.Notes += string(r)
		typed := it
		saver.Schedule("item", func() error { return store.UpdateAgendaItem(ctx, typed) })
	}
	fmt.Println("typed")
	<-quit
	err = finish(store, stopped)
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		return coded.ExitCode()
	}
	fmt.Println("error", err)
	return 1
}

func TestSignalsFlushPendingEdits(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "triad.db")
			store, err := openStore(path)
			if err != nil {
				t.Fatal(err)
			}
			p := data.NewPod()
			p.Name = "Payments"
			for i := range p.Leaders {
				p.Leaders[i].Name = "Leader " + string(rune('A'+i))
			}
			pod, err := store.CreatePod(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			m, err := store.CreateMeeting(context.Background(), data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 12, 7)})
			if err != nil {
				t.Fatal(err)
			}
			store.Close()

			text := "Pricing: start at 12k a year, 王芳 to confirm"
			self, _ := os.Executable()
			cmd := exec.Command(self, "-test.run=^$")
			cmd.Env = append(os.Environ(), "TRIAD_SIGNAL_CHILD="+path,
				"TRIAD_SIGNAL_MEETING="+strconv.FormatInt(m.ID, 10), "TRIAD_SIGNAL_TEXT="+text)
			stdout, _ := cmd.StdoutPipe()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			if !lines.Scan() || lines.Text() != "typed" {
				cmd.Process.Kill()
				t.Fatalf("child: %q", lines.Text())
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			var rest []string
			for lines.Scan() {
				rest = append(rest, lines.Text())
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
				t.Fatalf("child exit: %v (want %d) %v", err, 128+int(sig), rest)
			}

			// The lock is free again and the notes are all there.
			store, err = openStore(path)
			if err != nil {
				t.Fatalf("reopen after %v: %v", sig, err)
			}
			defer store.Close()
			run, err := store.MeetingRun(context.Background(), m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := run.Items[0].Notes; !strings.HasSuffix(got, text) {
				t.Errorf("after %v the notes are %q, want them to end with %q", sig, got, text)
			}
		})
	}
}

// A database in a folder the user cannot write (a read-only mount, a CD, a
// folder of someone else's) is refused in words that say so, not with the
// lock file's "permission denied".
func TestReadOnlyFolderIsRefusedInWords(t *testing.T) {
	dir, err := os.MkdirTemp("", "triad-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700); os.RemoveAll(dir) })
	path := filepath.Join(dir, "triad.db")
	store, err := openStore(path)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	os.Remove(path + ".lock")
	self, _ := os.Executable()
	bin, _ := os.ReadFile(self)
	child := filepath.Join(dir, "open.test") // the build folder is private to its owner
	if err := os.WriteFile(child, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	os.Chmod(dir, 0o555)
	cmd := exec.Command(child, "-test.run=^$")
	cmd.Env = append(os.Environ(), "TRIAD_OPEN_CHILD="+path, "XDG_RUNTIME_DIR="+os.TempDir())
	if os.Geteuid() == 0 {
		// root writes anywhere: open as nobody, for whom the folder is read-only.
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("cannot run as another user here: %v", err)
	}
	msg := string(out)
	if !strings.Contains(msg, "is read-only, so Triad cannot keep a database there") || strings.Contains(msg, "lock file") {
		t.Errorf("read-only folder: %q", msg)
	}
}
