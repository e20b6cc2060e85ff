package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// itemDecisions is the agenda item's "Decisions" strip: the decisions
// recorded from this item with where their commitments stand, and the
// button that records a new one in the decision editor, already set to this
// meeting and item.
type itemDecisions struct {
	head   *widget.Label
	record *widget.Button
	rows   *fyne.Container
}

func itemDecisionsPanel(ms *meetingScreen, it data.AgendaItem) fyne.CanvasObject {
	p := &itemDecisions{rows: container.NewVBox(), head: kit.Low("No decisions from this item yet")}
	sc, m := ms.sc, ms.run.Meeting
	p.record = widget.NewButtonWithIcon("Record a decision", theme.ConfirmIcon(), func() { recordDecisionFrom(ms, it) })
	if it.Kind == data.KindDecision {
		p.record.Importance = widget.HighImportance
	}
	if !ms.editable() {
		p.record.Disable()
	}
	shell.Run(sc, func() ([]data.Decision, error) { return itemDecisionList(sc, m, it.ID) },
		func(ds []data.Decision, err error) {
			switch {
			case err != nil:
				p.rows.Objects = []fyne.CanvasObject{kit.Low(shell.Message("Loading the item's decisions", err))}
			case len(ds) == 0:
				p.rows.Objects = nil
			default:
				p.head.SetText("Decisions from this item")
				p.head.TextStyle.Bold = true
				p.head.Importance = widget.MediumImportance
				p.head.Refresh()
				p.rows.Objects = nil
				for _, d := range ds {
					p.rows.Add(decisionRow(sc, m.PodID, m.ID, d))
				}
			}
			p.rows.Refresh()
		})
	head := container.NewBorder(nil, nil, nil, p.record, p.head)
	return container.NewVBox(head, p.rows)
}

// itemDecisionList reads the decisions made from one agenda item.
func itemDecisionList(sc *shell.Scope, m data.Meeting, itemID int64) ([]data.Decision, error) {
	es, err := sc.Store.DecisionLog(sc.Ctx(), data.DecisionFilter{PodID: m.PodID, From: m.Date, To: m.Date})
	if err != nil {
		return nil, err
	}
	var out []data.Decision
	for _, e := range es {
		if e.Decision.MeetingID == m.ID && e.Decision.AgendaItemID == itemID {
			out = append(out, e.Decision)
		}
	}
	return out, nil
}

// recordDecisionFrom opens the decision editor for a new decision made in
// this meeting from item it. Leaving the meeting screen writes its pending
// edits first.
func recordDecisionFrom(ms *meetingScreen, it data.AgendaItem) {
	if !ms.editable() {
		return
	}
	if cur, ok := ms.selectedItem(); ok && cur.ID == it.ID {
		it = cur // the title as typed so far
	}
	ms.sc.Go(shell.NewDecision{PodID: ms.run.Meeting.PodID, FromMeeting: ms.meetingID, AgendaItemID: it.ID, Question: it.Title})
}
