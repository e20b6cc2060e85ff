package main

import "github.com/go-gl/glfw/v3.3/glfw"

// screenWorkArea is the primary screen's room for windows in screen
// pixels, less its taskbars, docks and top bars, as the system reports it
// (zero when it cannot say). It runs on the main goroutine once the
// window exists: the toolkit has initialised GLFW by then, and GLFW takes
// calls only from the main thread.
func screenWorkArea() (w, h int) {
	defer func() {
		if recover() != nil { // GLFW reports its errors by panicking
			w, h = 0, 0
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0
	}
	_, _, w, h = m.GetWorkarea()
	return w, h
}
