package app

import (
	"fmt"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// limitedEntry is a word-wrapped multi-line entry that refuses text past
// its limit. Fyne re-wraps a long paragraph slowly (fyne-io/fyne#5297: 10
// KB takes seconds, 100 KB minutes), so a pasted megabyte would freeze the
// window before any validation could speak. The paste is refused instead,
// with a message; the text stays on the clipboard, so nothing is lost.
type limitedEntry struct {
	widget.Entry
	limit   int
	label   string
	refused func(msg string) // shows the message under the field
}

func newLimitedEntry(label string, limit int, refused func(string)) *limitedEntry {
	e := &limitedEntry{limit: limit, label: label, refused: refused}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut refuses a paste that would take the text past the limit.
func (e *limitedEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		n := utf8.RuneCountInString(e.Text) - utf8.RuneCountInString(e.SelectedText()) +
			utf8.RuneCountInString(p.Clipboard.Content())
		if n > e.limit {
			e.refused(fmt.Sprintf("%s holds at most %s characters; with the pasted text it would be %s. "+
				"Nothing was pasted: shorten it, or keep the detail elsewhere and summarise it here.",
				e.label, groupDigits(e.limit), groupDigits(n)))
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// TypedRune refuses typing past the limit.
func (e *limitedEntry) TypedRune(r rune) {
	if utf8.RuneCountInString(e.Text)-utf8.RuneCountInString(e.SelectedText()) >= e.limit {
		e.refused(fmt.Sprintf("%s holds at most %s characters.", e.label, groupDigits(e.limit)))
		return
	}
	e.Entry.TypedRune(r)
}

// groupDigits is 100000 as "100,000".
func groupDigits(n int) string {
	s := itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
