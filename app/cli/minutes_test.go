package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// demoDB fills a sample database through the CLI and returns its path.
func demoDB(t *testing.T, h *harness) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "triad.db")
	if code := Main([]string{"demo", "--db", db}, h.env); code != ExitOK {
		t.Fatalf("demo exit %d: %s", code, h.stderr)
	}
	return db
}

func TestMinutesWritesThePDF(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	h.stdout.Reset()
	if code := Main([]string{"meetings", "--db", db}, h.env); code != ExitOK {
		t.Fatalf("meetings exit %d", code)
	}
	var id, date string
	for _, line := range strings.Split(h.stdout.String(), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 4 && f[1] == "Payments" && f[3] == "closed" {
			id, date = f[0], f[2]
			break
		}
	}
	if id == "" {
		t.Fatalf("no closed Payments meeting in:\n%s", h.stdout)
	}
	dir := t.TempDir()
	byID, byName := filepath.Join(dir, "by id.pdf"), filepath.Join(dir, "by name.pdf")
	if code := Main([]string{"minutes", "--db", db, "--meeting", id, "--out", byID}, h.env); code != ExitOK {
		t.Fatalf("minutes --meeting exit %d: %s", code, h.stderr)
	}
	if code := Main([]string{"minutes", "--db", db, "--pod", "Payments", "--date", date, "--out", byName}, h.env); code != ExitOK {
		t.Fatalf("minutes --pod --date exit %d: %s", code, h.stderr)
	}
	a, err := os.ReadFile(byID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(byName)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a, []byte("%PDF-1.")) || !bytes.Contains(a[len(a)-64:], []byte("%%EOF")) {
		t.Fatal("the output is not a complete PDF")
	}
	if !bytes.Equal(a, b) {
		t.Error("the same meeting chosen by id and by pod and date gave different files")
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Fatal("pdfinfo is needed to check the PDF (apt-get install poppler-utils)")
	}
	out, err := exec.Command("pdfinfo", byID).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Triad minutes — Payments") {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	if !strings.Contains(h.stdout.String(), "Wrote the minutes of Payments on "+date) {
		t.Errorf("stdout: %s", h.stdout)
	}
}

func TestMinutesExitCodes(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	out := filepath.Join(t.TempDir(), "m.pdf")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--db", db}, ExitUsage, "name the meeting"},
		{[]string{"--db", db, "--bogus"}, ExitUsage, "not defined"},
		{[]string{"--db", db, "--meeting", "1", "--pod", "Payments"}, ExitUsage, "not both"},
		{[]string{"--db", db, "--pod", "Payments"}, ExitUsage, "--date"},
		{[]string{"--db", db, "--pod", "Payments", "--date", "2026-13-40"}, ExitUsage, "is not a date"},
		{[]string{"--db", db, "--meeting", "x"}, ExitUsage, "invalid value"},
		{[]string{"--db", db, "--meeting", "999", "--out", out}, ExitFailure, "meeting 999"},
		{[]string{"--db", db, "--pod", "Atlas", "--date", "2026-11-19", "--out", out}, ExitFailure, `No pod named "Atlas"`},
		{[]string{"--db", db, "--pod", "Payments", "--date", "2001-01-01", "--out", out}, ExitFailure, "has no meeting on 2001-01-01"},
		{[]string{"--db", filepath.Join(t.TempDir(), "none.db"), "--meeting", "1", "--out", out}, ExitFailure, "no database at"},
	} {
		h.stderr.Reset()
		if code := Main(append([]string{"minutes"}, c.args...), h.env); code != c.code || !strings.Contains(h.stderr.String(), c.says) {
			t.Errorf("minutes %v: exit %d, stderr %q; want exit %d saying %q", c.args, code, h.stderr, c.code, c.says)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed command left %s", out)
	}
}
