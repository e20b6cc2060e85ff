package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Column centres its objects in a column at most Width wide, so that
// wrapped text reads as a paragraph rather than a line across the screen.
// With Middle set it also centres them vertically.
type Column struct {
	Width    float32
	MinWidth float32 // the narrowest the column may be; 0 for its content's width
	Middle   bool
}

func (l *Column) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width
	if l.Width > 0 && w > l.Width {
		w = l.Width
	}
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height // wrapped text knows its height once it has a width
		y := float32(0)
		if l.Middle && h < size.Height {
			y = (size.Height - h) / 2
		} else {
			h = fyne.Max(h, size.Height)
		}
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, y))
	}
}

func (l *Column) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	if l.Width > 0 && s.Width > l.Width {
		s.Width = l.Width
	}
	s.Width = fyne.Max(s.Width, l.MinWidth)
	return s
}

// Page is a screen's scrolling body: content in a column at most width
// wide, padded.
func Page(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.New(&Column{Width: width}, content)))
}

// FixedWidth lays its objects out at a set width, centred across its
// height, so a column of rows lines up.
type FixedWidth struct{ Width float32 }

func (l *FixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, (size.Height-h)/2))
	}
}

func (l *FixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.Width, 0)
	for _, o := range objs {
		s.Height = fyne.Max(s.Height, o.MinSize().Height)
	}
	return s
}

// Tight stacks labels without the padding inside each, so a title and its
// detail line read as one item and a row stays compact.
type Tight struct{}

func (Tight) overlap() float32 { return theme.InnerPadding() }

func (l Tight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs { // wrapped text knows its height once it has a width
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
	// The outer padding is halved too: the row around it has its own.
	y := (size.Height-l.MinSize(objs).Height)/2 - l.overlap()/2
	for i, o := range objs {
		h := o.MinSize().Height
		if i > 0 {
			y -= l.overlap()
		}
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h
	}
}

func (l Tight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = fyne.Max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= l.overlap()
		}
	}
	if len(objs) > 0 {
		s.Height -= l.overlap()
	}
	return s
}

// NewTight is a Tight stack of objs.
func NewTight(objs ...fyne.CanvasObject) *fyne.Container { return container.New(Tight{}, objs...) }

// MaxHeight gives its objects their own height up to Max: a scroll inside
// asks for its content's height, so a short panel takes only its room and
// a long one scrolls.
type MaxHeight struct{ Max float32 }

func (l *MaxHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *MaxHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		min := o.MinSize()
		if sc, ok := o.(*container.Scroll); ok && sc.Content != nil {
			min = sc.Content.MinSize()
		}
		s.Width = fyne.Max(s.Width, min.Width)
		s.Height = fyne.Max(s.Height, fyne.Min(min.Height, l.Max))
	}
	return s
}

// Weighted lays its objects side by side with widths in proportion to
// Weights, so the rows of a list line up as columns.
type Weighted struct{ Weights []float32 }

func (l *Weighted) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	var total float32
	for _, w := range l.Weights {
		total += w
	}
	free := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.Weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l *Weighted) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h, w float32
	for _, o := range objs {
		m := o.MinSize()
		h = fyne.Max(h, m.Height)
		w += fyne.Min(m.Width, 40)
	}
	return fyne.NewSize(w, h)
}

// FormPage is a form as a screen: body scrolling in a column at most
// width wide, and a bar below with the problems' summary beside buttons.
func FormPage(width float32, body fyne.CanvasObject, summary fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), summary)
	return container.NewBorder(nil, container.NewPadded(bar), nil, nil, Page(width, body))
}
