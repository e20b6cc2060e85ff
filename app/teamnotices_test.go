package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"triad/data"
)

func TestTeamNoticesBecomeDesktopNotifications(t *testing.T) {
	u, _ := newTestUI(t)
	var sent []*fyne.Notification
	u.sh.Notify = func(n *fyne.Notification) { sent = append(sent, n) }
	r := data.DealRequest{Customer: "Acme", PodName: "Payments", Value: data.Dollars(120_000), State: data.DealPending,
		Rule: data.DealRule{Currency: "USD"}, DueAt: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}
	decided := r
	decided.State, decided.LastComment = data.DealRejected, "Not this quarter"
	u.TeamNotices([]data.DealNotice{
		{Kind: data.NoticeSignOffNeeded, Request: r, By: "Maya Chen"},
		{Kind: data.NoticeDecided, Request: decided, By: "Priya Raman"},
	})
	if len(sent) != 2 {
		t.Fatalf("%d notifications", len(sent))
	}
	if sent[0].Title != "Deal desk: your sign-off is needed" || !strings.Contains(sent[0].Content, "Acme (Payments") ||
		!strings.Contains(sent[0].Content, "from Maya Chen") {
		t.Errorf("sign-off notification: %+v", sent[0])
	}
	if sent[1].Title != "Deal desk: request rejected" || !strings.Contains(sent[1].Content, "by Priya Raman: Not this quarter") {
		t.Errorf("decision notification: %+v", sent[1])
	}
	u.Gone()
	u.TeamNotices([]data.DealNotice{{Kind: data.NoticeDecided, Request: decided}})
	if len(sent) != 2 {
		t.Error("a notification after the event loop ended")
	}
}
