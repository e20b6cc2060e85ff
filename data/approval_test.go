package data

import (
	"strings"
	"testing"
)

func effort(n int64) *Effort { e := Effort(n * 10); return &e }

func approvalFixture() DealHandoff {
	today := NewDate(2027, 3, 4)
	q := QuarterOf(today)
	st := DefaultSettings()
	return DealHandoff{
		Request: DealRequest{ID: 12, Customer: "Acme Corp", Value: Dollars(300000), NeedsNewFeature: true, State: DealPending, Features: "SSO"},
		Requests: []DealRequest{
			{ID: 12, Customer: "Acme Corp", Value: Dollars(300000), NeedsNewFeature: true, State: DealPending},
			{ID: 3, Customer: "acme  corp", Value: Dollars(100000), State: DealApproved},
			{ID: 4, Customer: "Globex", Value: Dollars(400000), State: DealApproved},
		},
		Roadmap: Roadmap{Settings: st, Unit: UnitPoints, Items: []RoadmapItem{
			{ID: 1, Kind: KindMaintenance, Effort: effort(30), Target: q, Status: StatusPlanned},
			{ID: 2, Kind: KindFeature, Effort: effort(70), Target: q.Next(), Status: StatusInProgress, Customers: []string{"Globex"}},
		}},
	}
}

func TestApprovingShowsTheCustomersShareBeforeAndAfter(t *testing.T) {
	e := EffectOfApproving(approvalFixture(), NewDate(2027, 3, 4))
	if e.ShareNow != 2000 || e.ShareIf != 5000 {
		t.Errorf("share now %s, if approved %s; want 20%% then 50%% (Acme Corp and acme  corp are one account)", e.ShareNow.Format(), e.ShareIf.Format())
	}
	if e.Warning == nil || e.Warning.ARRShare != 5000 {
		t.Fatalf("warning %+v: 50%% is above the 40%% level", e.Warning)
	}
	if got := e.ConcentrationText(); !strings.Contains(got, "from 20% to 50%") || !strings.Contains(got, "above the 40% warning level") {
		t.Errorf("ConcentrationText = %q", got)
	}

	h := approvalFixture()
	h.Requests[2].Value = Dollars(2000000)
	if e := EffectOfApproving(h, NewDate(2027, 3, 4)); e.Warning != nil || !strings.Contains(e.ConcentrationText(), "within the 40% warning level") {
		t.Errorf("a small share warns: %+v %q", e.Warning, e.ConcentrationText())
	}
}

func TestApprovingSaysHowMuchFeatureWorkTheDebtCheckCanTake(t *testing.T) {
	e := EffectOfApproving(approvalFixture(), NewDate(2027, 3, 4))
	// 30 of 100 points are maintenance against 20%: 30/(100+x) >= 20% while x <= 50.
	if e.Debt.Band != BandOnTarget || e.Headroom != 500 {
		t.Errorf("band %s, headroom %s; want on target with 50 points to spare", e.Debt.Band, e.Headroom.Format(UnitPoints))
	}
	if got := e.DebtText(); !strings.Contains(got, "at most 50 points") || !strings.Contains(got, "2027-Q2") {
		t.Errorf("DebtText = %q", got)
	}
	h := approvalFixture()
	h.Roadmap.Items[0].Effort = effort(10)
	e = EffectOfApproving(h, NewDate(2027, 3, 4))
	if e.Headroom != 0 || !strings.Contains(e.DebtText(), "more feature work lowers the share further") {
		t.Errorf("off target: headroom %d, %q", e.Headroom, e.DebtText())
	}
}

func TestReferenceIsShortAndStable(t *testing.T) {
	if got := (DealRequest{ID: 12}).Reference(); got != "DD-12" {
		t.Errorf("Reference = %q", got)
	}
}
