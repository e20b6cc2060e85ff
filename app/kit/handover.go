package kit

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
)

// FolderPref remembers the folder Triad writes the files it hands over
// into (the minutes, the mail drafts, the calendar files), so it is chosen
// once and not on every export. The key predates the drafts.
const FolderPref = "minutes.folder"

// Outbox is that folder, as one screen uses it: it asks for the folder the
// first time, writes into it off the UI goroutine and hands what it wrote
// to the system's program for it (the mail client, the calendar, the PDF
// viewer). Nothing leaves the computer: the user sends from there.
type Outbox struct{ sc *shell.Scope }

// NewOutbox is the outbox of the screen whose lifetime is sc.
func NewOutbox(sc *shell.Scope) Outbox { return Outbox{sc: sc} }

// Folder is the remembered folder; "" until the user picks one.
func (o Outbox) Folder() string { return o.sc.App.Preferences().String(FolderPref) }

// With calls next with the folder, asking for it the first time (or when
// the remembered one has gone).
func (o Outbox) With(next func(dir string)) {
	if dir := o.Folder(); dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			next(dir)
			return
		}
	}
	o.Pick(next)
}

// Pick asks for the folder, starting in the remembered one, remembers the
// answer and calls next with it; a cancel calls nothing.
func (o Outbox) Pick(next func(dir string)) {
	start := o.Folder()
	if st, err := os.Stat(start); start == "" || err != nil || !st.IsDir() {
		start = defaultFolder()
	}
	o.sc.ChooseFolder(start, func(dir string) {
		o.sc.App.Preferences().SetString(FolderPref, dir)
		next(dir)
	})
}

// defaultFolder is where the folder dialog starts: Documents when there
// is one, else the home folder.
func defaultFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// Open hands path to the system. When nothing can open it (no mail
// program, no PDF viewer), the file is still saved: a dialog says where.
func (o Outbox) Open(path string) {
	o.open(path, func(err error) {
		if err != nil {
			o.notOpened(path, err)
		}
	})
}

// open asks the system's opener, which may take a moment to answer, off
// the UI goroutine; done gets its answer on the UI goroutine.
func (o Outbox) open(path string, done func(error)) {
	shell.Run(o.sc, func() (struct{}, error) { return struct{}{}, o.sc.OpenURL(FileURL(path)) },
		func(_ struct{}, err error) { done(err) })
}

// notOpened says that path is saved but nothing could open it: not an error
// of the export, only of the hand-off, so it says where the file is and
// offers its folder.
func (o Outbox) notOpened(path string, err error) {
	msg := widget.NewLabel(fmt.Sprintf("%s is saved in\n%s\n\nbut this computer could not open it (%v). Open it from its folder.",
		filepath.Base(path), filepath.Dir(path), err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Saved, but not opened", "Close", container.NewVBox(msg, container.NewHBox(o.folderButton(filepath.Dir(path)))), o.sc.Win)
	d.Resize(fyne.NewSize(520, 0))
	ShowModal(o.sc.Win, d)
}

func (o Outbox) folderButton(dir string) *widget.Button {
	return widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { o.open(dir, func(error) {}) })
}

// FileURL is a file:// URL for path, with spaces and any other character
// escaped properly.
func FileURL(path string) *url.URL {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if len(p) > 0 && p[0] != '/' {
		p = "/" + p // C:/Users/… becomes file:///C:/Users/…
	}
	return &url.URL{Scheme: "file", Path: p}
}

// HandOver is one hand-off of files: what writes them and how the window
// reports it.
type HandOver struct {
	// Action names the work in an error: "Writing the agenda".
	Action string
	// Title heads the report: "Agenda written".
	Title string
	// Button is disabled while the files are written; nil for none.
	Button *widget.Button
	// Write writes the files into dir and returns their paths. It runs
	// off the UI goroutine: it may read the store and render.
	Write func(dir string) ([]string, error)
	// Done, when set, runs on the UI goroutine with what was written,
	// once the report is shown.
	Done func(paths []string)
}

// HandOver writes h's files into the folder (asking for it the first
// time), then reports where they went and opens each with the system's
// program for it. A failed write is said in a dialog and writes nothing
// more; a folder Triad may not write into is forgotten, so the next try
// asks for another.
func (o Outbox) HandOver(h HandOver) {
	o.With(func(dir string) {
		if h.Button != nil {
			h.Button.Disable()
		}
		shell.Write(o.sc, h.Action, func() ([]string, error) {
			paths, err := h.Write(dir)
			if err != nil {
				return paths, folderProblem(dir, err)
			}
			return paths, nil
		}, func(paths []string, err error) {
			if h.Button != nil {
				h.Button.Enable()
			}
			if err != nil {
				if errors.Is(err, errNotWritable) {
					o.sc.App.Preferences().SetString(FolderPref, "")
				}
				o.sc.ShowError(h.Action, err)
				return
			}
			o.report(h.Title, dir, paths)
			if h.Done != nil {
				h.Done(paths)
			}
		})
	})
}

// errNotWritable marks a folder Triad may not write into.
var errNotWritable = errors.New("the folder is not writable")

// folderProblem words a failed write so the user knows what to do.
func folderProblem(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return data.KindError(data.ErrDiskFull, "The disk holding %s is full, so nothing was written. Free some space and try again.", dir)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("Triad may not write into %s, so nothing was written. Try again and choose another folder: %w", dir, errNotWritable)
	}
	return err
}

// report shows where the files went, then opens them: the dialog's last
// line says what opened them, or that nothing could and they are to be
// opened from their folder.
func (o Outbox) report(title, dir string, paths []string) {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = "• " + filepath.Base(p)
	}
	where := Wrapped("Saved in " + dir + ":\n" + strings.Join(names, "\n"))
	where.Wrapping = fyne.TextWrapBreak
	opening := Wrapped("Opening " + them(len(opened(paths))) + " in " + openedBy(opened(paths)) + "…")
	var files fyne.CanvasObject = where
	if len(paths) > 8 { // a long list scrolls, so the dialog fits a 720-pixel-high screen
		scroll := container.NewVScroll(where)
		scroll.SetMinSize(fyne.NewSize(0, 8*28))
		files = scroll
	}
	d := dialog.NewCustom(title, "Close", container.NewVBox(files, opening, container.NewHBox(o.folderButton(dir))), o.sc.Win)
	d.Resize(fyne.NewSize(560, 0))
	ShowModal(o.sc.Win, d)

	toOpen := opened(paths)
	left := len(toOpen)
	var failed []string
	var why error
	for _, p := range toOpen {
		o.open(p, func(err error) {
			left--
			if err != nil {
				failed, why = append(failed, filepath.Base(p)), err
			}
			if left > 0 {
				return
			}
			switch {
			case len(failed) == 0:
				opening.SetText(openedText(toOpen))
				return
			case len(toOpen) == 1:
				opening.SetText(fmt.Sprintf("Saved, but not opened: this computer could not open it (%v). Open it from its folder.", why))
			default:
				opening.SetText(fmt.Sprintf("Saved, but not opened: this computer could not open %s (%v). Open them from their folder.",
					strings.Join(failed, ", "), why))
			}
			opening.Importance = widget.WarningImportance
			opening.Refresh()
		})
	}
}

// opened are the paths to open: all of them, but for a PDF beside a mail
// draft, which rides in the draft as its attachment.
func opened(paths []string) []string {
	drafts := false
	for _, p := range paths {
		drafts = drafts || strings.EqualFold(filepath.Ext(p), ".eml")
	}
	var out []string
	for _, p := range paths {
		if !drafts || !strings.EqualFold(filepath.Ext(p), ".pdf") {
			out = append(out, p)
		}
	}
	return out
}

// openedBy names the program the system opens paths with, by their kind.
func openedBy(paths []string) string {
	kinds := map[string]bool{}
	for _, p := range paths {
		kinds[strings.ToLower(filepath.Ext(p))] = true
	}
	if len(kinds) == 1 {
		switch {
		case kinds[".eml"]:
			return "your mail client"
		case kinds[".ics"]:
			return "your calendar"
		case kinds[".pdf"]:
			return "your PDF viewer"
		}
	}
	return "the programs your computer opens them with"
}

// openedText is what the report says once everything opened.
func openedText(paths []string) string {
	by := openedBy(paths)
	switch by {
	case "your mail client":
		if len(paths) == 1 {
			return "Opened in your mail client as a draft: nothing is sent until you review and send it there."
		}
		return "Opened in your mail client as drafts: nothing is sent until you review and send each one there."
	case "your calendar":
		return "Opened in your calendar: confirm the import there."
	}
	return "Opened in " + by + "."
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// ShowMenuBelow pops menu up under button, as a button with a menu does;
// the menu takes the keyboard (arrows, Enter, Escape).
func ShowMenuBelow(button *widget.Button, menu *fyne.Menu) {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(button)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(menu, c, d.AbsolutePositionForObject(button).AddXY(0, button.Size().Height))
}
