package sync

import (
	"fmt"
	"strconv"
	"strings"
	gosync "sync"
	"time"
)

// HLC is a hybrid logical clock reading: wall-clock milliseconds and a
// counter that orders events within one millisecond, or events whose
// sender's clock ran ahead of ours. Readings compare by Wall, then Logical;
// ties between two replicas are broken by the event id (see Event.After).
type HLC struct {
	Wall    int64  // Unix milliseconds
	Logical uint32 // counter within Wall
}

// String is the reading as fixed-width text, which sorts as the clock does:
// "0001733215200123-00000".
func (h HLC) String() string { return fmt.Sprintf("%016d-%05d", h.Wall, h.Logical) }

// ParseHLC reads String's form back.
func ParseHLC(s string) (HLC, error) {
	w, l, ok := strings.Cut(s, "-")
	if !ok || len(w) != 16 || len(l) != 5 {
		return HLC{}, fmt.Errorf("clock reading %q is not in the form 0000000000000000-00000", s)
	}
	wall, err := strconv.ParseInt(w, 10, 64)
	if err != nil || wall < 0 {
		return HLC{}, fmt.Errorf("clock reading %q: bad wall time", s)
	}
	logical, err := strconv.ParseUint(l, 10, 32)
	if err != nil {
		return HLC{}, fmt.Errorf("clock reading %q: bad counter", s)
	}
	return HLC{Wall: wall, Logical: uint32(logical)}, nil
}

// Less reports whether h comes before o.
func (h HLC) Less(o HLC) bool {
	return h.Wall < o.Wall || (h.Wall == o.Wall && h.Logical < o.Logical)
}

// IsZero reports whether h is the zero reading.
func (h HLC) IsZero() bool { return h == HLC{} }

// Clock hands out HLC readings that never go backwards, even when the
// laptop's clock does, and that stay after every reading it has observed
// from other replicas. It is safe for concurrent use.
type Clock struct {
	mu   gosync.Mutex
	now  func() time.Time
	last HLC
}

// NewClock returns a clock on now (time.Now when nil).
func NewClock(now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{now: now}
}

// Now is a new reading, after every reading handed out or observed.
func (c *Clock) Now() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	pt := c.now().UnixMilli()
	if pt > c.last.Wall {
		c.last = HLC{Wall: pt}
	} else {
		c.last.Logical++
	}
	return c.last
}

// Observe moves the clock past a reading received from another replica,
// so the next local edit is ordered after what this replica has seen.
func (c *Clock) Observe(r HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last.Less(r) {
		c.last = r
	}
}
