package cli

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoExportFile writes the sample company's export and returns its path.
func demoExportFile(t *testing.T, dir string) string {
	t.Helper()
	h := newHarness(t)
	src := filepath.Join(dir, "src.db")
	if code := Main([]string{"demo", "--db", src}, h.env); code != ExitOK {
		t.Fatalf("demo: %s", h.stderr)
	}
	out := filepath.Join(dir, "export.json")
	if code := Main([]string{"export", "--db", src, "--out", out}, h.env); code != ExitOK {
		t.Fatalf("export: %s", h.stderr)
	}
	return out
}

func sha(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// A refused import into a database that did not exist leaves nothing
// behind: no database, no sidecar files, not the folders it would have made.
func TestRefusedImportLeavesNoFileBehind(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(demoExportFile(t, dir))
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(string(good), `"name": "Payments"`, `"name": "   "`, 1)), 0o600)
	target := filepath.Join(dir, "new", "folder", "triad.db")
	h := newHarness(t)
	if code := Main([]string{"import", "--db", target, bad}, h.env); code != ExitFailure {
		t.Fatalf("exit %d: %s", code, h.stderr)
	}
	if !strings.Contains(h.stderr.String(), "pods[0] (id 1).name: The pod needs a name") {
		t.Errorf("stderr: %s", h.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused import left %s behind (%v)", filepath.Join(dir, "new"), err)
	}

	// The same file in a folder that exists: the folder keeps only what it had.
	before, _ := os.ReadDir(dir)
	target = filepath.Join(dir, "triad.db")
	if code := Main([]string{"import", "--db", target, bad}, h.env); code != ExitFailure {
		t.Fatalf("exit %d", code)
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(before) {
		t.Errorf("the folder held %d entries before and %d after", len(before), len(after))
	}

	// A good file succeeds and leaves only the database (and its lock).
	h = newHarness(t)
	if code := Main([]string{"import", "--db", target, filepath.Join(dir, "export.json")}, h.env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, h.stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".triad-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	h = newHarness(t)
	Main([]string{"check", "--db", target}, h.env)
	if !strings.Contains(h.stdout.String(), "2 pods, 10 meetings") {
		t.Errorf("check after import: %s%s", h.stdout, h.stderr)
	}
}

// A refused import into an existing database leaves its bytes as they were.
func TestRefusedImportLeavesExistingDatabaseUnchanged(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(demoExportFile(t, dir))
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(string(good), `"date": "2026-11-19"`, `"date": "2026-02-31"`, 1)), 0o600)
	for _, target := range []string{filepath.Join(dir, "empty.db"), filepath.Join(dir, "src.db")} {
		if target == filepath.Join(dir, "empty.db") {
			s, err := newHarness(t).env.Open(target)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
		}
		want := sha(t, target)
		h := newHarness(t)
		if code := Main([]string{"import", "--db", target, bad}, h.env); code != ExitFailure {
			t.Fatalf("%s: exit %d", target, code)
		}
		if !strings.Contains(h.stderr.String(), "Nothing was imported") {
			t.Errorf("stderr: %s", h.stderr)
		}
		if sha(t, target) != want {
			t.Errorf("a refused import changed %s", target)
		}
	}
}

func TestImportReadsAByteOrderMarkAndWordsAFileThatIsNotAnExport(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(demoExportFile(t, dir))
	bom := filepath.Join(dir, "bom.json")
	os.WriteFile(bom, append([]byte("\xef\xbb\xbf"), good...), 0o600)
	h := newHarness(t)
	if code := Main([]string{"import", "--db", filepath.Join(dir, "bom.db"), bom}, h.env); code != ExitOK {
		t.Errorf("a file with a byte-order mark: exit %d: %s", code, h.stderr)
	}
	for file, want := range map[string]string{
		"name;date\nPayments;2026-11-26\n":                      "the file is not JSON",
		`{"format": "triad-export", "version": "1"}`:            "version: must be a whole number",
		`{"format": "triad-export", "version": 1, "tables": 3}`: "schema: must be a whole number",
	} {
		path := filepath.Join(dir, "other.json")
		os.WriteFile(path, []byte(file), 0o600)
		h := newHarness(t)
		if code := Main([]string{"import", "--db", filepath.Join(dir, "other.db"), path}, h.env); code != ExitFailure {
			t.Errorf("%q: exit %d", file, code)
		}
		msg := h.stderr.String()
		if !strings.Contains(msg, want) {
			t.Errorf("%q: %s", file, msg)
		}
		for _, w := range []string{"Go struct", "Go value", "unmarshal", "int64", "of type"} {
			if strings.Contains(msg, w) {
				t.Errorf("%q: the message shows %q: %s", file, w, msg)
			}
		}
	}
}
