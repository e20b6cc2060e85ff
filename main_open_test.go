package main

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// slowOpen is an open that waits for release, then opens a real file.
func slowOpen(t *testing.T, release <-chan struct{}) func() (*lockedStore, error) {
	path := filepath.Join(t.TempDir(), "triad.db")
	return func() (*lockedStore, error) {
		<-release
		return openStore(path)
	}
}

// A quick open is handed over before the function returns, with no window
// of its own.
func TestAQuickOpenShowsNoWindowOfItsOwn(t *testing.T) {
	a := test.NewTempApp(t)
	release := make(chan struct{})
	close(release)
	o := &opener{a: a}
	before := len(a.Driver().AllWindows())
	var got *lockedStore
	o.open("triad.db", slowOpen(t, release), func(s *lockedStore, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = s
	})
	if got == nil {
		t.Fatal("a quick open was not handed over before open returned")
	}
	defer got.Close()
	if n := len(a.Driver().AllWindows()) - before; n != 0 {
		t.Fatalf("%d windows for a quick open, want none", n)
	}
	if o.finish() != nil {
		t.Fatal("finish returned a store the window had taken")
	}
}

// A slow open shows its window at once, is handed over when it ends, and
// a close of that window meanwhile waits for it.
func TestASlowOpenSaysSoAndItsCloseWaitsForIt(t *testing.T) {
	a := test.NewTempApp(t)
	release := make(chan struct{})
	o := &opener{a: a}
	before := len(a.Driver().AllWindows())
	handed := make(chan *lockedStore, 1)
	o.open("triad.db", slowOpen(t, release), func(s *lockedStore, err error) {
		if err != nil {
			t.Error(err)
		}
		handed <- s
	})
	if n := len(a.Driver().AllWindows()) - before; n != 1 {
		t.Fatalf("%d windows while the file opens, want the one saying so", n)
	}
	o.quit() // its close button, before the open ends
	select {
	case <-handed:
		t.Fatal("handed over before the open ended")
	case <-time.After(50 * time.Millisecond):
	}
	o.mu.Lock()
	asked := o.quitAsked
	o.mu.Unlock()
	if !asked {
		t.Fatal("a close while the file opens was not kept for after it")
	}
	close(release)
	s := <-handed
	if s == nil {
		t.Fatal("no store handed over")
	}
	defer s.Close()
	if left := o.finish(); left != nil {
		t.Fatal("finish returned the store the window took")
	}
}

// When the event loop ends first (SIGTERM, which the toolkit answers by
// quitting), finish waits for the open and returns its store to close;
// the window never takes it.
func TestAnOpenOutlivingTheEventLoopIsClosedAfterIt(t *testing.T) {
	a := test.NewTempApp(t)
	release := make(chan struct{})
	o := &opener{a: a}
	o.open("triad.db", slowOpen(t, release), func(s *lockedStore, err error) {
		t.Error("handed to the window after the event loop ended")
	})
	got := make(chan *lockedStore, 1)
	go func() { got <- o.finish() }()
	for ended := false; !ended; { // finish has marked the loop over
		time.Sleep(time.Millisecond)
		o.mu.Lock()
		ended = o.ended
		o.mu.Unlock()
	}
	close(release)
	s := <-got
	if s == nil {
		t.Fatal("finish did not return the store opened after the loop ended")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
