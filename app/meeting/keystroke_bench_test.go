package meeting

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
)

// BenchmarkNotesKeystroke measures one key typed at the end of an agenda
// item's notes on the meeting screen, a note of one paragraph of each
// length: the key's handling (the edit, its scheduled save, what the screen
// refreshes) and the layout the next frame needs. Fyne's word-wrapped
// entry re-wraps the whole paragraph on each key (fyne-io/fyne#5297), so
// its cost grows faster than the paragraph; typing at 120 ms a key must
// stay well inside that.
func BenchmarkNotesKeystroke(b *testing.B) {
	words := "the merchants asked again about the rating dip and what the release will change "
	for _, n := range []int{300, 800, 1500, 2500} {
		b.Run(strconv.Itoa(n)+"chars", func(b *testing.B) {
			e := apptest.New(b)
			e.HoldAutosave()
			p := apptest.Pod(b, e.DB, "Payments")
			ms := openMeeting(e, apptest.Meeting(b, e.DB, p.ID, data.NewDate(2026, 11, 25)).ID)
			e.Win().Resize(fyne.NewSize(1180, 680))
			notes := ms.editor.notes
			notes.SetText((strings.Repeat(words, n/len(words)+1))[:n])
			e.Win().Canvas().Focus(notes)
			notes.CursorRow, notes.CursorColumn = 1<<20, 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				notes.TypedRune('x')
				notes.MinSize()
				test.WidgetRenderer(notes).Layout(notes.Size())
			}
		})
	}
}
