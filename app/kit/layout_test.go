package kit

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func block(h float32) *canvas.Rectangle {
	r := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	r.SetMinSize(fyne.NewSize(10, h))
	return r
}

// The panel takes its own height while the fill keeps its minimum, then
// gives way down to its floor; the minimum counts the floor, not the panel.
func TestPanelOverFillGivesThePanelItsHeightWhileTheFillKeepsItsMinimum(t *testing.T) {
	test.NewTempApp(t)
	panel, fill := block(300), block(80)
	c := NewPanelOverFill(50, panel, fill)
	gap := theme.Padding()
	if got, want := c.MinSize().Height, 80+50+gap; got != want {
		t.Errorf("minimum height %v, want the fill's and the floor, %v", got, want)
	}
	for _, tc := range []struct{ height, panel float32 }{
		{600, 300},            // room for all of it
		{300, 300 - 80 - gap}, // the fill keeps its minimum, the panel scrolls
		{120, 50},             // short window: the panel keeps its floor
	} {
		c.Resize(fyne.NewSize(400, tc.height))
		shown := c.Objects[1].Size().Height // the panel's frame
		if shown != tc.panel {
			t.Errorf("at %v: the panel gets %v, want %v", tc.height, shown, tc.panel)
		}
		if fy := fill.Position().Y; fy != shown+gap || fill.Size().Height != tc.height-shown-gap {
			t.Errorf("at %v: the fill is at %v, %v tall", tc.height, fy, fill.Size().Height)
		}
	}
	if panel.Size().Height != 300 {
		t.Errorf("the panel itself is %v tall, want its own 300 (it scrolls)", panel.Size().Height)
	}
}

// The split's trailing part gets the room it wants, or the most the
// leading part's minimum leaves; a dragged divider stays where it was put.
func TestTrailingRoomUntilTheDividerIsDragged(t *testing.T) {
	test.NewTempApp(t)
	leading, trailing := block(100), block(40)
	split := container.NewVSplit(leading, trailing)
	c := container.New(&TrailingRoom{Want: func() float32 { return 200 }}, split)
	c.Resize(fyne.NewSize(400, 600))
	if h := trailing.Size().Height; h < 199.5 || h > 200.5 {
		t.Errorf("at 600: the trailing part is %v tall, want 200", h)
	}
	c.Resize(fyne.NewSize(400, 250)) // less room than both want
	if h := leading.Size().Height; h < 99.5 {
		t.Errorf("at 250: the leading part is %v tall, below its minimum", h)
	}
	split.SetOffset(0.5)
	c.Resize(fyne.NewSize(400, 700))
	if split.Offset != 0.5 {
		t.Errorf("after a drag and a resize the offset is %v, want the dragged 0.5", split.Offset)
	}
}

// A scroll's content asks for its own size up to Max.
func TestMaxSizeCapsWhatTheScrollAsks(t *testing.T) {
	test.NewTempApp(t)
	content := block(3000)
	content.SetMinSize(fyne.NewSize(3000, 3000))
	c := container.New(&MaxSize{Max: fyne.NewSize(1000, 600)}, container.NewScroll(content))
	if got := c.MinSize(); got != fyne.NewSize(1000, 600) {
		t.Errorf("a 3000x3000 content asks for %v", got)
	}
	content.SetMinSize(fyne.NewSize(200, 100))
	if got := c.MinSize(); got != fyne.NewSize(200, 100) {
		t.Errorf("a small content asks for %v, want its own 200x100", got)
	}
}
