package dealdesk

import (
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
	"triad/data/handoff"
	"triad/data/mailout"
)

// askButton is "Ask the Tech Lead" for a request waiting for sign-off: a
// mail draft to the Tech Lead, copied to the rep, with everything the
// decision needs and the request's reference in the subject. Past 80% of
// the sign-off time it is worded as the reminder, past the due time as
// overdue.
func (pg *Page) askButton() *widget.Button {
	b := widget.NewButtonWithIcon("Ask the Tech Lead", theme.MailComposeIcon(), nil)
	b.OnTapped = func() { pg.onAsk(b) }
	return b
}

func (pg *Page) onAsk(b *widget.Button) {
	sc, id := pg.sc, pg.req.ID
	kit.NewOutbox(sc).HandOver(kit.HandOver{
		Action: "Writing the mail to the Tech Lead", Title: "Mail to the Tech Lead written", Button: b,
		Write: func(dir string) ([]string, error) {
			h, err := sc.Store.DealHandoff(sc.Ctx(), id)
			if err != nil {
				return nil, err
			}
			now := sc.Now()
			m, err := handoff.AskTechLead(h, now, reminderOf(h.Request, now))
			if err != nil {
				return nil, err
			}
			return mailout.WriteDrafts(dir, []handoff.Mail{m}, now)
		},
		Done: func(paths []string) { pg.asked = paths },
	})
}

// reminderOf words the mail as the 80% reminder once that much of the
// sign-off time has passed; past the due time AskTechLead words it as
// overdue by itself.
func reminderOf(r data.DealRequest, now time.Time) data.ReminderKind {
	if !now.Before(r.ReminderAt(data.ReminderSoon)) && now.Before(r.DueAt) {
		return data.ReminderSoon
	}
	return ""
}
