package meeting

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/atomicfile"
	"triad/data/handoff"
	"triad/data/mailout"
	minutespdf "triad/data/minutes"
)

// The hand-offs of one meeting, from the Minutes menu: before it, the
// agenda mail and the calendar entry; after it, the follow-ups, offered at
// close beside the minutes mail; at any time, the text for a chat tool.
// Each reads the meeting in one read-only transaction off the UI
// goroutine, writes its files into the minutes folder and opens them.

// onSendAgenda writes the pre-read mail to the leaders and guests, with
// the meeting as an invitation, and opens it in the mail client.
func (mm *minutesMenu) onSendAgenda() {
	sc, id := mm.sc, mm.meetingID
	mm.outbox.HandOver(kit.HandOver{
		Action: "Writing the agenda", Title: "Agenda written", Button: mm.button,
		Write: func(dir string) ([]string, error) {
			rec, err := sc.Store.HandoffRecord(sc.Ctx(), id)
			if err != nil {
				return nil, err
			}
			now := sc.Now()
			m, err := handoff.AgendaOf(rec, now)
			if err != nil {
				return nil, err
			}
			return mailout.WriteDrafts(dir, []handoff.Mail{m}, now)
		},
		Done: mm.handedOver,
	})
}

// onAddToCalendar writes the draft meeting as an .ics file, that week's
// occurrence of the pod's series with the agenda, and opens it in the
// calendar, which imports it.
func (mm *minutesMenu) onAddToCalendar() {
	sc, id := mm.sc, mm.meetingID
	mm.outbox.HandOver(kit.HandOver{
		Action: "Writing the calendar file", Title: "Calendar file written", Button: mm.button,
		Write: func(dir string) ([]string, error) {
			rec, err := sc.Store.HandoffRecord(sc.Ctx(), id)
			if err != nil {
				return nil, err
			}
			ics, name, err := handoff.MeetingFile(rec, sc.Now())
			if err != nil {
				return nil, err
			}
			path := filepath.Join(dir, name)
			if err := atomicfile.WriteBytes(path, ics); err != nil {
				return nil, err
			}
			return []string{path}, nil
		},
		Done: mm.handedOver,
	})
}

func (mm *minutesMenu) handedOver(paths []string) { mm.handedOff = paths }

// What "Copy as text" copies, and how.
type copyWhat int

const (
	copyMinutes copyWhat = iota
	copyPreRead
)

type textFormat int

const (
	textPlain textFormat = iota
	textMarkdown
)

// onCopy puts the minutes or the pre-read on the clipboard as plain text
// or Markdown, section for section as the PDF prints them; the status
// line beside the button says what was copied.
func (mm *minutesMenu) onCopy(what copyWhat, format textFormat) {
	sc, id := mm.sc, mm.meetingID
	name := map[copyWhat]string{copyMinutes: "minutes", copyPreRead: "pre-read"}[what]
	shell.Load(sc, "Copying the "+name, func() (string, error) {
		if what == copyMinutes {
			m, err := minutespdf.Assemble(sc.Ctx(), sc.Store, id, minutespdf.Options{Now: sc.Now})
			if err != nil {
				return "", err
			}
			if format == textMarkdown {
				return m.Markdown(), nil
			}
			return m.PlainText(), nil
		}
		rec, err := sc.Store.HandoffRecord(sc.Ctx(), id)
		if err != nil {
			return "", err
		}
		p, err := minutespdf.PreReadFromRecord(rec, minutespdf.Options{Now: sc.Now})
		if err != nil {
			return "", err
		}
		if format == textMarkdown {
			return p.Markdown(), nil
		}
		return p.PlainText(), nil
	}, func(text string) {
		sc.App.Clipboard().SetContent(text)
		mm.status.SetText(strings.ToUpper(name[:1]) + name[1:] + " copied as " + map[textFormat]string{textPlain: "text", textMarkdown: "Markdown"}[format])
		mm.status.Show()
	})
}

// afterClose runs once the meeting is closed: the database is backed up,
// and the mails the close calls for are offered.
func (ms *Screen) afterClose() {
	ms.backupClosed()
	ms.header.minutes.offerFollowUps(true)
}

func (mm *minutesMenu) onFollowUps() { mm.offerFollowUps(false) }

// followUpsDialog offers the minutes mail and each follow-up of a closed
// meeting as a list to tick: one mail per action owner, per absent leader
// with decisions awaiting their commitment, and per rep whose request was
// decided. Someone Triad has no usable address for is shown, not ticked,
// with what to fix.
type followUpsDialog struct {
	*kit.Dialog
	minutes *widget.Check
	mails   []handoff.Mail
	checks  []*widget.Check // one per mail
}

// offerFollowUps reads the follow-ups and shows them to tick; justClosed
// words the offer as the close's.
func (mm *minutesMenu) offerFollowUps(justClosed bool) {
	sc, id := mm.sc, mm.meetingID
	shell.Load(sc, "Reading the follow-ups", func() ([]handoff.Mail, error) {
		rec, err := sc.Store.HandoffRecord(sc.Ctx(), id)
		if err != nil {
			return nil, err
		}
		mails, _, err := handoff.FollowUps(rec, handoff.FollowUpOptions{Now: sc.Now})
		return mails, err
	}, func(mails []handoff.Mail) { mm.showFollowUps(mails, justClosed) })
}

func (mm *minutesMenu) showFollowUps(mails []handoff.Mail, justClosed bool) {
	fd := &followUpsDialog{Dialog: kit.NewDialog("Write drafts", theme.MailSendIcon()), mails: mails}
	fd.minutes = widget.NewCheck("The minutes, to everyone invited (the PDF attached)", func(bool) { fd.count() })
	fd.minutes.SetChecked(true)
	rows := container.NewVBox(kit.NewTight(fd.minutes, kit.Caption("Present and guests in To, absent leaders in Cc")))
	for _, m := range mails {
		check := widget.NewCheck(followUpLabel(m), func(bool) { fd.count() })
		note := m.Subject
		if err := data.CheckRecipients(m.To); err != nil {
			note = kit.FirstProblem(err) + ". Fix it, then offer the follow-ups again from the Minutes menu."
			check.Disable()
		} else {
			check.SetChecked(true)
		}
		caption := kit.Caption(note)
		if check.Disabled() {
			caption.Importance = widget.WarningImportance
		}
		fd.checks = append(fd.checks, check)
		rows.Add(kit.NewTight(check, caption))
	}
	if len(mails) == 0 {
		rows.Add(kit.Low("No follow-ups: nobody owns an open action item, no absent leader has a decision waiting for them, " +
			"and no deal request was decided since the last meeting."))
	}
	intro := "Write these mails as drafts for your mail client? Nothing is sent: you review and send each one from there."
	if justClosed {
		intro = "The meeting is closed. " + intro
	}
	fd.Confirm.OnTapped = func() { mm.writeFollowUps(fd) }
	fd.count()
	mm.followUps = fd
	body := container.NewBorder(container.NewVBox(kit.Wrapped(intro), widget.NewSeparator()), fd.Problem, nil, nil,
		container.NewVScroll(rows))
	fd.Show(mm.sc.Win, "Minutes and follow-ups", body, fyne.NewSize(600, min(260+float32(len(mails))*64, 560)))
}

// followUpLabel is a follow-up's line in the list: whom it is for and what.
func followUpLabel(m handoff.Mail) string {
	who := "nobody"
	if len(m.To) > 0 {
		who = data.CleanLine(m.To[0].Name)
	}
	switch m.Kind {
	case handoff.KindActions:
		return who + ": their action items"
	case handoff.KindCommitments:
		return who + " (absent): decisions awaiting their commitment"
	case handoff.KindDealOutcome:
		return who + " (rep): the deal desk's decision"
	}
	return who + ": " + m.Subject
}

// count words the confirm button after the ticks, and disables it when
// nothing is ticked.
func (fd *followUpsDialog) count() {
	n := 0
	if fd.minutes.Checked {
		n++
	}
	for _, c := range fd.checks {
		if c.Checked {
			n++
		}
	}
	fd.Confirm.SetText(fmt.Sprintf("Write %d %s", n, map[bool]string{true: "draft", false: "drafts"}[n == 1]))
	kit.EnableIf(fd.Confirm, n > 0)
}

// writeFollowUps writes what is ticked: the minutes (PDF and draft) and
// the follow-up drafts, then opens the drafts in the mail client.
func (mm *minutesMenu) writeFollowUps(fd *followUpsDialog) {
	var chosen []handoff.Mail
	for i, c := range fd.checks {
		if c.Checked {
			chosen = append(chosen, fd.mails[i])
		}
	}
	withMinutes := fd.minutes.Checked
	fd.Hide()
	sc, id := mm.sc, mm.meetingID
	mm.outbox.HandOver(kit.HandOver{
		Action: "Writing the follow-ups", Title: "Drafts written", Button: mm.button,
		Write: func(dir string) ([]string, error) {
			var paths []string
			if withMinutes {
				out, err := writeMinutes(sc, id, dir, true)
				if err != nil {
					return nil, err
				}
				paths = append(paths, out.draft, out.pdf)
			}
			if len(chosen) == 0 {
				return paths, nil
			}
			written, err := mailout.WriteDrafts(dir, chosen, sc.Now())
			return append(paths, written...), err
		},
		Done: mm.handedOver,
	})
}
