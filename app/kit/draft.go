package kit

import (
	"errors"
	"maps"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
)

// Draft keeps what a form has typed and not saved as the store's form
// draft (data.FormDraft), so leaving the form by any way (its back
// button, the sidebar, another route, the window closing) loses nothing:
// each change is written through the window's autosaver (the one the
// meeting's notes use), the same form opened again on the same record
// gets the draft back with a line saying so, and saving the form or
// discarding the draft clears it. While a draft is held the window asks
// before it closes.
//
// A form reads its fields into a map (Read) and puts a map back into its
// widgets (Fill); the map of what the record holds is taken when Start is
// called, once the form shows the record.
type Draft struct {
	sc   *shell.Scope
	key  data.DraftKey
	read func() map[string]string
	fill func(map[string]string)
	// what names the form in the closing question: "the new decision “…”".
	what func() string

	record  map[string]string // the fields as the record has them
	held    bool              // the form differs from the record: a draft is kept
	started bool
	stopped bool
	filling bool // putting fields into the widgets: not typing

	// Banner says a draft was put back, with the button that discards it;
	// hidden until then. Lay it out at the top of the form.
	Banner  *fyne.Container
	note    *widget.Label
	discard *widget.Button
}

// NewDraft is the draft of the form key names; read and fill move its
// fields out of and into the widgets, and what names it in words.
func NewDraft(sc *shell.Scope, key data.DraftKey, read func() map[string]string, fill func(map[string]string), what func() string) *Draft {
	d := &Draft{sc: sc, key: key, read: read, fill: fill, what: what}
	d.note = Wrapped("")
	d.note.Importance = widget.WarningImportance
	d.discard = widget.NewButtonWithIcon("Discard draft", theme.DeleteIcon(), d.onDiscard)
	d.discard.Importance = widget.LowImportance
	d.Banner = container.NewBorder(nil, nil, nil, container.NewVBox(d.discard), d.note)
	d.Banner.Hide()
	sc.HoldsUnsaved(func() string {
		if !d.held || d.stopped {
			return ""
		}
		return "Not saved: " + d.what() + ". Triad keeps what you typed as a draft and shows it again when you open it, " +
			"but it is not in the record until it is saved."
	})
	return d
}

// Start takes what the form shows now as the record, then reads the
// stored draft and, when there is one that says something else, puts it
// into the form (then done, when set, runs: a form that lays out its
// fields from the record, like a decision's options, may need to).
func (d *Draft) Start(done func()) {
	d.record = d.read()
	d.started = true
	key := d.key
	shell.Run(d.sc, func() (data.FormDraft, error) { return d.sc.Store.FormDraft(d.sc.Ctx(), key) },
		func(fd data.FormDraft, err error) {
			if err != nil {
				if !errors.Is(err, data.ErrNotFound) {
					d.sc.ShowError("Reading what you typed last time", err)
				}
				return
			}
			if d.stopped || d.held || data.SameFields(fd.Fields, d.record) {
				return // typing began meanwhile, or the draft says what the record does
			}
			d.put(withRecord(d.record, fd.Fields))
			d.held = true
			d.showRestored(fd.SavedAt)
			if done != nil {
				done()
			}
		})
}

// withRecord is the draft over the record: a field the draft does not
// hold (the form grew one since) shows what the record has.
func withRecord(record, draft map[string]string) map[string]string {
	out := maps.Clone(record)
	maps.Copy(out, draft)
	return out
}

func (d *Draft) put(fields map[string]string) {
	d.filling = true
	defer func() { d.filling = false }()
	d.fill(fields)
}

func (d *Draft) showRestored(at time.Time) {
	when := ""
	if !at.IsZero() {
		when = " on " + at.Local().Format("Mon 2 Jan at 15:04")
	}
	d.note.SetText("This is what you typed" + when + ", put back as you left it. It is not saved yet.")
	d.Banner.Show()
}

// A nil *Draft (a form that keeps none, such as a proposal locked in a
// closed meeting) holds nothing: Changed, Held, Saved and Stop do nothing.

// Changed is told of every edit: the form's fields are saved as the draft
// soon after (as the meeting's notes are), or the draft cleared when they
// are back to what the record says.
func (d *Draft) Changed() {
	if d == nil || !d.started || d.stopped || d.filling {
		return
	}
	fields := d.read()
	if data.SameFields(fields, d.record) {
		if d.held {
			d.held = false
			d.schedule(nil)
		}
		return
	}
	d.held = true
	d.schedule(fields)
}

func (d *Draft) saverKey() string { return "form draft " + string(d.key.Form) + " " + d.key.Subject }

// schedule queues the draft's save (nil clears it), replacing one queued.
func (d *Draft) schedule(fields map[string]string) {
	store, ctx, key := d.sc.Store, d.sc.Ctx(), d.key
	d.sc.Saver.Schedule(d.saverKey(), func() error { return store.SaveFormDraft(ctx, key, fields) })
}

// Held reports whether the form holds a draft (what it shows is not the record).
func (d *Draft) Held() bool { return d != nil && d.held && !d.stopped }

// Saved ends the draft once the form's record is saved: it is cleared,
// and nothing the form does after is kept as one. Call it from the save's
// work, off the UI goroutine: the draft is gone from the disk when the
// record is written, so a crash a moment later does not bring it back
// beside what was saved.
func (d *Draft) Saved() error {
	if d == nil {
		return nil
	}
	store, ctx, key := d.sc.Store, d.sc.Ctx(), d.key
	d.sc.Saver.Schedule(d.saverKey(), func() error { return store.SaveFormDraft(ctx, key, nil) })
	return d.sc.Saver.Flush()
}

// Stop ends the draft on the UI goroutine after Saved: the form is done.
func (d *Draft) Stop() {
	if d == nil {
		return
	}
	d.stopped = true
	d.held = false
	d.Banner.Hide()
}

// Discard puts the record back in the form and clears the draft, without
// asking (the caller asked).
func (d *Draft) Discard() {
	d.put(d.record)
	d.held = false
	d.schedule(nil)
	d.Banner.Hide()
}

func (d *Draft) onDiscard() {
	d.sc.Confirm("Discard what you typed?", "The form goes back to what is saved, and what you typed is gone.", "Discard", d.Discard)
}

// Watch calls Changed on every edit of objs: text fields, selects, checks,
// radio groups and date fields, after whatever each already does.
// Reshow runs show, which puts the record's own values into the form
// again in another form (an amount in the habit of a currency learnt
// since the form was built): what it shows is the record, not typing.
func (d *Draft) Reshow(show func()) {
	if d == nil {
		show()
		return
	}
	was := d.filling
	d.filling = true
	show()
	d.filling = was
	if d.started && !d.held {
		d.record = d.read()
	}
}

func (d *Draft) Watch(objs ...fyne.CanvasObject) {
	for _, o := range objs {
		switch w := o.(type) {
		case *Entry:
			w.OnChanged = then(w.OnChanged, d.Changed)
		case *widget.Entry:
			w.OnChanged = then(w.OnChanged, d.Changed)
		case *widget.SelectEntry:
			w.OnChanged = then(w.OnChanged, d.Changed)
		case *widget.Select:
			w.OnChanged = then(w.OnChanged, d.Changed)
		case *widget.RadioGroup:
			w.OnChanged = then(w.OnChanged, d.Changed)
		case *widget.Check:
			prev := w.OnChanged
			w.OnChanged = func(b bool) {
				if prev != nil {
					prev(b)
				}
				d.Changed()
			}
		case *widget.DateEntry:
			prev := w.OnChanged
			w.OnChanged = func(t *time.Time) {
				if prev != nil {
					prev(t)
				}
				d.Changed()
			}
		default:
			panic("kit.Draft cannot watch this widget")
		}
	}
}

func then(prev func(string), next func()) func(string) {
	return func(s string) {
		if prev != nil {
			prev(s)
		}
		next()
	}
}
