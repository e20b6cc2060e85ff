package decisions

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
)

// hitList shows search hits in the order the store ranked them: each
// hit's title with the matched words marked, what it is and where, and a
// snippet; a row opens the record through its route.
type hitList struct {
	sc *shell.Scope
	// back is where a deal request's page returns to.
	back func() shell.Route
	// podName names a hit's pod; nil in one pod's search, which never
	// shows it.
	podName func(podID int64) string

	hits []data.SearchHit
	list *widget.List
}

func newHitList(sc *shell.Scope, back func() shell.Route, podName func(int64) string) *hitList {
	l := &hitList{sc: sc, back: back, podName: podName}
	l.list = widget.NewList(
		func() int { return len(l.hits) },
		func() fyne.CanvasObject {
			title := widget.NewRichText()
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewRichText()
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, detail)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(l.hits) {
				return
			}
			h := l.hits[id]
			lines := o.(*fyne.Container)
			title := h.Title
			if strings.TrimSpace(data.RunsText(title)) == "" {
				title = data.PlainRuns(kindLabel(h.Kind))
			}
			setRuns(lines.Objects[0].(*widget.RichText), title, true)
			setDetail(lines.Objects[1].(*widget.RichText), l.where(h), h.Snippet)
		},
	)
	l.list.OnSelected = func(id widget.ListItemID) {
		l.list.UnselectAll()
		if id < len(l.hits) {
			l.sc.Go(hitRoute(l.hits[id], l.back()))
		}
	}
	return l
}

// show replaces the hits with a new search's first page.
func (l *hitList) show(hits []data.SearchHit) {
	l.hits = hits
	l.list.Refresh()
	l.list.ScrollToTop()
}

// add appends the search's next page.
func (l *hitList) add(hits []data.SearchHit) {
	l.hits = append(l.hits, hits...)
	l.list.Refresh()
}

// where is "Agenda item · Growth · Thu 12 Nov 2026": what the hit is, its
// pod when the search spans pods, and its meeting's day.
func (l *hitList) where(h data.SearchHit) string {
	parts := []string{kindLabel(h.Kind)}
	if l.podName != nil {
		if name := l.podName(h.PodID); name != "" {
			parts = append(parts, name)
		}
	}
	if !h.MeetingDate.IsZero() {
		parts = append(parts, h.MeetingDate.Long())
	}
	return strings.Join(parts, " · ")
}

// hitRoute is the screen that shows a hit's record: a decision's page, an
// agenda item's or an action item's meeting, a deal request's page (whose
// back button returns to back).
func hitRoute(h data.SearchHit, back shell.Route) shell.Route {
	switch {
	case h.Kind == data.HitDecision:
		return shell.Decision{PodID: h.PodID, ID: h.RefID}
	case h.Kind == data.HitDealRequest:
		return shell.DealRequest{ID: h.RefID, Back: back}
	case h.MeetingID != 0:
		return shell.Meeting{ID: h.MeetingID}
	}
	return shell.Pod{ID: h.PodID}
}

func kindLabel(kind string) string {
	switch kind {
	case data.HitDecision:
		return "Decision"
	case data.HitAgendaItem:
		return "Agenda item"
	case data.HitActionItem:
		return "Action item"
	case data.HitDealRequest:
		return "Deal request"
	}
	return "Record"
}

// setDetail fills a hit's second line: where it is, small and grey, then
// the snippet with the matched words marked.
func setDetail(rt *widget.RichText, where string, snippet []data.Run) {
	meta := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: where, Style: meta}}
	if len(snippet) > 0 {
		segs = append(segs, &widget.TextSegment{Text: " — ", Style: meta})
		segs = append(segs, runSegments(snippet, false)...)
	}
	rt.Segments = segs
	rt.Refresh()
}

// shortWordsHint explains an empty result when some words were too short
// to match as prefixes, else says otherwise.
func shortWordsHint(text, otherwise string) string {
	for _, t := range data.SearchTerms(text) {
		if !t.Prefix {
			return " Words of one or two letters match whole words only: type more of the word."
		}
	}
	return otherwise
}
