package decisions

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// otherHitsLimit is how many other records the decision log shows under
// its decisions; more words narrow them.
const otherHitsLimit = 50

// otherKinds is what the decision log searches besides its decisions.
func otherKinds() []string {
	return []string{data.HitAgendaItem, data.HitActionItem, data.HitDealRequest}
}

// otherHits is the decision log's "Also in meeting notes, action items
// and deal requests": the pod's other records that match the search, best
// first, each opening its record.
type otherHits struct {
	sc    *shell.Scope
	podID int64

	head    *widget.Label
	results *hitList
	panel   *fyne.Container
}

func newOtherHits(sc *shell.Scope, podID int64) *otherHits {
	n := &otherHits{sc: sc, podID: podID}
	n.head = kit.Bold("")
	back := func() shell.Route { return shell.Pod{ID: podID, Tab: shell.TabDecisions} }
	n.results = newHitList(sc, back, nil)
	n.panel = container.NewBorder(container.NewVBox(widget.NewSeparator(), n.head), nil, nil, nil, n.results.list)
	n.panel.Hide()
	return n
}

// search looks for text in the pod's other records, under q; nothing to
// search hides the section. onShown tells the log whether it is shown.
func (n *otherHits) search(q *shell.Scope, text string, onShown func(bool)) {
	if len(data.SearchTerms(text)) == 0 {
		n.results.show(nil)
		n.panel.Hide()
		onShown(false)
		return
	}
	r := data.SearchRequest{PodID: n.podID, Text: text, Kinds: otherKinds(), Limit: otherHitsLimit}
	shell.Run(q, func() ([]data.SearchHit, error) {
		return n.sc.Store.Search(q.Context(), r)
	}, func(hits []data.SearchHit, err error) {
		if err != nil {
			n.results.show(nil)
			n.head.SetText(shell.Message("Searching the meeting notes", err))
		} else {
			n.results.show(hits)
			n.head.SetText(otherHeading(len(hits)))
		}
		shown := err != nil || len(hits) > 0
		kit.ShowIf(n.panel, shown)
		onShown(shown)
	})
}

func otherHeading(n int) string {
	const also = "Also in meeting notes, action items and deal requests: "
	switch {
	case n == 1:
		return also + "1 match"
	case n >= otherHitsLimit:
		return fmt.Sprintf(also+"the best %d; add words to narrow them", n)
	}
	return fmt.Sprintf(also+"%d matches, best first", n)
}
