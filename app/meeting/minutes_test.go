package meeting

import (
	"bytes"
	"context"
	"errors"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"triad/app/internal/apptest"
	"triad/app/kit"
	"triad/data"
	"triad/data/sqlite"
)

// latestClosed is the newest closed meeting of the demo's first pod.
func latestClosed(t *testing.T, db *sqlite.DB) data.Meeting {
	t.Helper()
	ctx := context.Background()
	pods, err := db.Pods(ctx)
	if err != nil || len(pods) == 0 {
		t.Fatalf("pods: %v", err)
	}
	ms, err := db.Meetings(ctx, pods[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Status == data.MeetingClosed {
			return m
		}
	}
	t.Fatal("the sample data has no closed meeting")
	return data.Meeting{}
}

// minutesTestScreen opens the demo's latest closed meeting with the folder
// dialog and the system opener replaced: the folder is dir and every URL
// handed to the system is recorded.
func minutesTestScreen(t *testing.T, dir string) (*apptest.Env, *Screen, *[]*url.URL, *int) {
	t.Helper()
	e := apptest.New(t)
	db := e.DB
	e.HoldAutosave()
	e.Demo()
	var opened []*url.URL
	asked := 0
	e.Sh.OpenURL = func(u *url.URL) error { opened = append(opened, u); return nil }
	e.Sh.ChooseFolder = func(start string, done func(string)) { asked++; done(dir) }
	ms := openMeeting(e, latestClosed(t, db).ID)
	e.Wait()
	return e, ms, &opened, &asked
}

func TestEmailMinutesWritesDraftWithThePDF(t *testing.T) {
	dir := t.TempDir()
	e, ms, opened, asked := minutesTestScreen(t, dir)
	if !apptest.ContainsText(e.Screen(), "Minutes") {
		t.Fatal("the meeting screen has no Minutes button")
	}
	ms.header.minutes.onEmail()
	e.Wait()
	if ms.header.minutes.button.Disabled() {
		t.Error("the Minutes button stays disabled after the export")
	}
	if *asked != 1 || e.Sh.App.Preferences().String(kit.FolderPref) != dir {
		t.Fatalf("folder asked %d times, remembered %q; want once, %q", *asked, e.Sh.App.Preferences().String(kit.FolderPref), dir)
	}
	pdfPath, draftPath := ms.header.minutes.lastPDF, ms.header.minutes.lastDraft
	if filepath.Dir(pdfPath) != dir || filepath.Dir(draftPath) != dir || !strings.HasPrefix(filepath.Base(pdfPath), "Triad minutes - ") {
		t.Fatalf("wrote %q and %q, want both in %s", pdfPath, draftPath, dir)
	}
	if len(*opened) != 1 || (*opened)[0].Scheme != "file" || (*opened)[0].Path != filepath.ToSlash(draftPath) {
		t.Fatalf("opened %v, want the draft %s", *opened, draftPath)
	}
	pdf, err := os.ReadFile(pdfPath)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the PDF: %v", err)
	}
	d := apptest.ReadDraft(t, draftPath)
	if d.Header.Get("X-Unsent") != "1" {
		t.Error("the draft is not marked X-Unsent: 1")
	}
	if len(d.To) == 0 {
		t.Fatal("the draft has no To")
	}
	got, ok := d.Files[filepath.Base(pdfPath)]
	if !ok {
		t.Fatalf("the draft has no attachment %s: %v", filepath.Base(pdfPath), keys(d.Files))
	}
	if !bytes.Equal(got, pdf) {
		t.Fatalf("the attached PDF (%d bytes) differs from the file (%d bytes)", len(got), len(pdf))
	}

	// The folder is remembered: the next export asks nothing and opens the PDF.
	ms.header.minutes.onOpen()
	e.Wait()
	if *asked != 1 {
		t.Errorf("the folder was asked for again")
	}
	if n := len(*opened); n != 2 || (*opened)[1].Path != filepath.ToSlash(pdfPath) {
		t.Errorf("Open PDF opened %v", *opened)
	}
	ms.header.minutes.onShowFolder()
	if n := len(*opened); n != 3 || (*opened)[2].Path != filepath.ToSlash(dir) {
		t.Errorf("Show in folder opened %v", *opened)
	}
}

func TestExportMinutesIntoMissingFolderSaysSo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	e, ms, _, _ := minutesTestScreen(t, dir)
	// The remembered folder was removed; the user picks it again (here: a
	// folder that does not exist either), and the error names it.
	ms.header.minutes.onExport()
	e.Wait()
	if ms.header.minutes.button.Disabled() {
		t.Error("the Minutes button stays disabled after a failed export")
	}
	if ms.header.minutes.lastPDF != "" {
		t.Errorf("a failed export recorded %q", ms.header.minutes.lastPDF)
	}
	if err := ms.header.minutes.lastErr; err == nil || !strings.Contains(err.Error(), "does not exist") || !strings.Contains(err.Error(), dir) {
		t.Errorf("the error shown is %v; want it to say %s does not exist", err, dir)
	}
	if e.Sh.Win.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog is shown")
	}
}

// When the mail client cannot be started, the draft is still written: the
// window says where it is and offers its folder, not "Error".
func TestAnUnopenedDraftSaysWhereItIs(t *testing.T) {
	dir := t.TempDir()
	u, ms, opened, _ := minutesTestScreen(t, dir)
	u.Sh.OpenURL = func(u *url.URL) error {
		*opened = append(*opened, u)
		if strings.HasSuffix(u.Path, ".eml") {
			return errors.New("no mail program")
		}
		return nil
	}
	ms.header.minutes.onEmail()
	u.Wait()
	top := u.Sh.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("nothing was said when the draft could not be opened")
	}
	var shown []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			shown = append(shown, l.Text)
		}
	}
	said := strings.Join(shown, " | ")
	if strings.Contains(said, "Error") || !strings.Contains(said, "Saved, but not opened") || !strings.Contains(said, dir) {
		t.Fatalf("the message does not say the draft is saved and where: %s", said)
	}
	before := len(*opened)
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Show in folder" {
			test.Tap(b)
		}
	}
	if len(*opened) != before+1 || (*opened)[before].Path != filepath.ToSlash(dir) {
		t.Errorf("Show in folder opened %v, want %s", (*opened)[before:], dir)
	}
}
