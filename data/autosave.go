package data

import (
	"sort"
	"sync"
	"time"
)

// The autosave promise is that nothing typed more than a second before a
// crash is lost. A plain debounce cannot keep it: every key restarts the
// wait, so a facilitator who types without pausing is never saved. So an
// edit is written AutosaveDelay after typing pauses, and at the latest
// AutosaveMaxWait after the first unsaved keystroke, however steadily
// typing goes on. The gap between AutosaveMaxWait and one second is the
// commit's own time (an fsync on a slow disk).
const (
	AutosaveDelay   = 400 * time.Millisecond
	AutosaveMaxWait = 700 * time.Millisecond
	// AutosaveRetry is how soon a failed save (a full disk, a locked
	// file) is tried again without waiting for the next keystroke.
	AutosaveRetry = 3 * time.Second
)

// Timer is the part of *time.Timer the debouncer needs.
type Timer interface{ Stop() bool }

// AfterFunc starts a timer that calls f after d; time.AfterFunc in the app,
// a fake in tests.
type AfterFunc func(d time.Duration, f func()) Timer

// RealAfterFunc is time.AfterFunc as an AfterFunc.
func RealAfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Debouncer collects edits and writes them soon after they are made: each
// key (say, "item 12") holds only its latest save; pending saves run Delay
// after the last Schedule call, or MaxWait after the first one that found
// nothing pending, whichever comes first. A save that fails stays pending
// and is retried Retry later. Flush runs what is pending at once, for the
// window closing or a signal. Saves run one at a time, in the order their
// keys were first scheduled, never on the caller's goroutine unless Flush
// is called there. All methods are safe from any goroutine.
type Debouncer struct {
	Delay   time.Duration
	MaxWait time.Duration // 0: no bound (a plain debounce)
	Retry   time.Duration // 0: a failed save waits for the next Schedule or Flush
	After   AfterFunc
	// OnState is told when saves are pending (true) and when a batch is
	// written (pending false, or true when a failure holds one back, with
	// the first error). It runs on the saving goroutine.
	OnState func(pending bool, err error)

	mu       sync.Mutex
	pending  map[string]pendingSave
	seq      int
	timer    Timer // the pause after the last keystroke
	deadline Timer // the bound from the first unsaved keystroke
	retry    Timer
	saving   sync.Mutex // one batch at a time, in order
}

type pendingSave struct {
	seq  int
	save func() error
}

// NewAutosaver is the debouncer the window uses, on after (time.AfterFunc
// outside tests).
func NewAutosaver(after AfterFunc) *Debouncer {
	return &Debouncer{Delay: AutosaveDelay, MaxWait: AutosaveMaxWait, Retry: AutosaveRetry, After: after}
}

// Schedule replaces key's pending save with save and restarts the delay.
func (d *Debouncer) Schedule(key string, save func() error) {
	d.mu.Lock()
	if d.pending == nil {
		d.pending = map[string]pendingSave{}
	}
	seq := d.seq
	if p, ok := d.pending[key]; ok {
		seq = p.seq
	} else {
		d.seq++
	}
	d.pending[key] = pendingSave{seq: seq, save: save}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = d.After(d.Delay, d.fire)
	if d.deadline == nil && d.MaxWait > 0 {
		d.deadline = d.After(d.MaxWait, d.fire)
	}
	notify := d.OnState
	d.mu.Unlock()
	if notify != nil {
		notify(true, nil)
	}
}

// Pending reports whether any save waits.
func (d *Debouncer) Pending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.pending) > 0
}

// PendingKey reports whether key's save waits.
func (d *Debouncer) PendingKey(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.pending[key]
	return ok
}

func (d *Debouncer) fire() { d.Flush() }

// stopTimers stops every timer; d.mu is held.
func (d *Debouncer) stopTimers() {
	for _, t := range []*Timer{&d.timer, &d.deadline, &d.retry} {
		if *t != nil {
			(*t).Stop()
			*t = nil
		}
	}
}

// Flush runs every pending save now and returns the first error. It
// waits for a batch already being written, so when it returns everything
// scheduled before the call is on disk.
func (d *Debouncer) Flush() error {
	d.saving.Lock()
	defer d.saving.Unlock()
	d.mu.Lock()
	d.stopTimers()
	type keyed struct {
		key string
		pendingSave
	}
	batch := make([]keyed, 0, len(d.pending))
	for k, p := range d.pending {
		batch = append(batch, keyed{k, p})
	}
	d.pending = nil
	notify := d.OnState
	d.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	sort.Slice(batch, func(i, j int) bool { return batch[i].seq < batch[j].seq })
	var first error
	for _, p := range batch {
		err := p.save()
		if err == nil {
			continue
		}
		if first == nil {
			first = err
		}
		// A failed save (full disk, locked file) stays pending, so the
		// next flush tries it again, unless a newer edit replaced it.
		d.mu.Lock()
		if _, newer := d.pending[p.key]; !newer {
			if d.pending == nil {
				d.pending = map[string]pendingSave{}
			}
			d.pending[p.key] = p.pendingSave
		}
		d.mu.Unlock()
	}
	d.mu.Lock()
	if first != nil && d.Retry > 0 && d.retry == nil && len(d.pending) > 0 {
		// Space may come back without a keystroke to trigger the save.
		d.retry = d.After(d.Retry, d.fire)
	}
	pending := len(d.pending) > 0
	d.mu.Unlock()
	if notify != nil {
		notify(pending, first)
	}
	return first
}
