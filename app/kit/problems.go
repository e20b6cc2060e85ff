package kit

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// ProblemLabel is a red, wrapping label, hidden until it has something to say.
func ProblemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// SetProblem shows msg in l, or hides l when msg is empty.
func SetProblem(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
}

// FieldProblems maps a form's field names to the red labels under the
// fields, so every form shows validation the same way.
type FieldProblems map[string]*widget.Label

// Label makes the (hidden) label that shows field's problems.
func (fp FieldProblems) Label(field string) *widget.Label {
	l := ProblemLabel()
	fp[field] = l
	return l
}

// Field stacks an input over its problem label and, when help is given,
// a line of help.
func (fp FieldProblems) Field(field string, input fyne.CanvasObject, help ...string) fyne.CanvasObject {
	box := container.NewVBox(input, fp.Label(field))
	for _, h := range help {
		if h != "" {
			box.Add(Caption(h))
		}
	}
	return box
}

// Refuser shows a text field's refusal under field.
func (fp FieldProblems) Refuser(field string) func(string) {
	return func(msg string) {
		if l := fp[field]; l != nil {
			l.SetText(msg)
			l.Show()
		}
	}
}

// Show puts each problem under its field, one line each, and hides the
// labels of fields that are now fine. Problems of fields the form has no
// label for are left to the caller's summary.
func (fp FieldProblems) Show(probs []data.Problem) {
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

// Set shows msg under field, or hides its label for "".
func (fp FieldProblems) Set(field, msg string) {
	if l := fp[field]; l != nil {
		SetProblem(l, msg)
	}
}

// Merge adds the problems of a validation error to probs, skipping the
// fields probs already names: a field that did not parse is not judged
// again. Any other error is left to the store, which reports it on save.
func Merge(probs []data.Problem, err error) []data.Problem {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return probs
	}
	for _, p := range ve.Problems {
		if !HasProblem(probs, p.Field) {
			probs = append(probs, p)
		}
	}
	return probs
}

// HasProblem reports whether probs holds a problem of field.
func HasProblem(probs []data.Problem, field string) bool {
	for _, p := range probs {
		if p.Field == field {
			return true
		}
	}
	return false
}

// Summary sums problems up for the line beside a form's buttons.
func Summary(probs []data.Problem) string {
	switch len(probs) {
	case 0:
		return ""
	case 1:
		return probs[0].Message
	}
	return Itoa(len(probs)) + " things need fixing before this can be saved: " + probs[0].Message + "…"
}

// FirstProblem is the first message of a validation error, else the
// error's own words.
func FirstProblem(err error) string {
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		return ve.Problems[0].Message
	}
	return err.Error()
}

// Report puts each problem under its field and sums them all up in
// summary, the line beside the form's buttons.
func (fp FieldProblems) Report(probs []data.Problem, summary *widget.Label) {
	fp.Show(probs)
	SetProblem(summary, Summary(probs))
}
