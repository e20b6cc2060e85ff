package roadmap

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// DebtCheckPanel is the meeting's "Roadmap debt check" standing item: it
// shows the debt check, records it into the meeting as a snapshot that
// later roadmap edits leave alone, and takes the Product Marketing
// Manager's answer: accepted, or disputed with a comment.
type DebtCheckPanel struct {
	sc        *shell.Scope
	podID     int64
	meetingID int64
	Untitled  bool // under the meeting's agenda item, whose title says what it is

	rm       data.Roadmap
	meeting  data.Meeting
	snapshot *data.DebtSnapshot // nil until recorded

	root     *fyne.Container
	summary  *fyne.Container
	record   *widget.Button
	recorded *widget.Label
	answer   *fyne.Container // the PMM's answer, or the controls to give it
	accept   *widget.Button
	dispute  *widget.Button
	comment  *kit.Entry
	problem  *widget.Label
	// draft keeps the comment typed before the answer is given: the
	// facilitator may leave the meeting screen while Sales argues it out.
	draft *kit.Draft
}

func NewDebtCheckPanel(sc *shell.Scope, podID, meetingID int64) *DebtCheckPanel {
	return &DebtCheckPanel{sc: sc, podID: podID, meetingID: meetingID}
}

func (p *DebtCheckPanel) Build() fyne.CanvasObject {
	p.summary = container.NewVBox()
	p.record = widget.NewButtonWithIcon("Record snapshot into this meeting", theme.DocumentSaveIcon(), p.onRecord)
	p.record.Importance = widget.HighImportance
	p.recorded = kit.Low("")
	p.comment = kit.NewTextEntry()
	p.comment.SetPlaceHolder("What does Sales dispute, and why? (needed to dispute)")
	p.comment.SetMinRowsVisible(2)
	p.comment.Wrapping = fyne.TextWrapWord
	p.draft = kit.NewDraft(p.sc, data.DebtAnswerDraftKey(p.meetingID),
		func() map[string]string { return map[string]string{"comment": p.comment.Text} },
		func(f map[string]string) { p.comment.SetText(f["comment"]) },
		func() string { return "the comment on this meeting's debt check" })
	p.draft.Watch(p.comment)
	p.draft.Start(nil) // put back where it was typed, as the agenda's drafts are
	p.accept = widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), func() { p.onAnswer(data.ResponseAccepted) })
	p.accept.Importance = widget.SuccessImportance
	p.dispute = widget.NewButtonWithIcon("Dispute", theme.WarningIcon(), func() { p.onAnswer(data.ResponseDisputed) })
	p.dispute.Importance = widget.WarningImportance
	p.problem = kit.ProblemLabel()
	p.answer = container.NewVBox()
	p.root = container.NewVBox(kit.Subheading("Roadmap debt check"), p.summary, p.record, p.recorded, widget.NewSeparator(), p.answer)
	if p.Untitled {
		p.root.Remove(p.root.Objects[0])
	}
	p.Reload()
	return p.root
}

type debtPanelData struct {
	rm      data.Roadmap
	meeting data.Meeting
	snap    *data.DebtSnapshot
}

func (p *DebtCheckPanel) Reload() {
	shell.Load(p.sc, "Loading the debt check", func() (debtPanelData, error) {
		var d debtPanelData
		var err error
		if d.rm, err = p.sc.Store.Roadmap(p.sc.Ctx(), p.podID); err != nil {
			return d, err
		}
		if d.meeting, err = p.sc.Store.Meeting(p.sc.Ctx(), p.meetingID); err != nil {
			return d, err
		}
		s, err := p.sc.Store.DebtSnapshot(p.sc.Ctx(), p.meetingID)
		switch {
		case errors.Is(err, data.ErrNotFound):
			return d, nil
		case err != nil:
			return d, err
		}
		d.snap = &s
		return d, nil
	}, func(d debtPanelData) {
		p.rm, p.meeting, p.snapshot = d.rm, d.meeting, d.snap
		p.refresh()
	})
}

func (p *DebtCheckPanel) refresh() {
	var c data.DebtCheck
	if p.snapshot != nil {
		c = p.snapshot.Check
		p.record.Hide()
		p.recorded.SetText("Snapshot recorded " + p.snapshot.RecordedAt.Local().Format("Mon 2 Jan 15:04") +
			"; it stays as it was whatever the roadmap does next.")
	} else {
		c = data.CheckDebt(p.rm.Items, data.DefaultPlanningWindow(p.meeting.Date), p.rm.Settings.MaintenanceQuota, p.rm.Unit)
		if p.meeting.Status == data.MeetingClosed {
			p.record.Hide()
			p.recorded.SetText("This meeting closed without a snapshot; these are today's live figures for " + c.Window.String() + ".")
		} else {
			p.record.Show()
			p.recorded.SetText("Live figures for " + c.Window.String() + ". Record them to keep this week's number in the meeting.")
		}
	}
	counts := kit.Low(debtCounts(c))
	p.summary.Objects = []fyne.CanvasObject{debtSummary(c), counts}
	p.summary.Refresh()

	pmm := p.rm.Pod.Leader(data.RoleMarketing)
	who := data.RoleMarketing.Title()
	if pmm != nil && pmm.Name != "" {
		who += " (" + pmm.Name + ")"
	}
	p.answer.Objects = nil
	switch {
	case p.snapshot == nil:
		note := widget.NewLabel(who + " answers once the snapshot is recorded.")
		note.Importance = widget.LowImportance
		p.answer.Add(note)
	case p.snapshot.Response == data.ResponsePending && p.meeting.Status == data.MeetingClosed:
		note := kit.Wrapped(who + " did not answer before the meeting closed. The answer is part of the meeting's record: reopen the meeting to record it.")
		note.Importance = widget.WarningImportance
		p.answer.Add(note)
	case p.snapshot.Response == data.ResponsePending:
		ask := kit.Wrapped(who + ": does Sales accept this week's maintenance share?")
		p.answer.Add(ask)
		p.answer.Add(p.comment)
		p.answer.Add(p.problem)
		p.answer.Add(container.NewHBox(p.accept, p.dispute))
	default:
		s := p.snapshot
		l := widget.NewLabelWithStyle(s.Response.Label()+" by "+s.RespondedBy+" at "+s.RespondedAt.Local().Format("15:04"),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Importance = widget.SuccessImportance
		if s.Response == data.ResponseDisputed {
			l.Importance = widget.WarningImportance
		}
		p.answer.Add(l)
		if s.Comment != "" {
			c := kit.Wrapped("“" + s.Comment + "”")
			p.answer.Add(c)
		}
	}
	p.answer.Refresh()
}

func (p *DebtCheckPanel) onRecord() {
	p.record.Disable()
	shell.Run(p.sc, func() (data.DebtSnapshot, error) {
		// The meeting is read here, not from p.meeting, which may still be loading.
		m, err := p.sc.Store.Meeting(p.sc.Ctx(), p.meetingID)
		if err != nil {
			return data.DebtSnapshot{}, err
		}
		return p.sc.Store.RecordDebtSnapshot(p.sc.Ctx(), p.meetingID, data.DefaultPlanningWindow(m.Date))
	}, func(_ data.DebtSnapshot, err error) {
		p.record.Enable()
		if err != nil {
			p.sc.ShowError("Recording the snapshot", err)
		}
		p.Reload()
	})
}

func (p *DebtCheckPanel) onAnswer(r data.DebtResponse) {
	if p.snapshot == nil {
		return
	}
	a := data.DebtAnswer{Response: r, Comment: p.comment.Text}
	if err := a.Validate(); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			kit.SetProblem(p.problem, ve.Problems[0].Message)
		}
		return
	}
	kit.SetProblem(p.problem, "")
	id := p.snapshot.ID
	p.accept.Disable()
	p.dispute.Disable()
	shell.Run(p.sc, func() (data.DebtSnapshot, error) {
		s, err := p.sc.Store.RespondToDebtSnapshot(p.sc.Ctx(), id, a)
		if err == nil {
			p.draft.Saved() // the comment is in the record now
		}
		return s, err
	}, func(s data.DebtSnapshot, err error) {
		p.accept.Enable()
		p.dispute.Enable()
		if err != nil {
			p.sc.ShowError("Recording the answer", err)
			p.Reload()
			return
		}
		p.draft.Stop()
		p.snapshot = &s
		p.refresh()
	})
}
