package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data/sqlite"
)

type harness struct {
	env            Env
	stdout, stderr *bytes.Buffer
	windowPath     string
	vars           map[string]string
}

func newHarness(t *testing.T) *harness {
	h := &harness{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, vars: map[string]string{}}
	def := filepath.Join(t.TempDir(), "default", "triad.db")
	h.env = Env{
		Version:       "9.9.9",
		SQLiteVersion: sqlite.SQLiteVersion(),
		DefaultPath:   func() (string, error) { return def, nil },
		Getenv:        func(k string) string { return h.vars[k] },
		Open: func(path string) (Store, error) {
			return sqlite.Open(path, sqlite.Options{})
		},
		OpenRead: func(path string) (Store, error) {
			return sqlite.OpenReadOnly(path, sqlite.Options{})
		},
		RunWindow: func(path string) error { h.windowPath = path; return nil },
		Now:       func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) },
		Stdout:    h.stdout,
		Stderr:    h.stderr,
	}
	return h
}

func TestHelpListsFlagsCommandsAndDefaultPath(t *testing.T) {
	h := newHarness(t)
	if code := Main([]string{"--help"}, h.env); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	out := h.stdout.String()
	def, _ := h.env.DefaultPath()
	for _, want := range []string{"--db", "version", "demo", def, "Exit codes"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	if h.windowPath != "" {
		t.Error("--help opened the window")
	}
}

func TestVersion(t *testing.T) {
	h := newHarness(t)
	if code := Main([]string{"version"}, h.env); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(h.stdout.String(), "triad 9.9.9") || !strings.Contains(h.stdout.String(), "SQLite 3.") {
		t.Errorf("version output %q", h.stdout.String())
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"--nope"}, {"demo", "--nope"}, {"demo", "extra"}, {"stray"}} {
		h := newHarness(t)
		if code := Main(args, h.env); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestDatabasePathPrecedence(t *testing.T) {
	h := newHarness(t)
	Main(nil, h.env)
	if def, _ := h.env.DefaultPath(); h.windowPath != def {
		t.Errorf("no flag, no env: %q", h.windowPath)
	}
	h.vars["TRIAD_DB"] = "/env/triad.db"
	Main(nil, h.env)
	if h.windowPath != "/env/triad.db" {
		t.Errorf("TRIAD_DB: %q", h.windowPath)
	}
	Main([]string{"--db", "/flag/triad.db"}, h.env)
	if h.windowPath != "/flag/triad.db" {
		t.Errorf("--db: %q", h.windowPath)
	}
}

func TestDemoFillsNewDatabaseOnce(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "demo.db")
	if code := Main([]string{"demo", "--db", path}, h.env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, h.stderr)
	}
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(context.Background())
	if len(pods) < 2 {
		t.Errorf("demo wrote %d pods", len(pods))
	}
	for _, p := range pods {
		ms, _ := db.Meetings(context.Background(), p.ID)
		if len(ms) < 4 {
			t.Errorf("pod %s has %d meetings", p.Name, len(ms))
		}
	}
	db.Close()

	h2 := newHarness(t)
	if code := Main([]string{"demo", "--db", path}, h2.env); code != ExitFailure {
		t.Errorf("second demo: exit %d", code)
	}
	if !strings.Contains(h2.stderr.String(), "already has pods") {
		t.Errorf("second demo said %q", h2.stderr.String())
	}
}

func TestOpenFailureIsReported(t *testing.T) {
	h := newHarness(t)
	h.env.Open = func(string) (Store, error) { return nil, errors.New("/x/triad.db is damaged") }
	if code := Main([]string{"demo", "--db", "/x/triad.db"}, h.env); code != ExitFailure {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(h.stderr.String(), "/x/triad.db is damaged") {
		t.Errorf("stderr %q", h.stderr.String())
	}
}

func TestMeetingsBackupCheck(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "triad.db")
	if code := Main([]string{"demo", "--db", path}, h.env); code != ExitOK {
		t.Fatalf("demo: %s", h.stderr)
	}

	h = newHarness(t)
	if code := Main([]string{"meetings", "--db", path}, h.env); code != ExitOK {
		t.Fatalf("meetings: %s", h.stderr)
	}
	lines := strings.Split(strings.TrimSpace(h.stdout.String()), "\n")
	if len(lines) < 8 {
		t.Fatalf("meetings listed %d lines", len(lines))
	}
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) != 4 || f[3] == "" {
			t.Errorf("line %q is not id, pod, date, state", l)
		}
	}

	h = newHarness(t)
	out := filepath.Join(dir, "copy.db")
	if code := Main([]string{"backup", "--db", path, "--out", out}, h.env); code != ExitOK {
		t.Fatalf("backup: %s", h.stderr)
	}
	if summary, err := sqlite.VerifyFile(out); err != nil || !strings.HasPrefix(summary, "2 pods") {
		t.Errorf("backup copy: %q, %v", summary, err)
	}

	h = newHarness(t)
	if code := Main([]string{"check", "--db", out}, h.env); code != ExitOK {
		t.Fatalf("check: %s", h.stderr)
	}
	if !strings.Contains(h.stdout.String(), "integrity ok") || !strings.Contains(h.stdout.String(), "2 pods") {
		t.Errorf("check said %q", h.stdout.String())
	}

	h = newHarness(t)
	if code := Main([]string{"backup", "--db", path, "--out", filepath.Join(dir, "no", "such", "x.db")}, h.env); code != ExitFailure {
		t.Errorf("backup into a missing folder: exit %d", code)
	}
}

func TestExportImportCommands(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	h := newHarness(t)
	Main([]string{"demo", "--db", src}, h.env)
	out := filepath.Join(dir, "export.json")
	if code := Main([]string{"export", "--db", src, "--out", out}, h.env); code != ExitOK {
		t.Fatalf("export: %s", h.stderr)
	}
	dst := filepath.Join(dir, "dst.db")
	if code := Main([]string{"import", "--db", dst, out}, h.env); code != ExitOK {
		t.Fatalf("import: %s", h.stderr)
	}
	again := filepath.Join(dir, "again.json")
	Main([]string{"export", "--db", dst, "--out", again}, h.env)
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(again)
	if len(a) < 1000 || string(a) != string(b) {
		t.Errorf("export -> import -> export differs (%d vs %d bytes)", len(a), len(b))
	}

	// A malformed file: exit 1, named record, nothing written.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(string(a), `"meeting_weekday": 2`, `"meeting_weekday": "Tue"`, 1)), 0o600)
	h = newHarness(t)
	empty := filepath.Join(dir, "empty.db")
	if code := Main([]string{"import", "--db", empty, bad}, h.env); code != ExitFailure {
		t.Fatalf("bad import: exit %d", code)
	}
	if !strings.Contains(h.stderr.String(), "meeting_weekday") || !strings.Contains(h.stderr.String(), "Nothing was imported") {
		t.Errorf("stderr: %s", h.stderr)
	}
	// The database did not exist before: nothing is left behind, not even
	// a stray temporary file beside it.
	if _, err := os.Stat(empty); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused import left %s behind (%v)", empty, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".triad-*")); len(left) > 0 {
		t.Errorf("a refused import left %v behind", left)
	}
	if code := Main([]string{"import", "--db", empty}, h.env); code != ExitUsage {
		t.Errorf("import without a file: exit %d", code)
	}
}

func TestReadOnlyCommandsDoNotCreateADatabase(t *testing.T) {
	for _, args := range [][]string{{"check"}, {"meetings"}, {"backup"}, {"export", "--out", "x.json"}} {
		h := newHarness(t)
		missing := filepath.Join(t.TempDir(), "typo.db")
		if code := Main(append(args, "--db", missing), h.env); code != ExitFailure {
			t.Errorf("%v: exit %d, want %d", args, code, ExitFailure)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Errorf("%v created %s", args, missing)
		}
		if !strings.Contains(h.stderr.String(), "no database at") {
			t.Errorf("%v said %q", args, h.stderr)
		}
	}
	h := newHarness(t)
	missing := filepath.Join(t.TempDir(), "typo.db")
	if code := Main([]string{"export", "--db", missing}, h.env); code != ExitUsage {
		t.Errorf("export without --out: exit %d", code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("export without --out created the database")
	}
}
