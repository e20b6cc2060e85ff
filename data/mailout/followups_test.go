package mailout

import (
	"context"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/handoff"
)

// closeWeek runs the pod's draft meeting: the Product Marketing Manager
// is absent, a decision is taken that waits for their commitment, an
// action is agreed for the Tech Lead, and the Tech Lead turns a request
// down with a reason before the meeting closes.
func closeWeek(t *testing.T, f fixture) data.Meeting {
	t.Helper()
	ctx := context.Background()
	draft := f.meeting(t, data.MeetingDraft)
	run, err := f.db.MeetingRun(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	var tl, pm, pmm data.Attendee
	for _, a := range run.Attendees {
		switch a.Role {
		case data.RoleTechLead:
			tl = a
		case data.RoleProduct:
			pm = a
		case data.RoleMarketing:
			pmm = a
		}
	}
	for _, a := range []data.Attendee{tl, pm} {
		if err := f.db.SetPresent(ctx, a.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.db.SetPresent(ctx, pmm.ID, false); err != nil {
		t.Fatal(err)
	}
	due := draft.Date.AddDays(7)
	if _, err := f.db.AddActionItem(ctx, data.ActionItem{PodID: f.pod.ID, MeetingID: draft.ID, Text: "Size the audit-log export", OwnerID: tl.ID, OwnerName: tl.Name, Due: due}); err != nil {
		t.Fatal(err)
	}
	reqs, err := f.db.DealRequests(ctx, data.DealFilter{PodID: f.pod.ID, States: []data.DealState{data.DealPending}})
	if err != nil {
		t.Fatal(err)
	}
	var umbrella data.DealRequest
	for _, r := range reqs {
		if strings.HasPrefix(r.Customer, "Umbrella") {
			umbrella = r
		}
	}
	if _, err := f.db.DecideDealRequest(ctx, data.DealDecision{RequestID: umbrella.ID, Action: data.ActReject,
		Comment: "The penalty clause, 5% a month, is more than the deal is worth; offer the export as a paid add-on instead."}); err != nil {
		t.Fatal(err)
	}
	d, err := f.db.CreateDecision(ctx, data.Decision{PodID: f.pod.ID, MeetingID: draft.ID, Question: "Ship the audit-log export as a paid add-on?",
		Options: []data.DecisionOption{{Title: "Paid add-on"}, {Title: "Included for enterprise"}}})
	if err != nil {
		t.Fatal(err)
	}
	d.Chosen = 1
	for _, p := range d.Perspectives {
		if p.Role == data.RoleProduct {
			d.DeciderID, d.DeciderName = p.MemberID, p.Name
		}
	}
	d.Rationale = "Umbrella and two prospects asked for it; it costs a quarter of a team."
	if d, err = f.db.Decide(ctx, d); err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Perspectives {
		if p.Role != data.RoleMarketing {
			if _, err := f.db.StatePosition(ctx, d.ID, p.MemberID, data.PositionAgree, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := f.db.RecordCommitment(ctx, d.ID, p.MemberID, data.Commit); err != nil {
				t.Fatal(err)
			}
		}
	}
	at := demoNow.Add(time.Minute)
	if err := f.db.StartMeeting(ctx, draft.ID, at); err != nil {
		t.Fatal(err)
	}
	if err := f.db.CloseMeeting(ctx, draft.ID, at.Add(55*time.Minute), "Zoë Ørsted"); err != nil {
		t.Fatal(err)
	}
	m, err := f.db.Meeting(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFollowUpsReachEachOwnerAbsentLeaderAndRep(t *testing.T) {
	f := newFixture(t)
	m := closeWeek(t, f)
	rec, err := f.db.HandoffRecord(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	mails, skipped, err := handoff.FollowUps(rec, handoff.FollowUpOptions{Now: func() time.Time { return demoNow }})
	if err != nil || len(skipped) != 0 {
		t.Fatal(err, skipped)
	}
	drafts := write(t, mails)
	byTo := map[string]parsed{}
	for _, d := range drafts {
		if len(d.to) != 1 {
			t.Errorf("%q goes to %q: a follow-up is for one person", d.subject, d.to)
		}
		byTo[strings.Join(d.to, ",")+" "+d.subject[:10]] = d
		if strings.Join(d.from, "") != "Zoë Ørsted <zoe.orsted@example.com>" {
			t.Errorf("%q is from %q, want the Product Manager", d.subject, d.from)
		}
	}
	title := "Payments Triad meeting, " + m.Date.Long()

	owner := find(t, drafts, "王芳 <wang.fang@example.com>", "Your action items from the "+title)
	for _, want := range []string{"New this week (1)", "- Size the audit-log export", "due " + m.Date.AddDays(7).Long()} {
		if !strings.Contains(owner.text, want) {
			t.Errorf("the owner's mail lacks %q:\n%s", want, owner.text)
		}
	}
	absent := find(t, drafts, "Lindqvist, Sofia <sofia@example.com>", "Decisions awaiting your commitment — "+title)
	for _, want := range []string{"You missed this week's Triad meeting", "Ship the audit-log export as a paid add-on?", "Decided: Paid add-on", "waiting on"} {
		if !strings.Contains(absent.text, want) {
			t.Errorf("the absent leader's mail lacks %q:\n%s", want, absent.text)
		}
	}
	rep := find(t, drafts, "Tomás Herrera <tomas.herrera@northwind.example>", "Deal desk: 2 of your requests decided — "+title)
	for _, want := range []string{"Umbrella Health — Compliance package, $240,000: Turned down", "Decided by 王芳 (Tech Lead), recorded by Zoë Ørsted", "Reason: The penalty clause, 5% a month", "Reference DD-3"} {
		if !strings.Contains(rep.text, want) {
			t.Errorf("the rep's mail lacks %q:\n%s", want, rep.text)
		}
	}
	if !strings.Contains(rep.html, "<strong") {
		t.Error("a turned-down request is not marked in the HTML part")
	}
	for _, d := range drafts {
		if strings.Contains(d.subject, "commitment") && strings.Contains(strings.Join(d.to, ""), "wang.fang") {
			t.Error("a leader who was present got the absent leader's mail")
		}
	}
}

func find(t *testing.T, ds []parsed, to, subject string) parsed {
	t.Helper()
	for _, d := range ds {
		if strings.Join(d.to, ",") == to && d.subject == subject {
			return d
		}
	}
	var have []string
	for _, d := range ds {
		have = append(have, strings.Join(d.to, ",")+": "+d.subject)
	}
	t.Fatalf("no draft to %s with subject %q; drafts:\n%s", to, subject, strings.Join(have, "\n"))
	return parsed{}
}

func TestFollowUpsWaitForTheClose(t *testing.T) {
	f := newFixture(t)
	rec, err := f.db.HandoffRecord(context.Background(), f.meeting(t, data.MeetingDraft).ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := handoff.FollowUps(rec, handoff.FollowUpOptions{}); err == nil || !strings.Contains(err.Error(), "once it is closed") {
		t.Errorf("err = %v", err)
	}
}

func TestFollowUpsCanLeaveOutWhoCannotBeReached(t *testing.T) {
	f := newFixture(t)
	m := closeWeek(t, f)
	p := f.pod
	p.Leaders[2].Email = ""
	if _, err := f.db.UpdatePod(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	rec, err := f.db.HandoffRecord(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	mails, _, err := handoff.FollowUps(rec, handoff.FollowUpOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDrafts(t.TempDir(), mails, demoNow); err == nil || !strings.Contains(err.Error(), "Lindqvist, Sofia (") || !strings.Contains(err.Error(), "has no e-mail address") {
		t.Errorf("err = %v, want the leader without an address named", err)
	}
	mails, skipped, err := handoff.FollowUps(rec, handoff.FollowUpOptions{SkipUnreachable: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 || skipped[0].Name != "Lindqvist, Sofia" {
		t.Errorf("skipped %v", skipped)
	}
	if _, err := WriteDrafts(t.TempDir(), mails, demoNow); err != nil {
		t.Errorf("the others' drafts: %v", err)
	}
}
