package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// fieldProblems maps a form's field names to the red labels under the
// fields, so every form shows validation the same way.
type fieldProblems map[string]*widget.Label

// label makes the (hidden) label that shows field's problems.
func (fp fieldProblems) label(field string) *widget.Label {
	l := problemLabel()
	fp[field] = l
	return l
}

// problemLabel is a red, wrapping label, hidden until it has something to say.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setProblem shows msg in l, or hides l when msg is empty.
func setProblem(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
}

// hasProblem reports whether probs already holds a problem of field, so
// a parse error is not repeated by the validation of the same field.
func hasProblem(probs []data.Problem, field string) bool {
	for _, p := range probs {
		if p.Field == field {
			return true
		}
	}
	return false
}

// show puts each problem under its field, one line each, and hides the
// labels of fields that are now fine. Problems of fields the form has no
// label for are left to the caller's summary.
func (fp fieldProblems) show(probs []data.Problem) {
	for _, l := range fp {
		l.SetText("")
		l.Hide()
	}
	for _, p := range probs {
		l, ok := fp[p.Field]
		if !ok {
			continue
		}
		if l.Text != "" {
			l.SetText(l.Text + "\n" + p.Message)
		} else {
			l.SetText(p.Message)
		}
		l.Show()
	}
}
