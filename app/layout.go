package app

import "fyne.io/fyne/v2"

// columnLayout centres its objects in a column at most width wide, so that
// wrapped text reads as a paragraph rather than a line across the screen.
// With middle set it also centres them vertically.
type columnLayout struct {
	width    float32
	minWidth float32 // the narrowest the column may be; 0 for its content's width
	middle   bool
}

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := size.Width
	if l.width > 0 && w > l.width {
		w = l.width
	}
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height // wrapped text knows its height once it has a width
		y := float32(0)
		if l.middle && h < size.Height {
			y = (size.Height - h) / 2
		} else {
			h = fyne.Max(h, size.Height)
		}
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, y))
	}
}

func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	if l.width > 0 && s.Width > l.width {
		s.Width = l.width
	}
	s.Width = fyne.Max(s.Width, l.minWidth)
	return s
}
