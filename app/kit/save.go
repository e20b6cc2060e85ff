package kit

import (
	"errors"

	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
)

// Submit is one save of a form, for Save.
type Submit[T any] struct {
	// Problems were found before writing: what did not parse and what
	// the domain's rules refuse. With any, nothing is written.
	Problems []data.Problem
	// Show puts problems under their fields (and sums them up).
	Show func([]data.Problem)
	// Buttons are disabled while the write runs.
	Buttons []*widget.Button
	// Action names the save in a failure's message ("Saving the pod").
	Action string
	// Write runs off the UI goroutine and returns what was saved.
	Write func() (T, error)
	// Then, when set, runs first with whatever Write returned, even after
	// it failed part of the way (a decision created, then refused).
	Then func(T)
	// Failed shows a failure other than a validation error; nil shows it
	// in a dialog.
	Failed func(error)
	// Done runs with what was saved.
	Done func(T)
	// Draft, when set, is what the form keeps unsaved: cleared in the same
	// background work once Write succeeds, and ended before Done.
	Draft *Draft
}

// Save is the one save flow of every form: problems found first are
// shown and nothing is written; otherwise the buttons are disabled while
// Write runs off the UI goroutine, problems the store finds go under
// their fields as the form's own do, another failure is reported, and
// Done runs with what was saved. A failure is reported even when the form
// was left meanwhile; its widgets are then left alone.
func Save[T any](sc *shell.Scope, s Submit[T]) {
	if len(s.Problems) > 0 {
		s.Show(s.Problems)
		return
	}
	for _, b := range s.Buttons {
		b.Disable()
	}
	write := s.Write
	if s.Draft != nil {
		write = func() (T, error) {
			v, err := s.Write()
			if err == nil {
				s.Draft.Saved()
			}
			return v, err
		}
	}
	shell.Write(sc, s.Action, write, func(v T, err error) {
		for _, b := range s.Buttons {
			b.Enable()
		}
		if s.Then != nil {
			s.Then(v)
		}
		var ve *data.ValidationError
		switch {
		case errors.As(err, &ve):
			s.Show(ve.Problems)
		case err != nil && s.Failed != nil:
			s.Failed(err)
		case err != nil:
			sc.ShowError(s.Action, err)
		default:
			s.Draft.Stop()
			s.Done(v)
		}
	})
}
