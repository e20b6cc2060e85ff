package main

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"triad/app"
)

// slowOpenAfter is how long the database may take to open before a window
// says what Triad is doing. A usual open takes a few milliseconds.
const slowOpenAfter = 300 * time.Millisecond

// opener opens the database for the window. An open that takes longer
// than slowOpenAfter (the backup made before an upgrade, the whole-file
// check after a session that did not close, a cold disk: seconds on ten
// years of history) goes on behind a small window that says so, where
// the user used to see nothing at all until it was done. Closing that
// window quits once the open has ended; a stop that ends the event loop
// sooner (SIGTERM, which the toolkit answers itself) is followed by
// finish, which waits for the open and closes what it opened, so an
// upgrade or a backup is never cut off by the app quitting under it.
type opener struct {
	a  fyne.App
	mu sync.Mutex
	// busy: the file is opening behind the window; quitAsked: its close
	// came meanwhile; ended: the event loop is over (finish).
	busy, quitAsked, ended bool
	say                    func(string)  // the window's last line while busy
	opened                 chan struct{} // closed when a slow open ends
	res                    *openResult   // a slow open's result, until taken
}

type openResult struct {
	s   *lockedStore
	err error
}

// quit quits the app, or once the open has ended when it is under way.
func (o *opener) quit() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.busy {
		fyne.Do(o.a.Quit)
		return
	}
	o.quitAsked = true
	if say := o.say; say != nil {
		fyne.Do(func() { say("Triad closes as soon as the file is open.") })
	}
}

// open runs open off the main goroutine and then, on the main goroutine,
// then with its result: before the event loop runs when the open is
// quick, from the event loop when it is slow. path is the file, named in
// the window.
func (o *opener) open(path string, open func() (*lockedStore, error), then func(*lockedStore, error)) {
	done := make(chan openResult, 1)
	go func() {
		s, err := open()
		done <- openResult{s, err}
	}()
	slow := time.NewTimer(slowOpenAfter)
	defer slow.Stop()
	select {
	case r := <-done:
		then(r.s, r.err)
		return
	case <-slow.C:
	}
	w, say := app.ShowOpening(o.a, path)
	w.SetCloseIntercept(o.quit)
	o.mu.Lock()
	o.busy, o.say, o.opened = true, say, make(chan struct{})
	o.mu.Unlock()
	go func() {
		r := <-done
		o.mu.Lock()
		o.res = &r
		o.mu.Unlock()
		close(o.opened)
		fyne.Do(func() { o.take(w, then) })
	}()
}

// take hands a slow open's result to then, on the event loop, unless the
// loop has ended (finish has it then).
func (o *opener) take(w fyne.Window, then func(*lockedStore, error)) {
	o.mu.Lock()
	if o.ended || o.res == nil {
		o.mu.Unlock()
		return
	}
	r := *o.res
	o.res, o.busy, o.say = nil, false, nil
	asked := o.quitAsked
	o.mu.Unlock()
	then(r.s, r.err)
	w.Close()
	if asked {
		o.a.Quit()
	}
}

// finish runs after the event loop: it waits for a slow open still under
// way and returns the store it opened when the window never took it (nil
// otherwise), for the caller to close.
func (o *opener) finish() *lockedStore {
	o.mu.Lock()
	o.ended = true
	opened := o.opened
	o.mu.Unlock()
	if opened == nil {
		return nil
	}
	<-opened
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.res == nil {
		return nil
	}
	s := o.res.s
	o.res = nil
	return s
}
