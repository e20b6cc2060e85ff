package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestLimitedEntryRefusesTypingAndPastingPastItsLimit(t *testing.T) {
	a := test.NewTempApp(t)
	var msg string
	e := newLimitedEntry("Notes", 10, func(m string) { msg = m })
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	test.Type(e, "0123456789X")
	if e.Text != "0123456789" || msg != "Notes holds at most 10 characters." {
		t.Errorf("typing past the limit: %q, %q", e.Text, msg)
	}
	e.SetText("01234")
	a.Clipboard().SetContent("abcdef")
	msg = ""
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
	if e.Text != "01234" || !strings.Contains(msg, "would be 11") {
		t.Errorf("pasting past the limit: %q, %q", e.Text, msg)
	}
	a.Clipboard().SetContent("abcde")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
	if !strings.HasSuffix(e.Text, "abcde") || len(e.Text) != 10 {
		t.Errorf("a paste that fits was refused: %q", e.Text)
	}
}

// BenchmarkWrappedEntrySetText shows why deal-desk text fields stop at
// 5,000 characters: a word-wrapped entry re-wraps a long paragraph in time
// that grows faster than its length (fyne-io/fyne#5297). Run it with
// -benchtime 1x: the first SetText is what a paste costs; later ones are
// partly cached.
func BenchmarkWrappedEntrySetText(b *testing.B) {
	test.NewTempApp(b)
	for _, n := range []int{1000, 5000, 10000} {
		text := strings.Repeat("Single sign-on. ", n/16)
		b.Run(itoa(n)+"chars", func(b *testing.B) {
			e := widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			w := test.NewTempWindow(b, e)
			w.Resize(fyne.NewSize(600, 300))
			for i := 0; i < b.N; i++ {
				e.SetText("")
				e.SetText(text)
			}
		})
	}
}
