package minutes

import (
	"bytes"
	"math"

	"github.com/jung-kurt/gofpdf"

	"triad/data/chart"
)

// Page geometry in points (A4).
const (
	pageW        = 595.28
	pageH        = 841.89
	marginLeft   = 50.0
	marginRight  = 50.0
	marginTop    = 56.0
	marginBottom = 62.0
	contentW     = pageW - marginLeft - marginRight
	bottomLimit  = pageH - marginBottom
)

// Type sizes and line heights.
const (
	sizeBody  = 9.5
	lineBody  = 13.0
	sizeTable = 8.5
	lineTable = 11.2
	sizeSmall = 7.5
)

// Colours of the document (text colours come from chart's palette where
// one fits, so charts and text agree).
var (
	colText     = rgb(0x1f, 0x26, 0x30)
	colMuted    = rgb(0x5f, 0x6b, 0x7a)
	colAccent   = rgb(0x2f, 0x5f, 0xa8)
	colRule     = rgb(0xd5, 0xdb, 0xe3)
	colHeadFill = rgb(0xe9, 0xee, 0xf4)
	colBadFill  = rgb(0xfd, 0xe8, 0xe8)
	colWarnFill = rgb(0xfd, 0xf3, 0xdc)
	colGoodFill = rgb(0xe3, 0xf4, 0xe9)
	colBad      = rgb(0xb4, 0x2b, 0x2b)
	colGood     = rgb(0x1e, 0x7a, 0x45)
	colWarn     = rgb(0x9a, 0x66, 0x00)
	// colDraftMark is the DRAFT across a page: pale enough to read through.
	colDraftMark = rgb(0xf6, 0xd5, 0xd5)
)

func rgb(r, g, b uint8) chart.Color { return chart.Color{R: r, G: g, B: b} }

// doc is one rendering: a gofpdf document plus the cursor and the state
// gofpdf does not expose.
type doc struct {
	pdf        *gofpdf.Fpdf
	m          *Minutes
	totalPages int // known once the content is laid out, for the footers
	y          float64

	added map[*face]bool
	// trace, when set (a benchmark's floor), is told every run of text
	// drawn: its page, face, size, position and text.
	trace func(page int, f *face, size, x, y float64, text string)

	curFace *face
	curSize float64
	curText chart.Color
}

func newDoc(m *Minutes) *doc {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		SizeStr:        "A4",
	})
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, 0) // pages break where the layout says
	pdf.SetCatalogSort(true)       // resources in a fixed order: identical bytes each time
	d := &doc{pdf: pdf, m: m, added: map[*face]bool{}, curSize: -1}
	d.useFace(faceRegular)
	d.useFace(faceBold)
	return d
}

// useFace registers a face with this document on first use. gofpdf's
// subsetter writes into the font bytes it is given, so every document
// gets its own copy: sharing the embedded slice is a data race (and would
// corrupt it for the next document).
func (d *doc) useFace(f *face) {
	if d.added[f] {
		return
	}
	d.added[f] = true
	d.pdf.AddUTF8FontFromBytes(f.family, f.style, bytes.Clone(f.bytes))
}

func (d *doc) setFace(f *face, size float64) {
	if f == d.curFace && size == d.curSize {
		return
	}
	d.useFace(f)
	d.pdf.SetFont(f.family, f.style, size)
	d.curFace, d.curSize = f, size
}

func (d *doc) setTextColor(c chart.Color) {
	d.curText = c
	d.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
}

func (d *doc) setFill(c chart.Color) { d.pdf.SetFillColor(int(c.R), int(c.G), int(c.B)) }
func (d *doc) setDraw(c chart.Color) { d.pdf.SetDrawColor(int(c.R), int(c.G), int(c.B)) }

// newPage starts a page; the header and footer are drawn by the page hooks.
func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = d.pageTop()
}

// pageTop is where content starts on the current page.
func (d *doc) pageTop() float64 {
	if d.pdf.PageNo() > 1 {
		return marginTop + 18
	}
	return marginTop
}

// room makes sure h points fit below the cursor, starting a page if not.
func (d *doc) room(h float64) {
	if d.y+h > bottomLimit {
		d.newPage()
	}
}

// drawLine draws one laid-out line with its left edge at x and its
// baseline at baseline.
func (d *doc) drawLine(x, baseline float64, line []glyph, size float64, c chart.Color) {
	d.setTextColor(c)
	for i := 0; i < len(line); {
		j := i + 1
		for j < len(line) && line[j].face == line[i].face {
			j++
		}
		d.setFace(line[i].face, size)
		var run []rune
		w := 0.0
		for _, g := range line[i:j] {
			run = append(run, g.r)
			w += g.w
		}
		d.pdf.Text(x, baseline, string(run))
		if d.trace != nil {
			d.trace(d.pdf.PageNo(), line[i].face, size, x, baseline, string(run))
		}
		x += w
		i = j
	}
}

// baselineIn is where text of the given size sits in a line box of height
// lineH whose top is at top: capitals centred in the box.
func baselineIn(top, lineH, size float64) float64 {
	return top + lineH/2 + size*0.36
}

// block is text laid out to a width, ready to draw.
type block struct {
	lines [][]glyph
	rtl   []bool // per line: its paragraph reads right to left
	size  float64
	lineH float64
	color chart.Color
	align chart.Align
}

func layout(spans []span, size, lineH, width float64, c chart.Color) block {
	lines, rtl := wrapDirected(shape(spans, size), width)
	return block{lines: lines, rtl: rtl, size: size, lineH: lineH, color: c}
}

func (b block) height() float64 { return float64(len(b.lines)) * b.lineH }

// drawLines draws lines [from, to) of b with the first at top.
func (d *doc) drawLines(b block, x, top, width float64, from, to int) {
	for i := from; i < to; i++ {
		lx := x
		align := b.align
		if align == chart.AlignLeft && i < len(b.rtl) && b.rtl[i] {
			align = chart.AlignRight // a right-to-left paragraph starts at the right margin
		}
		switch align {
		case chart.AlignRight:
			lx = x + width - lineWidth(b.lines[i])
		case chart.AlignCenter:
			lx = x + (width-lineWidth(b.lines[i]))/2
		}
		d.drawLine(lx, baselineIn(top+float64(i-from)*b.lineH, b.lineH, b.size), b.lines[i], b.size, b.color)
	}
}

// para flows text across pages at the cursor, indented by indent.
func (d *doc) para(spans []span, indent float64, size, lineH float64, c chart.Color) {
	b := layout(spans, size, lineH, contentW-indent, c)
	for i := 0; i < len(b.lines); {
		d.room(lineH)
		if d.y == d.pageTop() && len(b.lines[i]) == 0 {
			i++ // a blank line between paragraphs is not worth starting a page with
			continue
		}
		n := min(int((bottomLimit-d.y)/lineH), len(b.lines)-i)
		n = keepTogether(b.lines, i, n)
		if n == 0 {
			d.newPage()
			continue
		}
		d.drawLines(b, marginLeft+indent, d.y, contentW-indent, i, i+n)
		d.y += float64(n) * lineH
		i += n
		if i < len(b.lines) {
			d.newPage() // the rest goes over, even if a line would still fit here
		}
	}
}

func (d *doc) text(s string, c chart.Color) { d.para([]span{{text: s}}, 0, sizeBody, lineBody, c) }

// heading starts a section, keeping it together with the first lines
// that follow it.
func (d *doc) heading(title string, keep float64) {
	d.y += 14
	d.room(32 + keep) // the heading and keep points of what follows it
	d.para([]span{{text: title, bold: true}}, 0, 13, 18, colAccent)
	d.y += 2
	d.setDraw(colAccent)
	d.pdf.SetLineWidth(1)
	d.pdf.Line(marginLeft, d.y, marginLeft+contentW, d.y)
	d.y += 8
}

// subheading titles a part of a section, keeping keep points of what
// follows on the same page.
func (d *doc) subheading(title string, keep float64) {
	d.y += 6
	d.room(keep + 16)
	d.para([]span{{text: title, bold: true}}, 0, 10.5, 15, colText)
	d.y += 2
}

// shaded draws text on a tinted band across the content width, with a
// bar of the text's colour at its left when bar is set. A band taller
// than the page continues on the next one.
func (d *doc) shaded(spans []span, size, lineH float64, ink, fill chart.Color, bar bool) {
	const padX, padY = 10.0, 6.0
	b := layout(spans, size, lineH, contentW-2*padX, ink)
	for i := 0; i < len(b.lines); {
		d.room(lineH + 2*padY)
		n := min(int((bottomLimit-d.y-2*padY)/lineH), len(b.lines)-i)
		h := float64(n)*lineH + 2*padY
		d.setFill(fill)
		d.pdf.Rect(marginLeft, d.y, contentW, h, "F")
		if bar {
			d.setFill(ink)
			d.pdf.Rect(marginLeft, d.y, 3, h, "F")
		}
		d.drawLines(b, marginLeft+padX, d.y+padY, contentW-2*padX, i, i+n)
		d.y += h
		i += n
	}
}

// clamp keeps at most n lines of b, marking the cut with an ellipsis.
func clamp(b block, n int, width float64) block {
	if len(b.lines) <= n {
		return b
	}
	b.lines = b.lines[:n:n]
	if len(b.rtl) > n {
		b.rtl = b.rtl[:n:n]
	}
	last := append(b.lines[n-1][:len(b.lines[n-1]):len(b.lines[n-1])], shape([]span{{text: "…"}}, b.size)...)
	b.lines[n-1] = truncate(last, width, b.size)
	return b
}

// column of a table: its share of the content width and alignment.
type column struct {
	title string
	share float64
	align chart.Align
}

// cell is a table cell: styled text in a colour.
type cell struct {
	spans []span
	color chart.Color // zero value: the body colour
}

func txt(s string) cell  { return cell{spans: []span{{text: s}}} }
func bold(s string) cell { return cell{spans: []span{{text: s, bold: true}}} }
func colored(s string, c chart.Color) cell {
	return cell{spans: []span{{text: s}}, color: c}
}

// row of a table, optionally tinted.
type row struct {
	cells []cell
	fill  *chart.Color
}

const cellPadX, cellPadY = 4.0, 3.0

// table draws a table at the cursor. Every cell is measured first; each
// row takes the height of its tallest cell; rows move to the next page
// whole when they fit on one, and are split between lines when they do
// not; the header row is repeated at the top of every page.
func (d *doc) table(cols []column, rows []row) {
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.share * contentW
	}
	header := make([]block, len(cols))
	headH := 0.0
	for i, c := range cols {
		header[i] = layout([]span{{text: c.title, bold: true}}, sizeTable, lineTable, widths[i]-2*cellPadX, colMuted)
		header[i].align = c.align
		headH = math.Max(headH, header[i].height()+2*cellPadY)
	}
	drawHeader := func() {
		d.setFill(colHeadFill)
		d.pdf.Rect(marginLeft, d.y, contentW, headH, "F")
		x := marginLeft
		for i := range cols {
			d.drawLines(header[i], x+cellPadX, d.y+cellPadY, widths[i]-2*cellPadX, 0, len(header[i].lines))
			x += widths[i]
		}
		d.y += headH
	}

	layoutRow := func(r row) ([]block, int) {
		blocks := make([]block, len(cols))
		lines := 0
		for i := range cols {
			var c cell
			if i < len(r.cells) {
				c = r.cells[i]
			}
			col := c.color
			if col == (chart.Color{}) {
				col = colText
			}
			blocks[i] = layout(c.spans, sizeTable, lineTable, widths[i]-2*cellPadX, col)
			blocks[i].align = cols[i].align
			lines = max(lines, len(blocks[i].lines))
		}
		return blocks, lines
	}
	fresh := bottomLimit - (marginTop + 18) - headH // room on a page after the first

	// The header stays with its first row: with all of it when a page can
	// hold it, else with the two lines a row is never split below.
	first := 1
	if len(rows) > 0 {
		_, first = layoutRow(rows[0])
		if float64(first)*lineTable+2*cellPadY > fresh {
			first = 2
		}
	}
	d.room(headH + float64(first)*lineTable + 2*cellPadY)
	drawHeader()
	for _, r := range rows {
		blocks, lines := layoutRow(r)
		rowH := float64(lines)*lineTable + 2*cellPadY
		if d.y+rowH > bottomLimit && rowH <= fresh {
			d.newPage()
			drawHeader()
		}
		// Draw the row in slices that fit, repeating the header on each new page.
		for from := 0; from < lines; {
			n := int((bottomLimit - d.y - 2*cellPadY) / lineTable)
			if n < 1 || (n < 2 && lines-from > 1) {
				d.newPage()
				drawHeader()
				continue
			}
			n = min(n, lines-from)
			h := float64(n)*lineTable + 2*cellPadY
			if r.fill != nil {
				d.setFill(*r.fill)
				d.pdf.Rect(marginLeft, d.y, contentW, h, "F")
			}
			x := marginLeft
			for i := range cols {
				b := blocks[i]
				end := min(from+n, len(b.lines))
				if from < end {
					d.drawLines(b, x+cellPadX, d.y+cellPadY, widths[i]-2*cellPadX, from, end)
				}
				x += widths[i]
			}
			d.y += h
			d.setDraw(colRule)
			d.pdf.SetLineWidth(0.5)
			d.pdf.Line(marginLeft, d.y, marginLeft+contentW, d.y)
			from += n
		}
	}
	d.y += 4
}

// labelled draws "Label   value" rows: a bold label column and wrapped values.
func (d *doc) labelled(label string, value []span, labelW float64) {
	lb := layout([]span{{text: label, bold: true}}, sizeBody, lineBody, labelW-6, colMuted)
	vb := layout(value, sizeBody, lineBody, contentW-labelW, colText)
	first := max(len(lb.lines), 1)
	d.room(float64(first) * lineBody)
	d.drawLines(lb, marginLeft, d.y, labelW-6, 0, len(lb.lines))
	for i := 0; i < len(vb.lines); {
		d.room(lineBody)
		n := min(int((bottomLimit-d.y)/lineBody), len(vb.lines)-i)
		d.drawLines(vb, marginLeft+labelW, d.y, contentW-labelW, i, i+n)
		d.y += float64(n) * lineBody
		i += n
	}
	if len(lb.lines) > len(vb.lines) {
		d.y += float64(len(lb.lines)-len(vb.lines)) * lineBody
	}
	d.y += 1
}

// figure draws a chart scaled uniformly to fit a w×h box at (x, y),
// centred horizontally in it.
func (d *doc) figure(f chart.Figure, x, y, w, h float64) {
	if f.Width <= 0 || f.Height <= 0 {
		return
	}
	if !finite(f.Width, f.Height) {
		return
	}
	s := math.Min(w/f.Width, h/f.Height)
	if !finite(s) || s <= 0 {
		return
	}
	pdf := d.pdf
	// Whatever the figure holds, it draws inside its box.
	pdf.ClipRect(x, y, w, h, false)
	defer func() {
		pdf.ClipEnd()
		// Ending the clip restores the PDF graphics state, font included:
		// select the font again before the next text.
		d.curFace = nil
	}()
	x += (w - f.Width*s) / 2
	// A NaN or infinity would be written into the page as text and break
	// the whole file, so anything not finite is skipped.
	for _, r := range f.Rects {
		if !finite(r.X, r.Y, r.W, r.H) {
			continue
		}
		d.setFill(r.Fill)
		pdf.Rect(x+r.X*s, y+r.Y*s, r.W*s, r.H*s, "F")
	}
	for _, l := range f.Lines {
		if !finite(l.X1, l.Y1, l.X2, l.Y2, l.Width) {
			continue
		}
		d.setDraw(l.Color)
		pdf.SetLineWidth(math.Max(l.Width*s, 0.3))
		if l.Dashed {
			pdf.SetDashPattern([]float64{3, 2}, 0)
		}
		pdf.Line(x+l.X1*s, y+l.Y1*s, x+l.X2*s, y+l.Y2*s)
		if l.Dashed {
			pdf.SetDashPattern(nil, 0)
		}
	}
	for _, dt := range f.Dots {
		if !finite(dt.X, dt.Y, dt.R) || dt.R <= 0 {
			continue
		}
		d.setFill(dt.Fill)
		pdf.Circle(x+dt.X*s, y+dt.Y*s, dt.R*s, "F")
	}
	for _, t := range f.Texts {
		size := t.Size * s
		if !finite(t.X, t.Y, size) || size <= 0 {
			continue
		}
		gs := shape([]span{{text: t.Text, bold: t.Bold}}, size)
		line := truncate(wrap(gs, math.Inf(1))[0], f.Width*s, size)
		lx := x + t.X*s
		switch t.Align {
		case chart.AlignRight:
			lx -= lineWidth(line)
		case chart.AlignCenter:
			lx -= lineWidth(line) / 2
		}
		// A label never leaves the chart's box, even when the figure
		// placed it at the very edge.
		right := x + f.Width*s
		lx = max(min(lx, right-lineWidth(line)), x)
		d.drawLine(lx, y+t.Y*s+size*0.8, line, size, t.Color)
	}
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// truncate shortens a line to width, ending it with an ellipsis when
// anything was cut.
func truncate(line []glyph, width, size float64) []glyph {
	if lineWidth(line) <= width {
		return line
	}
	ell := shape([]span{{text: "…"}}, size)
	for len(line) > 0 && lineWidth(line)+lineWidth(ell) > width {
		line = line[:len(line)-1]
	}
	if lineWidth(ell) > width {
		return line
	}
	return append(line[:len(line):len(line)], ell...)
}

// keepTogether adjusts how many lines (n, from line i) go on this page so
// that no paragraph leaves its first line alone at the foot of a page or
// its last line alone at the top of the next. It returns 0 to start the
// paragraph on the next page instead.
func keepTogether(lines [][]glyph, i, n int) int {
	end := i + n
	if end >= len(lines) {
		return n
	}
	para := func(k int) bool { return k >= 0 && k < len(lines) && len(lines[k]) > 0 }
	// A lone first line: move it over.
	if n == 1 && para(i) && !para(i-1) && para(i+1) {
		return 0
	}
	// A lone last line on the next page: take one more line with it.
	if n >= 3 && para(end-1) && para(end) && !para(end+1) {
		return n - 1
	}
	return n
}
