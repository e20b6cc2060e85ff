package data

import (
	"errors"
	"os"
	"runtime"
	"syscall"
)

// FileProblem is what a failed save means for the person saving, whatever
// the operating system called it.
type FileProblem int

const (
	FileProblemOther    FileProblem = iota
	FileProblemDiskFull             // no space left: free some and try again
	FileProblemReadOnly             // the folder (or disk) cannot be written
	FileProblemInUse                // another program holds the file open, as a PDF viewer does on Windows
)

// Windows' error codes (winerror.h). syscall's ENOSPC and EROFS are codes
// Go invents on Windows, so a full or write-protected disk there never
// matches them.
const (
	winErrorAccessDenied     syscall.Errno = 5
	winErrorWriteProtect     syscall.Errno = 19
	winErrorSharingViolation syscall.Errno = 32
	winErrorLockViolation    syscall.Errno = 33
	winErrorHandleDiskFull   syscall.Errno = 39
	winErrorDiskFull         syscall.Errno = 112
)

// ClassifyFileError says what err, from creating, writing or renaming a
// file, means on this operating system.
func ClassifyFileError(err error) FileProblem { return classifyFileError(err, runtime.GOOS) }

func classifyFileError(err error, goos string) FileProblem {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return FileProblemOther
	}
	if goos == "windows" {
		switch errno {
		case winErrorDiskFull, winErrorHandleDiskFull:
			return FileProblemDiskFull
		case winErrorWriteProtect:
			return FileProblemReadOnly
		case winErrorSharingViolation, winErrorLockViolation:
			return FileProblemInUse
		case winErrorAccessDenied:
			// Windows says "access denied" both for a folder that cannot
			// be written and for replacing a file another program has
			// open. A rename comes after the temporary file was written in
			// that same folder, so there it is the file that is held.
			var le *os.LinkError
			if errors.As(err, &le) && le.Op == "rename" {
				return FileProblemInUse
			}
			return FileProblemReadOnly
		}
		return FileProblemOther
	}
	switch errno {
	case syscall.ENOSPC, syscall.EDQUOT:
		return FileProblemDiskFull
	case syscall.EROFS, syscall.EACCES, syscall.EPERM:
		return FileProblemReadOnly
	case syscall.ETXTBSY, syscall.EBUSY:
		return FileProblemInUse
	}
	return FileProblemOther
}
