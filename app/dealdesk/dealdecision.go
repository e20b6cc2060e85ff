package dealdesk

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	*kit.Dialog
}

// showDecisionDialog reads who is at this laptop, then shows the dialog
// of the decision (see newDecisionDialog) and hands it to shown.
func showDecisionDialog(sc *shell.Scope, r data.DealRequest, action data.DealAction, pod data.Pod,
	done func(data.DealRequest), shown func(*decisionDialog)) {
	shell.Load(sc, "Opening the decision", func() (atLaptop, error) { return readAtLaptop(sc, pod) },
		func(at atLaptop) { shown(newDecisionDialog(sc, r, action, pod, at, done)) })
}

// newDecisionDialog asks for what a decision needs (a reason to reject,
// which of the pod's named delegates signs if the Tech Lead does not, and
// who is keying it in: at says who is at the laptop) and applies it.
// Nothing is written until the store accepts the whole decision. done runs
// after the decision is saved, and also when the request turned out to have
// been decided elsewhere meanwhile, so the screen behind can catch up.
func newDecisionDialog(sc *shell.Scope, r data.DealRequest, action data.DealAction, pod data.Pod, at atLaptop,
	done func(data.DealRequest)) *decisionDialog {
	approver := pod.Leader(data.RoleTechLead).Name
	dd := &decisionDialog{Dialog: kit.NewDialog(action.Label(), actionIcon(action))}
	summary := kit.Bold(r.Summary())
	summary.Wrapping = fyne.TextWrapWord
	facts := kit.Low(r.PodName + " · " + r.Value.Format(r.Rule.Currency) + " ARR · requested by " + r.RepName)

	dd.comment = kit.NewProse("", "", 3)
	dd.Unsaved = func() bool { return strings.TrimSpace(dd.comment.Text) != "" } // Cancel asks before the reason goes
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
	by := kit.Wrapped("")
	deciderLabel := approver + " (Tech Lead)"
	dd.delegate = widget.NewSelect(append([]string{deciderLabel}, pod.Delegates...), nil)
	dd.delegate.SetSelected(deciderLabel)
	rec := recorderChoice(pod, at)
	dd.recorder = widget.NewSelect(rec.options, nil)
	dd.recorder.SetSelected(rec.selected)
	if at.shared {
		dd.recorder.Disable() // the store records the member whose key signs
	}
	if action == data.ActWithdraw {
		by.SetText("Withdrawn for the sales rep, " + r.RepName + ".")
		dd.delegate.Hide()
	} else {
		by.SetText("Decided by the pod's Tech Lead, " + approver + ", or a delegate the pod names.")
		if len(pod.Delegates) == 0 {
			dd.delegate.Disable() // the pod names nobody: add delegates in the pod's settings
		}
	}
	if action == data.ActReject || action == data.ActWithdraw {
		dd.Confirm.Importance = widget.DangerImportance
	}
	dd.Confirm.OnTapped = func() {
		dec := data.DealDecision{RequestID: r.ID, Action: action, Comment: dd.comment.Text, RecordedBy: rec.recordedBy(dd.recorder.Selected)}
		// The first choice is the Tech Lead; the others are the pod's delegates in order.
		if i := dd.delegate.SelectedIndex(); action != data.ActWithdraw && i > 0 {
			dec.Delegate = pod.Delegates[i-1]
		}
		if err := dec.Validate(); err != nil {
			dd.SetProblem(err.Error())
			return
		}
		kit.Write(sc, dd.Dialog, "Deciding the request", func() (data.DealRequest, error) {
			return sc.Store.DecideDealRequest(sc.Ctx(), dec)
		}, done, func(err error) {
			if errors.Is(err, data.ErrConflict) || errors.Is(err, data.ErrNotFound) {
				// Someone else decided first: the screen behind is stale.
				done(data.DealRequest{})
			}
		})
	}
	form := widget.NewForm(widget.NewFormItem("Comment", dd.comment))
	if action != data.ActWithdraw {
		form.Append("Decided by", dd.delegate)
	}
	form.Append("Recorded by", dd.recorder)
	body := container.NewVBox(summary, facts, widget.NewSeparator(), by, form, dd.Problem)
	dd.Show(sc.Win, action.Label()+" request", body, fyne.NewSize(560, 380))
	sc.Win.Canvas().Focus(dd.comment)
	return dd
}

// atLaptop is who is at this laptop, as a decision records it: in a team
// its member (shared: the pod is shared with the team by them), with none
// nobody in particular, and the pod's facilitator is taken.
type atLaptop struct {
	member string
	shared bool
}

// readAtLaptop reads this laptop's member and whether pod is shared with
// them. Runs off the UI goroutine.
func readAtLaptop(sc *shell.Scope, pod data.Pod) (atLaptop, error) {
	o, team, err := sc.Store.TeamOverview(sc.Ctx())
	if err != nil || !team {
		return atLaptop{}, err
	}
	at := atLaptop{member: o.Name}
	for _, p := range o.Pods {
		at.shared = at.shared || (p.UID == pod.UID && pod.UID != "")
	}
	return at, nil
}

// recorderPick is what the dialog offers as who keys the decision in.
type recorderPick struct {
	options  []string
	selected string
	unnamed  string // the member, offered though the pod names them nowhere
}

// recorderChoice offers who may be at the laptop keying a decision in and
// picks who is: with no team the facilitator, who runs the pod's laptop;
// in a team this laptop's member, as the pod names them. A member the pod
// names nowhere is offered only where the pod is shared, since there the
// store records the member whose key signs whatever is sent; elsewhere
// the record can name only the pod's people, so the facilitator stays.
func recorderChoice(pod data.Pod, at atLaptop) recorderPick {
	pick := recorderPick{options: recorders(pod), selected: pod.Facilitator()}
	if at.member == "" {
		return pick
	}
	for _, o := range pick.options {
		if strings.EqualFold(o, data.CleanLine(at.member)) {
			pick.selected = o
			return pick
		}
	}
	if at.shared {
		pick.unnamed, pick.selected = at.member, at.member
		pick.options = append([]string{at.member}, pick.options...)
	}
	return pick
}

// recordedBy is the name the decision is sent with for choice: the member
// the pod does not name is sent as "" (the facilitator, which the store
// accepts), for the store puts the member in its place.
func (p recorderPick) recordedBy(choice string) string {
	if p.unnamed != "" && choice == p.unnamed {
		return ""
	}
	return choice
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
