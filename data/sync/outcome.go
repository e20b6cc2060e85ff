package sync

// Outcome is what a replica did with one event of a batch it was given:
// Result when Err is nil; otherwise the event changed nothing and is to
// be delivered again (Err wraps ErrNotYet when it waits for another event).
type Outcome struct {
	Result Applied
	Err    error
}
