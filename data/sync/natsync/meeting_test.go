package natsync

import (
	"testing"
	"time"

	"triad/data"
	tsync "triad/data/sync"
)

func meetingsOf(t *testing.T, m *member) []data.Meeting {
	t.Helper()
	ms, err := m.db.Meetings(ctx, m.pod.ID)
	must(t, err)
	return ms
}

func samePod(t *testing.T, ms ...*member) {
	t.Helper()
	sameExport(t, "pod exports", func(m *member) ([]byte, error) { return m.db.PodExport(ctx, m.pod.UID) }, ms...)
}

func TestAMeetingTypedOnTheFacilitatorsLaptopReachesTheTeam(t *testing.T) {
	_, fac, tl, pm := runningTeam(t)
	mt, err := fac.db.CreateMeeting(ctx, data.Meeting{PodID: fac.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	run, err := fac.db.MeetingRun(ctx, mt.ID)
	must(t, err)
	it, err := fac.db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: mt.ID, Title: "Partner API", Kind: data.KindFeatureProposal, PlannedMinutes: 15})
	must(t, err)
	it.Notes = "Two partners asked for webhooks"
	must(t, fac.db.UpdateAgendaItem(ctx, it))
	_, err = fac.db.AddActionItem(ctx, data.ActionItem{MeetingID: mt.ID, AgendaItemID: it.ID, Text: "Scope the webhook API",
		OwnerID: run.Attendees[0].ID}) // the Tech Lead's
	must(t, err)
	must(t, fac.db.CloseMeeting(ctx, mt.ID, time.Now(), "Dan"))

	eventually(t, "the closed meeting reaches the Tech Lead", func() bool {
		ms := meetingsOf(t, tl)
		return len(ms) == 1 && ms[0].Status == data.MeetingClosed
	})
	onTL, err := tl.db.MeetingRun(ctx, meetingsOf(t, tl)[0].ID)
	must(t, err)
	var notes string
	for _, x := range onTL.Items {
		if x.Title == "Partner API" {
			notes = x.Notes
		}
	}
	if notes != "Two partners asked for webhooks" || len(onTL.Actions) != 1 {
		t.Fatalf("on the Tech Lead's laptop: notes %q, actions %+v", notes, onTL.Actions)
	}
	// The Tech Lead ticks their own action off from their laptop.
	done := true
	_, err = tl.db.ReviseActionItem(ctx, data.ActionChange{ActionID: onTL.Actions[0].ID, Done: &done, By: "Priya Raman", At: time.Now()})
	must(t, err)
	eventually(t, "the tick reaches the facilitator and the PM", func() bool {
		for _, m := range []*member{fac, pm} {
			as, err := m.db.OpenActionItems(ctx, m.pod.ID)
			must(t, err)
			if len(meetingsOf(t, m)) != 1 || len(as) != 0 {
				return false
			}
		}
		return true
	})
	allSent(t, fac, tl, pm)
	for _, m := range []*member{fac, tl, pm} {
		refused, err := m.db.RefusedEvents(ctx)
		must(t, err)
		if len(refused) != 0 {
			t.Fatalf("refused: %+v", refused)
		}
	}
	samePod(t, fac, tl, pm)
	sent, err := tl.db.SentEvents(ctx, 100)
	must(t, err)
	if last := sent[len(sent)-1]; last.Kind != tsync.KindActionDone {
		t.Fatalf("the Tech Lead's tick went out as %s", last.Kind)
	}
}
