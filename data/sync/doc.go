// Package sync is team mode's domain: the signed event every replica
// exchanges, the hybrid logical clock that orders edits, the member keys
// (nkeys, ed25519) and the authority rule that every replica applies
// before it takes an event. It knows nothing of SQL, NATS or Fyne: the
// store writes and applies events (data/sqlite), and the worker carries
// them (data/sync/natsync).
package sync
