package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"triad/data"
)

// showError tells the user what went wrong in words they can act on. Store
// errors already carry readable messages; anything else is wrapped so that
// a raw driver error never stands alone on screen.
func showError(win fyne.Window, action string, err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve), errors.Is(err, data.ErrConflict), errors.Is(err, data.ErrNotFound), errors.Is(err, data.ErrInvalid):
	default:
		msg = action + " did not work: " + msg
	}
	d := dialog.NewError(errors.New(msg), win)
	d.Show()
}
