package sqlite

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"triad/data"
)

func folderState(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string][32]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		state[e.Name()] = sha256.Sum256(b)
	}
	return state
}

func names(m map[string][32]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// While the window has the file open, a read-only open sees what it has
// committed, cannot write, and closing it leaves the window's marker and
// connection as they were.
func TestReadOnlyOpenBesideTheWriter(t *testing.T) {

	path := tempPath(t)
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}

	r, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatalf("read-only open beside the writer: %v", err)
	}
	pods, err := r.Pods(ctx)
	if err != nil || len(pods) != 1 || pods[0].Name != "Payments" {
		t.Fatalf("pods %v, %v", pods, err)
	}
	if _, err := r.CreatePod(ctx, samplePod("Mobile")); err == nil {
		t.Fatal("a read-only store wrote a pod")
	}
	// The writer goes on, and the reader sees its next commit.
	if _, err := w.CreatePod(ctx, samplePod("Growth")); err != nil {
		t.Fatalf("the writer stopped working beside a reader: %v", err)
	}
	if pods, _ := r.Pods(ctx); len(pods) != 2 {
		t.Fatalf("reader sees %d pods after the writer's commit, want 2", len(pods))
	}
	if _, err := r.Backup(ctx, data.BackupManual); err != nil {
		t.Fatalf("backup through the read-only store: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(openMarker(w.Path())); err != nil {
		t.Fatalf("closing the reader removed the writer's open marker: %v", err)
	}
}

// With no window open, a read-only open and close leaves the database
// byte for byte as it was, and adds no marker or lock: at most SQLite's
// shared-memory index and an empty log, as for any reader of a WAL file.
func TestReadOnlyOpenWritesNothing(t *testing.T) {

	path := tempPath(t)
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before := folderState(t, filepath.Dir(path))

	r, err := OpenReadOnly(path, Options{Check: "full"})
	if err != nil {
		t.Fatal(err)
	}
	if pods, err := r.Pods(ctx); err != nil || len(pods) != 1 {
		t.Fatalf("pods %v, %v", pods, err)
	}
	if err := r.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	after := folderState(t, filepath.Dir(path))
	for name := range after {
		if _, ok := before[name]; ok {
			continue
		}
		if name == "triad.db-shm" {
			continue
		}
		if st, err := os.Stat(filepath.Join(filepath.Dir(path), name)); name == "triad.db-wal" && err == nil && st.Size() == 0 {
			continue
		}
		t.Errorf("files before %v, after %v", names(before), names(after))
	}
	for name, sum := range before {
		if after[name] != sum {
			t.Errorf("%s changed", name)
		}
	}
}

// A read-only open of a missing file creates nothing.
func TestReadOnlyOpenOfAMissingFile(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenReadOnly(filepath.Join(dir, "nope.db"), Options{})
	if !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("err = %v, want not found", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left %d files behind", len(entries))
	}
}
