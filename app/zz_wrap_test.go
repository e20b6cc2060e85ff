package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestZZWrapSpace(t *testing.T) {
	test.NewTempApp(t)
	words := []string{"Pricing", "tiers", "for", "the", "enterprise", "plan", "a", "merchant", "pays", "12k", "yearly", "ok"}
	fails := 0
	for width := float32(120); width < 420 && fails < 3; width += 1 {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		w := test.NewWindow(e)
		w.Resize(fyne.NewSize(width, 300))
		w.Canvas().Focus(e)
		typed := ""
	loop:
		for i := 0; i < 40; i++ {
			for _, r := range words[i%len(words)] + " " {
				e.TypedRune(r)
				typed += string(r)
				layoutOnce(e)
				if e.Text != typed {
					t.Errorf("width %v after %q: text %q", width, typed[max(0, len(typed)-30):], e.Text[max(0, len(e.Text)-30):])
					fails++
					break loop
				}
			}
		}
		w.Close()
	}
}
