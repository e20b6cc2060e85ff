package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// textFields lists every entry drawn in the window, by its concrete type.
func textFields(u *UI) (limited []*kit.Entry, plain int) {
	for _, o := range apptest.ShownIn(u.sh.Win) {
		switch e := o.(type) {
		case *kit.Entry:
			limited = append(limited, e)
		case *widget.Entry:
			plain++
		}
	}
	return limited, plain
}

// A megabyte pasted into any text field of the pod form, the deal form or
// the meeting screen is refused before the Entry takes it: the field is
// unchanged, a message says why at once, and the window never lays out
// the megabyte (which froze it for 20-100 s).
func TestEveryTextFieldRefusesAMegabytePaste(t *testing.T) {
	u, db := newTestUI(t)
	megabyte := strings.Repeat("Paste from a spreadsheet, ", 1<<20/26+1)
	u.sh.App.Clipboard().SetContent(megabyte)

	pod := data.NewPod()
	pod.Name = "Payments"
	pod.Leaders[0].Name, pod.Leaders[1].Name, pod.Leaders[2].Name = "Priya Raman", "Daniel Okafor", "Sofia Lindqvist"
	pod, err := db.CreatePod(context.Background(), pod)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateMeeting(context.Background(), data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 11, 25)})
	if err != nil {
		t.Fatal(err)
	}
	screens := []struct {
		name string
		show func()
	}{
		{"pod form", func() { u.Go(shell.NewPod{}) }},
		{"deal form", func() {
			u.Go(shell.NewDealRequest{PodID: pod.ID, Back: shell.DealDesk{}})
			u.sh.Wait()
		}},
		{"meeting", func() { u.Go(shell.Meeting{ID: m.ID}); u.sh.Wait() }},
	}
	for _, s := range screens {
		s.show()
		fields, plain := textFields(u)
		if plain > 0 {
			t.Errorf("%s: %d text fields without a limit", s.name, plain)
		}
		if len(fields) < 3 {
			t.Fatalf("%s: only %d text fields found", s.name, len(fields))
		}
		for i, e := range fields {
			if e.Disabled() {
				continue
			}
			before := e.Text
			var msg string
			e.Refused = func(m string) { msg = m }
			e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.sh.App.Clipboard()})
			if e.Text != before {
				t.Errorf("%s field %d took %d characters of a %d-character limit", s.name, i, len(e.Text), e.Limit())
			}
			if !strings.Contains(msg, "Nothing was pasted") {
				t.Errorf("%s field %d: message %q", s.name, i, msg)
			}
		}
	}
}
