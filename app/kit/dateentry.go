package kit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// OptionalDateEntry is a date field that may stay empty: Fyne's DateEntry
// marks an empty field invalid (a red "!") once it loses focus, which reads
// as a mistake where no date is a fine answer ("no due date").
type OptionalDateEntry struct {
	widget.DateEntry
}

// NewOptionalDateEntry is an empty date field that may stay empty.
func NewOptionalDateEntry() *OptionalDateEntry {
	e := &OptionalDateEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// CreateRenderer lets DateEntry set its validator, then accepts "" too.
func (e *OptionalDateEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	if parse := e.Validator; parse != nil {
		e.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			return parse(s)
		}
	}
	return r
}
