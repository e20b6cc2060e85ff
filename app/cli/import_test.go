package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
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

// A debt check recorded as "on target" at 19.99% against a 20% quota is
// judged again on import, so the minutes print what the rule says.
func TestImportedMinutesJudgeTheDebtCheckByTheRule(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	var exp map[string]any
	good, _ := os.ReadFile(demoExportFile(t, dir))
	dec := json.NewDecoder(bytes.NewReader(good))
	dec.UseNumber()
	if err := dec.Decode(&exp); err != nil {
		t.Fatal(err)
	}
	// Without the records frozen at close, as for meetings closed before
	// records were kept, the minutes are rebuilt from the live tables; with
	// them, a changed debt check of a closed meeting is refused.
	delete(exp["tables"].(map[string]any), "meeting_records")
	snap := exp["tables"].(map[string]any)["debt_snapshots"].([]any)[0].(map[string]any)
	snap["maintenance_tenths"], snap["total_tenths"], snap["quota_bp"] = 1999, 10000, 2000
	snap["band"], snap["ratio_bp"], snap["shortfall_tenths"] = "on_target", 2000, 0
	meeting := fmt.Sprint(snap["meeting_id"])
	tampered, _ := json.Marshal(exp)
	file := filepath.Join(dir, "tampered.json")
	os.WriteFile(file, tampered, 0o600)
	db := filepath.Join(dir, "imported.db")
	h := newHarness(t)
	if code := Main([]string{"import", "--db", db, file}, h.env); code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, h.stderr)
	}
	pdf := filepath.Join(dir, "minutes.pdf")
	if code := Main([]string{"minutes", "--db", db, "--meeting", meeting, "--out", pdf}, h.env); code != ExitOK {
		t.Fatalf("minutes: exit %d: %s", code, h.stderr)
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(text, "Close to target — maintenance is 19.99% of the roadmap, against a quota of 20%") ||
		!strings.Contains(text, "Add 0.2 points of maintenance to reach 20%") {
		t.Errorf("the minutes do not judge 19.99%% as close to target:\n%s", text)
	}
	if strings.Contains(text, "On target — maintenance") {
		t.Error("the minutes print the file's own judgement")
	}
}
