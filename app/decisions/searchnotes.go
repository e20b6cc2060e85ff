package decisions

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// agendaNotesLimit is how many agenda hits the decision log shows under
// its decisions; more words narrow them.
const agendaNotesLimit = 50

// agendaNotes is the decision log's "Also in meeting notes" section: the
// agenda items whose notes or outcome match the search, newest first,
// each opening its meeting.
type agendaNotes struct {
	sc    *shell.Scope
	podID int64

	hits   []data.SearchHit
	latest shell.Latest // the newest search; an older answer is dropped
	head   *widget.Label
	list   *widget.List
	panel  *fyne.Container
}

func newAgendaNotes(sc *shell.Scope, podID int64) *agendaNotes {
	n := &agendaNotes{sc: sc, podID: podID}
	n.head = kit.Bold("")
	n.list = widget.NewList(
		func() int { return len(n.hits) },
		func() fyne.CanvasObject {
			title := widget.NewRichText()
			title.Truncation = fyne.TextTruncateEllipsis
			snippet := widget.NewRichText()
			snippet.Truncation = fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, snippet)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(n.hits) {
				return
			}
			h := n.hits[id]
			lines := o.(*fyne.Container)
			title := append([]data.Run{{Text: h.MeetingDate.Long() + " · "}}, h.Title...)
			setRuns(lines.Objects[0].(*widget.RichText), title, true)
			setRuns(lines.Objects[1].(*widget.RichText), h.Snippet, false)
		},
	)
	n.list.OnSelected = func(id widget.ListItemID) {
		n.list.UnselectAll()
		if id < len(n.hits) {
			n.open(n.hits[id])
		}
	}
	n.panel = container.NewBorder(container.NewVBox(widget.NewSeparator(), n.head), nil, nil, nil, n.list)
	n.panel.Hide()
	return n
}

// search looks for text in the pod's agenda notes; nothing to search
// hides the section. onShown tells the log whether the section is shown.
func (n *agendaNotes) search(text string, onShown func(bool)) {
	query := n.latest.Next(n.sc)
	if len(data.SearchTerms(text)) == 0 {
		n.hits = nil
		n.panel.Hide()
		onShown(false)
		return
	}
	shell.Run(query, func() ([]data.SearchHit, error) {
		return n.sc.Store.SearchAgenda(n.sc.Ctx(), n.podID, text, agendaNotesLimit)
	}, func(hits []data.SearchHit, err error) {
		if err != nil {
			n.hits = nil
			n.head.SetText(shell.Message("Searching the meeting notes", err))
		} else {
			n.hits = hits
			n.head.SetText(notesHeading(len(hits)))
		}
		n.list.Refresh()
		n.list.ScrollToTop()
		shown := err != nil || len(hits) > 0
		if shown {
			n.panel.Show()
		} else {
			n.panel.Hide()
		}
		onShown(shown)
	})
}

func notesHeading(n int) string {
	switch {
	case n == 1:
		return "Also in meeting notes: 1 agenda item"
	case n >= agendaNotesLimit:
		return fmt.Sprintf("Also in meeting notes: the newest %d agenda items; add words to narrow them", n)
	}
	return fmt.Sprintf("Also in meeting notes: %d agenda items, newest first", n)
}

// open shows the hit's meeting.
func (n *agendaNotes) open(h data.SearchHit) {
	n.sc.Go(shell.Meeting{ID: h.MeetingID})
}
