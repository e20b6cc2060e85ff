package data

import (
	"errors"
	"fmt"
	"testing"
)

func TestSalesDrivenWarnings(t *testing.T) {
	deal := func(customer string, dollars int64, state DealState) DealRequest {
		return DealRequest{Customer: customer, Value: Dollars(dollars), State: state, NeedsNewFeature: true}
	}
	effort := func(customer string, tenths int64, share Percent, items int) CustomerEffort {
		return CustomerEffort{Customer: customer, Effort: Effort(tenths), Share: share, Items: items}
	}
	tests := []struct {
		name    string
		reqs    []DealRequest
		efforts []CustomerEffort
		limit   Percent
		want    string
	}{
		{"nothing", nil, nil, 4000, "[]"},
		{"ARR only, spread", []DealRequest{deal("Acme", 100, DealApproved), deal("Globex", 100, DealApproved)}, nil, 5000, "[]"},
		{"ARR over, no roadmap effort",
			[]DealRequest{deal("Acme", 300, DealApproved), deal("Globex", 100, DealApproved)}, nil, 4000,
			"[{Acme $300 75% 0 0% 0}]"},
		{"exactly at the limit is no warning",
			[]DealRequest{deal("Acme", 100, DealApproved), deal("Globex", 100, DealApproved)}, nil, 5000, "[]"},
		{"effort over for one, ARR over for the other: most concentrated first",
			[]DealRequest{deal("Acme", 100, DealApproved), deal("Globex", 300, DealApproved)},
			[]CustomerEffort{effort("acme  ", 60, 6000, 2), effort("Globex", 20, 2000, 1)}, 4000,
			"[{Globex $300 75% 20 20% 1} {Acme $100 25% 60 60% 2}]"},
		{"both over, matched ignoring case and spacing",
			[]DealRequest{deal("Acme  Corp", 500, DealApproved), deal("Initech", 100, DealApproved)},
			[]CustomerEffort{effort("acme corp", 80, 8000, 3)}, 4000,
			"[{Acme Corp $500 83.33% 80 80% 3}]"},
		{"pending deals do not count, roadmap effort still does",
			[]DealRequest{deal("Acme", 500, DealPending)},
			[]CustomerEffort{effort("Acme", 50, 4001, 1)}, 4000,
			"[{Acme $0 0% 50 40.01% 1}]"},
		{"customer only on the roadmap, under the limit",
			nil, []CustomerEffort{effort("Umbrella", 10, 4000, 1)}, 4000, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SalesDrivenWarnings(tt.reqs, tt.efforts, tt.limit)
			var s []string
			for _, w := range got {
				s = append(s, fmt.Sprintf("{%s %s %s %d %s %d}", w.Customer, w.ARR.Format("USD"), w.ARRShare.Format(),
					w.Effort, w.EffortShare.Format(), w.Items))
			}
			if fmt.Sprint(s) != tt.want && !(len(s) == 0 && tt.want == "[]") {
				t.Errorf("got %v, want %s", s, tt.want)
			}
		})
	}
}

func TestDealFeedsRoadmapOnlyWhenApproved(t *testing.T) {
	for _, st := range DealStates {
		err := DealRequest{State: st}.CheckFeedsRoadmap()
		if (st == DealApproved) != (err == nil) || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("%s: %v", st, err)
		}
	}
	r := DealRequest{PodID: 3, Customer: " Acme  Corp ", DealName: "Renewal", Value: Dollars(120_000), Features: "SAML  single sign-on"}
	it := RoadmapItemFromDeal(r, NewDate(2026, 11, 25))
	if it.PodID != 3 || it.Title != "SAML single sign-on" || it.Target.String() != "2027-Q1" || it.Kind != KindFeature ||
		it.Status != StatusProposed || len(it.Customers) != 1 || it.Customers[0] != "Acme Corp" || it.ExpectedARR != Dollars(120_000) {
		t.Errorf("proposed item = %+v", it)
	}
	if it := RoadmapItemFromDeal(DealRequest{Customer: "Acme", DealName: "Pilot"}, NewDate(2026, 11, 25)); it.Title != "Acme — Pilot" {
		t.Errorf("title without features = %q", it.Title)
	}
}
