package assets

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"testing"
)

// The window's icon must decode to what the toolkit hands the window
// system as it is (8-bit non-premultiplied RGBA, no conversion), and
// show the same picture as the application icon.
func TestWindowIconIsTheIconReadyToShow(t *testing.T) {
	small, err := png.Decode(bytes.NewReader(WindowIcon))
	if err != nil {
		t.Fatal(err)
	}
	nrgba, ok := small.(*image.NRGBA)
	if !ok {
		t.Fatalf("the window icon decodes to %T, which the toolkit converts pixel by pixel", small)
	}
	if b := nrgba.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Fatalf("the window icon is %v, want 256x256", b.Size())
	}
	big, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatal(err)
	}
	scale := big.Bounds().Dx() / 256
	// The triangle's corners, its sides' middle and the background.
	for _, p := range []image.Point{{128, 70}, {66, 180}, {190, 180}, {128, 180}, {40, 40}, {128, 128}} {
		r1, g1, b1, a1 := nrgba.At(p.X, p.Y).RGBA()
		r2, g2, b2, a2 := big.At(p.X*scale+scale/2, p.Y*scale+scale/2).RGBA()
		for i, d := range []int{diff(r1, r2), diff(g1, g2), diff(b1, b2), diff(a1, a2)} {
			if d > 0x1800 {
				t.Errorf("at %v channel %d: window icon %04x %04x %04x %04x, icon %04x %04x %04x %04x",
					p, i, r1, g1, b1, a1, r2, g2, b2, a2)
				break
			}
		}
	}
}

func diff(a, b uint32) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// What decoding each costs (the toolkit does it twice before the first
// frame, then converts anything but 8-bit NRGBA).
func BenchmarkDecodeIcon(b *testing.B) {
	for _, c := range []struct {
		name string
		png  []byte
	}{{"Icon", Icon}, {"WindowIcon", WindowIcon}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				img, err := png.Decode(bytes.NewReader(c.png))
				if err != nil {
					b.Fatal(err)
				}
				if _, ok := img.(*image.NRGBA); !ok {
					// What the window system's binding does with it.
					out := image.NewNRGBA(img.Bounds())
					draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
				}
			}
		})
	}
}
