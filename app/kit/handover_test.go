package kit_test

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/kit"
)

// writeNote is a hand-off that writes one file into the folder.
func writeNote(name string, seen *string) func(dir string) ([]string, error) {
	return func(dir string) ([]string, error) {
		*seen = dir
		p := filepath.Join(dir, name)
		return []string{p}, os.WriteFile(p, []byte("BEGIN:VCALENDAR\r\n"), 0o644)
	}
}

// The folder is asked for once and remembered; the button waits while the
// files are written; the report says where they went, and they open.
func TestHandOverAsksForTheFolderOnceThenReportsAndOpens(t *testing.T) {
	e := apptest.New(t)
	dir := t.TempDir()
	asked := 0
	e.Sh.ChooseFolder = func(_ string, done func(string)) { asked++; done(dir) }
	var opened []*url.URL
	e.Sh.OpenURL = func(u *url.URL) error { opened = append(opened, u); return nil }
	sc := e.Scope()
	button := widget.NewButton("Add to calendar", nil)
	var wroteIn string
	disabledMeanwhile := false
	var got []string
	h := kit.HandOver{Action: "Writing the calendar file", Title: "Calendar file written", Button: button,
		Write: func(d string) ([]string, error) {
			disabledMeanwhile = button.Disabled()
			return writeNote("Triad - Payments.ics", &wroteIn)(d)
		},
		Done: func(paths []string) { got = paths }}
	kit.NewOutbox(sc).HandOver(h)
	e.Wait()

	want := filepath.Join(dir, "Triad - Payments.ics")
	if asked != 1 || wroteIn != dir || len(got) != 1 || got[0] != want {
		t.Fatalf("asked %d times, wrote into %q: %q", asked, wroteIn, got)
	}
	if !disabledMeanwhile || button.Disabled() {
		t.Errorf("the button was enabled while writing (%v) or stays disabled (%v)", !disabledMeanwhile, button.Disabled())
	}
	if len(opened) != 1 || opened[0].Path != filepath.ToSlash(want) {
		t.Errorf("opened %v, want the file", opened)
	}
	said := e.DialogText()
	for _, part := range []string{"Calendar file written", "Saved in " + dir, "Triad - Payments.ics", "Opened in your calendar"} {
		if !strings.Contains(said, part) {
			t.Errorf("the report lacks %q: %s", part, said)
		}
	}
	kit.NewOutbox(sc).HandOver(h)
	e.Wait()
	if asked != 1 {
		t.Error("the folder was asked for again")
	}
}

// When nothing can open the file it is still saved: the report says so,
// where, and offers the folder.
func TestHandOverThatCannotOpenSaysTheFileIsSaved(t *testing.T) {
	e := apptest.New(t)
	dir := t.TempDir()
	opened := e.Outbox(dir)
	e.Sh.OpenURL = func(u *url.URL) error {
		*opened = append(*opened, u)
		if strings.HasSuffix(u.Path, ".eml") {
			return errors.New("no program is set up to open this kind of file")
		}
		return nil
	}
	var seen string
	kit.NewOutbox(e.Scope()).HandOver(kit.HandOver{Action: "Writing the agenda", Title: "Agenda written",
		Write: writeNote("agenda.eml", &seen)})
	e.Wait()
	said := e.DialogText()
	if !strings.Contains(said, "Saved, but not opened") || !strings.Contains(said, "no program is set up") || !strings.Contains(said, dir) {
		t.Fatalf("the report does not say the draft is saved but not opened: %s", said)
	}
	if _, err := os.Stat(filepath.Join(dir, "agenda.eml")); err != nil {
		t.Error(err)
	}
	test.Tap(e.DialogButton("Show in folder"))
	e.Wait()
	if n := len(*opened); n != 2 || (*opened)[1].Path != filepath.ToSlash(dir) {
		t.Errorf("Show in folder opened %v", *opened)
	}
}

// A folder Triad may not write into is named, and forgotten: the next
// hand-off asks for another instead of failing again.
func TestHandOverIntoAFolderItMayNotWriteAsksForAnotherNextTime(t *testing.T) {
	e := apptest.New(t)
	dir := t.TempDir()
	opened := e.Outbox(dir)
	asked := 0
	e.Sh.ChooseFolder = func(_ string, done func(string)) { asked++; done(dir) }
	refuse := func(d string) ([]string, error) {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(d, "x.eml"), Err: fs.ErrPermission}
	}
	out := kit.NewOutbox(e.Scope())
	out.HandOver(kit.HandOver{Action: "Writing the follow-ups", Title: "Drafts written", Write: refuse})
	e.Wait()
	said := e.DialogText()
	if !strings.Contains(said, "Triad may not write into "+dir) || !strings.Contains(said, "choose another folder") {
		t.Errorf("the error reads %s", said)
	}
	if len(*opened) != 0 || out.Folder() != "" {
		t.Errorf("opened %v; the folder is still %q", *opened, out.Folder())
	}
	var seen string
	out.HandOver(kit.HandOver{Action: "Writing the agenda", Title: "Agenda written", Write: writeNote("agenda.eml", &seen)})
	e.Wait()
	if asked != 1 || seen != dir {
		t.Errorf("the next hand-off asked %d times and wrote into %q", asked, seen)
	}
}

// Space presses a dialog's button, and the same key's character reaches
// whatever holds the focus once the dialog is gone: an attendee's check
// box behind a "Close meeting" question would tick. A dialog shown the
// kit's way leaves nothing focused behind it.
func TestADialogLeavesNothingBehindItHoldingTheKeyboard(t *testing.T) {
	e := apptest.New(t)
	present := widget.NewCheck("Priya Raman (TL)", nil)
	sc := e.Scope()
	e.ShowContent(sc, present)
	c := e.Win().Canvas()
	c.Focus(present)
	closeNow := false
	kit.Confirm(e.Win(), "Close meeting", "Close the meeting?", "Close meeting", func() { closeNow = true })
	button := e.DialogButton("Close meeting")
	test.Tap(button) // as Space on the focused button does, then its character:
	if f := c.Focused(); f != nil {
		f.TypedRune(' ') // as the driver hands it to what has the focus
	}
	if !closeNow {
		t.Fatal("the dialog's button did nothing")
	}
	if present.Checked || c.Focused() != nil {
		t.Errorf("the key that pressed the button reached the check box behind (ticked %v, focus %v)", present.Checked, c.Focused())
	}
}
