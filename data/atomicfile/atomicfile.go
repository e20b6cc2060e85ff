// Package atomicfile replaces files so that a crash, a full disk or a
// failed write never leaves a truncated file behind: the new contents go
// to a temporary file in the same folder, which is synced to disk and only
// then renamed over the target. The target holds either its old contents
// or the complete new ones.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// Perm is the mode of every file written here: minutes, mail drafts and
// exports are private to the user.
const Perm os.FileMode = 0o600

// Seams for tests: the steps that fail on a full or vanished disk.
var (
	syncFile = (*os.File).Sync
	rename   = os.Rename
)

// Write creates or replaces path with what write produces. If write, the
// sync or the rename fails, path is left as it was and the temporary file
// is removed.
func Write(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return fmt.Errorf("cannot save to %q: it names a folder, not a file", path)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot save %s: the folder %s does not exist", base, dir)
		}
		return fmt.Errorf("cannot save %s in %s: %w", base, dir, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	if err := tmp.Chmod(Perm); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("cannot save %s: %w", base, err)
	}
	if err := write(tmp); err != nil {
		return fmt.Errorf("cannot save %s: %w", base, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("cannot save %s: writing it to disk failed: %w", base, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot save %s: %w", base, err)
	}
	if err := rename(tmpName, path); err != nil {
		return fmt.Errorf("cannot save %s: %w", base, err)
	}
	syncDir(dir)
	return nil
}

// WriteBytes replaces path with data.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// syncDir makes the rename itself durable. It is best effort: some
// systems (Windows) cannot open a folder for syncing, and the file's own
// contents are already on disk.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// link is os.Link; tests replace it to act as a file system without hard
// links.
var link = os.Link

// PlaceNew moves the finished file tmp to path, which must not exist: an
// existing file there is never replaced. It hard-links tmp into place and
// removes tmp; where the file system has no hard links (FAT and exFAT, as
// on most USB sticks) it reserves path with an exclusive create and
// renames tmp over that empty reservation instead.
func PlaceNew(tmp, path string) error {
	err := link(tmp, path)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, os.ErrExist) {
		return err
	}
	reserve, rerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, Perm)
	if rerr != nil {
		return rerr // ErrExist when the file appeared meanwhile
	}
	reserve.Close()
	if rerr := rename(tmp, path); rerr != nil {
		os.Remove(path) // our own empty reservation
		return rerr
	}
	return nil
}
