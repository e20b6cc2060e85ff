package minutes_test

// Drill (disk full): exporting a meeting's minutes onto a full disk gives a
// clear error, leaves no partial file and an earlier export as it was,
// does not hurt the database on the same disk, and works once space is
// freed.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"triad/data"
	"triad/data/minutes"
)

func TestDrillMinutesOnFullDisk(t *testing.T) {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot mount a small tmpfs here (%v: %s); run as root to include this drill", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })

	ctx := context.Background()
	db := demoDB(t, dir) // the database shares the disk with the minutes
	_, meeting := latestClosed(t, db, "Payments")
	m, err := minutes.Assemble(ctx, db, meeting.ID, opts)
	if err != nil {
		t.Fatal(err)
	}
	other, err := minutes.Assemble(ctx, db, meeting.ID-1, opts) // the week before
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "Minutes")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	earlier, err := minutes.Save(out, other)
	if err != nil {
		t.Fatal(err)
	}
	earlierBytes, _ := os.ReadFile(earlier)

	// Fill the disk.
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			break
		}
	}
	f.Close()

	// This week's minutes: refused clearly, nothing left behind.
	_, err = minutes.Save(out, m)
	if !errors.Is(err, data.ErrDiskFull) || !strings.Contains(err.Error(), "is full") ||
		!strings.Contains(err.Error(), minutes.FileName(m.Pod, m.Date)) || !strings.Contains(err.Error(), out) {
		t.Fatalf("export on a full disk: %v; want a message that the disk holding %s is full, naming the file", err, out)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != filepath.Base(earlier) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q after the failure; want only the earlier minutes", names)
	}
	// Overwriting the earlier week's file fails too, and leaves it whole.
	if _, err := minutes.Save(out, other); !errors.Is(err, data.ErrDiskFull) {
		t.Fatalf("re-export on a full disk: %v", err)
	}
	if got, _ := os.ReadFile(earlier); !bytes.Equal(got, earlierBytes) {
		t.Error("the earlier minutes changed after a failed re-export")
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("integrity after the failed export: %v", err)
	}

	// Free the space: the export works and gives the usual bytes.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	path, err := minutes.Save(out, m)
	if err != nil {
		t.Fatalf("export after freeing space: %v", err)
	}
	want, _ := minutes.Render(m)
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want) {
		t.Error("the minutes written after the cleanup differ from a fresh render")
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
