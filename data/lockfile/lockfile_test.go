package lockfile

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as a second process that holds the lock
// until it is killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("TRIAD_LOCK_CHILD"); path != "" {
		if _, err := Acquire(path); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("locked\n")
		// Hold until killed. Not select{}: with no other goroutine the
		// runtime may call that a deadlock and exit, releasing the lock.
		for {
			time.Sleep(time.Hour)
		}
	}
	// The identity locks go to a folder of the tests' own, not the user's;
	// the child above inherits it.
	dir, err := os.MkdirTemp("", "triad-locks")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_RUNTIME_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestSecondAcquireRefusedInSameProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "triad.db")
	l, err := Acquire(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(db)
	if !errors.Is(err, ErrHeld) || !strings.Contains(err.Error(), "Triad already has this database open") {
		t.Fatalf("second acquire: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(db)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

func TestKilledHolderLeavesNoStaleLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "triad.db")
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "TRIAD_LOCK_CHILD="+db)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "locked" {
		child.Process.Kill()
		t.Fatalf("child said %q", line)
	}

	// While the child lives, this process is refused and told who holds it.
	_, err = Acquire(db)
	if !errors.Is(err, ErrHeld) || !strings.Contains(err.Error(), "process") {
		t.Fatalf("while held: %v", err)
	}

	child.Process.Kill() // SIGKILL: no chance to clean up
	child.Wait()

	l, err := Acquire(db)
	if err != nil {
		t.Fatalf("after kill -9 the lock is still held: %v", err)
	}
	l.Release()
}
