package dealdesk

import (
	"fyne.io/fyne/v2"

	"triad/data"
)

// TeamNotification is the desktop notification for another member's
// change that concerns this laptop's member: a request waiting for their
// sign-off, or the decision on a request they filed.
func TeamNotification(n data.DealNotice) *fyne.Notification {
	r := n.Request
	what := r.Summary() + " (" + r.PodName + ", " + r.Value.Short(r.Rule.Currency) + " ARR)"
	by := n.By
	if by == "" {
		by = "another member"
	}
	if n.Kind == data.NoticeSignOffNeeded {
		body := what + ", from " + by + ", waits for your sign-off"
		if !r.DueAt.IsZero() {
			body += ": due " + r.DueAt.Local().Format("Mon 15:04")
		}
		return fyne.NewNotification("Deal desk: your sign-off is needed", body+".")
	}
	title := "Deal desk: request " + decidedWord(r.State)
	body := what + " was " + decidedWord(r.State) + " by " + by
	if r.LastComment != "" {
		body += ": " + r.LastComment
	}
	return fyne.NewNotification(title, body+".")
}

func decidedWord(s data.DealState) string {
	switch s {
	case data.DealApproved:
		return "approved"
	case data.DealRejected:
		return "rejected"
	case data.DealChangesRequested:
		return "sent back for changes"
	}
	return "decided"
}
