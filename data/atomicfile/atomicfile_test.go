package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// entries lists a folder, so a test can see that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteCreatesAPrivateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Triad minutes - Atlas - 2026-11-25.pdf")
	if err := WriteBytes(path, []byte("%PDF-1.3 complete")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "%PDF-1.3 complete" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("folder holds %q, want only the file", names)
	}
}

func TestWriteReplacesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("got %q, want new", got)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
}

// Every way a save can fail leaves the old file exactly as it was and no
// temporary file behind.
func TestFailedWriteKeepsTheOldFileAndLeavesNoPartialOne(t *testing.T) {
	errDiskFull := errors.New("no space left on device")
	tests := []struct {
		name  string
		write func(io.Writer) error
		setup func(t *testing.T) // installs a failing seam
	}{
		{"render fails half way", func(w io.Writer) error {
			_, _ = w.Write([]byte("%PDF-1.3 half"))
			return errors.New("render failed")
		}, nil},
		{"sync fails", writeString("%PDF-1.3 whole"), func(t *testing.T) {
			old := syncFile
			syncFile = func(*os.File) error { return errDiskFull }
			t.Cleanup(func() { syncFile = old })
		}},
		{"rename fails", writeString("%PDF-1.3 whole"), func(t *testing.T) {
			old := rename
			rename = func(string, string) error { return errDiskFull }
			t.Cleanup(func() { rename = old })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "m.pdf")
			good := []byte("%PDF-1.3 the good old minutes %%EOF")
			if err := os.WriteFile(path, good, 0o600); err != nil {
				t.Fatal(err)
			}
			if tt.setup != nil {
				tt.setup(t)
			}
			err := Write(path, tt.write)
			if err == nil {
				t.Fatal("Write succeeded; want an error")
			}
			if !strings.Contains(err.Error(), "m.pdf") {
				t.Errorf("error %q does not name the file", err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, good) {
				t.Errorf("the old file now holds %q", got)
			}
			if names := entries(t, dir); len(names) != 1 {
				t.Errorf("folder holds %q after the failure, want only the old file", names)
			}
		})
	}
}

func TestFolderThatDisappearsMidWriteLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "minutes")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "m.pdf")
	err := Write(path, func(w io.Writer) error {
		if _, err := w.Write([]byte("%PDF-1.3 partial")); err != nil {
			return err
		}
		// The folder goes away (a USB stick pulled, a share unmounted).
		return os.RemoveAll(dir)
	})
	if err == nil {
		t.Fatal("Write succeeded into a folder that no longer exists")
	}
	if _, statErr := os.Stat(path); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("a file exists at %s after the failure: %v", path, statErr)
	}
	if names := entries(t, parent); len(names) != 0 {
		t.Errorf("parent holds %q", names)
	}
}

func TestMissingFolderIsNamed(t *testing.T) {
	err := WriteBytes(filepath.Join(t.TempDir(), "gone", "m.pdf"), []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("err = %v, want a message that the folder does not exist", err)
	}
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// A new file is put in place without replacing one that exists, with hard
// links and, as on FAT and exFAT, without them.
func TestPlaceNewWithAndWithoutHardLinks(t *testing.T) {
	for _, noLinks := range []bool{false, true} {
		if noLinks {
			link = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
		}
		dir := t.TempDir()
		tmp, path := filepath.Join(dir, ".new.tmp"), filepath.Join(dir, "triad.db")
		os.WriteFile(tmp, []byte("new"), 0o600)
		if err := PlaceNew(tmp, path); err != nil {
			t.Fatalf("no links %v: %v", noLinks, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "new" {
			t.Errorf("no links %v: placed %q", noLinks, b)
		}
		if _, err := os.Stat(tmp); err == nil {
			t.Errorf("no links %v: the temporary file stayed", noLinks)
		}
		// A file already there stays as it is.
		os.WriteFile(tmp, []byte("newer"), 0o600)
		if err := PlaceNew(tmp, path); !errors.Is(err, os.ErrExist) {
			t.Errorf("no links %v: over an existing file: %v", noLinks, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "new" {
			t.Errorf("no links %v: the existing file became %q", noLinks, b)
		}
		link = os.Link
	}
}
