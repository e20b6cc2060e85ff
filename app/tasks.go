package app

import (
	"sync"

	"fyne.io/fyne/v2"
)

// tasks runs database and file work off the UI goroutine and applies each
// result on it through fyne.Do, so a slow disk never freezes the window.
type tasks struct {
	wg sync.WaitGroup
	// inline runs work and apply on the caller's goroutine. Tests set it:
	// fyne's test driver runs fyne.Do on whichever goroutine calls it, so a
	// background apply would race with the test's own widget calls.
	inline bool
}

// run calls work on a new goroutine, then apply with its result on the UI
// goroutine. apply may start further tasks.
func run[T any](t *tasks, work func() (T, error), apply func(T, error)) {
	if t.inline {
		v, err := work()
		apply(v, err)
		return
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		v, err := work()
		fyne.Do(func() { apply(v, err) })
	}()
}

// wait blocks until every task started so far, and the tasks they started,
// have finished. Tests use it instead of sleeping; the test driver runs
// fyne.Do inline, so apply has run when wait returns.
func (t *tasks) wait() { t.wg.Wait() }
