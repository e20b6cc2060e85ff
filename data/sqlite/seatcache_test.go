package sqlite

import (
	"database/sql"
	"testing"

	tsync "triad/data/sync"
)

// Commit hands the writer connection to the next write transaction before
// the committed one has let go of the seat cache. When the next one has
// already added a seat, the late end must leave the cache frozen under it:
// a membership it reads holds its seat, which a rollback may still undo.
func TestAnEarlierTransactionsEndDoesNotThawTheSeatsALaterOneWrote(t *testing.T) {
	var c seatCache
	first, next := new(sql.Tx), new(sql.Tx)
	c.written(first)
	c.written(next) // next adds a seat before first's deferred end has run
	c.txEnded(first)
	uncommitted := tsync.Membership{Pod: "P", Members: []tsync.Member{{Key: "Unew", Seat: tsync.SeatRep}}}
	c.put("P", uncommitted)
	if m, ok := c.get("P"); ok {
		t.Fatalf("the cache holds %v, read by a transaction that had written a seat and may roll it back", m)
	}
	c.txEnded(next)
	c.put("P", tsync.Membership{Pod: "P"})
	if _, ok := c.get("P"); !ok {
		t.Fatal("once the transaction that wrote the seat ended, the cache is not used again")
	}
}
