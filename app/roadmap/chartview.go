package roadmap

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"triad/data/chart"
)

// figureView draws a chart.Figure with canvas primitives, scaled uniformly
// to the space it is given, centred across and at the top. The figure carries every
// layout decision, so this draws exactly what the PDF minutes draw. It
// sits on white paper so the chart colours read the same in either theme.
type figureView struct {
	widget.BaseWidget
	fig chart.Figure
}

func newFigureView(f chart.Figure) *figureView {
	v := &figureView{fig: f}
	v.ExtendBaseWidget(v)
	return v
}

// SetFigure replaces the chart.
func (v *figureView) SetFigure(f chart.Figure) {
	v.fig = f
	v.Refresh()
}

func (v *figureView) CreateRenderer() fyne.WidgetRenderer {
	return &figureRenderer{view: v}
}

type figureRenderer struct {
	view *figureView
	objs []fyne.CanvasObject
	size fyne.Size
}

// The narrowest a chart may be laid out, and the width whose height it
// always asks for, so that a short neighbour never shrinks its labels.
const (
	figureMinWidth  = 300
	figureMinHeight = 430 // as a width: the height asked for is that of a figure this wide
)

func (r *figureRenderer) MinSize() fyne.Size {
	f := r.view.fig
	if f.Width <= 0 {
		return fyne.NewSize(figureMinWidth, 200)
	}
	return fyne.NewSize(figureMinWidth, float32(figureMinHeight*f.Height/f.Width))
}

func (r *figureRenderer) Layout(size fyne.Size) {
	r.size = size
	r.rebuild()
}

func (r *figureRenderer) Refresh() {
	r.rebuild()
	canvas.Refresh(r.view)
}

func (r *figureRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *figureRenderer) Destroy()                     {}

func toColor(c chart.Color) color.Color { return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff} }

// rebuild turns the figure into canvas objects for the current size.
func (r *figureRenderer) rebuild() {
	f := r.view.fig
	size := r.size
	paper := canvas.NewRectangle(color.White)
	paper.CornerRadius = 6
	objs := []fyne.CanvasObject{paper}
	if f.Width <= 0 || f.Height <= 0 || size.Width <= 0 || size.Height <= 0 {
		paper.Resize(size)
		r.objs = objs
		return
	}
	const margin = 10
	avail := fyne.NewSize(size.Width-2*margin, size.Height-2*margin)
	k := math.Min(float64(avail.Width)/f.Width, float64(avail.Height)/f.Height)
	// Centred across, at the top: beside a taller neighbour the chart
	// lines up with its heading rather than floating in the middle.
	ox := float64(margin) + (float64(avail.Width)-f.Width*k)/2
	oy := float64(margin)
	paper.Resize(fyne.NewSize(size.Width, float32(f.Height*k)+2*margin))
	pt := func(x, y float64) fyne.Position { return fyne.NewPos(float32(ox+x*k), float32(oy+y*k)) }

	for _, rc := range f.Rects {
		o := canvas.NewRectangle(toColor(rc.Fill))
		o.Move(pt(rc.X, rc.Y))
		o.Resize(fyne.NewSize(float32(rc.W*k), float32(rc.H*k)))
		objs = append(objs, o)
	}
	for _, l := range f.Lines {
		objs = append(objs, lineObjects(l, k, pt)...)
	}
	for _, d := range f.Dots {
		c := canvas.NewCircle(toColor(d.Fill))
		c.StrokeColor = color.White
		c.StrokeWidth = float32(math.Max(1, k))
		c.Move(pt(d.X-d.R, d.Y-d.R))
		c.Resize(fyne.NewSize(float32(2*d.R*k), float32(2*d.R*k)))
		objs = append(objs, c)
	}
	for _, t := range f.Texts {
		txt := canvas.NewText(t.Text, toColor(t.Color))
		txt.TextSize = float32(t.Size * k)
		txt.TextStyle = fyne.TextStyle{Bold: t.Bold}
		ms := fyne.MeasureText(t.Text, txt.TextSize, txt.TextStyle)
		p := pt(t.X, t.Y)
		switch t.Align {
		case chart.AlignCenter:
			p.X -= ms.Width / 2
		case chart.AlignRight:
			p.X -= ms.Width
		}
		txt.Move(p)
		txt.Resize(ms)
		objs = append(objs, txt)
	}
	r.objs = objs
}

// lineObjects draws a line, dashed as 6-on 4-off segments when asked:
// canvas.Line has no dash pattern of its own.
func lineObjects(l chart.Line, k float64, pt func(x, y float64) fyne.Position) []fyne.CanvasObject {
	mk := func(x1, y1, x2, y2 float64) fyne.CanvasObject {
		o := canvas.NewLine(toColor(l.Color))
		o.StrokeWidth = float32(math.Max(1, l.Width*k))
		o.Position1, o.Position2 = pt(x1, y1), pt(x2, y2)
		return o
	}
	if !l.Dashed {
		return []fyne.CanvasObject{mk(l.X1, l.Y1, l.X2, l.Y2)}
	}
	dx, dy := l.X2-l.X1, l.Y2-l.Y1
	length := math.Hypot(dx, dy)
	if length == 0 {
		return nil
	}
	var out []fyne.CanvasObject
	for s := 0.0; s < length; s += 10 {
		e := math.Min(s+6, length)
		out = append(out, mk(l.X1+dx*s/length, l.Y1+dy*s/length, l.X1+dx*e/length, l.Y1+dy*e/length))
	}
	return out
}
