package meeting

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"triad/app/kit"
)

type keyCombo struct {
	key fyne.KeyName
	mod fyne.KeyModifier
}

// shortcutKeys are the meeting screen's shortcuts (listed for people in
// shortcutHelp). They avoid the keys a text field uses itself (Ctrl+Left,
// Ctrl+Delete, Ctrl+A/C/V/X/Z/Y).
func shortcutKeys() map[string]keyCombo {
	return map[string]keyCombo{
		"start":    {fyne.KeyReturn, fyne.KeyModifierShortcutDefault},
		"next":     {fyne.KeyPageDown, fyne.KeyModifierShortcutDefault},
		"previous": {fyne.KeyPageUp, fyne.KeyModifierShortcutDefault},
		"pause":    {fyne.KeyP, fyne.KeyModifierShortcutDefault},
		"addItem":  {fyne.KeyI, fyne.KeyModifierShortcutDefault},
		"title":    {fyne.KeyE, fyne.KeyModifierShortcutDefault},
		"up":       {fyne.KeyUp, fyne.KeyModifierAlt},
		"down":     {fyne.KeyDown, fyne.KeyModifierAlt},
		"delete":   {fyne.KeyDelete, fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		"action":   {fyne.KeyJ, fyne.KeyModifierShortcutDefault},
		"notes":    {fyne.KeyL, fyne.KeyModifierShortcutDefault},
		"minutes":  {fyne.KeyM, fyne.KeyModifierShortcutDefault},
	}
}

func comboName(c keyCombo) string {
	return (&desktop.CustomShortcut{KeyName: c.key, Modifier: c.mod}).ShortcutName()
}

// addShortcuts registers the meeting's shortcuts on the window canvas while
// the screen is shown. A focused text field gets keys
// before the canvas does, so the screen's entries pass these on too.
func (ms *Screen) addShortcuts() {
	actions := map[string]func(){
		"start":    ms.onStart,
		"next":     ms.onNext,
		"previous": ms.onPrevious,
		"pause":    ms.onPause,
		"addItem":  ms.onAddItem,
		"title":    func() { ms.focus(ms.editor.title) },
		"up":       func() { ms.onMove(-1) },
		"down":     func() { ms.onMove(+1) },
		"delete":   ms.onDeleteItem,
		"action":   func() { ms.actions.tabs.Select(ms.actions.meetingTab); ms.focus(ms.actions.text) },
		"notes":    func() { ms.focus(ms.editor.notes) },
		"minutes":  ms.header.minutes.showMenu, // the minutes and the mails, by keyboard
	}
	ms.shortcuts = map[string]func(){}
	for name, combo := range shortcutKeys() {
		fn := actions[name]
		ms.shortcuts[comboName(combo)] = fn
		ms.sc.Shortcut(&desktop.CustomShortcut{KeyName: combo.key, Modifier: combo.mod}, fn)
	}
}

// handleShortcut runs the meeting shortcut s, if it is one.
func (ms *Screen) handleShortcut(s fyne.Shortcut) bool {
	if fn, ok := ms.shortcuts[s.ShortcutName()]; ok {
		fn()
		return true
	}
	return false
}

func (ms *Screen) focus(o fyne.Focusable) {
	if w, ok := o.(fyne.Disableable); ok && w.Disabled() {
		return
	}
	ms.sc.Win.Canvas().Focus(o)
}

// entry is a single-line field of up to limit characters that passes the
// meeting's shortcuts to the screen instead of swallowing them.
func (ms *Screen) entry(limit int) *kit.Entry {
	e := kit.NewLineEntry(limit)
	e.Shortcut = ms.handleShortcut
	return e
}

// notesEntry is the notes field: word-wrapped until it is long (see
// kit.LongTextChars), up to the notes limit, passing shortcuts on.
func (ms *Screen) notesEntry() *kit.Entry {
	e := kit.NewProse("", "", 0)
	e.Shortcut = ms.handleShortcut
	return e
}
