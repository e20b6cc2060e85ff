package sqlite

import (
	"testing"

	"triad/data"
)

// The PMM's answer is kept in their words, and an answer autosave cannot
// write yet waits as a draft beside the rest of the item.
func TestThePayAnswerIsStoredInWordsAndHeldBackAsADraft(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	it := addItem(t, db, r.Meeting.ID, "Payouts API", 10)
	it.Kind = data.KindFeatureProposal
	it.Answers.SetWillPay("8 USD per merchant a month")
	if err := db.UpdateAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	r, _ = db.MeetingRun(ctx, r.Meeting.ID)
	got := r.Items[len(r.Items)-1].Answers
	if got.WillPayText != "8 USD per merchant a month" || got.WillPay == nil || *got.WillPay != data.Dollars(8) {
		t.Fatalf("stored answer = %q, %v", got.WillPayText, got.WillPay)
	}

	edited := r.Items[len(r.Items)-1]
	edited.Answers.WillPayText = "12k a year \u202e"
	_, held := edited.HoldBack(r.Items[len(r.Items)-1])
	if err := db.SaveAgendaItemDrafts(ctx, it.ID, edited.HeldDrafts(held)); err != nil {
		t.Fatal(err)
	}
	drafts, err := db.AgendaItemDrafts(ctx, r.Meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if drafts[it.ID]["will_pay"] != "12k a year \u202e" {
		t.Errorf("drafts = %q", drafts[it.ID])
	}
}
