// Package app is Triad's window: a pods sidebar and one screen at a time
// beside it. Each screen is a struct holding its widgets and what it needs,
// with a build method and onX handlers. Database work runs through tasks,
// off the UI goroutine; there is no SQL here.
package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/data"
	"triad/data/demo"
)

// UI is the main window and the state shared by its screens.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store Store
	info  Info
	tasks tasks
	now   func() time.Time

	closing []func() // run when the window closes
	// saver writes every screen's edits as they are typed. It outlives
	// the screen that scheduled them, so leaving a screen never waits for
	// the disk; the close button and a signal flush it.
	saver *data.Debouncer
	// saveView shows the autosave state on the screen that has one.
	saveView func(pending bool, err error)
	// heldBack says what the shown screen holds back as a draft because
	// it fails validation ("the title needs fixing"), or "".
	heldBack func() string

	sidebar *sidebar
	content *fyne.Container // the screen beside the sidebar
	screen  fyne.CanvasObject

	// The shown screen's cleanup runs before another screen replaces it
	// and before the window closes: clock tickers stop, the meeting screen
	// writes pending edits and drops its shortcuts. A screen registers
	// while it is built, before show, so registrations wait in nextLeave
	// until show takes them.
	leave, nextLeave []func()
	tick             time.Duration              // how often live countdowns refresh; 0 never (tests)
	notify           func(n *fyne.Notification) // desktop notifications; tests capture them
}

// autosaveAfter starts the autosave timers; tests replace it with a clock
// they advance by hand.
var autosaveAfter data.AfterFunc = data.RealAfterFunc

// New builds the main window around store. Call ShowAndRun on the result's
// Window, or use Run.
func New(a fyne.App, store Store, info Info) *UI {
	u := newUI(a, store, info, false)
	u.tick = 30 * time.Second
	u.startDealReminders(time.Minute)
	return u
}

// newUI builds the window; inline runs store work synchronously (tests).
func newUI(a fyne.App, store Store, info Info, inline bool) *UI {
	u := &UI{app: a, store: store, info: info, now: time.Now, notify: a.SendNotification}
	u.tasks.inline = inline
	u.saver = data.NewAutosaver(autosaveAfter)
	u.saver.OnState = func(pending bool, err error) {
		fyne.Do(func() {
			if u.saveView != nil {
				u.saveView(pending, err)
			}
		})
	}
	u.win = a.NewWindow("Triad")
	u.win.SetIcon(a.Icon())
	u.content = container.NewStack()
	u.sidebar = newSidebar(u)
	side := container.New(&columnLayout{width: 250, minWidth: 250}, u.sidebar.build())
	u.win.SetContent(container.NewBorder(nil, nil,
		container.NewHBox(side, widget.NewSeparator()), nil, u.content))
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.SetCloseIntercept(u.requestClose)
	u.win.Resize(savedWindowSize(a.Preferences()))
	u.atClose(func() { saveWindowSize(a.Preferences(), u.win.Canvas().Size()) })
	u.sidebar.reload(0)
	u.win.SetOnClosed(func() {
		for _, f := range u.closing {
			f()
		}
	})
	if !inline {
		stop := make(chan struct{})
		ticker := time.NewTicker(time.Minute)
		go u.autoBackup(stop, ticker.C)
		u.atClose(func() { ticker.Stop(); close(stop) })
	}
	return u
}

// atClose registers f to run when the main window closes, after every
// earlier registration.
func (u *UI) atClose(f func()) { u.closing = append(u.closing, f) }

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// requestClose is the window's close button: the shown screen finishes
// (pending edits reach the disk) before the window goes.
func (u *UI) requestClose() {
	if err := u.saver.Flush(); err != nil {
		confirmDanger(u.win, "Your last edit is not saved",
			"Triad could not save your last edit: "+err.Error()+
				"\n\nFree some space or check the disk, then close again. Close anyway and lose that edit?",
			"Close anyway", func() {
				u.leaveScreen()
				u.win.Close()
			})
		return
	}
	if u.heldBack != nil {
		if held := u.heldBack(); held != "" {
			confirmDanger(u.win, "Something you typed is not saved",
				"Not saved: "+held+". Triad keeps what you typed as a draft and shows it again when you open this meeting, "+
					"but it is not in the record or the minutes until it is fixed.\n\nClose Triad now?",
				"Close", func() {
					u.leaveScreen()
					u.win.Close()
				})
			return
		}
	}
	u.leaveScreen()
	u.win.Close()
}

// Wait returns when the background work started so far has finished, so
// main closes the database only after the last write.
func (u *UI) Wait() { u.tasks.wait() }

// FlushEdits writes every pending edit now and returns when they are on
// disk. It is safe from any goroutine: a signal handler calls it while
// the window may be busy.
func (u *UI) FlushEdits() error { return u.saver.Flush() }

func (u *UI) leaveScreen() {
	stops := u.leave
	u.leave = nil
	for _, stop := range stops {
		stop()
	}
}

// show replaces the screen beside the sidebar.
func (u *UI) show(screen fyne.CanvasObject) {
	u.leaveScreen()
	u.leave, u.nextLeave = u.nextLeave, nil
	u.screen = screen
	u.content.Objects = []fyne.CanvasObject{screen}
	u.content.Refresh()
}

// whileShown registers stop to run when the screen now being built is
// replaced by another.
func (u *UI) whileShown(stop func()) { u.nextLeave = append(u.nextLeave, stop) }

func (u *UI) ctx() context.Context { return context.Background() }

func (u *UI) mainMenu() *fyne.MainMenu {
	newPod := fyne.NewMenuItem("New pod…", u.onNewPod)
	newPod.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	newPod.Icon = theme.ContentAddIcon()
	settings := fyne.NewMenuItem("Settings…", u.onSettings)
	settings.Icon = theme.SettingsIcon()
	sample := fyne.NewMenuItem("Load sample data", u.onLoadSample)
	backup := fyne.NewMenuItem("Back up now", u.backupNow)
	restore := fyne.NewMenuItem("Restore from backup…", u.onRestore)
	file := fyne.NewMenu("File", newPod, fyne.NewMenuItemSeparator(), sample, settings,
		fyne.NewMenuItemSeparator(), backup, restore)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", u.onShortcuts),
		fyne.NewMenuItem("About Triad", u.onAbout))
	return fyne.NewMainMenu(file, help)
}

func (u *UI) addShortcuts() {
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.onNewPod() })
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.onSettings() })
	u.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.requestClose() }) // as the close button: edits are saved first
}

// shortcutHelp lists the window's shortcuts; screens add theirs.
var shortcutHelp = [][2]string{
	{"Ctrl+N", "New pod"},
	{"Ctrl+,", "Settings"},
	{"Ctrl+Q", "Quit (saves first)"},
	{"", ""},
	{"In a meeting", ""},
	{"Ctrl+Enter", "Start the meeting"},
	{"Ctrl+Page Down", "Next agenda item (starts its clock)"},
	{"Ctrl+Page Up", "Previous agenda item"},
	{"Ctrl+P", "Pause / resume the clock"},
	{"Ctrl+I", "Add an agenda item"},
	{"Ctrl+E", "Edit the selected item's title"},
	{"Alt+Up / Alt+Down", "Move the selected item up / down"},
	{"Ctrl+Shift+Delete", "Delete the selected item"},
	{"Ctrl+J", "Add an action item"},
	{"Ctrl+L", "Jump to the notes"},
	{"Up / Down, Space", "In the agenda list: move, then open an item"},
}

func (u *UI) onShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, s := range shortcutHelp {
		if s[1] == "" { // a heading, or a blank line before one
			grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			grid.Add(widget.NewLabel(""))
			continue
		}
		grid.Add(widget.NewLabelWithStyle(shortcutLabel(s[0]), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	dialog.ShowCustom("Keyboard shortcuts", "Close", grid, u.win)
}

func (u *UI) onAbout() {
	showAbout(u.win, u.info, u.store.Path())
}

func (u *UI) onNewPod() {
	u.sidebar.clearSelection()
	u.show(newPodForm(u, data.NewPod()).build())
}

func (u *UI) onSettings() {
	u.sidebar.clearSelection()
	u.show(newSettingsScreen(u).build())
}

// onLoadSample fills an empty database with the sample company.
func (u *UI) onLoadSample() {
	run(&u.tasks, func() (struct{}, error) {
		return struct{}{}, demo.Fill(u.ctx(), u.store, u.now())
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(u.win, "Loading the sample data", err)
			return
		}
		u.sidebar.reload(0)
	})
}

// openPod shows a pod's page.
func (u *UI) openPod(id int64) {
	u.show(newPodPage(u, id).build())
}

// showWelcome is the empty state: what Triad is and what to do first.
func (u *UI) showWelcome() {
	u.show(welcomeScreen(u))
}
