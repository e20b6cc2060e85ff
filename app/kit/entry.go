// Package kit is the window's widgets and the one way of doing each common
// thing on screen: text fields that refuse text past their limit, layouts,
// headings, problem labels under fields, the form dialog and the save flow
// every form goes through. It holds no Triad state.
package kit

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// Entry is an entry that refuses text past its limit before the
// Entry takes it. Fyne lays out and re-wraps the whole text on every
// change (fyne-io/fyne#5297: a word-wrapped 10 KB takes seconds, 100 KB
// minutes; a megabyte on one line froze a name field for 20 s and took
// gigabytes), so a pasted megabyte would freeze the window before any
// validation could speak. The paste is refused instead, with a message at
// once; the text stays on the clipboard, so nothing is lost. Every text
// field in the window is one of these.
type Entry struct {
	widget.Entry
	limit int
	label string // "Notes", for the message; "" says "This field"
	// Refused shows the message; nil shows it in a pop-up under the field.
	Refused func(msg string)
	// Shortcut, when set, sees the field's shortcuts first and reports
	// whether it took one: a focused field gets keys before the window,
	// so a screen's own shortcuts are passed on this way.
	Shortcut func(fyne.Shortcut) bool
	// unwrapAt is where a word-wrapped field stops wrapping when a paste
	// takes it past (see LongTextChars); 0 never.
	unwrapAt int

	// Where the last typed character left the cursor, as an offset in
	// text, while nothing else has moved it (-1 then). Fyne 2.7 keeps the
	// cursor as a wrapped row and column: a space typed where a word-wrapped
	// field wraps re-wraps the text after the cursor was placed, the same
	// row and column then point one character back, and the next key goes
	// in before the space, which drifts to the end of the note. typedAt
	// puts the cursor back where typing left it.
	typedAt   int
	typedText string
}

// LineLimit bounds a single-line field whose rule allows long text
// (an action, a search): far more than anyone types on one line, and laid
// out in milliseconds.
const LineLimit = 2000

// NewEntry is a word-wrapped multi-line field of up to limit characters,
// named label in its messages; refused, when set, shows them.
func NewEntry(label string, limit int, refused func(string)) *Entry {
	e := &Entry{limit: limit, label: label, Refused: refused}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// NewLineEntry is a single-line field of up to limit characters.
func NewLineEntry(limit int) *Entry {
	e := &Entry{limit: limit}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.ExtendBaseWidget(e)
	return e
}

// NewNameEntry is a single-line field for a name or title.
func NewNameEntry() *Entry { return NewLineEntry(data.MaxNameLen) }

// NewTextEntry is a multi-line field for free text up to the notes limit,
// one item a line (it does not wrap).
func NewTextEntry() *Entry {
	e := &Entry{limit: data.MaxNoteLen, unwrapAt: LongTextChars}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewMultiLineEntry
	e.ExtendBaseWidget(e)
	return e
}

// NewProse is a multi-line field for prose up to the notes limit, showing
// text, word-wrapped until a paste makes it long (see LongTextChars), at
// least rows lines high (0: as Fyne sizes it).
func NewProse(text, placeholder string, rows int) *Entry {
	e := NewTextEntry()
	e.Wrapping = TextWrapping(text)
	if rows > 0 {
		e.SetMinRowsVisible(rows)
	}
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	return e
}

// LongTextChars is where a prose field stops wrapping words. Fyne's
// word-wrapped multi-line Entry re-wraps the whole text when it is set or
// resized (fyne-io/fyne#5297). BenchmarkLongNotes* (700x400 field, layout
// only) measured a 10,000-character note at 0.3-0.55 s to show wrapped
// against 4-11 ms unwrapped, and 30-44 ms against 9-12 ms per keystroke.
// The cost grows faster than the length: 6 ms at 1,500 characters, 20 ms
// at 3,000 (3 ms a keystroke), 50 ms at 5,000. So notes up to about a page
// read as wrapped paragraphs, and longer ones stay responsive unwrapped;
// the field switches as the text crosses the line.
const LongTextChars = 3000

// LongParagraphChars is where one paragraph makes a prose field stop
// wrapping. The re-wrap on each key shapes the whole paragraph again, so
// its cost follows the paragraph, not the text: BenchmarkNotesKeystroke
// (app/meeting) measured 6 ms a key at 300 characters in one paragraph,
// 9 ms at 800, 14 ms at 1,500 and 24 ms at 2,500, and the real window
// under Xvfb, which also paints, 43 ms a key in empty notes and 78 ms
// beside a 2,500-character paragraph (.ci/drills/window-keystroke-cost.sh):
// more than a steady typist's pace, so the window fell behind the keys.
const LongParagraphChars = 1000

// TextWrapping is how a prose field holding text wraps: by word, unless
// the text or one of its paragraphs is long.
func TextWrapping(text string) fyne.TextWrap {
	if len(text) > LongTextChars {
		return fyne.TextWrapOff
	}
	for len(text) > LongParagraphChars {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			i = len(text)
		}
		if i > LongParagraphChars {
			return fyne.TextWrapOff
		}
		text = text[min(i+1, len(text)):]
	}
	return fyne.TextWrapWord
}

// Limit is the most characters the field takes.
func (e *Entry) Limit() int { return e.limit }

func (e *Entry) fieldName() string {
	if e.label == "" {
		return "This field"
	}
	return e.label
}

func (e *Entry) refuse(msg string) {
	if e.Refused != nil {
		e.Refused(msg)
		return
	}
	showRefusal(e, msg)
}

// TypedShortcut refuses a paste that would take the text past the limit.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if e.Shortcut != nil && e.Shortcut(s) {
		return
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		pasted := p.Clipboard.Content() // a single line gets spaces for newlines: the same count
		n := utf8.RuneCountInString(e.Text) - utf8.RuneCountInString(e.SelectedText()) +
			utf8.RuneCountInString(pasted)
		if n > e.limit {
			e.refuse(fmt.Sprintf("%s holds at most %s characters; with the pasted text it would be %s. "+
				"Nothing was pasted: shorten it, or keep the detail elsewhere and summarise it here.",
				e.fieldName(), groupDigits(e.limit), groupDigits(n)))
			return
		}
		// Stop wrapping before the Entry wraps the long text once.
		if e.unwrapAt > 0 && e.Wrapping == fyne.TextWrapWord &&
			(len(e.Text)+len(pasted) > e.unwrapAt || TextWrapping(e.Text+pasted) == fyne.TextWrapOff) {
			e.SetWrapping(fyne.TextWrapOff)
		}
	}
	e.typedAt = -1
	e.Entry.TypedShortcut(s)
}

// TypedRune refuses typing past the limit, and types where the last
// character typed left the cursor.
func (e *Entry) TypedRune(r rune) {
	if utf8.RuneCountInString(e.Text)-utf8.RuneCountInString(e.SelectedText()) >= e.limit {
		e.refuse(fmt.Sprintf("%s holds at most %s characters.", e.fieldName(), groupDigits(e.limit)))
		return
	}
	e.restoreTypedCursor()
	if e.SelectedText() != "" {
		e.Entry.TypedRune(r)
		e.typedAt = -1
		return
	}
	at := e.CursorTextOffset()
	e.Entry.TypedRune(r)
	e.typedAt, e.typedText = at+1, e.Text
	e.unwrapIfLong()
}

// unwrapIfLong stops a prose field wrapping once typing makes its text or
// a paragraph long (see LongParagraphChars); the field's owner may wrap
// it again when the text gets short.
func (e *Entry) unwrapIfLong() {
	if e.unwrapAt > 0 && e.Wrapping == fyne.TextWrapWord && TextWrapping(e.Text) == fyne.TextWrapOff {
		e.SetWrapping(fyne.TextWrapOff)
	}
}

// SetWrapping changes how the field wraps, the cursor staying at the same
// place in the text. Fyne keeps the cursor as a row and a column, which
// after a re-wrap point elsewhere: a note that stopped wrapping as it
// crossed LongParagraphChars is one row, so the cursor that was on its
// ninth wrapped row went to its end, or to a column of the first, and the
// rest of the word, and what followed, went in there.
func (e *Entry) SetWrapping(w fyne.TextWrap) {
	if w == e.Wrapping {
		return
	}
	at := e.CursorTextOffset()
	if e.typedAt > 0 && e.Text == e.typedText {
		at = e.typedAt // where typing left it: the row and column may be a re-wrap behind
	}
	e.Wrapping = w
	e.Refresh() // lays the rows out again
	e.placeCursor(at)
	e.Refresh()
}

// placeCursor puts the cursor at offset at (in runes) of the text as the
// field lays it out now: on the row that begins last at or before it (a
// column past a row's end is clamped when the field refreshes, so the
// next row's start is the place for an offset at a wrap).
func (e *Entry) placeCursor(at int) {
	rowStart := func(r int) int {
		e.CursorRow, e.CursorColumn = r, 0
		return e.CursorTextOffset()
	}
	// Rows begin at increasing offsets, every one after the first past 0,
	// and a row past the last reads as offset 0; there are at most as many
	// rows as characters, and one more.
	lo, hi := 0, utf8.RuneCountInString(e.Text)+1
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if b := rowStart(mid); b > 0 && b <= at {
			lo = mid
		} else {
			hi = mid
		}
	}
	e.CursorRow, e.CursorColumn = lo, at-rowStart(lo)
}

// restoreTypedCursor moves the cursor back to where typing left it, if
// a re-wrap has moved it since and nothing else has.
func (e *Entry) restoreTypedCursor() {
	if e.typedAt <= 0 || e.Text != e.typedText || e.CursorTextOffset() == e.typedAt {
		return
	}
	e.placeCursor(e.typedAt)
}

// The cursor moved by the user: typing no longer decides where it is.
func (e *Entry) TypedKey(k *fyne.KeyEvent) { e.typedAt = -1; e.Entry.TypedKey(k) }
func (e *Entry) Tapped(ev *fyne.PointEvent) {
	e.typedAt = -1
	e.Entry.Tapped(ev)
}
func (e *Entry) MouseDown(m *desktop.MouseEvent) { e.typedAt = -1; e.Entry.MouseDown(m) }
func (e *Entry) Dragged(d *fyne.DragEvent)       { e.typedAt = -1; e.Entry.Dragged(d) }
func (e *Entry) DoubleTapped(ev *fyne.PointEvent) {
	e.typedAt = -1
	e.Entry.DoubleTapped(ev)
}

// showRefusal shows msg in a pop-up under o, for a field with no message
// line of its own. A tap anywhere dismisses it.
func showRefusal(o fyne.CanvasObject, msg string) {
	app := fyne.CurrentApp()
	if app == nil {
		return
	}
	c := app.Driver().CanvasForObject(o)
	if c == nil {
		return
	}
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	pop := widget.NewPopUp(l, c)
	width := fyne.Min(fyne.Max(o.Size().Width, 320), c.Size().Width-16)
	pop.Resize(fyne.NewSize(width, l.MinSize().Height))
	pos := app.Driver().AbsolutePositionForObject(o).AddXY(0, o.Size().Height)
	if pos.Y+pop.Size().Height > c.Size().Height {
		pos.Y = c.Size().Height - pop.Size().Height
	}
	if pos.X+width > c.Size().Width {
		pos.X = c.Size().Width - width
	}
	pop.ShowAtPosition(pos)
}

// groupDigits is 100000 as "100,000".
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Holding sets the field's placeholder and text, for building forms in a
// line.
func (e *Entry) Holding(placeholder, text string) *Entry {
	e.SetPlaceHolder(placeholder)
	e.SetText(text)
	return e
}
