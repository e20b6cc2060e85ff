//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// Triad.exe is a GUI program (no console window flashes up when it is
// started from the desktop), so Windows gives it no standard output. A
// command typed in a console (`Triad.exe meetings`) attaches to that
// console, so its output and errors appear where it was typed; output
// already redirected to a file or pipe stays where it was sent.
func init() {
	if len(os.Args) < 2 {
		return // the window
	}
	kernel32 := windows.NewLazySystemDLL("kernel32.dll")
	attach := kernel32.NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer, or the console is gone
	}
	reopen := func(std uint32, name string, flag int, f **os.File) {
		if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
			return // redirected: keep it
		}
		if c, err := os.OpenFile(name, flag, 0); err == nil {
			*f = c
			windows.SetStdHandle(std, windows.Handle(c.Fd()))
		}
	}
	reopen(windows.STD_OUTPUT_HANDLE, "CONOUT$", os.O_WRONLY, &os.Stdout)
	reopen(windows.STD_ERROR_HANDLE, "CONOUT$", os.O_WRONLY, &os.Stderr)
	reopen(windows.STD_INPUT_HANDLE, "CONIN$", os.O_RDONLY, &os.Stdin)
}
