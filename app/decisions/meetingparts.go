package decisions

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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

// ItemPanel is the agenda item's decisions: those recorded from it, and
// the button that records a new one (record), disabled in a closed meeting.
func ItemPanel(sc *shell.Scope, m data.Meeting, it data.AgendaItem, editable bool, record func()) fyne.CanvasObject {
	p := &itemDecisions{rows: container.NewVBox(), head: kit.Low("No decisions from this item yet")}
	p.record = widget.NewButtonWithIcon("Record a decision", theme.ConfirmIcon(), record)
	if it.Kind == data.KindDecision {
		p.record.Importance = widget.HighImportance
	}
	if !editable {
		p.record.Disable()
	}
	shell.Run(sc, func() (itemDecisionsData, error) { return itemDecisionList(sc, m, it.ID) },
		func(d itemDecisionsData, err error) {
			ds := d.decisions
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
					p.rows.Add(Row(sc, m.PodID, m.ID, d))
				}
			}
			if q, ok := d.draft.Fields["question"]; ok && err == nil && editable {
				if q == "" {
					q = "(no question yet)"
				}
				l := kit.Wrapped("Not saved yet: the decision “" + q + "” you began from this item. “Record a decision” opens it as you left it.")
				l.Importance = widget.WarningImportance
				l.SizeName = theme.SizeNameCaptionText
				p.rows.Add(l)
			}
			p.rows.Refresh()
		})
	head := container.NewBorder(nil, nil, nil, p.record, p.head)
	return container.NewVBox(head, p.rows)
}

// itemDecisionsData is what an agenda item's decisions strip shows.
type itemDecisionsData struct {
	decisions []data.Decision
	draft     data.FormDraft // a decision begun from the item, not saved yet
}

// itemDecisionList reads the decisions made from one agenda item, and the
// one begun from it and left unsaved, if any.
func itemDecisionList(sc *shell.Scope, m data.Meeting, itemID int64) (itemDecisionsData, error) {
	var out itemDecisionsData
	es, err := sc.Store.DecisionLog(sc.Ctx(), data.DecisionFilter{PodID: m.PodID, From: m.Date, To: m.Date})
	if err != nil {
		return out, err
	}
	for _, e := range es {
		if e.Decision.MeetingID == m.ID && e.Decision.AgendaItemID == itemID {
			out.decisions = append(out.decisions, e.Decision)
		}
	}
	out.draft, err = sc.Store.FormDraft(sc.Ctx(), data.DecisionDraftKey(0, itemID, 0, 0))
	if errors.Is(err, data.ErrNotFound) {
		err = nil
	}
	return out, err
}

// openDecisionsData is what the "Open decisions" item shows.
type openDecisionsData struct {
	open     []data.Decision
	proposed []data.Decision
}

// LoadOpen reads the pod's decided decisions still waiting for a
// commitment and the proposals not decided yet, then shows them as rows
// whose links come back to meetingID (or says failed why it could not).
func LoadOpen(sc *shell.Scope, podID, meetingID int64, failed func(error), show func(...fyne.CanvasObject)) {
	shell.Run(sc, func() (openDecisionsData, error) {
		var d openDecisionsData
		var err error
		if d.open, err = sc.Store.OpenDecisions(sc.Ctx(), podID); err != nil {
			return d, err
		}
		es, err := sc.Store.DecisionLog(sc.Ctx(), data.DecisionFilter{PodID: podID, State: data.DecisionProposed})
		for _, e := range es {
			d.proposed = append(d.proposed, e.Decision)
		}
		return d, err
	}, func(d openDecisionsData, err error) {
		if err != nil {
			failed(err)
			return
		}
		objs := []fyne.CanvasObject{kit.Bold("Waiting for commitments (" + kit.Itoa(len(d.open)) + ")")}
		if len(d.open) == 0 {
			objs = append(objs, kit.Low("Every decided call has all three commitments."))
		}
		for _, dec := range d.open {
			objs = append(objs, Row(sc, podID, meetingID, dec))
		}
		objs = append(objs, kit.Bold("Proposed, not decided yet ("+kit.Itoa(len(d.proposed))+")"))
		if len(d.proposed) == 0 {
			objs = append(objs, kit.Low("No proposals waiting for a call."))
		}
		for _, dec := range d.proposed {
			objs = append(objs, Row(sc, podID, meetingID, dec))
		}
		show(objs...)
	})
}

// Row is one decision as a link: its question, the meeting it came
// from, and where the commitments stand ("committed 2/3 — waiting for X").
func Row(sc *shell.Scope, podID, fromMeeting int64, d data.Decision) fyne.CanvasObject {
	open := widget.NewHyperlink(d.Question, nil)
	open.OnTapped = func() { sc.Go(shell.Decision{PodID: podID, ID: d.ID, FromMeeting: fromMeeting}) }
	open.Truncation = fyne.TextTruncateEllipsis
	open.TextStyle.Bold = true
	state := d.CommitmentSummary()
	imp := widget.WarningImportance
	if d.State == data.DecisionProposed {
		state, imp = "Proposed", widget.LowImportance
	} else if n, _ := d.Commitments(); n == len(d.Perspectives) {
		imp = widget.SuccessImportance
	}
	if d.MeetingID != fromMeeting {
		state += " · from " + kit.ShortDate(d.MeetingDate)
	}
	st := widget.NewLabel(state)
	st.Importance = imp
	st.Truncation = fyne.TextTruncateEllipsis
	st.SizeName = theme.SizeNameCaptionText
	return container.New(layout.NewCustomPaddedVBoxLayout(-8), open, st)
}
