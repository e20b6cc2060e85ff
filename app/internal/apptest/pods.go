package apptest

import (
	"context"
	"testing"
	"time"

	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

// Pod stores a pod named name: Priya Raman leads engineering, Daniel
// Okafor product, Sofia Lindqvist marketing; delegates may sign deal-desk
// requests for the Tech Lead.
func Pod(t testing.TB, db *sqlite.DB, name string, delegates ...string) data.Pod {
	t.Helper()
	p := data.NewPod()
	p.Name = name
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Daniel Okafor", "Sofia Lindqvist"
	p.Delegates = delegates
	p, err := db.CreatePod(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Meeting stores a draft meeting of pod on date.
func Meeting(t testing.TB, db *sqlite.DB, podID int64, date data.Date) data.Meeting {
	t.Helper()
	m, err := db.CreateMeeting(context.Background(), data.Meeting{PodID: podID, Date: date})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Request stores a pending deal request for SAML single sign-on,
// received age before the env's clock reads now.
func (e *Env) Request(podID int64, customer string, value int64, age time.Duration) data.DealRequest {
	e.T.Helper()
	r, err := e.DB.CreateDealRequest(context.Background(), data.DealRequest{PodID: podID, Customer: customer,
		Value: data.Dollars(value), RepName: "Maya Chen", Features: "SAML single sign-on", NeedsNewFeature: true,
		ReceivedAt: e.Now().Add(-age)})
	if err != nil {
		e.T.Fatal(err)
	}
	return r
}

// Demo fills the database with the sample company as of the env's clock.
func (e *Env) Demo() {
	e.T.Helper()
	if err := demo.Fill(context.Background(), e.DB, e.Now()); err != nil {
		e.T.Fatal(err)
	}
}

// DemoPod is the sample pod named name.
func DemoPod(t testing.TB, db *sqlite.DB, name string) data.Pod {
	t.Helper()
	pods, err := db.Pods(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pods {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no sample pod %q", name)
	return data.Pod{}
}

// DemoMeeting is the pod's meeting on date, or its draft when date is "".
func DemoMeeting(t testing.TB, db *sqlite.DB, podID int64, date string) data.Meeting {
	t.Helper()
	ms, err := db.Meetings(context.Background(), podID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if (date == "" && m.Status == data.MeetingDraft) || m.Date.String() == date {
			return m
		}
	}
	t.Fatalf("no meeting %q", date)
	return data.Meeting{}
}

// Run is the meeting as the store holds it now.
func Run(t testing.TB, db *sqlite.DB, id int64) data.MeetingRun {
	t.Helper()
	r, err := db.MeetingRun(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
