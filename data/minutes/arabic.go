package minutes

// gofpdf draws one glyph per character with no shaping, so Arabic would
// come out as a row of unjoined isolated letters. shapeArabic picks each
// letter's contextual form (isolated, final, initial, medial) from the
// Arabic Presentation Forms-B block, which DejaVu Sans covers, and forms
// the obligatory lam-alef ligatures. It works on text in logical order,
// before the line is reordered for display.

// arabicForms maps a letter to its presentation forms: isolated, final,
// and for letters that join on both sides, initial and medial.
var arabicForms = func() map[rune][]rune {
	// The letters in Unicode order with how many forms each has in the
	// FE80 block (1: hamza, 2: joins to the right only, 4: both sides).
	letters := []struct {
		r rune
		n int
	}{
		{0x621, 1}, {0x622, 2}, {0x623, 2}, {0x624, 2}, {0x625, 2}, {0x626, 4}, {0x627, 2}, {0x628, 4},
		{0x629, 2}, {0x62a, 4}, {0x62b, 4}, {0x62c, 4}, {0x62d, 4}, {0x62e, 4}, {0x62f, 2}, {0x630, 2},
		{0x631, 2}, {0x632, 2}, {0x633, 4}, {0x634, 4}, {0x635, 4}, {0x636, 4}, {0x637, 4}, {0x638, 4},
		{0x639, 4}, {0x63a, 4}, {0x641, 4}, {0x642, 4}, {0x643, 4}, {0x644, 4}, {0x645, 4}, {0x646, 4},
		{0x647, 4}, {0x648, 2}, {0x649, 2}, {0x64a, 4},
	}
	m := make(map[rune][]rune, len(letters))
	next := rune(0xfe80)
	for _, l := range letters {
		forms := make([]rune, l.n)
		for i := range forms {
			forms[i] = next + rune(i)
		}
		m[l.r] = forms
		next += rune(l.n)
	}
	return m
}()

const (
	arabicTatweel = 0x640
	arabicLam     = 0x644
)

// lamAlef maps the alef that follows a lam to the ligature's isolated
// form; the final form is the next code point.
var lamAlef = map[rune]rune{0x622: 0xfef5, 0x623: 0xfef7, 0x625: 0xfef9, 0x627: 0xfefb}

// arabicTransparent reports marks (harakat) that sit on a letter without
// breaking its joins.
func arabicTransparent(r rune) bool {
	return (r >= 0x610 && r <= 0x61a) || (r >= 0x64b && r <= 0x65f) || r == 0x670 || (r >= 0x6d6 && r <= 0x6ed)
}

// joinsForward reports whether r connects to the letter after it.
func joinsForward(r rune) bool {
	return len(arabicForms[r]) == 4 || r == arabicTatweel
}

// joinsBack reports whether r connects to the letter before it.
func joinsBack(r rune) bool {
	return len(arabicForms[r]) >= 2 || r == arabicTatweel
}

func shapeArabic(rs []rune) []rune {
	has := false
	for _, r := range rs {
		if _, ok := arabicForms[r]; ok {
			has = true
			break
		}
	}
	if !has {
		return rs
	}
	// neighbour finds the closest letter before (dir -1) or after (dir +1)
	// position i, skipping marks; 0 when there is none.
	neighbour := func(i, dir int) rune {
		for j := i + dir; j >= 0 && j < len(rs); j += dir {
			if !arabicTransparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		forms, ok := arabicForms[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prevJoins := joinsForward(neighbour(i, -1))
		if r == arabicLam {
			// Lam followed directly by an alef becomes one ligature.
			if j := i + 1; j < len(rs) {
				if lig, ok := lamAlef[rs[j]]; ok && faceRegular.covers(lig) {
					if prevJoins {
						lig++
					}
					out = append(out, lig)
					i = j
					continue
				}
			}
		}
		nextJoins := joinsForward(r) && joinsBack(neighbour(i, +1))
		form := 0 // isolated
		switch {
		case prevJoins && nextJoins && len(forms) == 4:
			form = 3 // medial
		case prevJoins && len(forms) >= 2:
			form = 1 // final
		case nextJoins && len(forms) == 4:
			form = 2 // initial
		}
		if f := forms[form]; faceRegular.covers(f) {
			r = f
		}
		out = append(out, r)
	}
	return out
}
