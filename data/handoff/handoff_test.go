package handoff

import (
	"errors"
	"strings"
	"testing"
	"time"

	"triad/data"
)

var closeAt = time.Date(2027, 3, 4, 11, 0, 0, 0, time.UTC)

// record is a closed meeting built by hand: the Tech Lead and the PM came,
// the PMM did not; the Tech Lead owns a new and an overdue action, a guest
// owns one; a decision waits for the PMM; a rep's request was turned down
// during the week and another rep's before the last meeting.
func record() data.HandoffRecord {
	pod := data.NewPod()
	pod.ID, pod.Name = 1, "Payments"
	for i, n := range []string{"王芳", "Zoë Ørsted", "Sam Lee"} {
		pod.Leaders[i].ID, pod.Leaders[i].Name, pod.Leaders[i].Email = int64(i+1), n, strings.ToLower(strings.Fields(n)[0])+"@example.com"
	}
	pod.Leaders[0].Email = "wang.fang@example.com"
	prev := data.Meeting{ID: 1, PodID: 1, Date: data.NewDate(2027, 2, 25), Status: data.MeetingClosed, EndedAt: time.Date(2027, 2, 25, 11, 0, 0, 0, time.UTC)}
	m := data.Meeting{ID: 2, PodID: 1, Date: data.NewDate(2027, 3, 4), Status: data.MeetingClosed, StartedAt: closeAt.Add(-time.Hour), EndedAt: closeAt}
	att := []data.Attendee{
		{ID: 10, MeetingID: 2, MemberID: 1, Role: data.RoleTechLead, Name: "王芳", Email: "old@example.com", Present: true},
		{ID: 11, MeetingID: 2, MemberID: 2, Role: data.RoleProduct, Name: "Zoë Ørsted", Email: "zoë@example.com", Present: true},
		{ID: 12, MeetingID: 2, MemberID: 3, Role: data.RoleMarketing, Name: "Sam Lee", Email: "sam@example.com"},
		{ID: 13, MeetingID: 2, Name: "Lee Chen", GuestRole: "Sales", Email: "lee@example.com", Present: true},
	}
	pod.Leaders[1].Email = "zoe@example.com"
	rec := data.HandoffRecord{Pod: pod, Owners: map[int64]data.Attendee{}}
	for _, a := range att {
		rec.Owners[a.ID] = a
	}
	rec.Minutes.Run = data.MeetingRun{Meeting: m, Pod: pod, Attendees: att}
	rec.Minutes.Meetings = []data.Meeting{m, prev}
	rec.Minutes.Actions = []data.ActionItem{
		{ID: 1, MeetingID: 2, MeetingDate: m.Date, Text: "Size the export", OwnerID: 10, OwnerName: "王芳", Due: data.NewDate(2027, 3, 11)},
		{ID: 2, MeetingID: 1, MeetingDate: prev.Date, Text: "Write the review", OwnerID: 10, OwnerName: "王芳", Due: data.NewDate(2027, 3, 1)},
		{ID: 3, MeetingID: 2, MeetingDate: m.Date, Text: "Call Umbrella", OwnerID: 13, OwnerName: "Lee Chen"},
		{ID: 4, MeetingID: 2, MeetingDate: m.Date, Text: "Nobody's yet"},
	}
	rec.OpenDecisions = []data.Decision{{ID: 5, MeetingID: 2, MeetingDate: m.Date, Question: "Paid add-on?", State: data.DecisionDecided,
		Options: []data.DecisionOption{{Title: "Yes"}}, Chosen: 1,
		Perspectives: []data.Perspective{{MemberID: 1, Name: "王芳", Commitment: data.Commit}, {MemberID: 3, Name: "Sam Lee"}}}}
	req := func(id int64, customer, rep, email string, at time.Time) data.DealRecord {
		r := data.DealRequest{ID: id, PodID: 1, Customer: customer, RepName: rep, RepEmail: email, Value: data.Dollars(90000), State: data.DealRejected,
			Rule: data.DealRule{Currency: "USD"}}
		return data.DealRecord{Request: r, History: []data.DealEvent{
			{At: at.Add(-48 * time.Hour), To: data.DealPending},
			{At: at, From: data.DealPending, To: data.DealRejected, Actor: "王芳", Comment: "Too risky"},
		}}
	}
	rec.Minutes.Deals = []data.DealRecord{
		req(7, "Umbrella", "Tomás Herrera", "tomas@example.com", closeAt.Add(-24*time.Hour)),
		req(8, "Hooli", "Aisha Karim", "aisha@example.com", prev.EndedAt.Add(-time.Hour)),
	}
	return rec
}

func TestFollowUpsDecideWhoHearsWhat(t *testing.T) {
	mails, skipped, err := FollowUps(record(), FollowUpOptions{Now: func() time.Time { return closeAt }})
	if err != nil || len(skipped) != 0 {
		t.Fatal(err, skipped)
	}
	var got []string
	for _, m := range mails {
		got = append(got, string(m.Kind)+" → "+m.To[0].Email)
	}
	want := []string{"actions → wang.fang@example.com", "actions → lee@example.com", "commitments → sam@example.com", "deal-outcome → tomas@example.com"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("mails:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tl := mails[0].Doc.Plain()
	for _, w := range []string{"Overdue (1)", "Write the review", "New this week (1)", "Size the export"} {
		if !strings.Contains(tl, w) {
			t.Errorf("the Tech Lead's mail lacks %q:\n%s", w, tl)
		}
	}
	if mails[0].From == nil || mails[0].From.Email != "zoe@example.com" {
		t.Errorf("From %v, want the Product Manager's address as the pod has it now", mails[0].From)
	}
	if mails[3].Subject != "[DD-7] Umbrella: turned down" || !strings.Contains(mails[3].Doc.Plain(), "Reason: Too risky") {
		t.Errorf("rep's mail %q\n%s", mails[3].Subject, mails[3].Doc.Plain())
	}
}

func TestCheckAllNamesEachUnreachablePersonOnce(t *testing.T) {
	a := Mail{To: []data.Recipient{{Name: "Lee Chen", Role: "action owner"}}}
	b := Mail{To: []data.Recipient{{Name: "Lee Chen", Role: "action owner"}}, Cc: []data.Recipient{{Name: "王芳", Email: "wang.fang@example.com"}}}
	err := CheckAll([]Mail{a, b})
	if !errors.Is(err, data.ErrInvalid) || strings.Count(err.Error(), "Lee Chen") != 1 {
		t.Errorf("err = %v", err)
	}
}

func TestBookedRoundsToAQuarterHour(t *testing.T) {
	for planned, want := range map[int]time.Duration{0: time.Hour, 30: 30 * time.Minute, 31: 45 * time.Minute, 70: 75 * time.Minute} {
		if got := Booked(planned); got != want {
			t.Errorf("Booked(%d) = %v, want %v", planned, got, want)
		}
	}
}
