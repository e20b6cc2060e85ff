package data

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQuarter(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"2026-Q4", "2026-Q4", ""},
		{" 2026 q1 ", "2026-Q1", ""},
		{"Q3 2027", "2027-Q3", ""},
		{"2026Q2", "2026-Q2", ""},
		{"", "", "Enter a quarter"},
		{"2026-Q5", "", "Q1 to Q4"},
		{"2026-Q0", "", "Q1 to Q4"},
		{"26-Q4", "", "not a quarter"},
		{"3026-Q1", "", "out of range"},
		{"next quarter", "", "not a quarter"},
	} {
		q, err := ParseQuarter(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseQuarter(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || q.String() != tc.want {
			t.Errorf("ParseQuarter(%q) = %v, %v; want %s", tc.in, q, err, tc.want)
		}
	}
}

func TestQuarterArithmetic(t *testing.T) {
	q := QuarterOf(NewDate(2026, 11, 25))
	if q.String() != "2026-Q4" || q.Next().String() != "2027-Q1" || q.Add(-4).String() != "2025-Q4" {
		t.Errorf("q=%s next=%s minus a year=%s", q, q.Next(), q.Add(-4))
	}
	if q.First().String() != "2026-10-01" || q.Last().String() != "2026-12-31" {
		t.Errorf("bounds %s %s", q.First(), q.Last())
	}
	w := DefaultPlanningWindow(NewDate(2026, 11, 25))
	if !w.Contains(q) || !w.Contains(q.Next()) || w.Contains(q.Add(2)) || w.Contains(q.Add(-1)) || w.Contains(Quarter{}) {
		t.Errorf("window %s contains the wrong quarters", w)
	}
	if (QuarterRange{q.Next(), q}).Validate() == nil {
		t.Error("a window that ends before it starts is accepted")
	}
}

func TestParseEffort(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Effort
		err  string
	}{
		{"8", 80, ""},
		{"1.5", 15, ""},
		{" .5 ", 5, ""},
		{"1000", 10000, ""},
		{"", 0, "Enter the effort in points"},
		{"-3", 0, "cannot be negative"},
		{"0", 0, "more than zero"},
		{"1.25", 0, "too many decimals"},
		{"1001", 0, "too much for one item"},
		{"99999999999", 0, "not a number"},
		{"5 pts", 0, "not a number"},
		{"1e3", 0, "not a number"},
	} {
		got, err := ParseEffort(tc.in, UnitPoints)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseEffort(%q) error = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseEffort(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if s := Effort(15).Format(UnitPersonWeeks); s != "1.5 person-weeks" {
		t.Errorf("format = %q", s)
	}
	if s := Effort(10).Format(UnitPoints); s != "1 point" {
		t.Errorf("format = %q", s)
	}
}

func TestRoadmapItemValidate(t *testing.T) {
	today := NewDate(2026, 11, 25)
	good := RoadmapItem{Title: "Apple Pay", Kind: KindFeature, Status: StatusShipped, ShippedOn: today,
		Target: Quarter{2026, 4}, Effort: eff(8)}
	if err := good.Validate(UnitPoints, today); err != nil {
		t.Fatalf("valid item: %v", err)
	}
	neg, huge := Effort(-10), Effort(100000)
	zeroGoal := Money(0)
	for _, tc := range []struct {
		name  string
		edit  func(*RoadmapItem)
		field string
		msg   string
	}{
		{"no title", func(it *RoadmapItem) { it.Title = "" }, "title", "needs a title"},
		{"long title", func(it *RoadmapItem) { it.Title = strings.Repeat("x", 300) }, "title", "too long"},
		{"negative effort", func(it *RoadmapItem) { it.Effort = &neg }, "effort", "cannot be negative"},
		{"absurd effort", func(it *RoadmapItem) { it.Effort = &huge }, "effort", "split it"},
		{"maintenance without subkind", func(it *RoadmapItem) { it.Kind = KindMaintenance }, "subkind", "kind of maintenance"},
		{"no quarter", func(it *RoadmapItem) { it.Target = Quarter{} }, "target", "target quarter"},
		{"shipped without a date", func(it *RoadmapItem) { it.ShippedOn = Date{} }, "shipped_on", "day it shipped"},
		{"shipped tomorrow", func(it *RoadmapItem) { it.ShippedOn = today.AddDays(1) }, "shipped_on", "in the future"},
		{"zero goal", func(it *RoadmapItem) { it.GoalOverride = &zeroGoal }, "goal", "more than zero"},
		{"hidden control in a customer", func(it *RoadmapItem) { it.Customers = []string{"Acme\u202e"} }, "customers", "control"},
	} {
		it := good
		tc.edit(&it)
		err := it.Validate(UnitPoints, today)
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.For(tc.field), tc.msg) {
			t.Errorf("%s: %v, want %s: %q", tc.name, err, tc.field, tc.msg)
		}
	}
}

func TestNormalizeItem(t *testing.T) {
	g := Dollars(5)
	it := RoadmapItem{Title: "  Fix   flaky tests ", Kind: KindMaintenance, Subkind: MaintBugs,
		Customers: []string{" Acme ", "acme", "", "Globex"}, ExpectedARR: Dollars(1), GoalOverride: &g, ShippedOn: NewDate(2026, 1, 1), Status: StatusPlanned}
	it.Normalize()
	if it.Title != "Fix flaky tests" || len(it.Customers) != 2 || it.ExpectedARR != 0 || it.GoalOverride != nil || !it.ShippedOn.IsZero() {
		t.Errorf("normalized = %+v", it)
	}
	if it.Source() != "Acme, Globex" || it.KindLabel() != "Maintenance · Bugs" {
		t.Errorf("labels %q %q", it.Source(), it.KindLabel())
	}
}

func TestARREntryValidate(t *testing.T) {
	today := NewDate(2026, 11, 25)
	shipped := NewDate(2026, 6, 1)
	for _, tc := range []struct {
		e     ARREntry
		field string
		msg   string
	}{
		{ARREntry{Date: today, Amount: Dollars(1)}, "", ""},
		{ARREntry{Date: today.AddDays(1), Amount: Dollars(1)}, "date", "in the future"},
		{ARREntry{Date: shipped.AddDays(-1), Amount: Dollars(1)}, "date", "before the feature shipped"},
		{ARREntry{Amount: Dollars(1)}, "date", "Enter the day"},
		{ARREntry{Date: today, Amount: 0}, "amount", "more than zero"},
		{ARREntry{Date: today, Amount: -5}, "amount", "more than zero"},
		{ARREntry{Date: today, Amount: MaxARREntry + 1}, "amount", "too large"},
	} {
		err := tc.e.Validate(shipped, today)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", tc.e, err)
			}
			continue
		}
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.For(tc.field), tc.msg) {
			t.Errorf("%+v: %v, want %s: %q", tc.e, err, tc.field, tc.msg)
		}
	}
}

func TestGoalCrossedFiresOnce(t *testing.T) {
	goal := Dollars(1_000_000)
	// A feature's ARR over successive entries, including a step that lands
	// exactly on the goal and later entries far above it.
	for _, tc := range []struct {
		name    string
		steps   []Money
		firesAt int // index of the entry that celebrates; -1 for never
	}{
		{"crosses on the third entry", []Money{Dollars(400_000), Dollars(300_000), Dollars(350_000), Dollars(500_000)}, 2},
		{"lands exactly on the goal", []Money{Dollars(999_999), Dollars(1)}, 1},
		{"one entry above the goal", []Money{Dollars(2_000_000)}, 0},
		{"never reaches it", []Money{Dollars(999_999), 99}, -1},
		{"a cent short", []Money{Dollars(500_000), Dollars(500_000) - 1}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var total Money
			celebrated := false
			fired := -1
			for i, s := range tc.steps {
				before := total
				total += s
				if GoalCrossed(before, total, goal, celebrated) {
					if celebrated {
						t.Fatalf("fired twice (entry %d)", i)
					}
					celebrated, fired = true, i
				}
			}
			if fired != tc.firesAt {
				t.Errorf("fired at %d, want %d", fired, tc.firesAt)
			}
		})
	}
	if GoalCrossed(0, Dollars(5), 0, false) {
		t.Error("a zero goal must not celebrate")
	}
	if !GoalCrossed(0, Dollars(600_000), Dollars(500_000), false) {
		t.Error("a goal lowered below the realized ARR celebrates")
	}
}

func TestRevenueProgressAndCumulative(t *testing.T) {
	today := NewDate(2026, 11, 25)
	own := Dollars(250_000)
	items := []RoadmapItem{
		{ID: 1, Title: "A", Kind: KindFeature, Status: StatusShipped, ShippedOn: NewDate(2026, 3, 1), RealizedARR: Dollars(1_200_000), GoalReachedOn: NewDate(2026, 9, 1)},
		{ID: 2, Title: "B", Kind: KindFeature, Status: StatusShipped, ShippedOn: NewDate(2025, 12, 1), RealizedARR: Dollars(100_000), GoalOverride: &own},
		{ID: 3, Title: "C", Kind: KindFeature, Status: StatusPlanned, RealizedARR: 0},
		{ID: 4, Title: "D", Kind: KindMaintenance, Status: StatusShipped, ShippedOn: NewDate(2026, 3, 1)},
	}
	p := RevenueProgress(items, Dollars(1_000_000))
	if len(p) != 2 || p[0].Item.ID != 1 || p[0].Progress != 10000 || !p[0].Reached || p[1].Goal != own || p[1].Progress != 4000 || p[1].Reached {
		t.Errorf("progress = %+v", p)
	}
	if got := RealizedThisYear(items, today); got != Dollars(1_200_000) {
		t.Errorf("this year = %v", got)
	}
	pts := CumulativeARR([]ARREntry{
		{Date: NewDate(2026, 5, 1), Amount: 300},
		{Date: NewDate(2026, 4, 1), Amount: 100},
		{Date: NewDate(2026, 5, 1), Amount: 50},
	})
	if len(pts) != 2 || pts[0].Total != 100 || pts[1].Total != 450 || pts[1].Date.String() != "2026-05-01" {
		t.Errorf("cumulative = %+v", pts)
	}
}
