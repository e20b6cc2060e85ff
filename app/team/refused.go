package team

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
	tsync "triad/data/sync"
)

// SeatName is a seat as people say it ("Tech Lead").
func SeatName(seat string) string { return tsync.Seat(seat).Label() }

// addRefused lists the refused events, newest first, as many as shown.
func (s *Screen) addRefused() {
	lines := make([]string, len(s.seen.refused))
	for i, r := range s.seen.refused {
		lines[i] = refusedLine(r)
	}
	s.addList("Changes refused", s.seen.refusedTotal, lines, "refused changes",
		"Every change that arrived passed its signature and the rules of who may do what.", func() { s.shownR += PageSize })
}

// addList adds a section of lines, saying empty when there are none, and
// "Show more" when fewer are shown than there are.
func (s *Screen) addList(title string, total int, lines []string, what, empty string, more func()) {
	s.body.Add(kit.Section(fmt.Sprintf("%s (%d)", title, total)))
	if total == 0 {
		s.body.Add(kit.Low(empty))
	}
	for _, l := range lines {
		s.body.Add(kit.Wrapped(l))
	}
	s.addMore(len(lines), total, what, more)
}

// refusedLine is "3 Dec 10:04 · deal.edited in Payments from Priya Raman:
// only the rep who filed a request edits it".
func refusedLine(r data.RefusedChange) string {
	return fmt.Sprintf("%s · %s in %s from %s: %s", when(r.At), KindName(r.Kind), r.Pod, r.By, r.Reason)
}

// addKept lists the deletes kept, newest first, as many as shown.
func (s *Screen) addKept() {
	lines := make([]string, len(s.seen.kept))
	for i, k := range s.seen.kept {
		lines[i] = keptLine(k)
	}
	s.addList("Deletes kept", s.seen.keptTotal, lines, "kept deletes",
		"No delete has met an edit made at the same time.", func() { s.shownK += PageSize })
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
