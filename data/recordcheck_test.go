package data

import (
	"strings"
	"testing"
	"time"
)

func TestMeetingEventCheckRecord(t *testing.T) {
	at := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		e    MeetingEvent
		want string
	}{
		{MeetingEvent{Kind: "closed", At: at}, ""}, // who, from before it was kept
		{MeetingEvent{Kind: "reopened", At: at, By: "Ana Ruiz", Reason: "The answer was missing"}, ""},
		{MeetingEvent{Kind: "paused", At: at}, "not started, closed or reopened"},
		{MeetingEvent{Kind: "closed"}, "needs the time"},
		{MeetingEvent{Kind: "closed", At: at, By: "Ana\u202e"}, "invisible control characters"},
		{MeetingEvent{Kind: "started", At: at, Reason: "x"}, "Only a reopen records why"},
		{MeetingEvent{Kind: "reopened", At: at, Reason: strings.Repeat("x", MaxReopenReason+1)}, "under"},
	} {
		err := c.e.CheckRecord()
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.e, err, c.want)
		}
	}
}

func TestActionEventValidate(t *testing.T) {
	at := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		e    ActionEvent
		want string
	}{
		{ActionEvent{At: at, Actor: "Sam Lee", Field: ActionFieldDue, Old: "2026-11-20", New: "2026-11-27"}, ""},
		{ActionEvent{At: at, Actor: "Sam Lee", Field: ActionFieldDue, Old: "", New: "2026-02-31"}, "not a day"},
		{ActionEvent{At: at, Actor: "Sam Lee", Field: ActionFieldOwner, Old: "Sam Lee", New: ""}, ""},
		{ActionEvent{At: at, Actor: "Sam Lee", Field: ActionFieldDone, Old: "", New: "yes"}, "reads \"done\""},
		{ActionEvent{At: at, Actor: " ", Field: ActionFieldDone, Old: "", New: "done"}, "needs a name"},
		{ActionEvent{At: at, Actor: "Sam Lee", Field: "title", Old: "a", New: "b"}, "not due, owner or done"},
		{ActionEvent{At: at, Actor: "Sam Lee", Field: ActionFieldOwner, Old: "Sam", New: "Sam"}, "changes nothing"},
	} {
		err := c.e.Validate()
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.e, err, c.want)
		}
	}
}

func TestDealEventRecordChecks(t *testing.T) {
	at := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	value := []FieldChange{{Field: "value", Label: "Value", Old: "$80,000", New: "$45,000"}}
	for _, c := range []struct {
		e    DealEvent
		want string
	}{
		{DealEvent{At: at, Actor: "Maya Chen", From: DealPending, To: DealNoSignOff, Changes: value, SignOffChange: SignOffDropped}, ""},
		{DealEvent{At: at, Actor: "Maya Chen", From: DealPending, To: DealPending, Changes: value, SignOffChange: SignOffDropped}, "yet the line leaves the request"},
		{DealEvent{At: at, Actor: "Maya Chen", From: DealNoSignOff, To: DealPending, SignOffChange: SignOffAdded}, "lists no field"},
		{DealEvent{At: at, Actor: "Maya Chen", From: DealPending, To: DealPending, Changes: []FieldChange{{Field: "price"}}}, "not a field"},
		{DealEvent{At: at, Actor: "Priya Raman", RecordedBy: "Sam\nLee", From: DealPending, To: DealApproved}, "invisible control characters"},
	} {
		err := c.e.Validate()
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.e, err, c.want)
		}
	}
}

func TestDecodeFrozenRecordIsStrict(t *testing.T) {
	if _, err := DecodeFrozenRecord(`{"Run":{},"Extra":1}`); err == nil || !strings.Contains(err.Error(), `"Extra"`) {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := DecodeFrozenRecord(`{} {}`); err == nil {
		t.Error("two documents read as one record")
	}
	if _, err := DecodeFrozenRecord(`{"FrozenAt":"yesterday"}`); err == nil || strings.Contains(err.Error(), "json:") {
		t.Errorf("bad time: %v", err)
	}
	rec := MinutesRecord{}
	if err := rec.CheckFrozen(time.Now()); err == nil || !strings.Contains(err.Error(), "when it was frozen") {
		t.Errorf("empty record: %v", err)
	}
}
