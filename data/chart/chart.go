// Package chart describes a chart as a list of drawing primitives in its
// own coordinate space, so that the window (Fyne canvas objects) and the
// PDF minutes (gofpdf) draw exactly the same chart from one layout. It
// knows nothing of either: builders here compute the layout, renderers
// beside each output draw it.
package chart

// Color is an opaque sRGB colour.
type Color struct{ R, G, B uint8 }

// Colours shared by every chart, chosen to read on white paper and on the
// dark and light themes alike.
var (
	Ink     = Color{0x33, 0x3d, 0x4a} // axes, labels
	Grid    = Color{0xc8, 0xcf, 0xd8} // grid lines
	Series  = Color{0x2f, 0x6f, 0xd6} // the measured line
	Target  = Color{0xd9, 0x7b, 0x1f} // quota or goal line
	Good    = Color{0x2e, 0x9e, 0x5b}
	Warning = Color{0xe0, 0xa1, 0x00}
	Bad     = Color{0xd6, 0x45, 0x45}
)

// Align is a text's horizontal anchor.
type Align int

const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Figure is a chart laid out in points, origin at the top left, y down.
// Renderers scale it uniformly to the space they have.
type Figure struct {
	Width, Height float64
	Title         string
	Rects         []Rect // drawn first
	Lines         []Line
	Dots          []Dot
	Texts         []Text // drawn last
}

// Line is a straight segment.
type Line struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
	Dashed         bool
}

// Rect is a filled rectangle.
type Rect struct {
	X, Y, W, H float64
	Fill       Color
}

// Dot is a filled circle marking a data point.
type Dot struct {
	X, Y, R float64
	Fill    Color
}

// Text is a label whose top edge is at Y; X is its left, centre or right
// according to Align.
type Text struct {
	X, Y  float64
	Text  string
	Size  float64 // points
	Color Color
	Align Align
	Bold  bool
}
