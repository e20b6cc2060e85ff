//go:build !linux || wayland

package main

import "sync/atomic"

// onDisplayLost: only X11 ends the process behind Go's back when the
// display goes; elsewhere the session's end arrives as a signal.
func onDisplayLost(*atomic.Pointer[shownWindow]) {}
