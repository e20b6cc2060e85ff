package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func (h *harness) run(args ...string) int {
	h.stdout.Reset()
	h.stderr.Reset()
	return Main(args, h.env)
}

func TestVersionFlag(t *testing.T) {
	h := newHarness(t)
	if code := h.run("--version"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, h.stderr)
	}
	if got := h.stdout.String(); strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "triad 9.9.9 (SQLite 3.") {
		t.Errorf("--version printed %q, want one line", got)
	}
	if h.windowPath != "" {
		t.Error("--version opened the window")
	}
}

// `triad help NAME` and `triad NAME --help` print the same help, on
// standard output: what the command does, its flags and an example.
func TestEveryCommandHasHelpWithFlagsAndAnExample(t *testing.T) {
	h := newHarness(t)
	for _, c := range commands() {
		if code := h.run("help", c.name); code != ExitOK {
			t.Errorf("help %s: exit %d: %s", c.name, code, h.stderr)
		}
		viaHelp := h.stdout.String()
		if h.stderr.Len() > 0 {
			t.Errorf("help %s wrote to stderr: %q", c.name, h.stderr)
		}
		if c.name != "help" {
			if code := h.run(c.name, "--help"); code != ExitOK {
				t.Errorf("%s --help: exit %d", c.name, code)
			}
			if h.stdout.String() != viaHelp {
				t.Errorf("%s --help differs from help %s:\n%s\n---\n%s", c.name, c.name, h.stdout, viaHelp)
			}
		}
		for _, want := range []string{"Usage: triad " + c.name, "Example:\n  triad "} {
			if !strings.Contains(viaHelp, want) {
				t.Errorf("help %s lacks %q:\n%s", c.name, want, viaHelp)
			}
		}
	}
	h.run("help", "minutes")
	for _, want := range []string{"--meeting id", "--pod name", "--date YYYY-MM-DD", "--out file", "--db file", "standard output"} {
		if !strings.Contains(h.stdout.String(), want) {
			t.Errorf("help minutes lacks %q:\n%s", want, h.stdout)
		}
	}
	if code := h.run("help", "frobnicate"); code != ExitUsage || h.stdout.Len() != 0 {
		t.Errorf("help of an unknown command: exit %d, stdout %q", code, h.stdout)
	}
}

// A bad flag is an error: its message and the usage go to standard
// error, nothing to standard output, exit 2.
func TestBadFlagUsageGoesToStderr(t *testing.T) {
	h := newHarness(t)
	for _, args := range [][]string{{"--nope"}, {"minutes", "--bogus"}, {"export", "--out"}, {"import", "--nope", "x.json"}} {
		if code := h.run(args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
		if h.stdout.Len() != 0 {
			t.Errorf("%v wrote to stdout: %q", args, h.stdout)
		}
		if !strings.Contains(h.stderr.String(), "Usage: triad") {
			t.Errorf("%v: stderr %q lacks the usage", args, h.stderr)
		}
	}
}

// Flags may come after the arguments, as in most command lines.
func TestFlagsAfterTheArguments(t *testing.T) {
	dir := t.TempDir()
	export := demoExportFile(t, dir)
	h := newHarness(t)
	into := filepath.Join(dir, "new.db")
	if code := h.run("import", export, "--db", into); code != ExitOK {
		t.Fatalf("import FILE --db X: exit %d: %s", code, h.stderr)
	}
	if code := h.run("meeting", "1", "--db", into); code != ExitOK || !strings.Contains(h.stdout.String(), "Meeting 1:") {
		t.Errorf("meeting ID --db X: exit %d: %s%s", code, h.stdout, h.stderr)
	}
	if code := h.run("meeting", "--db", into, "1"); code != ExitOK {
		t.Errorf("meeting --db X ID: exit %d: %s", code, h.stderr)
	}
	// After "--" everything is an argument: here, a file named like a flag.
	odd := filepath.Join(dir, "-odd.json")
	data, _ := os.ReadFile(export)
	os.WriteFile(odd, data, 0o600)
	t.Chdir(dir)
	if code := h.run("import", "--db", filepath.Join(dir, "odd.db"), "--", "-odd.json"); code != ExitOK {
		t.Errorf("import -- -odd.json: exit %d: %s", code, h.stderr)
	}
}

// --out - writes to standard output where that makes sense and is refused
// where it does not; a file named "-" is never written.
func TestOutDashIsStandardOutput(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	t.Chdir(t.TempDir())

	if code := h.run("export", "--db", db, "--out", "-"); code != ExitOK {
		t.Fatalf("export --out -: exit %d: %s", code, h.stderr)
	}
	var doc struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(h.stdout.Bytes(), &doc); err != nil || doc.Format != "triad-export" {
		t.Errorf("export --out - printed no export (%v): %.80q", err, h.stdout)
	}

	if code := h.run("minutes", "--db", db, "--meeting", "1", "--out", "-"); code != ExitOK {
		t.Fatalf("minutes --out -: exit %d: %s", code, h.stderr)
	}
	if !bytes.HasPrefix(h.stdout.Bytes(), []byte("%PDF-")) {
		t.Errorf("minutes --out - printed %.40q, want a PDF", h.stdout)
	}

	if code := h.run("backup", "--db", db, "--out", "-"); code != ExitUsage || !strings.Contains(h.stderr.String(), "name a file") {
		t.Errorf("backup --out -: exit %d, stderr %q", code, h.stderr)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was written`)
	}
}
