package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// decisionDialog is an open approve / reject / request-changes dialog.
type decisionDialog struct {
	comment  *kit.Entry
	delegate *widget.Select // who decides: the Tech Lead or one of the pod's delegates
	recorder *widget.Select // who is at the laptop keying it in
	problem  *widget.Label
	confirm  *widget.Button
	d        *dialog.CustomDialog
}

// showDecisionDialog asks for what a decision needs (a reason to reject,
// which of the pod's named delegates signs if the Tech Lead does not, and
// who is keying it in) and applies it.
// Nothing is written until the store accepts the whole decision. done runs
// after the decision is saved, and also when the request turned out to have
// been decided elsewhere meanwhile, so the screen behind can catch up.
func showDecisionDialog(sc *shell.Scope, r data.DealRequest, action data.DealAction, pod data.Pod, done func(data.DealRequest)) *decisionDialog {
	approver := pod.Leader(data.RoleTechLead).Name
	dd := &decisionDialog{}
	summary := kit.Bold(r.Summary())
	summary.Wrapping = fyne.TextWrapWord
	facts := widget.NewLabel(r.PodName + " · " + r.Value.Format(r.Rule.Currency) + " ARR · requested by " + r.RepName)
	facts.Wrapping = fyne.TextWrapWord
	facts.Importance = widget.LowImportance

	dd.comment = kit.NewTextEntry()
	dd.comment.Wrapping = fyne.TextWrapWord
	dd.comment.SetMinRowsVisible(3)
	switch action {
	case data.ActReject:
		dd.comment.SetPlaceHolder("Reason (required): the rep passes it on to the customer")
	case data.ActRequestChanges:
		dd.comment.SetPlaceHolder("What should the rep change? (required)")
	case data.ActReopen:
		dd.comment.SetPlaceHolder("Why is the decision reopened? (required)")
	default:
		dd.comment.SetPlaceHolder("Comment (optional)")
	}
	by := widget.NewLabel("")
	by.Wrapping = fyne.TextWrapWord
	deciderLabel := approver + " (Tech Lead)"
	dd.delegate = widget.NewSelect(append([]string{deciderLabel}, pod.Delegates...), nil)
	dd.delegate.SetSelected(deciderLabel)
	dd.recorder = widget.NewSelect(recorders(pod), nil)
	dd.recorder.SetSelected(pod.Facilitator())
	if action == data.ActWithdraw {
		by.SetText("Withdrawn for the sales rep, " + r.RepName + ".")
		dd.delegate.Hide()
	} else {
		by.SetText("Decided by the pod's Tech Lead, " + approver + ", or a delegate the pod names.")
		if len(pod.Delegates) == 0 {
			dd.delegate.Disable() // the pod names nobody: add delegates in the pod's settings
		}
	}
	dd.problem = widget.NewLabel("")
	dd.problem.Importance = widget.DangerImportance
	dd.problem.Wrapping = fyne.TextWrapWord
	dd.problem.Hide()

	dd.confirm = widget.NewButtonWithIcon(action.Label(), actionIcon(action), nil)
	dd.confirm.Importance = widget.HighImportance
	if action == data.ActReject || action == data.ActWithdraw {
		dd.confirm.Importance = widget.DangerImportance
	}
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { dd.d.Hide() })
	dd.confirm.OnTapped = func() {
		dec := data.DealDecision{RequestID: r.ID, Action: action, Comment: dd.comment.Text, RecordedBy: dd.recorder.Selected}
		if action != data.ActWithdraw && dd.delegate.Selected != deciderLabel {
			dec.Delegate = dd.delegate.Selected
		}
		if err := dec.Validate(); err != nil {
			dd.showProblem(err)
			return
		}
		dd.confirm.Disable()
		shell.Run(sc, func() (data.DealRequest, error) {
			return sc.Store.DecideDealRequest(sc.Ctx(), dec)
		}, func(saved data.DealRequest, err error) {
			dd.confirm.Enable()
			if err != nil {
				dd.showProblem(err)
				if errors.Is(err, data.ErrConflict) || errors.Is(err, data.ErrNotFound) {
					// Someone else decided first: the screen behind is stale.
					done(data.DealRequest{})
				}
				return
			}
			dd.d.Hide()
			done(saved)
		})
	}
	form := widget.NewForm(widget.NewFormItem("Comment", dd.comment))
	if action != data.ActWithdraw {
		form.Append("Decided by", dd.delegate)
	}
	form.Append("Recorded by", dd.recorder)
	body := container.NewVBox(summary, facts, widget.NewSeparator(), by, form, dd.problem)
	dd.d = dialog.NewCustomWithoutButtons(action.Label()+" request", body, sc.Win)
	dd.d.SetButtons([]fyne.CanvasObject{cancel, dd.confirm})
	dd.d.Resize(fyne.NewSize(560, 380))
	dd.d.Show()
	sc.Win.Canvas().Focus(dd.comment)
	return dd
}

// recorders are who may be at the laptop keying a decision in: the
// facilitator first, then the other leaders and the delegates.
func recorders(pod data.Pod) []string {
	out := []string{pod.Facilitator()}
	for _, l := range pod.Leaders {
		if l.Name != out[0] {
			out = append(out, l.Name)
		}
	}
	return append(out, pod.Delegates...)
}

func actionIcon(a data.DealAction) fyne.Resource {
	switch a {
	case data.ActReject:
		return theme.CancelIcon()
	case data.ActRequestChanges:
		return theme.DocumentCreateIcon()
	case data.ActWithdraw:
		return theme.DeleteIcon()
	case data.ActReopen:
		return theme.ViewRefreshIcon()
	}
	return theme.ConfirmIcon()
}

func (dd *decisionDialog) showProblem(err error) {
	dd.problem.SetText(err.Error())
	dd.problem.Show()
}
