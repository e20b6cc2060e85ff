package shell

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"triad/data"
)

// Store is what the window needs from the database. It is an interface so
// the window holds no SQL; main wires in data/sqlite.
type Store interface {
	data.PodStore
	data.SettingsStore
	data.MeetingStore
	Backups
	data.DealDeskStore
	data.RoadmapStore
	data.DecisionStore
	data.FollowUpStore
	data.MeetingRunStore
	data.MinutesStore
	data.DealRoadmapStore
	data.AgendaSearchStore
	data.AgendaDraftStore
	data.FormDraftStore // what the decision editor, the deal form and the pod form hold unsaved
	data.SearchStore
	data.HandoffStore    // "Send agenda", the close's follow-ups, "Ask the Tech Lead"
	data.TemplateStore   // the meeting template in the pod's settings
	data.PodHoldingStore // a rep's laptop in a team holds a pod's deal desk only
	data.MyItemsStore    // "My items": a person's open action items across pods
	data.TeamViewStore   // the Team screen: seats, joins, refused events, kept deletes
	Path() string
}

// Backups is how the window protects the database file. The store takes
// backups; main supplies listing and restoring, which need the file closed.
type Backups interface {
	Backup(ctx context.Context, reason data.BackupReason) (data.BackupInfo, error)
	ChangedSinceBackup() bool
}

// Shell is the window's services, one per window, shared by its screens.
// Only the UI goroutine reads or changes its fields.
type Shell struct {
	App   fyne.App
	Win   fyne.Window
	Store Store
	Now   func() time.Time
	// Saver writes every screen's typed edits. It outlives the screen that
	// scheduled them, so leaving a screen never waits for the disk; the
	// close button and a signal flush it.
	Saver *data.Debouncer
	// Go shows the screen a route names.
	Go func(Route)
	// Notify sends a desktop notification.
	Notify func(*fyne.Notification)
	// Confirm asks before something that cannot be undone; yes runs only
	// when the user confirms with the button named action.
	Confirm func(title, message, action string, yes func())
	// OpenURL hands a file or folder to the system (PDF viewer, mail
	// client, file manager) and reports whether it could. It may wait
	// for the system's answer: call it through Run, off the UI goroutine.
	OpenURL func(*url.URL) error
	// ChooseFolder asks for a folder, starting in start; done gets it,
	// and is not called when the user cancels.
	ChooseFolder func(start string, done func(dir string))
	// After starts the timers a screen waits on (the search box's pause
	// after a keystroke): time.AfterFunc when nil; tests fire them by hand.
	After data.AfterFunc
	// Tick is how often live countdowns refresh and ClockTick how often a
	// running meeting's clock does; 0 never (tests drive them by hand).
	Tick, ClockTick time.Duration
	// Inline runs background work and its result on the caller's
	// goroutine. Tests set it: fyne's test driver runs fyne.Do on whichever
	// goroutine calls it, so a background result would race with the
	// test's own widget calls.
	Inline bool
	// Locale is the user's locale as the system names it ("de_DE.UTF-8"),
	// read once when the window opens: it decides whether a typed
	// "50.000" is fifty thousand or refused as unclear. "" when unknown.
	Locale string

	tasks   sync.WaitGroup
	window  *Scope
	unsaved []*func() string // what shown screens hold unsaved; see Scope.HoldsUnsaved
}

// Unsaved is what the shown screens hold that is not in the record, each a
// sentence saying what and what becomes of it ("The new decision … is kept
// as a draft …"); the window asks before closing while there is any.
func (s *Shell) Unsaved() []string {
	var out []string
	for _, f := range s.unsaved {
		if what := (*f)(); what != "" {
			out = append(out, what)
		}
	}
	return out
}

// Ctx is the context store calls run under. It is never cancelled:
// leaving a screen must not undo a write it asked for, so a screen's
// lifetime guards what its results touch, not the work itself.
func (s *Shell) Ctx() context.Context { return context.Background() }

// Wait returns when the background work started so far, and the work it
// started, has finished: main closes the database only after the last
// write, and tests wait on it instead of sleeping.
func (s *Shell) Wait() { s.tasks.Wait() }

// Window is the scope of the window itself: left when the window closes.
func (s *Shell) Window() *Scope {
	if s.window == nil {
		ctx, cancel := context.WithCancel(context.Background())
		s.window = &Scope{Shell: s, ctx: ctx, cancel: cancel, shown: true}
	}
	return s.window
}

// NewScope starts the lifetime of a screen about to be shown.
func (s *Shell) NewScope() *Scope { return s.Window().Child() }

// ShowError tells the user in a dialog what went wrong with action.
func (s *Shell) ShowError(action string, err error) { ShowError(s.Win, action, err) }

// Screen is what a screen hands the router: its content and how it
// takes part in the window's life. Only Content is required.
type Screen struct {
	Content fyne.CanvasObject
	// Leave runs when another screen replaces this one or the window
	// closes, after the screen's scope has ended.
	Leave func()
	// SaveState shows the autosave state on a screen that has one.
	SaveState func(pending bool, err error)
	// HeldBack says what the screen holds back as a draft because it
	// fails validation ("the title needs fixing"), or "".
	HeldBack func() string
}

// ShowError tells the user what went wrong in words they can act on.
func ShowError(win fyne.Window, action string, err error) {
	if err == nil {
		return
	}
	dialog.NewError(errors.New(Message(action, err)), win).Show()
}

// Message words a store error for the user: readable store messages as
// they are, anything else behind the action so a driver error never
// stands alone.
func Message(action string, err error) string {
	if IsReadable(err) {
		return err.Error()
	}
	return action + " did not work: " + err.Error()
}

// IsReadable reports store errors whose message is meant for the user.
func IsReadable(err error) bool {
	var ve *data.ValidationError
	return errors.As(err, &ve) || errors.Is(err, data.ErrConflict) || errors.Is(err, data.ErrNotFound) || errors.Is(err, data.ErrInvalid)
}

// ParseMoney reads an amount typed in a form, in the habit of the user's
// locale and of currency, the pod's currency code (see data.ParseMoneyFor).
func (s *Shell) ParseMoney(text, currency string) (data.Money, error) {
	return data.ParseMoneyFor(text, currency, s.Locale)
}

// MoneyInput shows an amount in an edit field the way ParseMoney reads it
// back with the same currency: "50,000" or "50.000".
func (s *Shell) MoneyInput(m data.Money, currency string) string {
	return m.InputFor(currency, s.Locale)
}
