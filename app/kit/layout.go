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
// detail line read as one item and a row stays compact. A hidden object
// takes no room.
type Tight struct{}

func (Tight) overlap() float32 { return theme.InnerPadding() }

func (l Tight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs = shownObjects(objs)
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
	objs = shownObjects(objs)
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

// shownObjects are the objects of objs that are not hidden.
func shownObjects(objs []fyne.CanvasObject) []fyne.CanvasObject {
	for _, o := range objs {
		if !o.Visible() {
			out := make([]fyne.CanvasObject, 0, len(objs))
			for _, o := range objs {
				if o.Visible() {
					out = append(out, o)
				}
			}
			return out
		}
	}
	return objs // the usual case: nothing hidden, nothing copied
}

// NewTight is a Tight stack of objs.
func NewTight(objs ...fyne.CanvasObject) *fyne.Container { return container.New(Tight{}, objs...) }

// MaxHeight gives its objects their own height up to Max: a scroll inside
// asks for its content's height, so a short panel takes only its room and
// a long one scrolls.
type MaxHeight struct{ Max float32 }

func (l *MaxHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) { fillAll(objs, size) }

// fillAll gives every object the whole of size: the capped layouts differ
// only in what they ask for.
func fillAll(objs []fyne.CanvasObject, size fyne.Size) {
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

// MaxSize gives the scroll it holds its content's size up to Max, in both
// directions: the content scrolls rather than asking its window for more
// than Max, so a window never grows itself past a small laptop's screen.
type MaxSize struct{ Max fyne.Size }

func (l *MaxSize) Layout(objs []fyne.CanvasObject, size fyne.Size) { fillAll(objs, size) }

func (l *MaxSize) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(naturalSize(o).Min(l.Max))
	}
	return s
}

// naturalSize is what o would take: a scroll's content's own size.
func naturalSize(o fyne.CanvasObject) fyne.Size {
	if sc, ok := o.(*container.Scroll); ok && sc.Content != nil {
		return sc.Content.MinSize()
	}
	return o.MinSize()
}

// NewPanelOverFill stacks panel over fill, as an agenda item's questions
// over its notes. The panel takes its own height, and scrolls past what
// is left once fill has its minimum, but keeps at least panelFloor; fill
// takes the rest. The minimum is fill's plus the panel's floor, so a long
// panel never makes the window grow.
func NewPanelOverFill(panelFloor float32, panel, fill fyne.CanvasObject) *fyne.Container {
	scroll := container.NewVScroll(panel)
	// The panel comes last: Fyne re-lays out the parent of an object whose
	// minimum changed when it reaches that parent after its last child,
	// and a change further on in the tree would take its place.
	return container.New(&panelOverFill{floor: panelFloor}, fill, container.New(natural{}, scroll))
}

type panelOverFill struct{ floor float32 }

// panelHeight is the panel's share of height h (the gap taken off).
func (l *panelOverFill) panelHeight(panel, fill fyne.CanvasObject, h float32) float32 {
	want := panel.MinSize().Height // natural: its content's height
	ph := fyne.Min(want, h-fill.MinSize().Height)
	return fyne.Max(0, fyne.Max(ph, fyne.Min(want, l.floor)))
}

func (l *panelOverFill) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	fill, panel := objs[0], objs[1]
	gap := theme.Padding()
	ph := float32(0)
	if panel.Visible() {
		ph = l.panelHeight(panel, fill, size.Height-gap)
		panel.Move(fyne.NewPos(0, 0))
		panel.Resize(fyne.NewSize(size.Width, ph))
		ph += gap
	}
	fill.Move(fyne.NewPos(0, ph))
	fill.Resize(fyne.NewSize(size.Width, fyne.Max(0, size.Height-ph)))
}

func (l *panelOverFill) MinSize(objs []fyne.CanvasObject) fyne.Size {
	fill, panel := objs[0], objs[1]
	s := fill.MinSize()
	if panel.Visible() {
		p := panel.MinSize()
		s.Width = fyne.Max(s.Width, p.Width)
		s.Height += fyne.Min(p.Height, l.floor) + theme.Padding()
	}
	return s
}

// Relayout lays c out again at its size without refreshing what is in it,
// for a layout that reads its content's size (a long field's refresh is
// slow, see LongTextChars).
func Relayout(c *fyne.Container) {
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
}

// natural lays out the scroll it holds in the space it is given but
// reports its content's size as its minimum, so the layout above it sees
// the content grow or shrink (Fyne re-lays out the parent of an object
// whose minimum changed, and a scroll's own minimum does not change).
type natural struct{}

func (natural) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (natural) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(naturalSize(o))
	}
	return s
}

// TrailingRoom lays out the vertical split it holds so that the split's
// trailing part gets Want (a func, as it follows the theme and content)
// while the leading part keeps its minimum; with less room the split
// shares what there is within both minimums. Once someone drags the
// divider, their offset stands.
type TrailingRoom struct {
	Want func() float32
	set  float64 // the offset this layout set last: another one was dragged
}

func (l *TrailingRoom) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	split := objs[0].(*container.Split)
	changed := false
	if l.set == 0 || split.Offset == l.set {
		avail := size.Height - 2*theme.Padding() // the divider, as container.Split draws it
		trailing := fyne.Max(l.Want(), split.Trailing.MinSize().Height)
		trailing = fyne.Min(trailing, avail-split.Leading.MinSize().Height)
		if avail > 0 && trailing > 0 {
			l.set = float64((avail - trailing) / avail)
			changed = split.Offset != l.set
			split.Offset = l.set
		}
	}
	was := split.Size()
	split.Move(fyne.NewPos(0, 0))
	split.Resize(size)
	if changed && was == size {
		split.Refresh()
	}
}

func (l *TrailingRoom) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }
