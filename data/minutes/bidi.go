package minutes

import (
	"golang.org/x/text/unicode/bidi"
)

// The minutes read left to right, and gofpdf draws characters in the
// order it is given them, so a line holding Hebrew or Arabic is put into
// display order here by the Unicode Bidirectional Algorithm (UAX #9), as
// golang.org/x/text/unicode/bidi resolves it: the paragraph's direction
// from its first strong character (P2, P3), then each character's
// direction, brackets paired (N0) and neutrals settled (N1, N2). Clean has
// already removed every explicit embedding, override and isolate, so the
// levels are at most 0, 1 and 2. The package reports directions by run,
// which merges the levels 0 and 2 of a left-to-right paragraph; numberLevel
// tells them apart by the weak-type rules (W1–W7), and the reordering
// itself (L2) and mirroring (L4) follow. The tests compare the result with
// GNU FriBidi's on a committed table.

// paragraphIsRTL reports whether a paragraph's first strong character is
// right-to-left (P2, P3); a paragraph without one reads left to right.
func paragraphIsRTL(gs []glyph) bool {
	for _, g := range gs {
		switch classOf(g.r) {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// visualOrder returns a line in display order; the line is in logical
// order and belongs to a paragraph of the given direction. A line with no
// right-to-left character, in a left-to-right paragraph, is returned as it
// is.
func visualOrder(line []glyph, rtl bool) []glyph {
	if len(line) == 0 || (!rtl && !hasRTL(line)) {
		return line
	}
	levels, ok := bidiLevels(line, rtl)
	if !ok {
		return line // never worse than the logical order
	}
	out := make([]glyph, len(line))
	copy(out, line)
	// L2: from the highest level down to the lowest odd one, reverse every
	// stretch at that level or above.
	highest, lowestOdd := 0, 3
	for _, l := range levels {
		highest = max(highest, l)
		if l%2 == 1 {
			lowestOdd = min(lowestOdd, l)
		}
	}
	lv := append([]int(nil), levels...)
	for level := highest; level >= lowestOdd && level > 0; level-- {
		for i := 0; i < len(out); {
			if lv[i] < level {
				i++
				continue
			}
			j := i
			for j < len(out) && lv[j] >= level {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				out[a], out[b] = out[b], out[a]
				lv[a], lv[b] = lv[b], lv[a]
			}
			i = j
		}
	}
	// L4: a mirrored character at an odd level shows its mirror image.
	for i := range out {
		if lv[i]%2 == 1 {
			if m, ok := mirrored[out[i].r]; ok {
				out[i].r = m
			}
		}
	}
	return out
}

func hasRTL(line []glyph) bool {
	for _, g := range line {
		switch classOf(g.r) {
		case bidi.R, bidi.AL, bidi.AN:
			return true
		}
	}
	return false
}

// bidiLevels resolves the embedding level of every character of a line.
func bidiLevels(line []glyph, rtl bool) ([]int, bool) {
	// A mark of the paragraph's direction in front makes the package take
	// the paragraph's direction rather than guess it from this line alone.
	runes := make([]rune, 0, len(line)+1)
	if rtl {
		runes = append(runes, '\u200f') // RIGHT-TO-LEFT MARK
	} else {
		runes = append(runes, '\u200e') // LEFT-TO-RIGHT MARK
	}
	for _, g := range line {
		runes = append(runes, g.r)
	}
	var p bidi.Paragraph
	if _, err := p.SetString(string(runes)); err != nil {
		return nil, false
	}
	o, err := p.Order()
	if err != nil {
		return nil, false
	}
	dirRTL := make([]bool, len(runes))
	for i := 0; i < o.NumRuns(); i++ {
		run := o.Run(i)
		start, end := run.Pos()
		if start < 0 || end >= len(runes) || start > end+1 {
			return nil, false
		}
		for k := start; k <= end; k++ {
			dirRTL[k] = run.Direction() == bidi.RightToLeft
		}
	}
	numeric := numberLevel(runes, rtl)
	levels := make([]int, len(line))
	for i := range line {
		k := i + 1 // after the mark
		switch {
		case rtl && dirRTL[k]:
			levels[i] = 1
		case rtl:
			levels[i] = 2 // I2: left-to-right text and numbers in a right-to-left paragraph
		case dirRTL[k]:
			levels[i] = 1
		case numeric[k]:
			levels[i] = 2 // I1: a number in right-to-left context
		default:
			levels[i] = 0
		}
	}
	return levels, true
}

// numberLevel marks the characters whose resolved type is a number (EN or
// AN) by the weak-type rules W1–W7: in a left-to-right paragraph these
// sit one level above the text around them (I1) and so read left to right
// inside a right-to-left stretch: "10:30", "555-1234", "$50,000". European
// digits after a left-to-right letter become L (W7) and are not marked.
func numberLevel(runes []rune, rtl bool) []bool {
	n := len(runes)
	cls := make([]bidi.Class, n)
	for i, r := range runes {
		cls[i] = classOf(r)
	}
	sos := bidi.L
	if rtl {
		sos = bidi.R
	}
	// W1: a non-spacing mark takes the type of the character before it.
	for i := range cls {
		if cls[i] == bidi.NSM {
			if i == 0 {
				cls[i] = sos
			} else {
				cls[i] = cls[i-1]
			}
		}
	}
	// W2: European digits after Arabic letters are Arabic numbers; W3:
	// Arabic letters are then right-to-left letters.
	last := sos
	for i, c := range cls {
		switch c {
		case bidi.L, bidi.R, bidi.AL:
			last = c
		case bidi.EN:
			if last == bidi.AL {
				cls[i] = bidi.AN
			}
		}
	}
	for i, c := range cls {
		if c == bidi.AL {
			cls[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < n; i++ {
		a, b := cls[i-1], cls[i+1]
		switch {
		case cls[i] == bidi.ES && a == bidi.EN && b == bidi.EN:
			cls[i] = bidi.EN
		case cls[i] == bidi.CS && a == b && (a == bidi.EN || a == bidi.AN):
			cls[i] = a
		}
	}
	// W5: terminators ("$", "%") next to European digits are part of them.
	for i := 0; i < n; {
		if cls[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < n && cls[j] == bidi.ET {
			j++
		}
		if (i > 0 && cls[i-1] == bidi.EN) || (j < n && cls[j] == bidi.EN) {
			for k := i; k < j; k++ {
				cls[k] = bidi.EN
			}
		}
		i = j
	}
	// W7: European digits after a left-to-right letter (or at the start of
	// a left-to-right paragraph) are left-to-right letters.
	out := make([]bool, n)
	last = sos
	for i, c := range cls {
		switch c {
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			out[i] = last != bidi.L
		case bidi.AN:
			out[i] = true
		}
	}
	return out
}
