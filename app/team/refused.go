package team

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
)

// seatNames are the seats as people say them.
var seatNames = map[string]string{"tech_lead": "Tech Lead", "product_manager": "Product Manager",
	"marketing_manager": "Product Marketing Manager", "facilitator": "facilitator", "rep": "sales rep",
	"delegate": "the Tech Lead's delegate"}

// SeatName is a seat as people say it ("Tech Lead").
func SeatName(seat string) string {
	if n, ok := seatNames[seat]; ok {
		return n
	}
	return seat
}

// addRefused lists the refused events, newest first, as many as shown.
func (s *Screen) addRefused() {
	s.body.Add(kit.Section(fmt.Sprintf("Changes refused (%d)", s.seen.refusedTotal)))
	if s.seen.refusedTotal == 0 {
		s.body.Add(kit.Low("Every change that arrived passed its signature and the rules of who may do what."))
	}
	for _, r := range s.seen.refused {
		s.body.Add(kit.Wrapped(refusedLine(r)))
	}
	s.addMore(len(s.seen.refused), s.seen.refusedTotal, "refused changes", func() { s.shownR += PageSize })
}

// refusedLine is "3 Dec 10:04 · deal.edited in Payments from Priya Raman:
// only the rep who filed a request edits it".
func refusedLine(r data.RefusedChange) string {
	return fmt.Sprintf("%s · %s in %s from %s: %s", when(r.At), KindName(r.Kind), r.Pod, r.By, r.Reason)
}

// addKept lists the deletes kept, newest first, as many as shown.
func (s *Screen) addKept() {
	s.body.Add(kit.Section(fmt.Sprintf("Deletes kept (%d)", s.seen.keptTotal)))
	if s.seen.keptTotal == 0 {
		s.body.Add(kit.Low("No delete has met an edit made at the same time."))
	}
	for _, k := range s.seen.kept {
		s.body.Add(kit.Wrapped(keptLine(k)))
	}
	s.addMore(len(s.seen.kept), s.seen.keptTotal, "kept deletes", func() { s.shownK += PageSize })
}

// keptLine is "3 Dec 10:04 · Dan Okafor deleted agenda item “Pricing” of
// the meeting of 2026-11-26 (Payments): the delete met an edit …".
func keptLine(k data.KeptDelete) string {
	pod := ""
	if k.Pod != "" {
		pod = " (" + k.Pod + ")"
	}
	by := k.By
	if by == "" {
		by = "Someone"
	}
	return fmt.Sprintf("%s · %s deleted %s%s: %s", when(k.At), by, k.What, pod, k.Reason)
}

// addMore adds "Show more" when fewer lines are shown than there are.
func (s *Screen) addMore(shown, total int, what string, more func()) {
	if shown >= total {
		return
	}
	n := min(PageSize, total-shown)
	s.body.Add(widget.NewButton(fmt.Sprintf("Show %d more %s (%d not shown)", n, what, total-shown), func() {
		more()
		s.Reload()
	}))
}

// KindName is an event's kind as people read it: "deal.edited" becomes
// "deal edited".
func KindName(kind string) string { return strings.ReplaceAll(kind, ".", " ") }

func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2 Jan 2006 15:04")
}
