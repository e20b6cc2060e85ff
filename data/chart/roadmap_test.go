package chart

import (
	"strings"
	"testing"

	"triad/data"
)

// inBounds checks that every primitive lies inside the figure, estimating
// text width generously, so neither the window nor the PDF clips it.
func inBounds(t *testing.T, f Figure) {
	t.Helper()
	within := func(what string, x, y float64) {
		if x < -0.01 || y < -0.01 || x > f.Width+0.01 || y > f.Height+0.01 {
			t.Errorf("%s at (%.1f, %.1f) is outside %gx%g", what, x, y, f.Width, f.Height)
		}
	}
	for _, r := range f.Rects {
		within("rect", r.X, r.Y)
		within("rect end", r.X+r.W, r.Y+r.H)
		if r.W < 0 || r.H < 0 {
			t.Errorf("negative rect %+v", r)
		}
	}
	for _, l := range f.Lines {
		within("line", l.X1, l.Y1)
		within("line end", l.X2, l.Y2)
	}
	for _, d := range f.Dots {
		within("dot", d.X-d.R, d.Y-d.R)
		within("dot", d.X+d.R, d.Y+d.R)
	}
	for _, tx := range f.Texts {
		w := float64(len([]rune(tx.Text))) * tx.Size * 0.55
		x := tx.X
		switch tx.Align {
		case AlignCenter:
			x -= w / 2
		case AlignRight:
			x -= w
		}
		within("text "+tx.Text, x, tx.Y)
		within("text "+tx.Text, x+w, tx.Y+tx.Size)
	}
}

func hasText(f Figure, s string) bool {
	for _, t := range f.Texts {
		if strings.Contains(t.Text, s) {
			return true
		}
	}
	return false
}

func TestDebtTrend(t *testing.T) {
	d := data.NewDate(2026, 10, 29)
	points := []DebtPoint{
		{d, 1200, data.BandOffTarget},
		{d.AddDays(7), 1600, data.BandClose},
		{d.AddDays(14), 0, data.BandNoPlan},
		{d.AddDays(21), 1900, data.BandClose},
		{d.AddDays(28), 2100, data.BandOnTarget},
	}
	f := DebtTrend(points, 2000)
	inBounds(t, f)
	if len(f.Dots) != 4 {
		t.Errorf("%d dots, want one per week with a plan", len(f.Dots))
	}
	if f.Dots[0].Fill != Bad || f.Dots[1].Fill != Warning || f.Dots[3].Fill != Good {
		t.Errorf("dot colours do not follow the bands: %+v", f.Dots)
	}
	var quota *Line
	for i, l := range f.Lines {
		if l.Dashed {
			quota = &f.Lines[i]
		}
	}
	if quota == nil || quota.Color != Target {
		t.Fatal("no quota line")
	}
	// Higher ratios sit higher (smaller y); the quota line is between 19% and 21%.
	if !(f.Dots[3].Y < quota.Y1 && quota.Y1 < f.Dots[2].Y && f.Dots[1].Y < f.Dots[0].Y) {
		t.Errorf("vertical order wrong: dots %+v, quota at %.1f", f.Dots, quota.Y1)
	}
	for _, s := range []string{"Quota 20%", "21%", "29 Oct", "26 Nov", "Off target"} {
		if !hasText(f, s) {
			t.Errorf("no %q on the chart", s)
		}
	}
	// The no-plan week breaks the line: two segments join three plotted weeks after it.
	var series int
	for _, l := range f.Lines {
		if l.Color == Series {
			series++
		}
	}
	if series != 2 {
		t.Errorf("%d series segments, want 2 (12→16 and 19→21)", series)
	}
}

func TestDebtTrendEmptyAndExtremes(t *testing.T) {
	f := DebtTrend(nil, 2000)
	inBounds(t, f)
	if !hasText(f, "No snapshots yet") || len(f.Dots) != 0 {
		t.Error("an empty trend does not say so")
	}
	f = DebtTrend([]DebtPoint{{data.NewDate(2026, 1, 1), 10000, data.BandOnTarget}}, 10000)
	inBounds(t, f)
	if !hasText(f, "100%") {
		t.Error("a 100% week has no label")
	}
	var many []DebtPoint
	for i := 0; i < 52; i++ {
		many = append(many, DebtPoint{data.NewDate(2026, 1, 1).AddDays(7 * i), data.Percent(i * 37 % 3000), data.BandClose})
	}
	f = DebtTrend(many, 0)
	inBounds(t, f)
	var dates int
	for _, tx := range f.Texts {
		if tx.Y > plotBottom {
			dates++
		}
	}
	if dates > 9 {
		t.Errorf("%d date labels under a year of weeks; they would overlap", dates)
	}
}

func TestRevenueTrend(t *testing.T) {
	goal := data.Dollars(1_000_000)
	series := []RevenueSeries{
		{Name: "Instant payouts", Points: []data.ARRPoint{
			{Date: data.NewDate(2026, 3, 10), Total: data.Dollars(300_000)},
			{Date: data.NewDate(2026, 6, 2), Total: data.Dollars(800_000)},
			{Date: data.NewDate(2026, 9, 15), Total: data.Dollars(1_200_000)},
		}},
		{Name: "A feature with a very long name that would run off", Points: []data.ARRPoint{
			{Date: data.NewDate(2026, 8, 1), Total: data.Dollars(200_000)},
		}},
		{Name: "Own goal", Goal: data.Dollars(250_000), Points: []data.ARRPoint{
			{Date: data.NewDate(2026, 8, 1), Total: data.Dollars(100_000)},
			{Date: data.NewDate(2026, 9, 1), Total: data.Dollars(260_000)},
		}},
	}
	f := RevenueTrend(series, goal, "USD", data.NewDate(2026, 11, 25))
	inBounds(t, f)
	var rings int
	for _, d := range f.Dots {
		if d.Fill == Good {
			rings++
		}
	}
	if rings != 2 {
		t.Errorf("%d goal rings, want 2 (the first feature and the one with its own lower goal)", rings)
	}
	for _, s := range []string{"Goal $1M", "$1.2M", "$200k", "Instant payouts", "A feature with", "Own goal", "Apr", "Nov"} {
		if !hasText(f, s) {
			t.Errorf("no %q on the chart", s)
		}
	}
	// Steps never go down: cumulative ARR.
	for _, l := range f.Lines {
		if l.Color == Series && l.Y2 > l.Y1+0.01 {
			t.Errorf("a step goes down: %+v", l)
		}
	}
	empty := RevenueTrend(nil, goal, "EUR", data.NewDate(2026, 11, 25))
	inBounds(t, empty)
	if !hasText(empty, "No realized ARR") || !hasText(empty, "Goal €1M") {
		t.Error("an empty revenue chart does not say so")
	}
}

func TestLegendNamesEverySeries(t *testing.T) {
	var series []RevenueSeries
	for i := 0; i < 7; i++ {
		series = append(series, RevenueSeries{Name: "Feature number " + string(rune('A'+i)) + " with a long name",
			Points: []data.ARRPoint{{Date: data.NewDate(2026, 3, 1+i), Total: data.Dollars(int64(100_000 * (i + 1)))}}})
	}
	f := RevenueTrend(series, data.Dollars(1_000_000), "USD", data.NewDate(2026, 11, 25))
	inBounds(t, f)
	var swatches int
	for _, r := range f.Rects {
		if r.W == 9 && r.H == 9 {
			swatches++
		}
	}
	if swatches != len(seriesColors) {
		t.Errorf("%d legend entries for %d drawn series", swatches, len(seriesColors))
	}
	// The legend stays clear of the goal label on the right.
	for _, tx := range f.Texts {
		if tx.Y == 25 && tx.X+float64(len([]rune(tx.Text)))*tx.Size*0.55 > plotRight-70 {
			t.Errorf("legend entry %q runs into the goal label", tx.Text)
		}
	}
}

func TestNiceStep(t *testing.T) {
	for _, tc := range []struct{ max, want float64 }{{3000, 1000}, {1000, 250 * 2}, {120_000_000, 50_000_000}, {0, 1}} {
		if got := niceStep(tc.max, 4); got != tc.want {
			t.Errorf("niceStep(%g) = %g, want %g", tc.max, got, tc.want)
		}
	}
}
