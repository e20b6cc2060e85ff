package roadmap

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
	"triad/data/chart"
)

// bandColor is the band's colour, the same as on the trend chart.
func bandColor(b data.DebtBand) color.Color {
	switch b {
	case data.BandOnTarget:
		return toColor(chart.Good)
	case data.BandClose:
		return toColor(chart.Warning)
	case data.BandOffTarget:
		return toColor(chart.Bad)
	}
	return toColor(chart.Grid)
}

// bandBadge is the band's name in white on its colour.
func bandBadge(b data.DebtBand) fyne.CanvasObject {
	bg := canvas.NewRectangle(bandColor(b))
	bg.CornerRadius = 4
	txt := canvas.NewText(b.Label(), color.White)
	txt.TextStyle = fyne.TextStyle{Bold: true}
	txt.TextSize = theme.TextSize() * 1.1
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(4, 4, 10, 10), txt))
}

// debtSummary is the debt check as a triad reads it: the ratio large in
// its band's colour, the band, what to do, and the items it could not weigh.
func debtSummary(c data.DebtCheck) fyne.CanvasObject {
	ratio := canvas.NewText(c.Ratio.Format(), bandColor(c.Band))
	if c.Band == data.BandNoPlan {
		ratio.Text = "–"
	}
	label := "maintenance · quota " + c.Quota.Format()
	if c.Band == data.BandNoPlan {
		label = c.Headline()
	}
	ratio.TextSize = theme.TextSize() * 3
	ratio.TextStyle = fyne.TextStyle{Bold: true}
	of := kit.Bold(label)
	advice := kit.Wrapped(c.Advice())
	advice.TextStyle = fyne.TextStyle{Bold: c.Band == data.BandClose || c.Band == data.BandOffTarget}
	box := container.NewVBox(
		container.NewHBox(ratio, container.NewVBox(container.NewHBox(bandBadge(c.Band)), of)),
		advice)
	if note := c.UnestimatedNote(); note != "" {
		flag := widget.NewLabel(note)
		flag.Importance = widget.WarningImportance
		flag.Wrapping = fyne.TextWrapWord
		box.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, flag))
	}
	return box
}

// debtCounts is "2 maintenance and 5 feature items planned for 2026-Q4 – 2027-Q1 · 12 of 60 points".
func debtCounts(c data.DebtCheck) string {
	s := kit.Itoa(c.MaintenanceItems) + " maintenance and " + kit.Itoa(c.FeatureItems) + " feature items planned or in progress for " + c.Window.String()
	if c.Total > 0 {
		s += " · " + c.Maintenance.Number() + " of " + c.Total.Format(c.Unit) + " are maintenance"
	}
	return s
}
