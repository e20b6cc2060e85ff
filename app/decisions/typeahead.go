package decisions

import (
	"time"

	"triad/app/shell"
)

// SearchDelay is how long a search box waits after a keystroke before it
// asks the store: typing "pricing" at speed runs one query, not seven.
const SearchDelay = 150 * time.Millisecond

// typeahead runs what a search box asks for, the newest only. Each query
// gets a scope of its own, whose context the store's read runs under; the
// next keystroke ends it at once, which cancels the read (SQLite stops)
// and drops its answer, so a slow older answer never replaces a newer one.
type typeahead struct {
	sc     *shell.Scope
	latest shell.Latest
}

// typed runs query SearchDelay after this keystroke unless another comes
// first; the query before is ended now.
func (ta *typeahead) typed(query func(q *shell.Scope)) {
	q := ta.latest.Next(ta.sc)
	q.After(SearchDelay, func() { query(q) })
}

// now runs query at once (a filter picked, a page asked for), ending the
// query before.
func (ta *typeahead) now(query func(q *shell.Scope)) { query(ta.latest.Next(ta.sc)) }

// stop ends the query under way, if any, and runs none: the box shows a
// problem instead of results.
func (ta *typeahead) stop() { ta.latest.Next(ta.sc) }
