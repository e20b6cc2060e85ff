package data

import (
	"fmt"
	"os"
	"syscall"
	"testing"
)

// The same failures read the same on Windows as on Linux: a full disk, a
// read-only folder, and a file a PDF viewer holds open.
func TestClassifyFileError(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("cannot save x.pdf: %w", err) }
	cases := []struct {
		goos string
		err  error
		want FileProblem
	}{
		{"windows", wrap(&os.PathError{Op: "write", Path: `E:\x.tmp`, Err: syscall.Errno(112)}), FileProblemDiskFull}, // ERROR_DISK_FULL
		{"windows", wrap(&os.PathError{Op: "write", Path: `E:\x.tmp`, Err: syscall.Errno(39)}), FileProblemDiskFull},  // ERROR_HANDLE_DISK_FULL
		{"windows", wrap(&os.PathError{Op: "open", Path: `E:\x.tmp`, Err: syscall.Errno(5)}), FileProblemReadOnly},    // access denied creating in the folder
		{"windows", wrap(&os.PathError{Op: "open", Path: `E:\x.tmp`, Err: syscall.Errno(19)}), FileProblemReadOnly},   // ERROR_WRITE_PROTECT
		{"windows", wrap(&os.LinkError{Op: "rename", Old: `C:\m\.x.tmp`, New: `C:\m\x.pdf`, Err: syscall.Errno(5)}), FileProblemInUse},
		{"windows", wrap(&os.LinkError{Op: "rename", Old: `C:\m\.x.tmp`, New: `C:\m\x.pdf`, Err: syscall.Errno(32)}), FileProblemInUse}, // ERROR_SHARING_VIOLATION
		{"windows", wrap(syscall.Errno(2)), FileProblemOther},
		{"linux", wrap(&os.PathError{Op: "write", Err: syscall.ENOSPC}), FileProblemDiskFull},
		{"linux", wrap(&os.PathError{Op: "open", Err: syscall.EROFS}), FileProblemReadOnly},
		{"linux", wrap(&os.PathError{Op: "open", Err: syscall.EACCES}), FileProblemReadOnly},
		{"linux", wrap(&os.PathError{Op: "open", Err: syscall.ENOENT}), FileProblemOther},
		{"linux", fmt.Errorf("no errno"), FileProblemOther},
	}
	for _, c := range cases {
		if got := classifyFileError(c.err, c.goos); got != c.want {
			t.Errorf("%s %v: %d, want %d", c.goos, c.err, got, c.want)
		}
	}
}
