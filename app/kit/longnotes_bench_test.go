package kit

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// longNote is 10,000 characters of meeting prose in paragraphs.
func longNote() string {
	para := "Priya walked through the checkout latency numbers: p95 is 840 ms on mobile, mostly the fraud check. " +
		"Daniel asked whether merchants notice; Sofia said two enterprise prospects raised it in demos. "
	var b strings.Builder
	for b.Len() < 10000 {
		b.WriteString(para)
		if b.Len()%3 == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()[:10000]
}

// BenchmarkLongNotesKeystroke measures one typed character at the end of a
// 3,000- or 10,000-character note, for a word-wrapped multi-line Entry and
// for one that does not wrap (fyne-io/fyne#5297). It includes the layout a
// frame needs (the size and the wrapped lines); painting is the GL
// driver's and is not measured.
func BenchmarkLongNotesKeystroke(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
		wrap fyne.TextWrap
	}{
		{"3000/wrap=word", 3000, fyne.TextWrapWord},
		{"10000/wrap=word", 10000, fyne.TextWrapWord},
		{"10000/wrap=off", 10000, fyne.TextWrapOff},
	} {
		b.Run(c.name, func(b *testing.B) {
			test.NewTempApp(b)
			e := widget.NewMultiLineEntry()
			e.Wrapping = c.wrap
			e.SetText(longNote()[:c.n])
			w := test.NewTempWindow(b, e)
			w.Resize(fyne.NewSize(700, 400))
			w.Canvas().Focus(e)
			e.CursorRow = len(strings.Split(e.Text, "\n")) - 1
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.TypedRune('x')
				layoutOnce(e)
			}
		})
	}
}

// BenchmarkLongNotesLoad measures showing a note in the editor: setting
// the text and laying it out once. The shorter cases show how the cost grows;
// 3,000 characters is where the notes field stops wrapping (LongTextChars).
func BenchmarkLongNotesLoad(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
		wrap fyne.TextWrap
	}{
		{"1500/wrap=word", 1500, fyne.TextWrapWord},
		{"3000/wrap=word", 3000, fyne.TextWrapWord},
		{"5000/wrap=word", 5000, fyne.TextWrapWord},
		{"10000/wrap=word", 10000, fyne.TextWrapWord},
		{"10000/wrap=off", 10000, fyne.TextWrapOff},
	} {
		b.Run(c.name, func(b *testing.B) {
			test.NewTempApp(b)
			e := widget.NewMultiLineEntry()
			e.Wrapping = c.wrap
			w := test.NewTempWindow(b, e)
			w.Resize(fyne.NewSize(700, 400))
			note := longNote()[:c.n]
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.SetText(note[:len(note)-i%2])
				layoutOnce(e)
			}
		})
	}
}

// layoutOnce does what the driver does before painting a changed entry:
// ask its size and lay out its wrapped text.
func layoutOnce(e *widget.Entry) {
	e.MinSize()
	test.WidgetRenderer(e).Layout(e.Size())
}
