//go:build !linux || wayland

package main

import (
	"os"
	"runtime"
	"sync/atomic"
)

// onDisplayLost: only X11 ends the process behind Go's back when the
// display goes; elsewhere the session's end arrives as a signal.
func onDisplayLost(*atomic.Pointer[shownWindow]) {}

// displayAvailable: Windows and macOS always have a desktop for a
// program started on them; a Wayland build or another Unix needs one
// named in the environment.
func displayAvailable() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return true
	}
	return os.Getenv("WAYLAND_DISPLAY") != "" || os.Getenv("DISPLAY") != ""
}
