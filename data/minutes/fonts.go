package minutes

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"triad/assets"
)

// face is one embedded TrueType font with the metrics the layout needs:
// which characters it has and how wide each is. Text is measured here, not
// with gofpdf's SplitText, because one line may mix faces (a Latin name
// beside a Chinese one) and SplitText measures with a single font.
//
// The tables are read once and shared read-only by every render; the font
// bytes handed to gofpdf are copied per document (see doc.useFace).
type face struct {
	family string // gofpdf family key
	style  string // gofpdf style: "" or "B"
	bytes  []byte

	once  sync.Once
	err   error
	width []uint16 // advance per BMP rune, in 1/1000 em, as gofpdf rounds it
	has   []uint64 // bitset of BMP runes the font maps to a glyph
}

var (
	faceRegular  = &face{family: "dejavu", bytes: assets.DejaVuSans}
	faceBold     = &face{family: "dejavu", style: "B", bytes: assets.DejaVuSansBold}
	faceFallback = &face{family: "droid", bytes: assets.DroidSansFallback}
)

func (f *face) load() error {
	f.once.Do(func() {
		f.width, f.has, f.err = readMetrics(f.bytes)
		if f.err != nil {
			f.err = fmt.Errorf("font %s%s: %w", f.family, f.style, f.err)
		}
	})
	return f.err
}

// covers reports whether the font has a glyph for r (a BMP rune).
func (f *face) covers(r rune) bool {
	return r >= 0 && r < 0x10000 && f.has[r>>6]&(1<<(uint(r)&63)) != 0
}

// advance is r's width in points at the given size.
func (f *face) advance(r rune, size float64) float64 {
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return float64(f.width[r]) * size / 1000
}

var errFont = errors.New("not a usable TrueType font")

// readMetrics reads the cmap (format 4, the Unicode BMP table gofpdf also
// uses) and hmtx tables of a TrueType font.
func readMetrics(b []byte) (width []uint16, has []uint64, err error) {
	defer func() {
		// A truncated table would index out of range; report it as a bad font.
		if recover() != nil {
			width, has, err = nil, nil, errFont
		}
	}()
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
	u32 := func(off int) int { return int(binary.BigEndian.Uint32(b[off:])) }

	tables := map[string]int{}
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		tables[string(b[rec:rec+4])] = u32(rec + 8)
	}
	head, okHead := tables["head"]
	hhea, okHhea := tables["hhea"]
	hmtx, okHmtx := tables["hmtx"]
	cmap, okCmap := tables["cmap"]
	maxp, okMaxp := tables["maxp"]
	if !okHead || !okHhea || !okHmtx || !okCmap || !okMaxp {
		return nil, nil, errFont
	}
	unitsPerEm := u16(head + 18)
	numHMetrics := u16(hhea + 34)
	numGlyphs := u16(maxp + 4)
	if unitsPerEm == 0 || numHMetrics == 0 {
		return nil, nil, errFont
	}
	glyphWidth := func(g int) uint16 {
		if g >= numGlyphs {
			return 0
		}
		if g >= numHMetrics {
			g = numHMetrics - 1
		}
		adv := u16(hmtx + 4*g)
		return uint16(math.Round(float64(adv) * 1000 / float64(unitsPerEm)))
	}

	sub := -1
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		platform, encoding, off := u16(rec), u16(rec+2), u32(rec+4)
		if (platform == 3 && encoding == 1) || platform == 0 {
			if u16(cmap+off) == 4 {
				sub = cmap + off
				break
			}
		}
	}
	if sub < 0 {
		return nil, nil, errFont
	}
	segs := u16(sub+6) / 2
	ends := sub + 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	rangeOffs := deltas + 2*segs

	width = make([]uint16, 0x10000)
	has = make([]uint64, 0x10000/64)
	for s := 0; s < segs; s++ {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta := u16(deltas + 2*s)
		rangeOff := u16(rangeOffs + 2*s)
		for c := start; c <= end && c < 0xffff; c++ {
			var g int
			if rangeOff == 0 {
				g = (c + delta) & 0xffff
			} else {
				g = u16(rangeOffs + 2*s + rangeOff + 2*(c-start))
				if g != 0 {
					g = (g + delta) & 0xffff
				}
			}
			if g == 0 || g >= numGlyphs {
				continue
			}
			has[c>>6] |= 1 << (uint(c) & 63)
			width[c] = glyphWidth(g)
		}
	}
	return width, has, nil
}
