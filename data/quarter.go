package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a calendar quarter, the grain a roadmap is planned in: 2026-Q4.
// The zero value means "no quarter".
type Quarter struct {
	Year int
	Q    int // 1–4
}

// QuarterOf returns the quarter a day falls in.
func QuarterOf(d Date) Quarter {
	if d.IsZero() {
		return Quarter{}
	}
	return Quarter{Year: d.t.Year(), Q: (int(d.t.Month())-1)/3 + 1}
}

// ParseQuarter reads "2026-Q4", "2026 Q4", "Q4 2026" or "2026q4".
func ParseQuarter(s string) (Quarter, error) {
	shown := strings.TrimSpace(s)
	t := strings.ToUpper(shown)
	t = strings.NewReplacer(" ", "", "-", "", "/", "").Replace(t)
	if t == "" {
		return Quarter{}, fmt.Errorf("Enter a quarter as YYYY-Qn, e.g. 2026-Q4")
	}
	var year, q string
	switch {
	case strings.HasPrefix(t, "Q") && len(t) == 6:
		q, year = t[1:2], t[2:]
	case len(t) == 6 && t[4] == 'Q':
		year, q = t[:4], t[5:]
	default:
		return Quarter{}, fmt.Errorf("%q is not a quarter; use YYYY-Qn, e.g. 2026-Q4", shown)
	}
	y, err1 := strconv.Atoi(year)
	n, err2 := strconv.Atoi(q)
	if err1 != nil || err2 != nil || !allDigits(year) {
		return Quarter{}, fmt.Errorf("%q is not a quarter; use YYYY-Qn, e.g. 2026-Q4", shown)
	}
	if n < 1 || n > 4 {
		return Quarter{}, fmt.Errorf("%q: a year has quarters Q1 to Q4", shown)
	}
	qt := Quarter{Year: y, Q: n}
	if err := qt.Validate(); err != nil {
		return Quarter{}, err
	}
	return qt, nil
}

// Validate refuses quarters outside the years a roadmap can mean.
func (q Quarter) Validate() error {
	if q.Q < 1 || q.Q > 4 {
		return fmt.Errorf("a year has quarters Q1 to Q4")
	}
	if q.Year < 1900 || q.Year > 2200 {
		return fmt.Errorf("%d is out of range; use a year between 1900 and 2200", q.Year)
	}
	return nil
}

// IsZero reports whether no quarter is set.
func (q Quarter) IsZero() bool { return q == Quarter{} }

// String is "2026-Q4", or "" for no quarter.
func (q Quarter) String() string {
	if q.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-Q%d", q.Year, q.Q)
}

// Next is the quarter after q.
func (q Quarter) Next() Quarter { return q.Add(1) }

// Add moves by n quarters.
func (q Quarter) Add(n int) Quarter {
	i := q.Year*4 + q.Q - 1 + n
	return Quarter{Year: i / 4, Q: i%4 + 1}
}

// Before reports whether q is earlier than o.
func (q Quarter) Before(o Quarter) bool {
	return q.Year < o.Year || (q.Year == o.Year && q.Q < o.Q)
}

// First is the quarter's first day.
func (q Quarter) First() Date { return NewDate(q.Year, time.Month((q.Q-1)*3+1), 1) }

// Last is the quarter's last day.
func (q Quarter) Last() Date { return q.Next().First().AddDays(-1) }

// QuarterRange is a planning window: From and To inclusive.
type QuarterRange struct{ From, To Quarter }

// DefaultPlanningWindow is the current quarter and the next.
func DefaultPlanningWindow(today Date) QuarterRange {
	q := QuarterOf(today)
	return QuarterRange{From: q, To: q.Next()}
}

// Contains reports whether q is inside the window.
func (r QuarterRange) Contains(q Quarter) bool {
	return !q.IsZero() && !q.Before(r.From) && !r.To.Before(q)
}

// String is "2026-Q4" or "2026-Q4 – 2027-Q1".
func (r QuarterRange) String() string {
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + " – " + r.To.String()
}

// Validate checks both ends and their order.
func (r QuarterRange) Validate() error {
	if err := r.From.Validate(); err != nil {
		return fmt.Errorf("planning window start: %w", err)
	}
	if err := r.To.Validate(); err != nil {
		return fmt.Errorf("planning window end: %w", err)
	}
	if r.To.Before(r.From) {
		return fmt.Errorf("the planning window ends (%s) before it starts (%s)", r.To, r.From)
	}
	return nil
}
