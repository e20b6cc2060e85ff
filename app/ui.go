// Package app is Triad's window: its menu, shortcuts and sidebar, and the
// router that turns a route into the screen beside the sidebar. It is the
// one importer of the screen packages; the screens never import it.
package app

import (
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/app/team"
	"triad/data"
	"triad/data/demo"
)

// UI is the main window: the sidebar, the router and the screen shown.
type UI struct {
	sh   *shell.Shell
	info Info

	sidebar *sidebar
	host    shell.Host        // the screen beside the sidebar
	screen  fyne.CanvasObject // the shown screen's content
	route   shell.Route       // what screen shows
	current any               // the shown screen's struct: reloaded when a shell.Reloader; tests read it

	shortcuts *dialog.CustomDialog // Help → Keyboard shortcuts, while shown

	teamReload  atomic.Bool // a reload for another member's change is due
	reloadWaits bool        // the screen's reload waits for a dialog to close (UI goroutine)
	gone        atomic.Bool // the event loop has ended (Gone)
}

// New builds the main window around store. Call ShowAndRun on the result's
// Window, or use Run.
func New(a fyne.App, store Store, info Info) *UI {
	u := newUI(a, store, info, false)
	u.sh.Locale = data.LocaleFromEnv(os.Getenv)
	u.sh.Tick, u.sh.ClockTick = 30*time.Second, time.Second
	u.startDealReminders(time.Minute)
	u.sh.Window().Every(time.Minute, u.autoBackup(u.sh.Now()))
	return u
}

// newUI builds the window; inline runs store work synchronously (tests).
func newUI(a fyne.App, store Store, info Info, inline bool) *UI {
	sh := &shell.Shell{App: a, Store: store, Now: time.Now, Notify: a.SendNotification, Inline: inline}
	u := &UI{sh: sh, info: info}
	sh.Go = u.Go
	sh.Saver = data.NewAutosaver(data.RealAfterFunc)
	sh.Saver.OnState = func(pending bool, err error) {
		fyne.Do(func() { u.host.SaveState(pending, err) })
	}
	sh.Win = a.NewWindow("Triad")
	sh.Confirm = func(title, message, action string, yes func()) { kit.Confirm(sh.Win, title, message, action, yes) }
	sh.OpenURL = systemOpener(a)
	sh.ChooseFolder = func(start string, done func(string)) { kit.ChooseFolder(sh.Win, start, done) }
	sh.Win.SetIcon(a.Icon())
	u.host.Content = container.NewStack()
	u.sidebar = newSidebar(u)
	side := container.NewHBox(container.New(&kit.Column{Width: 250, MinWidth: 250}, u.sidebar.build()), widget.NewSeparator())
	// A screen that would want more than a small laptop's screen scrolls
	// inside the window instead: the window never grows itself past it.
	screen := container.New(&kit.MaxSize{Max: screenRoom(side)}, container.NewScroll(u.host.Content))
	sh.Win.SetContent(container.NewBorder(nil, nil, side, nil, screen))
	sh.Win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	sh.Win.SetCloseIntercept(u.requestClose)
	sh.Win.Resize(savedWindowSize(a.Preferences()))
	sh.Window().OnLeave(func() { saveWindowSize(a.Preferences(), sh.Win.Canvas().Size()) })
	// The first screen reads what it shows now, before the window is
	// shown, so the first frame painted is the finished screen, not an
	// empty sidebar, then the pods, then the pod's meetings, each a layout
	// and a frame of its own (a few ms of reads, even on ten years of
	// history; nothing is on the screen to wait for them yet).
	sh.Inline = true
	u.Go(shell.Pods{})
	sh.Inline = inline
	sh.Win.SetOnClosed(sh.Window().Leave)
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.sh.Win }

// requestClose is the window's close button: the shown screen finishes
// (pending edits reach the disk) before the window goes.
func (u *UI) requestClose() {
	closeNow := func() {
		u.leaveScreen()
		u.sh.Win.Close()
	}
	if err := u.sh.Saver.Flush(); err != nil {
		u.sh.Confirm("Your last edit is not saved",
			"Triad could not save your last edit: "+err.Error()+
				"\n\nFree some space or check the disk, then close again. Close anyway and lose that edit?",
			"Close anyway", closeNow)
		return
	}
	if held := u.host.HeldBack(); held != "" {
		u.sh.Confirm("Something you typed is not saved",
			"Not saved: "+held+". Triad keeps what you typed as a draft and shows it again when you open this meeting, "+
				"but it is not in the record or the minutes until it is fixed.\n\nClose Triad now?",
			"Close", closeNow)
		return
	}
	if unsaved := u.sh.Unsaved(); len(unsaved) > 0 {
		u.sh.Confirm("Something you typed is not saved", strings.Join(unsaved, "\n\n")+"\n\nClose Triad now?", "Close", closeNow)
		return
	}
	closeNow()
}

// SetSyncStatus shows the team sync's status line ("Team acme: up to
// date · last contact just now") in the sidebar. It is safe from any
// goroutine: the sync worker calls it.
func (u *UI) SetSyncStatus(line string) {
	fyne.Do(func() {
		if !u.gone.Load() {
			u.sidebar.setSync(line)
			if ts, ok := u.current.(*team.Screen); ok {
				ts.SetStatus(line)
			}
		}
	})
}

// Gone says the event loop has ended: what the sync worker reports while
// it stops is not shown (fyne.Do would run it on the worker's goroutine).
func (u *UI) Gone() { u.gone.Store(true) }

// TeamChanged says another member's change was applied to the database.
// It is safe from any goroutine; many calls in a burst (a catch-up after
// a week offline) reload once, 300 ms after the first. The screen shown
// reloads in place when it is a shell.Reloader (see reloadScreen).
func (u *UI) TeamChanged() {
	if !u.teamReload.CompareAndSwap(false, true) {
		return
	}
	fyne.Do(func() {
		if u.gone.Load() {
			u.teamReload.Store(false)
			return
		}
		u.after(300*time.Millisecond, func() { fyne.Do(u.reloadForTeam) })
	})
}

// after starts a timer: the tests' held ones, else the real clock's.
func (u *UI) after(d time.Duration, f func()) {
	after := u.sh.After
	if after == nil {
		after = data.RealAfterFunc
	}
	after(d, f)
}

// reloadForTeam shows the changes TeamChanged was told of.
func (u *UI) reloadForTeam() {
	u.teamReload.Store(false)
	if u.gone.Load() {
		return
	}
	u.sidebar.reloadAsks() // someone may have asked to join
	u.reloadScreen()
}

// screenRetry is how soon a reload that waited looks again.
const screenRetry = time.Second

// reloadScreen reloads the screen shown when it shows other laptops'
// changes. It waits while a dialog or a menu is open over the screen (a
// form in a dialog is never rebuilt under the user's hands) and while the
// screen holds typing a reload would take away, looking again every
// screenRetry for as long as the same screen is shown: one that replaces
// it reads afresh anyway.
func (u *UI) reloadScreen() {
	r, ok := u.current.(shell.Reloader)
	if !ok || u.gone.Load() {
		return
	}
	h, guards := u.current.(shell.HoldsTyping)
	if u.sh.Win.Canvas().Overlays().Top() == nil && (!guards || !h.HoldsTyping()) {
		r.Reload()
		return
	}
	if u.reloadWaits {
		return // already looking again
	}
	u.reloadWaits = true
	shown := u.current
	u.after(screenRetry, func() {
		fyne.Do(func() {
			u.reloadWaits = false
			if u.current == shown {
				u.reloadScreen()
			}
		})
	})
}

// SyncStatus is the sync line the sidebar shows, for tests.
func (u *UI) SyncStatus() string { return u.sidebar.sync }

// Wait returns when the background work started so far has finished, so
// main closes the database only after the last write.
func (u *UI) Wait() { u.sh.Wait() }

// FlushEdits writes every pending edit now and returns when they are on
// disk. It is safe from any goroutine: a signal handler calls it while
// the window may be busy.
func (u *UI) FlushEdits() error { return u.sh.Saver.Flush() }

// leaveScreen ends the shown screen.
func (u *UI) leaveScreen() { u.host.Leave() }

// show replaces the screen beside the sidebar with s, whose lifetime is sc.
func (u *UI) show(sc *shell.Scope, s shell.Screen) {
	u.host.Show(sc, s)
	u.screen = s.Content
}

func (u *UI) mainMenu() *fyne.MainMenu {
	newPod := fyne.NewMenuItem("New pod…", func() { u.Go(shell.NewPod{}) })
	newPod.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	newPod.Icon = theme.ContentAddIcon()
	settings := fyne.NewMenuItem("Settings…", func() { u.Go(shell.Settings{}) })
	settings.Icon = theme.SettingsIcon()
	sample := fyne.NewMenuItem("Load sample data", u.onLoadSample)
	backup := fyne.NewMenuItem("Back up now", u.backupNow)
	restore := fyne.NewMenuItem("Restore from backup…", u.onRestore)
	// Quit is the File menu's last item, as Fyne would add it, but closes
	// as the close button does (edits saved, drafts asked about). A menu's
	// shortcut reaches the window before a focused text field, which would
	// otherwise swallow Ctrl+Q; the canvas's shortcut below is for when no
	// menu is shown.
	quit := fyne.NewMenuItem("Quit", u.requestClose)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	file := fyne.NewMenu("File", newPod, fyne.NewMenuItemSeparator(), sample, settings,
		fyne.NewMenuItemSeparator(), backup, restore, fyne.NewMenuItemSeparator(), quit)
	keys := fyne.NewMenuItem("Keyboard shortcuts", u.onShortcuts)
	// A menu's shortcut works wherever the focus is, a text field too.
	keys.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
	help := fyne.NewMenu("Help", keys,
		fyne.NewMenuItem(aboutLabel(runtime.GOOS), u.onAbout))
	return fyne.NewMainMenu(file, help)
}

// aboutLabel names the About item. On macOS Fyne moves an item labelled
// exactly "About" (as it does "Settings…") into the application menu,
// where the Mac's users look for it; elsewhere it stays under Help.
func aboutLabel(goos string) string {
	if goos == "darwin" {
		return "About"
	}
	return "About Triad"
}

func (u *UI) addShortcuts() {
	u.sh.Win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.Go(shell.NewPod{}) })
	u.sh.Win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.Go(shell.Settings{}) })
	u.sh.Win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.requestClose() }) // as the close button: edits are saved first
	// F1 and ? reach the window only when no field has the focus: a field
	// types a question mark.
	u.sh.Win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyF1 {
			u.onShortcuts()
		}
	})
	u.sh.Win.Canvas().SetOnTypedRune(func(r rune) {
		if r == '?' {
			u.onShortcuts()
		}
	})
}

// shortcutHelp lists the window's shortcuts in two columns, each a list
// of headings ("" as the key) and keys; screens add theirs.
func shortcutHelp() [2][][2]string {
	return [2][][2]string{{
		{"Everywhere", ""},
		{"Ctrl+N", "New pod"},
		{"Ctrl+,", "Settings"},
		{"Ctrl+Q", "Quit (saves first)"},
		{"Ctrl+/", "This list (also F1 or ? when no field has the focus)"},
		{"Tab, Shift+Tab", "Move between buttons and fields"},
		{"Space", "Press the focused button, open its menu"},
		{"Up / Down, Enter", "In a menu: move, then choose"},
		{"Escape", "Close a menu"},
		{"On a pod's Meetings tab", ""},
		{"Tab to the buttons", "Meeting template…, Add to calendar"},
		{"On a deal request", ""},
		{"Tab to the button", "Ask the Tech Lead (waiting for sign-off)"},
	}, {
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
		{"Ctrl+M", "The Minutes menu: PDF and mail, Send agenda, Add to calendar, Follow-up mails, Copy as text"},
	}}
}

// onShortcuts shows the two columns side by side: one long column would
// be taller than a laptop's screen. On a 1280x720 one even the two are a
// little taller than the window: they scroll there.
func (u *UI) onShortcuts() {
	if u.shortcuts != nil {
		return // already shown: F1 or ? again does not stack a second
	}
	cols := container.NewGridWithColumns(2)
	for _, col := range shortcutHelp() {
		form := widget.NewForm()
		for _, s := range col {
			if s[1] == "" { // a heading
				form.Append("", kit.Bold(s[0]))
				continue
			}
			what := widget.NewLabel(s[1])
			what.Wrapping = fyne.TextWrapWord
			form.Append(shortcutLabel(s[0]), what)
		}
		cols.Add(container.NewVBox(form))
	}
	body := container.New(&kit.MaxHeight{Max: shortcutsHeight()}, container.NewVScroll(cols))
	u.shortcuts = dialog.NewCustom("Keyboard shortcuts", "Close", body, u.sh.Win)
	u.shortcuts.SetOnClosed(func() { u.shortcuts = nil })
	u.shortcuts.Resize(fyne.NewSize(1040, 0))
	kit.ShowModal(u.sh.Win, u.shortcuts)
}

// shortcutsHeight is the most the shortcuts take in their dialog: the
// smallest window less the menu bar, the dialog's title and its button.
func shortcutsHeight() float32 {
	chrome := 2*widget.NewButton("Close", nil).MinSize().Height + 10*theme.Padding() + 2*theme.InnerPadding()
	return smallestWindow().Height - menuBarHeight() - chrome
}

func (u *UI) onAbout() {
	showAbout(u.sh.Win, u.info, u.sh.Store.Path())
}

// onLoadSample fills an empty database with the sample company.
func (u *UI) onLoadSample() {
	sc := u.sh.Window()
	shell.Write(sc, "Loading the sample data", func() (struct{}, error) {
		return struct{}{}, demo.Fill(sc.Ctx(), sc.Store, sc.Now())
	}, func(_ struct{}, err error) {
		if err != nil {
			sc.ShowError("Loading the sample data", err)
			return
		}
		u.Go(shell.Pods{})
	})
}
