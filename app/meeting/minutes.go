package meeting

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
	"triad/data/mailout"
	minutespdf "triad/data/minutes"
)

// minutesFolderPref remembers where the minutes go, so the folder is
// chosen once and not on every export.
const minutesFolderPref = "minutes.folder"

// minutesMenu is the meeting screen's "Minutes" button: export the PDF,
// write a mail draft with it attached, open it, or show its folder. It
// works offline; everything happens on this computer.
type minutesMenu struct {
	sc        *shell.Scope
	meetingID int64
	button    *widget.Button
	status    *widget.Label // "Writing the minutes…", or that the last export failed
	lastPDF   string        // the PDF written last, for "Open PDF"
	lastDraft string        // the .eml written last
	lastErr   error         // why the last export failed, as shown to the user
}

func newMinutesMenu(sc *shell.Scope, meetingID int64) *minutesMenu {
	mm := &minutesMenu{sc: sc, meetingID: meetingID, status: widget.NewLabel("")}
	mm.status.Importance = widget.LowImportance
	mm.status.Hide()
	mm.button = widget.NewButtonWithIcon("Minutes", theme.DocumentIcon(), mm.showMenu)
	return mm
}

// widget is the button with its status line, for the meeting header.
func (mm *minutesMenu) widget() fyne.CanvasObject {
	return container.NewHBox(mm.status, mm.button)
}

func (mm *minutesMenu) menu() *fyne.Menu {
	return fyne.NewMenu("Minutes",
		fyne.NewMenuItem("Export PDF", mm.onExport),
		fyne.NewMenuItem("Email minutes", mm.onEmail),
		fyne.NewMenuItem("Open PDF", mm.onOpen),
		fyne.NewMenuItem("Show in folder", mm.onShowFolder),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Change minutes folder…", func() { mm.pickFolder(func(string) {}) }),
	)
}

func (mm *minutesMenu) showMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(mm.button)
	if c == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(mm.button).AddXY(0, mm.button.Size().Height)
	widget.ShowPopUpMenuAtPosition(mm.menu(), c, pos)
}

// folder is the remembered minutes folder; "" until the user picks one.
func (mm *minutesMenu) folder() string {
	return mm.sc.App.Preferences().String(minutesFolderPref)
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

// withFolder calls next with the minutes folder, asking for it the first
// time (or when the remembered one has gone).
func (mm *minutesMenu) withFolder(next func(dir string)) {
	if dir := mm.folder(); dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			next(dir)
			return
		}
	}
	mm.pickFolder(next)
}

func (mm *minutesMenu) pickFolder(next func(dir string)) {
	start := mm.folder()
	if st, err := os.Stat(start); start == "" || err != nil || !st.IsDir() {
		start = defaultFolder()
	}
	mm.sc.ChooseFolder(start, func(dir string) {
		mm.sc.App.Preferences().SetString(minutesFolderPref, dir)
		next(dir)
	})
}

// exported is what one export wrote.
type exported struct {
	pdf, draft string
}

// export renders the minutes into the folder (and the mail draft beside
// them when draft is set) off the UI goroutine, the button disabled
// meanwhile, then calls done on the UI goroutine.
func (mm *minutesMenu) export(draft bool, done func(exported)) {
	mm.withFolder(func(dir string) {
		mm.button.Disable()
		mm.status.SetText("Writing the minutes…")
		mm.status.Show()
		sc, id := mm.sc, mm.meetingID
		shell.Write(sc, "Writing the minutes", func() (exported, error) {
			m, err := minutespdf.Assemble(context.Background(), sc.Store, id, minutespdf.Options{Now: sc.Now})
			if err != nil {
				return exported{}, err
			}
			pdf, err := minutespdf.Render(m)
			if err != nil {
				return exported{}, err
			}
			var out exported
			out.pdf = filepath.Join(dir, minutespdf.FileName(m.Pod, m.Date))
			if err := minutespdf.WriteFile(out.pdf, pdf); err != nil {
				if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
					return exported{}, fileError(dir, err)
				}
				return exported{}, err
			}
			if draft {
				if out.draft, err = mailout.Save(dir, m, filepath.Base(out.pdf), pdf, sc.Now()); err != nil {
					return exported{}, fileError(dir, err)
				}
			}
			return out, nil
		}, func(out exported, err error) {
			mm.button.Enable()
			mm.lastErr = err
			if err != nil {
				mm.status.SetText("Minutes not written")
				sc.ShowError("Writing the minutes", err)
				return
			}
			mm.lastPDF, mm.lastDraft = out.pdf, out.draft
			mm.status.Hide() // what happened is shown by what opens next
			done(out)
		})
	})
}

// fileError words a failed write of the mail draft so the user knows what
// to do (the PDF's own write says so itself).
func fileError(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return data.KindError(data.ErrDiskFull, "The disk holding %s is full, so the mail draft was not written. Free some space and try again.", dir)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("Triad may not write into %s. Choose another folder under Minutes → Change minutes folder", dir)
	}
	return err
}

func (mm *minutesMenu) onExport() {
	mm.export(false, func(out exported) {
		openBtn := widget.NewButtonWithIcon("Open PDF", theme.DocumentIcon(), func() { mm.open(out.pdf) })
		folderBtn := widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { mm.open(filepath.Dir(out.pdf)) })
		msg := widget.NewLabel("The minutes are saved as\n" + out.pdf)
		msg.Wrapping = fyne.TextWrapBreak
		d := dialog.NewCustom("Minutes exported", "Close", container.NewVBox(msg, container.NewHBox(openBtn, folderBtn)), mm.sc.Win)
		d.Resize(fyne.NewSize(520, 0))
		d.Show()
	})
}

// onEmail writes the PDF and a draft with it attached, then opens the
// draft in the mail client, which sends it when the user is ready.
func (mm *minutesMenu) onEmail() {
	mm.export(true, func(out exported) { mm.open(out.draft) })
}

// onOpen opens this meeting's PDF, writing it first so it is current.
func (mm *minutesMenu) onOpen() {
	mm.export(false, func(out exported) { mm.open(out.pdf) })
}

func (mm *minutesMenu) onShowFolder() {
	mm.withFolder(func(dir string) { mm.open(dir) })
}

// open hands path to the system. When nothing can open it (no mail
// program, no PDF viewer), the file is still saved: say where it is.
func (mm *minutesMenu) open(path string) {
	// The system's opener may take a moment to answer: ask it off the UI
	// goroutine.
	shell.Run(mm.sc, func() (struct{}, error) { return struct{}{}, mm.sc.OpenURL(fileURL(path)) },
		func(_ struct{}, err error) {
			if err != nil {
				mm.notOpened(path, err)
			}
		})
}

// notOpened says that path is saved but nothing could open it: not an error
// of the export, only of the hand-off, so it says where the file is and
// offers its folder.
func (mm *minutesMenu) notOpened(path string, err error) {
	msg := widget.NewLabel(fmt.Sprintf("%s is saved in\n%s\n\nbut this computer could not open it (%v). Open it from its folder.",
		filepath.Base(path), filepath.Dir(path), err))
	msg.Wrapping = fyne.TextWrapWord
	folder := widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() {
		dir := filepath.Dir(path)
		shell.Run(mm.sc, func() (struct{}, error) { return struct{}{}, mm.sc.OpenURL(fileURL(dir)) }, func(struct{}, error) {})
	})
	d := dialog.NewCustom("Saved, but not opened", "Close", container.NewVBox(msg, container.NewHBox(folder)), mm.sc.Win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// fileURL is a file:// URL for path, with spaces and any other character
// escaped properly.
func fileURL(path string) *url.URL {
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
