package data

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func TestRecarry(t *testing.T) {
	prev := Meeting{ID: 2, Date: NewDate(2026, 11, 12), Status: MeetingClosed}
	at := time.Date(2026, 11, 12, 10, 0, 0, 0, time.UTC)
	ran := []Interval{{at, at.Add(5 * time.Minute)}}
	// Item 1 was on week 1 and carried into week 2 as item 11; item 12 is
	// new in week 2. The chain: 11 came from 1.
	chain := map[int64]int64{11: 1, 21: 1, 22: 5, 23: 11}
	origin := func(id int64) int64 {
		for chain[id] != 0 {
			id = chain[id]
		}
		return id
	}
	prevItems := func(reached11, reached12 bool) []AgendaItem {
		items := []AgendaItem{
			{ID: 10, Title: "Deal desk", Standing: StandingDealDesk},
			{ID: 11, Title: "Pricing", Kind: KindTopic, CarriedFromID: 1, CarriedFrom: NewDate(2026, 11, 5), Notes: "last week: sheet"},
			{ID: 12, Title: "Security", Kind: KindTopic, Notes: "pen test"},
		}
		if reached11 {
			items[1].Intervals = ran
		}
		if reached12 {
			items[2].Intervals = ran
		}
		return items
	}
	cases := []struct {
		name           string
		reached11, r12 bool
		draft          []AgendaItem
		add, retarget  string
		remove         []int64
	}{
		{"empty draft gets both", false, false, nil, "Pricing, Security", "", nil},
		{"already carried from week 1: not twice", false, false,
			[]AgendaItem{{ID: 21, Title: "Pricing", CarriedFromID: 1}},
			"Security", "Pricing", nil},
		{"hand-added items are left alone", false, true,
			[]AgendaItem{{ID: 30, Title: "Offsite"}},
			"Pricing", "", nil},
		{"dealt with last week: an unedited copy goes", true, true,
			[]AgendaItem{{ID: 21, Title: "Pricing", CarriedFromID: 1}},
			"", "", []int64{21}},
		{"dealt with last week: an edited copy stays", true, true,
			[]AgendaItem{{ID: 21, Title: "Pricing", CarriedFromID: 1, Edited: true}},
			"", "", nil},
		{"a topic last week never had is kept", true, true,
			[]AgendaItem{{ID: 22, Title: "Billing", CarriedFromID: 5}},
			"", "", nil},
		{"copies carried twice before: one stays", false, true,
			[]AgendaItem{{ID: 21, Title: "Pricing", CarriedFromID: 1}, {ID: 23, Title: "Pricing", CarriedFromID: 11}},
			"", "Pricing", []int64{23}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Recarry(prev, prevItems(c.reached11, c.r12), c.draft, origin)
			names := func(items []AgendaItem) string {
				var s []string
				for _, it := range items {
					s = append(s, it.Title)
				}
				sort.Strings(s)
				return strings.Join(s, ", ")
			}
			if got := names(p.Add); got != c.add {
				t.Errorf("add = %q, want %q", got, c.add)
			}
			if got := names(p.Retarget); got != c.retarget {
				t.Errorf("retarget = %q, want %q", got, c.retarget)
			}
			if len(p.Remove) != len(c.remove) || (len(c.remove) > 0 && p.Remove[0] != c.remove[0]) {
				t.Errorf("remove = %v, want %v", p.Remove, c.remove)
			}
			for _, it := range p.Retarget {
				if it.Title == "Pricing" && (it.CarriedFromID != 11 || !it.CarriedFrom.Equal(NewDate(2026, 11, 5)) && !it.Edited) {
					t.Errorf("retargeted copy = %+v: want it carried from last week's copy, first date kept", it)
				}
			}
			for _, it := range p.Add {
				if it.Title == "Security" && it.Notes != "last week: pen test" {
					t.Errorf("Security notes = %q", it.Notes)
				}
				if it.Title == "Pricing" && it.Notes != "last week: sheet" {
					t.Errorf("Pricing notes carried twice = %q, want one label", it.Notes)
				}
			}
		})
	}
}
