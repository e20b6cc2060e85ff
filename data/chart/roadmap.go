package chart

import (
	"math"
	"time"

	"triad/data"
)

// Pale tints behind the plot: the zone a value should be in.
var (
	GoodTint    = Color{0xe3, 0xf4, 0xea}
	WarningTint = Color{0xfc, 0xf1, 0xd2}
)

// seriesColors tell several features apart on one chart.
var seriesColors = []Color{Series, {0x7b, 0x4f, 0xc9}, {0x17, 0x8f, 0x8f}, {0x8a, 0x6d, 0x3b}, {0x5a, 0x67, 0x78}}

// The layout every roadmap chart shares, in points.
const (
	figWidth    = 460.0
	figHeight   = 196.0
	plotLeft    = 46.0
	plotRight   = 418.0 // leaves room for the end labels
	plotTop     = 48.0
	plotBottom  = 166.0
	titleSize   = 13.0
	labelSize   = 10.0
	captionSize = 11.0
)

// DebtPoint is one meeting's debt-check snapshot.
type DebtPoint struct {
	Date  data.Date
	Ratio data.Percent
	Band  data.DebtBand
}

// DebtTrend charts the weekly maintenance share against the quota: the
// quota as a dashed line over a green "on target" zone and an amber
// "close" zone, each week a dot in its band's colour, the latest value
// written beside the last dot. Weeks with nothing planned leave a gap.
func DebtTrend(points []DebtPoint, quota data.Percent) Figure {
	f := Figure{Width: figWidth, Height: figHeight, Title: "Maintenance share by week"}
	f.Texts = append(f.Texts, Text{X: 0, Y: 4, Text: f.Title, Size: titleSize, Color: Ink, Bold: true})
	top := int64(quota) * 3 / 2
	for _, p := range points {
		if int64(p.Ratio) > top {
			top = int64(p.Ratio)
		}
	}
	step := niceStep(float64(top), 4)
	yMax := math.Min(10000, math.Max(step, math.Ceil(float64(top)/step)*step))
	if yMax < 1000 {
		yMax = 1000
		step = niceStep(yMax, 4)
	}
	y := func(bp float64) float64 { return plotBottom - bp/yMax*(plotBottom-plotTop) }

	// Zones: at or above the quota is on target, up to 5 points below is close.
	qy := y(float64(quota))
	f.Rects = append(f.Rects, Rect{X: plotLeft, Y: plotTop, W: plotRight - plotLeft, H: qy - plotTop, Fill: GoodTint})
	closeLow := math.Max(0, float64(quota-data.CloseBand))
	f.Rects = append(f.Rects, Rect{X: plotLeft, Y: qy, W: plotRight - plotLeft, H: y(closeLow) - qy, Fill: WarningTint})

	for v := 0.0; v <= yMax+0.5; v += step {
		yy := y(v)
		f.Lines = append(f.Lines, Line{X1: plotLeft, Y1: yy, X2: plotRight, Y2: yy, Width: 0.5, Color: Grid})
		f.Texts = append(f.Texts, Text{X: plotLeft - 6, Y: yy - labelSize/2 - 1, Text: data.Percent(v).Format(), Size: labelSize, Color: Ink, Align: AlignRight})
	}
	f.Lines = append(f.Lines, Line{X1: plotLeft, Y1: qy, X2: plotRight, Y2: qy, Width: 1.5, Color: Target, Dashed: true})
	f.Texts = append(f.Texts, Text{X: plotRight, Y: plotTop - 16, Text: "Quota " + quota.Format(), Size: captionSize, Color: Target, Align: AlignRight, Bold: true})
	legend(&f, []legendEntry{{"On target", Good}, {"Close to target", Warning}, {"Off target", Bad}})

	if len(points) == 0 {
		f.Texts = append(f.Texts, Text{X: (plotLeft + plotRight) / 2, Y: (plotTop+plotBottom)/2 - 6,
			Text: "No snapshots yet: record one in a meeting", Size: captionSize, Color: Ink, Align: AlignCenter})
		return f
	}
	xs := evenX(len(points))
	var prevX, prevY float64
	prev := false
	for i, p := range points {
		x := xs[i]
		if i%labelEvery(len(points)) == 0 || i == len(points)-1 {
			f.Texts = append(f.Texts, Text{X: x, Y: plotBottom + 6, Text: shortDate(p.Date), Size: labelSize, Color: Ink, Align: AlignCenter})
		}
		if p.Band == data.BandNoPlan {
			prev = false
			continue
		}
		yy := y(float64(p.Ratio))
		if prev {
			f.Lines = append(f.Lines, Line{X1: prevX, Y1: prevY, X2: x, Y2: yy, Width: 2, Color: Series})
		}
		f.Dots = append(f.Dots, Dot{X: x, Y: yy, R: 4, Fill: bandColor(p.Band)})
		prevX, prevY, prev = x, yy, true
	}
	last := points[len(points)-1]
	if last.Band != data.BandNoPlan {
		f.Texts = append(f.Texts, Text{X: xs[len(xs)-1] + 8, Y: y(float64(last.Ratio)) - captionSize/2 - 1,
			Text: last.Ratio.Format(), Size: captionSize, Color: bandColor(last.Band), Bold: true})
	}
	return f
}

// RevenueSeries is one shipped feature's cumulative realized ARR. Goal is
// the feature's own goal when it differs from the chart's (0: the chart's).
type RevenueSeries struct {
	Name   string
	Points []data.ARRPoint
	Goal   data.Money
}

// RevenueTrend charts each feature's cumulative realized ARR from its
// first entry to until as steps, against the goal as a dashed line. The
// first point at or above the feature's goal is ringed in green. At most five
// series are drawn; the caller passes the ones that matter most first.
func RevenueTrend(series []RevenueSeries, goal data.Money, currency string, until data.Date) Figure {
	f := Figure{Width: figWidth, Height: figHeight, Title: "Realized ARR of shipped features"}
	f.Texts = append(f.Texts, Text{X: 0, Y: 4, Text: f.Title, Size: titleSize, Color: Ink, Bold: true})
	if len(series) > len(seriesColors) {
		series = series[:len(seriesColors)]
	}
	var first, last data.Date
	top := float64(goal) * 1.2
	for _, s := range series {
		for _, p := range s.Points {
			if first.IsZero() || p.Date.Before(first) {
				first = p.Date
			}
			if last.IsZero() || p.Date.After(last) {
				last = p.Date
			}
			top = math.Max(top, float64(p.Total)*1.08)
		}
	}
	if until.After(last) {
		last = until
	}
	step := niceStep(top, 4)
	yMax := math.Ceil(top/step) * step
	y := func(m float64) float64 { return plotBottom - m/yMax*(plotBottom-plotTop) }
	for v := 0.0; v <= yMax+0.5; v += step {
		yy := y(v)
		f.Lines = append(f.Lines, Line{X1: plotLeft, Y1: yy, X2: plotRight, Y2: yy, Width: 0.5, Color: Grid})
		f.Texts = append(f.Texts, Text{X: plotLeft - 6, Y: yy - labelSize/2 - 1, Text: data.Money(v).Short(currency), Size: labelSize, Color: Ink, Align: AlignRight})
	}
	gy := y(float64(goal))
	f.Lines = append(f.Lines, Line{X1: plotLeft, Y1: gy, X2: plotRight, Y2: gy, Width: 1.5, Color: Target, Dashed: true})
	f.Texts = append(f.Texts, Text{X: plotRight, Y: plotTop - 16, Text: "Goal " + goal.Short(currency), Size: captionSize, Color: Target, Align: AlignRight, Bold: true})

	if first.IsZero() {
		f.Texts = append(f.Texts, Text{X: (plotLeft + plotRight) / 2, Y: (plotTop+plotBottom)/2 - 6,
			Text: "No realized ARR booked yet", Size: captionSize, Color: Ink, Align: AlignCenter})
		return f
	}
	span := float64(first.DaysUntil(last))
	if span < 1 {
		span = 1
	}
	x := func(d data.Date) float64 { return plotLeft + float64(first.DaysUntil(d))/span*(plotRight-plotLeft) }
	for _, d := range monthTicks(first, last) {
		f.Texts = append(f.Texts, Text{X: x(d), Y: plotBottom + 6, Text: d.Time(time.UTC).Format("Jan"), Size: labelSize, Color: Ink, Align: AlignCenter})
		f.Lines = append(f.Lines, Line{X1: x(d), Y1: plotBottom, X2: x(d), Y2: plotBottom + 4, Width: 0.5, Color: Ink})
	}
	var entries []legendEntry
	for i, s := range series {
		c := seriesColors[i]
		entries = append(entries, legendEntry{s.Name, c})
		if len(s.Points) == 0 {
			continue
		}
		px, py := x(s.Points[0].Date), y(0)
		crossed := false
		own := goal
		if s.Goal > 0 {
			own = s.Goal
		}
		for _, p := range s.Points {
			nx, ny := x(p.Date), y(float64(p.Total))
			f.Lines = append(f.Lines,
				Line{X1: px, Y1: py, X2: nx, Y2: py, Width: 2, Color: c},
				Line{X1: nx, Y1: py, X2: nx, Y2: ny, Width: 2, Color: c})
			if !crossed && own > 0 && p.Total >= own {
				crossed = true
				f.Dots = append(f.Dots, Dot{X: nx, Y: ny, R: 6, Fill: Good})
			}
			f.Dots = append(f.Dots, Dot{X: nx, Y: ny, R: 3, Fill: c})
			px, py = nx, ny
		}
		f.Lines = append(f.Lines, Line{X1: px, Y1: py, X2: plotRight, Y2: py, Width: 2, Color: c})
		f.Texts = append(f.Texts, Text{X: plotRight + 4, Y: py - labelSize/2 - 1,
			Text: s.Points[len(s.Points)-1].Total.Short(currency), Size: labelSize, Color: c, Bold: true})
	}
	legend(&f, entries)
	return f
}

type legendEntry struct {
	label string
	color Color
}

// legend writes swatches and labels in a row under the title. Every entry
// gets a share of the row, long names shortened to fit it, so no series is
// left without its name and the row never runs into the end label.
func legend(f *Figure, entries []legendEntry) {
	if len(entries) == 0 {
		return
	}
	const swatch, gap = 13.0, 12.0
	charW := labelSize * 0.55
	room := plotRight - 76
	natural := 0.0
	for _, e := range entries {
		natural += swatch + float64(len([]rune(e.label)))*charW + gap
	}
	maxChars := 1 << 30
	if natural > room {
		maxChars = int((room/float64(len(entries)) - swatch - gap) / charW)
		if maxChars < 2 {
			maxChars = 2
		}
	}
	x := 0.0
	for _, e := range entries {
		label := e.label
		if r := []rune(label); len(r) > maxChars {
			label = string(r[:maxChars-1]) + "…"
		}
		f.Rects = append(f.Rects, Rect{X: x, Y: 26, W: 9, H: 9, Fill: e.color})
		f.Texts = append(f.Texts, Text{X: x + swatch, Y: 25, Text: label, Size: labelSize, Color: Ink})
		x += swatch + float64(len([]rune(label)))*charW + gap
	}
}

func bandColor(b data.DebtBand) Color {
	switch b {
	case data.BandOnTarget:
		return Good
	case data.BandClose:
		return Warning
	case data.BandOffTarget:
		return Bad
	}
	return Grid
}

// evenX spreads n weekly points across the plot.
func evenX(n int) []float64 {
	xs := make([]float64, n)
	inset := 16.0
	for i := range xs {
		if n == 1 {
			xs[i] = (plotLeft + plotRight) / 2
			continue
		}
		xs[i] = plotLeft + inset + float64(i)/float64(n-1)*(plotRight-plotLeft-2*inset)
	}
	return xs
}

// labelEvery thins date labels so at most eight fit under the plot.
func labelEvery(n int) int {
	if n <= 8 {
		return 1
	}
	return (n + 7) / 8
}

func shortDate(d data.Date) string { return d.Time(time.UTC).Format("2 Jan") }

// monthTicks are the first days of months between first and last, thinned
// to at most eight.
func monthTicks(first, last data.Date) []data.Date {
	t := first.Time(time.UTC)
	m := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m.Before(t) {
		m = m.AddDate(0, 1, 0)
	}
	var ds []data.Date
	for !data.DateOf(m).After(last) {
		ds = append(ds, data.DateOf(m))
		m = m.AddDate(0, 1, 0)
	}
	every := labelEvery(len(ds))
	var out []data.Date
	for i, d := range ds {
		if i%every == 0 {
			out = append(out, d)
		}
	}
	return out
}

// niceStep is a round grid step (1, 2 or 5 times a power of ten) that
// divides max into about n intervals.
func niceStep(max float64, n int) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}
