package dealdesk

import (
	"log/slog"
	"time"

	"fyne.io/fyne/v2"

	"triad/app/shell"
	"triad/data"
)

// CheckReminders notifies once per reminder per request. Each reminder
// is recorded in the database before it is shown, so a restart or a second
// check never repeats it; when both came due at once (Triad was closed),
// only the overdue one is shown.
func CheckReminders(sc *shell.Scope) {
	now := sc.Now()
	shell.Run(sc, func() ([]*fyne.Notification, error) {
		pending, err := sc.Store.DealRequests(sc.Ctx(), data.DealFilter{States: []data.DealState{data.DealPending}})
		if err != nil {
			return nil, err
		}
		var out []*fyne.Notification
		for _, r := range pending {
			due := data.RemindersDue(r, now)
			var show data.ReminderKind
			for _, k := range due {
				first, err := sc.Store.MarkDealReminder(sc.Ctx(), r.ID, k)
				if err != nil {
					return out, err
				}
				if first {
					show = k
				}
			}
			if show != "" {
				out = append(out, reminderNotification(r, show, now))
			}
		}
		return out, nil
	}, func(ns []*fyne.Notification, err error) {
		for _, n := range ns {
			sc.Notify(n)
		}
		// A failed check is retried on the next tick; a dialog every minute
		// would be worse than a late reminder.
		if err != nil {
			slog.Warn("deal-desk reminder check failed", "err", err)
		}
	})
}

func reminderNotification(r data.DealRequest, kind data.ReminderKind, now time.Time) *fyne.Notification {
	what := r.Summary() + " (" + r.PodName + ", " + r.Value.Short(r.Rule.Currency) + " ARR)"
	if kind == data.ReminderOverdue {
		return fyne.NewNotification("Deal desk: sign-off overdue",
			what+" is "+r.TimeLeft(now)+". The rep is waiting for the Tech Lead's decision.")
	}
	return fyne.NewNotification("Deal desk: sign-off due soon",
		what+": "+r.TimeLeft(now)+", due "+r.DueAt.Local().Format("Mon 15:04")+".")
}
