package sqlite

// Drills: what happens to a facilitator's database when the disk fills up,
// the folder turns read-only, the file is unreadable or cut short. Each must
// give a clear message and leave the file exactly as it was.

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"triad/data"
)

// mountTmpfs mounts a small tmpfs for a drill, or skips saying why.
func mountTmpfs(t *testing.T, opts string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot mount a small tmpfs here (%v: %s); run as root to include this drill", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fillDisk writes a filler file until the filesystem is full.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return filler
		}
	}
}

func TestDrillDiskFull(t *testing.T) {
	dir := mountTmpfs(t, "size=3m") // a database, its WAL and two backups, then the filler
	path := filepath.Join(dir, "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(ctx, data.BackupManual); err != nil {
		t.Fatal(err)
	}
	filler := fillDisk(t, dir)

	// An edit: refused with a clear message, nothing half-saved.
	var editErr error
	for i := 0; i < 50 && editErr == nil; i++ {
		p := samplePod(fmt.Sprintf("Pod %d", i))
		p.Description = strings.Repeat("long notes ", 180)
		_, editErr = db.CreatePod(ctx, p)
	}
	if !errors.Is(editErr, data.ErrDiskFull) || !strings.Contains(editErr.Error(), "is full") {
		t.Fatalf("edit on a full disk: %v", editErr)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("integrity after the failed edit: %v", err)
	}

	// A backup: refused, and no partial file left behind.
	before, _ := os.ReadDir(BackupDir(path))
	if _, err := db.Backup(ctx, data.BackupManual); !errors.Is(err, data.ErrDiskFull) {
		t.Fatalf("backup on a full disk: %v", err)
	}
	after, _ := os.ReadDir(BackupDir(path))
	if len(after) != len(before) {
		t.Errorf("backup folder went from %d to %d files", len(before), len(after))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".triad-") {
			t.Errorf("partial file left: %s", e.Name())
		}
	}

	// Free the space: the same actions succeed.
	os.Remove(filler)
	if _, err := db.CreatePod(ctx, samplePod("After the cleanup")); err != nil {
		t.Fatalf("edit after freeing space: %v", err)
	}
	if _, err := db.Backup(ctx, data.BackupManual); err != nil {
		t.Fatalf("backup after freeing space: %v", err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestDrillReadOnlyFolder(t *testing.T) {
	src := filepath.Join(t.TempDir(), "triad.db")
	db, err := Open(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.CreatePod(ctx, samplePod("Payments"))
	db.Close()
	content, _ := os.ReadFile(src)

	dir := mountTmpfs(t, "size=1m")
	path := filepath.Join(dir, "triad.db")
	os.WriteFile(path, content, 0o600)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot remount read-only (%v: %s)", err, out)
	}
	_, err = Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("open in a read-only folder: %v", err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, content) {
		t.Error("the file changed")
	}
	if _, err := Open(filepath.Join(dir, "new.db"), Options{}); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("creating in a read-only folder: %v", err)
	}
}

// TestMain lets the test binary re-run itself as another user for the
// unreadable-file drill (root reads any file).
func TestMain(m *testing.M) {
	if path := os.Getenv("TRIAD_KILL_CHILD"); path != "" {
		killDrillChild(path)
		os.Exit(0)
	}
	if path := os.Getenv("TRIAD_TYPING_CHILD"); path != "" {
		typingDrillChild(path)
		os.Exit(0)
	}
	if path := os.Getenv("TRIAD_DRILL_OPEN"); path != "" {
		_, err := Open(path, Options{})
		fmt.Print(err)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestDrillUnreadableFile(t *testing.T) {
	dir, err := os.MkdirTemp("", "triad-drill-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o777)
	path := filepath.Join(dir, "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Chmod(path, 0)
	before, _ := os.ReadFile(path) // root still can

	var msg string
	if os.Geteuid() == 0 {
		// The go-build folder is private to root: run a copy from the drill folder.
		self, _ := os.Executable()
		bin, _ := os.ReadFile(self)
		copyPath := filepath.Join(dir, "drill.test")
		if err := os.WriteFile(copyPath, bin, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(copyPath, "-test.run=^$")
		cmd.Env = append(os.Environ(), "TRIAD_DRILL_OPEN="+path)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.Output()
		if err != nil {
			t.Skipf("skipped: cannot run as another user here (%v)", err)
		}
		msg = string(out)
	} else {
		_, err := Open(path, Options{})
		msg = fmt.Sprint(err)
	}
	if !strings.Contains(msg, "permission denied") || !strings.Contains(msg, path) {
		t.Errorf("unreadable file: %q", msg)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

func TestDrillTruncatedAtRandomOffsets(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	db, err := Open(good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		p := samplePod(fmt.Sprintf("Pod %02d", i))
		p.Description = strings.Repeat("notes ", 300)
		db.CreatePod(ctx, p)
	}
	db.Close()
	full, _ := os.ReadFile(good)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 25; i++ {
		n := 1 + rng.Intn(len(full)-1)
		p := filepath.Join(dir, fmt.Sprintf("cut-%d.db", n))
		os.WriteFile(p, full[:n], 0o600)
		t.Run(fmt.Sprintf("at %d of %d", n, len(full)), func(t *testing.T) {
			refusedUntouched(t, p, "")
		})
	}
}
