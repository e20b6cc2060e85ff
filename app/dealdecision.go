package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// decisionDialog is an open approve / reject / request-changes dialog.
type decisionDialog struct {
	comment, delegate *limitedEntry
	problem           *widget.Label
	confirm           *widget.Button
	d                 *dialog.CustomDialog
}

// showDecisionDialog asks for what a decision needs (a reason to reject, a
// delegate's name if someone signs for the Tech Lead) and applies it.
// Nothing is written until the store accepts the whole decision. done runs
// after the decision is saved, and also when the request turned out to have
// been decided elsewhere meanwhile, so the screen behind can catch up.
func showDecisionDialog(u *UI, r data.DealRequest, action data.DealAction, approver string, done func(data.DealRequest)) *decisionDialog {
	dd := &decisionDialog{}
	summary := widget.NewLabelWithStyle(r.Summary(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	facts := widget.NewLabel(r.PodName + " · " + r.Value.Format(r.Rule.Currency) + " ARR · requested by " + r.RepName)
	facts.Wrapping = fyne.TextWrapWord
	facts.Importance = widget.LowImportance

	dd.comment = newTextEntry()
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
	dd.delegate = newLineEntry(lineEntryLimit)
	by := widget.NewLabel("")
	by.Wrapping = fyne.TextWrapWord
	if action == data.ActWithdraw {
		by.SetText("Withdrawn for the sales rep, " + r.RepName + ".")
		dd.delegate.SetPlaceHolder("Someone else withdrawing for " + r.RepName + "? Their name (optional)")
	} else {
		by.SetText("Decided by the pod's Tech Lead, " + approver + ".")
		dd.delegate.SetPlaceHolder("Signing for " + approver + "? Your name (optional)")
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
		dec := data.DealDecision{RequestID: r.ID, Action: action, Delegate: dd.delegate.Text, Comment: dd.comment.Text}
		if err := dec.Validate(); err != nil {
			dd.showProblem(err)
			return
		}
		dd.confirm.Disable()
		run(&u.tasks, func() (data.DealRequest, error) {
			return u.store.DecideDealRequest(u.ctx(), dec)
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
	body := container.NewVBox(summary, facts, widget.NewSeparator(), by,
		widget.NewForm(
			widget.NewFormItem("Comment", dd.comment),
			widget.NewFormItem("Delegate", dd.delegate)),
		dd.problem)
	dd.d = dialog.NewCustomWithoutButtons(action.Label()+" request", body, u.win)
	dd.d.SetButtons([]fyne.CanvasObject{cancel, dd.confirm})
	dd.d.Resize(fyne.NewSize(560, 380))
	dd.d.Show()
	u.win.Canvas().Focus(dd.comment)
	return dd
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
