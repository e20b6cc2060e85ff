package data

import (
	"sort"
	"sync"
	"time"
)

// AutosaveDelay is how long typing must pause before an edit is written.
const AutosaveDelay = 700 * time.Millisecond

// Timer is the part of *time.Timer the debouncer needs.
type Timer interface{ Stop() bool }

// AfterFunc starts a timer that calls f after d; time.AfterFunc in the app,
// a fake in tests.
type AfterFunc func(d time.Duration, f func()) Timer

// RealAfterFunc is time.AfterFunc as an AfterFunc.
func RealAfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Debouncer collects edits and writes them once typing pauses: each key
// (say, "item 12") holds only its latest save, and every pending save runs
// Delay after the last Schedule call. Flush runs what is pending at once,
// for the window closing. Saves run one at a time, in the order their keys
// were first scheduled, never on the caller's goroutine unless Flush is
// called there.
type Debouncer struct {
	Delay time.Duration
	After AfterFunc
	// OnState is told when saves are pending (true) and when all written
	// (false, with the last error). It runs on the saving goroutine.
	OnState func(pending bool, err error)

	mu      sync.Mutex
	pending map[string]pendingSave
	seq     int
	timer   Timer
	saving  sync.Mutex // one batch at a time, in order
}

type pendingSave struct {
	seq  int
	save func() error
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

func (d *Debouncer) fire() { d.Flush() }

// Flush runs every pending save now and returns the first error. It
// waits for a batch already being written, so when it returns everything
// scheduled before the call is on disk.
func (d *Debouncer) Flush() error {
	d.saving.Lock()
	defer d.saving.Unlock()
	d.mu.Lock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
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
	if notify != nil {
		notify(d.Pending(), first)
	}
	return first
}
