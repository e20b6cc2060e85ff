package minutes

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// StandIn replaces bytes that are not text (invalid UTF-8). Characters the
// PDF cannot draw (gofpdf handles the Basic Multilingual Plane only: emoji
// and other supplementary-plane characters) are printed as their name in
// brackets instead, "[rocket]", rather than vanishing or failing the
// document.
const StandIn = '\uFFFD'

// Clean neutralises text for display anywhere outside the app: it removes
// bidi embeddings, overrides, isolates and marks, zero-width and other
// invisible format characters and control characters, so that what is
// shown reads exactly as what is stored (an amount cannot be reversed by a
// hidden U+202E), and normalises line breaks to "\n" and tabs to spaces.
// Invalid UTF-8 becomes U+FFFD. Emoji are kept: mail can show them.
func Clean(s string) string {
	return clean(s, false)
}

// pdfText is Clean plus what gofpdf needs: every character outside the
// BMP, with the joiners, variation selectors and modifiers that glue an
// emoji sequence together, becomes one bracketed name per visible symbol:
// "[party popper]", "[man + woman + girl]", "[flag DE]".
func pdfText(s string) string {
	return clean(s, true)
}

func clean(s string, bmpOnly bool) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inEmoji := false   // the last thing written was a stand-in for an emoji sequence
	joined := false    // ... and a zero-width joiner followed it
	pendingRI := false // one regional indicator of a flag pair has been seen
	open := false      // a "[name" stand-in is written and not yet closed
	var prev rune      // the last visible character written
	closeStandIn := func() {
		if open {
			b.WriteByte(']')
			open = false
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if bmpOnly {
			switch {
			case r == '\u200d': // zero-width joiner: glues emoji into one symbol
				joined = inEmoji
				continue
			case isEmojiModifier(r):
				continue // part of the symbol already named (or meaningless alone)
			case r > 0xffff:
				ri := r >= 0x1f1e6 && r <= 0x1f1ff
				switch {
				case inEmoji && ri && pendingRI: // the flag's second letter
					b.WriteRune('A' + (r - 0x1f1e6))
					joined, pendingRI = false, false
					continue
				case inEmoji && joined: // the next symbol of a ZWJ sequence
					b.WriteString(" + " + symbolName(r))
					joined = false
					continue
				}
				closeStandIn()
				// gofpdf cannot draw it: print its name instead, "[rocket]",
				// "[flag DE]", so the minutes still say what was typed.
				if ri {
					b.WriteString("[flag ")
					b.WriteRune('A' + (r - 0x1f1e6))
				} else {
					b.WriteString("[" + symbolName(r))
				}
				open, prev = true, StandIn
				inEmoji, joined, pendingRI = true, false, ri
				continue
			}
			closeStandIn()
			inEmoji, joined, pendingRI = false, false, false
		}
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			b.WriteRune(StandIn)
			prev = StandIn
		case (r == '\u200d' || r == '\ufe0f') && (prev > 0xffff || unicode.IsSymbol(prev)):
			// Inside an emoji sequence the joiner and the emoji selector
			// belong to the symbol (Clean keeps emoji for mail).
			b.WriteRune(r)
		case invisible(r):
			// dropped
		default:
			b.WriteRune(r)
			prev = r
		}
	}
	closeStandIn()
	return b.String()
}

// symbolName is a character's Unicode name in lower case ("rocket",
// "grinning face"), or its code point ("U+2000B") when the tables give it
// no name of its own, as for the rarer CJK ideographs.
func symbolName(r rune) string {
	if n := runenames.Name(r); n != "" && !strings.HasPrefix(n, "<") {
		return strings.ToLower(n)
	}
	return fmt.Sprintf("U+%04X", r)
}

// isPlain is the fast path: printable ASCII needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// invisible reports characters that draw nothing but can change how the
// text around them reads: controls, bidi controls and marks, zero-width
// characters, the BOM, variation selectors and other format characters.
func invisible(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, C1 (newline and tab handled before)
		return true
	case unicode.Is(unicode.Cf, r): // bidi controls and marks, ZW*, BOM, soft hyphen, tags
		return true
	case r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef: // variation selectors
		return true
	case r == 0xfffe || r == 0xffff:
		return true
	}
	return false
}

// isEmojiModifier reports the pieces of an emoji sequence that have no
// symbol of their own: variation selectors, skin tones, tag characters
// and the combining keycap.
func isEmojiModifier(r rune) bool {
	return (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0x1f3fb && r <= 0x1f3ff) ||
		(r >= 0xe0000 && r <= 0xe0fff) || r == 0x20e3
}

// isWide reports characters of scripts written without spaces (Chinese,
// Japanese, Korean): a line may break before or after any of them.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// isRTL reports characters of right-to-left scripts (Hebrew, Arabic,
// Syriac, Thaana, N'Ko and their presentation forms).
func isRTL(r rune) bool {
	return (r >= 0x0590 && r <= 0x08ff) || (r >= 0xfb1d && r <= 0xfdff) || (r >= 0xfe70 && r <= 0xfefc)
}

// glyph is one character laid out: the face that draws it and its width.
type glyph struct {
	r    rune
	face *face
	w    float64
}

// span is a piece of text in one weight.
type span struct {
	text string
	bold bool
}

// fallbackCovers reports whether Droid Sans Fallback has r, reading the
// font's tables (4 MB) on the first character that needs it, so minutes
// in Latin, Greek or Cyrillic never read it. A font that cannot be read
// covers nothing; renderOnce reports its error.
func fallbackCovers(r rune) bool {
	return faceFallback.load() == nil && faceFallback.covers(r)
}

// shape picks a face for every character of spans: DejaVu Sans in the
// span's weight when it has the character, otherwise Droid Sans Fallback
// (regular only: it has no bold), otherwise the StandIn in DejaVu.
func shape(spans []span, size float64) []glyph {
	n := 0
	for _, sp := range spans {
		n += len(sp.text)
	}
	out := make([]glyph, 0, n)
	for _, sp := range spans {
		primary := faceRegular
		if sp.bold {
			primary = faceBold
		}
		for _, r := range shapeArabic([]rune(pdfText(sp.text))) {
			f := primary
			switch {
			case r == '\n':
			case primary.covers(r):
			case fallbackCovers(r):
				f = faceFallback
			default:
				r = StandIn
			}
			out = append(out, glyph{r: r, face: f, w: f.advance(r, size)})
		}
	}
	return out
}

// wrap breaks shaped text into lines no wider than width. Lines break at
// spaces, after hyphens and slashes, around CJK characters, and at hard
// line breaks; a word wider than the line is cut wherever it must be.
func wrap(gs []glyph, width float64) [][]glyph {
	lines, _ := wrapDirected(gs, width)
	return lines
}

// wrapDirected is wrap that also tells, for every line, whether its
// paragraph reads right to left, so the line can be set against the right
// margin as Hebrew and Arabic text is.
func wrapDirected(gs []glyph, width float64) (lines [][]glyph, rtl []bool) {
	for len(gs) > 0 {
		// One paragraph at a time: its first strong character sets the
		// direction every line of it is put in display order by.
		end := len(gs)
		for i, g := range gs {
			if g.r == '\n' {
				end = i
				break
			}
		}
		right := paragraphIsRTL(gs[:end])
		for _, l := range wrapParagraph(gs[:end], width) {
			lines = append(lines, visualOrder(l, right))
			rtl = append(rtl, right)
		}
		if end == len(gs) {
			break
		}
		gs = gs[end+1:]
		if len(gs) == 0 {
			lines = append(lines, nil) // a trailing newline still ends a line
			rtl = append(rtl, false)
		}
	}
	if len(lines) == 0 {
		lines, rtl = append(lines, nil), append(rtl, false)
	}
	return lines, rtl
}

func wrapParagraph(p []glyph, width float64) [][]glyph {
	if len(p) == 0 {
		return [][]glyph{nil}
	}
	var lines [][]glyph
	start := -1 // first glyph of the current line
	brk := -1   // where the current line may end (exclusive), when > start
	w := 0.0    // width of p[start:i]
	for start = 0; start < len(p) && p[start].r == ' '; start++ {
	}
	for i := start; i < len(p); i++ {
		g := p[i]
		if isWide(g.r) && i > start {
			brk = i
		}
		// Spaces hang past the margin; anything else that does not fit
		// starts a new line at the last break opportunity, or here.
		if g.r != ' ' && w+g.w > width && i > start {
			cut := brk
			if cut <= start {
				cut = i
			}
			lines = append(lines, trimSpaces(p[start:cut]))
			for cut < i && p[cut].r == ' ' {
				cut++
			}
			start, brk = cut, -1
			w = sumWidth(p[start:i])
		}
		w += g.w
		if g.r == ' ' || g.r == '-' && !withinNumber(p, i) || g.r == '/' && !withinNumber(p, i) || isWide(g.r) {
			brk = i + 1
		}
	}
	if start < len(p) {
		lines = append(lines, trimSpaces(p[start:]))
	}
	if len(lines) == 0 {
		lines = append(lines, nil)
	}
	return lines
}

// withinNumber reports a hyphen or slash between two digits, as in a date
// (2026-11-19, 19/11) or a phone number: the line does not break there.
func withinNumber(p []glyph, i int) bool {
	return i > 0 && i+1 < len(p) && unicode.IsDigit(p[i-1].r) && unicode.IsDigit(p[i+1].r)
}

func sumWidth(gs []glyph) float64 {
	w := 0.0
	for _, g := range gs {
		w += g.w
	}
	return w
}

func trimSpaces(gs []glyph) []glyph {
	for len(gs) > 0 && gs[len(gs)-1].r == ' ' {
		gs = gs[:len(gs)-1]
	}
	return gs
}

// lineWidth is the drawn width of a line.
func lineWidth(gs []glyph) float64 { return sumWidth(gs) }

var mirrored = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}
