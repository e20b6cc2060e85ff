//go:build linux && !wayland

package main

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

extern void triadXConnectionLost(void);

// When the X server goes away (the desktop session ends, the display is
// shut down) Xlib calls this handler and then exits the process: no signal
// arrives and no Go code runs after it. The handler is the last chance to
// write what was typed.
static int triadOnXIOError(Display *d) {
	triadXConnectionLost();
	return 0;
}

static void triadInstallXIOHandler(void) { XSetIOErrorHandler(triadOnXIOError); }

// The toolkit panics when it cannot reach an X server; asking first lets
// Triad say so in words.
static int triadCanOpenDisplay(void) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	XCloseDisplay(d);
	return 1;
}
*/
import "C"

import (
	"fmt"
	"os"
	"sync/atomic"
)

// xLost runs when the X connection is lost; nil until the window is up.
var xLost atomic.Pointer[func()]

// onDisplayLost makes losing the display a stop like a signal: pending
// edits are written and the database closed before Xlib ends the process.
func onDisplayLost(shown *atomic.Pointer[shownWindow]) {
	f := func() {
		w := shown.Load()
		if w == nil {
			return
		}
		if err := w.flush(); err != nil {
			fmt.Fprintln(os.Stderr, "triad: saving the last edit:", err)
		}
		w.store.Close()
		fmt.Fprintln(os.Stderr, "triad: the display went away; every edit was saved first")
	}
	xLost.Store(&f)
	C.triadInstallXIOHandler()
}

// displayAvailable reports whether an X server answers on $DISPLAY.
func displayAvailable() bool { return C.triadCanOpenDisplay() == 1 }

//export triadXConnectionLost
func triadXConnectionLost() {
	if f := xLost.Load(); f != nil {
		(*f)()
	}
}
