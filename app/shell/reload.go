package shell

// Reloader is a screen that shows what other laptops of a team change.
// The window calls Reload on the screen shown when their changes arrive;
// it reads the screen's data again and shows it in place: the selected
// tab, the scroll, the filters and what is typed stay. A screen that is
// not one (a form) is left as it is, and reads afresh when opened again.
type Reloader interface{ Reload() }

// HoldsTyping is a Reloader whose reload would take away what is being
// typed (an editor built from the record): while HoldsTyping says so the
// window waits, and reloads once it no longer does.
type HoldsTyping interface{ HoldsTyping() bool }
