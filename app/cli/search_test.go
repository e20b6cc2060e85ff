package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// `triad search` prints one hit a line, best first: kind, id, pod, score,
// snippet, tab-separated; --pod narrows it to one pod.
func TestSearchPrintsRankedTabSeparatedHits(t *testing.T) {
	h := newHarness(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	if code := Main([]string{"demo", "--db", db}, h.env); code != ExitOK {
		t.Fatalf("demo: exit %d: %s", code, h.stderr)
	}
	h.stdout.Reset()
	if code := Main([]string{"search", "--db", db, "pricing"}, h.env); code != ExitOK {
		t.Fatalf("search: exit %d: %s", code, h.stderr)
	}
	lines := strings.Split(strings.TrimSpace(h.stdout.String()), "\n")
	if len(lines) < 1 || lines[0] == "" {
		t.Fatalf("search found %d lines in the demo:\n%s", len(lines), h.stdout)
	}
	pods := map[string]bool{}
	last := 1e18
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			t.Fatalf("line %q has %d fields, want 5", l, len(f))
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			t.Errorf("id %q", f[1])
		}
		score, err := strconv.ParseFloat(f[3], 64)
		if err != nil || score > last {
			t.Errorf("score %q after %v: not best first", f[3], last)
		}
		last = score
		if !strings.Contains(strings.ToLower(l), "pric") {
			t.Errorf("line %q does not show the match", l)
		}
		pods[f[2]] = true
	}
	pod := ""
	for p := range pods {
		pod = p
	}
	h.stdout.Reset()
	if code := Main([]string{"search", "pricing", "--db", db, "--pod", strings.ToUpper(pod)}, h.env); code != ExitOK {
		t.Fatalf("search --pod: exit %d: %s", code, h.stderr)
	}
	for _, l := range strings.Split(strings.TrimSpace(h.stdout.String()), "\n") {
		if f := strings.Split(l, "\t"); len(f) != 5 || f[2] != pod {
			t.Errorf("--pod %s printed %q", pod, l)
		}
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"search", "--db", db}, ExitUsage},
		{[]string{"search", "--db", db, "--limit", "0", "x"}, ExitUsage},
		{[]string{"search", "--db", db, "--pod", "Nowhere", "pricing"}, ExitFailure},
		{[]string{"search", "--db", filepath.Join(t.TempDir(), "missing.db"), "pricing"}, ExitFailure},
	} {
		if code := Main(c.args, h.env); code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
	}
}
