package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"triad/app/cli"
	"triad/data/lockfile"
)

func runCommand(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := newEnv()
	env.Stdout, env.Stderr = &out, &errOut
	code = cli.Main(args, env)
	return out.String(), errOut.String(), code
}

// While the window has the database open, the commands that only read
// work beside it; the ones that write are refused, naming the Triad that
// has it open, and change nothing.
func TestReadOnlyCommandsWorkWhileTheWindowIsOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "triad.db")
	if _, stderr, code := runCommand(t, "demo", "--db", path); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	window, err := openStore(path) // as the window opens it
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()

	for _, args := range [][]string{
		{"meetings"},
		{"meeting", "4"},
		{"check"},
		{"export", "--out", filepath.Join(dir, "x.json")},
		{"minutes", "--meeting", "4", "--out", filepath.Join(dir, "m.pdf")},
		{"minutes", "--meeting", "5", "--out", filepath.Join(dir, "draft.pdf")},
		{"backup"},
		{"backup", "--out", filepath.Join(dir, "copy.db")},
	} {
		if _, stderr, code := runCommand(t, append(args, "--db", path)...); code != 0 {
			t.Errorf("%v beside the window: exit %d: %s", args, code, stderr)
		}
	}

	export := filepath.Join(dir, "x.json")
	for _, args := range [][]string{{"demo"}, {"import", export}} {
		_, stderr, code := runCommand(t, append(args, "--db", path)...)
		if code != 1 || !strings.Contains(stderr, "Triad already has this database open") ||
			!strings.Contains(stderr, "process "+strconv.Itoa(os.Getpid())) || !strings.Contains(stderr, "work while it is open") {
			t.Errorf("%v beside the window: exit %d: %s", args, code, stderr)
		}
	}
	// The window still writes.
	if err := window.Close(); err != nil {
		t.Fatal(err)
	}
}

// A refused check or import leaves nothing beside the file it refused: no
// lock file, no empty database.
func TestRefusedCommandsLeaveNoLockOrDatabase(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(foreign, []byte("not a database at all, just some notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(dir, "bad.json")
	os.WriteFile(export, []byte(`{"format":"triad-export","version":1,"schema":1,"tables":{"pods":[{"id":1}]}}`), 0o600)

	for _, args := range [][]string{
		{"check", "--db", foreign},
		{"import", export, "--db", foreign},
		{"check", "--db", filepath.Join(dir, "typo.db")},
		{"import", export, "--db", filepath.Join(dir, "new.db")},
		{"meetings", "--db", foreign},
	} {
		if _, stderr, code := runCommand(t, args...); code != 1 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
		entries, _ := os.ReadDir(dir)
		var left []string
		for _, e := range entries {
			if n := e.Name(); n != "notes.db" && n != "bad.json" {
				left = append(left, n)
			}
		}
		if len(left) > 0 {
			t.Errorf("%v left %v", args, left)
		}
	}
	if _, err := os.Stat(lockfile.PathFor(foreign)); err == nil {
		t.Error("a lock file stayed beside the refused file")
	}
}
