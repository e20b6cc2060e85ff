package minutes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ASCII untouched", "Deal $50,000 (net-30)", "Deal $50,000 (net-30)"},
		{"accents kept", "José Ñúñez, Zoë, Łukasz, Ольга, Νίκος", "José Ñúñez, Zoë, Łukasz, Ольга, Νίκος"},
		{"right-to-left override removed", "$1,000\u202e00", "$1,00000"},
		{"isolates and embeddings removed", "\u2066a\u2069\u202ab\u202c\u2067c\u2069", "abc"},
		{"bidi marks removed", "x\u200ey\u200fz\u061c", "xyz"},
		{"zero-width and BOM removed", "Ol\u200bga\ufeff\u2060", "Olga"},
		{"controls removed", "a\x00b\x07c\x1bd\u0085e", "abcd\ne"},
		{"CRLF and separators become newlines", "a\r\nb\rc\u2028d\u2029e", "a\nb\nc\nd\ne"},
		{"tab becomes a space", "a\tb", "a b"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\ufffdb"},
		{"emoji kept for mail", "Ship it 🎉", "Ship it 🎉"},
		{"emoji sequences kept whole", "👨\u200d👩\u200d👧 ❤\ufe0f", "👨\u200d👩\u200d👧 ❤\ufe0f"},
		{"joiner outside an emoji removed", "a\u200db\ufe0fc", "abc"},
		{"CJK kept", "陈伟 山田花子", "陈伟 山田花子"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPDFTextReplacesWhatGofpdfCannotDraw(t *testing.T) {
	s := string(StandIn)
	tests := []struct {
		name, in, want string
	}{
		{"one emoji", "Ship it 🎉!", "Ship it [party popper]!"},
		{"emoji with variation selector", "❤️ it", "❤ it"},
		{"skin tone joins its emoji", "👍🏽 yes", "[thumbs up sign] yes"},
		{"ZWJ family is one symbol", "👨\u200d👩\u200d👧 team", "[man + woman + girl] team"},
		{"ZWJ family is one symbol after Clean", Clean("👨\u200d👩\u200d👧 team"), "[man + woman + girl] team"},
		{"flag pair is one symbol", "🇩🇪🇫🇷", "[flag DE][flag FR]"},
		{"two separate emoji stay two", "🎉🎉", "[party popper][party popper]"},
		{"supplementary CJK named", "𠀋 rare", "[U+2000B] rare"},
		{"BMP symbols kept", "✓ ★ €", "✓ ★ €"},
		{"tags dropped with their flag", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f!", "[waving black flag]!"},
		{"not text stays a mark", "a\xffb", "a" + s + "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pdfText(tt.in)
			if got != tt.want {
				t.Errorf("pdfText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, r := range got {
				if r > 0xffff {
					t.Errorf("pdfText(%q) kept %U outside the BMP", tt.in, r)
				}
			}
		})
	}
}

func loadFaces(t testing.TB) {
	t.Helper()
	for _, f := range []*face{faceRegular, faceBold, faceFallback} {
		if err := f.load(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestShapePicksAFaceThatHasTheCharacter(t *testing.T) {
	loadFaces(t)
	tests := []struct {
		in   string
		bold bool
		want *face
	}{
		{"José Ñúñez", false, faceRegular},
		{"Zoë", true, faceBold},
		{"Łukasz", false, faceRegular},
		{"Ольга", false, faceRegular},
		{"Νίκος", true, faceBold},
		{"שלום", false, faceRegular},
		{"陈伟", false, faceFallback},
		{"山田花子", true, faceFallback}, // no bold CJK face: regular fallback
		{"サクラ", false, faceFallback},
	}
	for _, tt := range tests {
		for _, g := range shape([]span{{text: tt.in, bold: tt.bold}}, 10) {
			if g.face != tt.want {
				t.Errorf("%q: %q drawn with %s%s, want %s%s", tt.in, g.r, g.face.family, g.face.style, tt.want.family, tt.want.style)
			}
			if g.r == StandIn {
				t.Errorf("%q: %q replaced although a font has it", tt.in, g.r)
			}
			if g.w <= 0 {
				t.Errorf("%q: %q has no width", tt.in, g.r)
			}
		}
	}
	// A BMP character no embedded font has (private use) becomes the stand-in.
	gs := shape([]span{{text: "\ue000"}}, 10)
	if len(gs) != 1 || gs[0].r != StandIn || gs[0].face != faceRegular {
		t.Errorf("private-use character shaped as %+v, want the stand-in in DejaVu", gs)
	}
}

func lineText(l []glyph) string {
	var b strings.Builder
	for _, g := range l {
		b.WriteRune(g.r)
	}
	return b.String()
}

func TestWrapKeepsEveryLineInsideTheWidth(t *testing.T) {
	loadFaces(t)
	long := strings.Repeat("Supercalifragilistic", 40) // one 800-character word
	texts := []string{
		"The quick brown fox jumps over the lazy dog. " + long + " and after it, more words.",
		strings.Repeat("陈伟山田花子サクラ物流", 30),
		strings.Repeat("Ольга Петрова согласна. ", 50),
		"a\n\nb\n",
		strings.Repeat("x", 10000),
	}
	for _, width := range []float64{40, 120, 495} {
		for _, s := range texts {
			gs := shape([]span{{text: s}}, sizeBody)
			lines := wrap(gs, width)
			total := 0
			for _, l := range lines {
				if w := lineWidth(l); w > width+0.001 && len(l) > 1 {
					t.Errorf("width %v: line %q is %.1f wide", width, lineText(l), w)
				}
				total += len(l)
			}
			// Nothing is lost except the spaces and newlines at breaks.
			kept := 0
			for _, r := range s {
				if r != ' ' && r != '\n' {
					kept++
				}
			}
			got := 0
			for _, l := range lines {
				got += utf8.RuneCountInString(strings.NewReplacer(" ", "").Replace(lineText(l)))
			}
			if got != kept {
				t.Errorf("width %v: %d characters in, %d drawn", width, kept, got)
			}
		}
	}
}

func TestWrapBreaksAtSpacesAndHardBreaks(t *testing.T) {
	loadFaces(t)
	gs := shape([]span{{text: "alpha beta gamma\ndelta"}}, 10)
	w := lineWidth(shape([]span{{text: "alpha beta"}}, 10)) + 1
	var got []string
	for _, l := range wrap(gs, w) {
		got = append(got, lineText(l))
	}
	want := []string{"alpha beta", "gamma", "delta"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}

func TestVisualOrderReversesRightToLeftRuns(t *testing.T) {
	loadFaces(t)
	tests := []struct{ in, want string }{
		{"Hello world", "Hello world"},
		{"שלום", "םולש"},
		{"Deal with שלום עולם today", "Deal with םלוע םולש today"},
		{"מחיר 1,250 ש״ח", "ח״ש 1,250 ריחמ"},
		{"(שלום)", "(םולש)"},
	}
	for _, tt := range tests {
		got := displayOrder(tt.in)
		if got != tt.want {
			t.Errorf("visualOrder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// displayOrder is one paragraph's line as the minutes draw it.
func displayOrder(s string) string {
	gs := shape([]span{{text: s}}, 10)
	return lineText(visualOrder(gs, paragraphIsRTL(gs)))
}

// Numbers, times, dates, prices and brackets inside right-to-left text
// come out as GNU FriBidi puts them (testdata/fribidi.tsv says how the
// table was made).
func TestVisualOrderMatchesFriBidi(t *testing.T) {
	loadFaces(t)
	b, err := os.ReadFile(filepath.Join("testdata", "fribidi.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad table line %q", line)
		}
		n++
		if got := displayOrder(in); got != want {
			t.Errorf("%q:\n got  %q\n want %q (FriBidi)", in, got, want)
		}
	}
	if n < 40 {
		t.Fatalf("only %d cases in the table", n)
	}
}

func TestArabicLettersTakeTheirJoinedForms(t *testing.T) {
	loadFaces(t)
	tests := []struct{ in, want string }{
		{"محمد", "\ufee3\ufea4\ufee4\ufeaa"},             // initial, medial, medial, final
		{"سلام", "\ufeb3\ufefc\ufee1"},                   // seen initial, lam-alef final, meem isolated
		{"لا", "\ufefb"},                                 // lam-alef alone
		{"ء", "\ufe80"},                                  // hamza never joins
		{"دار", "\ufea9\ufe8d\ufead"},                    // letters that join only to the right: each stands alone here
		{"بِسم", "\ufe91\u0650\ufeb4\ufee2"},             // a kasra does not break the join
		{"Deal: شكرا", "Deal: \ufeb7\ufedc\ufeae\ufe8d"}, // Latin untouched
	}
	for _, tt := range tests {
		got := string(shapeArabic([]rune(tt.in)))
		if got != tt.want {
			t.Errorf("shapeArabic(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, g := range shape([]span{{text: tt.in}, {text: tt.in, bold: true}}, 10) {
			if g.r == StandIn {
				t.Errorf("%q: a form is missing from the fonts", tt.in)
			}
		}
	}
}

func TestKeepTogetherAvoidsLoneLines(t *testing.T) {
	l := []glyph{{r: 'x'}}
	// Two paragraphs of three lines, separated by a blank line.
	lines := [][]glyph{l, l, l, nil, l, l, l}
	tests := []struct {
		name     string
		i, n     int
		wantKeep int
	}{
		{"all fits", 0, 7, 7},
		{"break at the blank line", 0, 4, 4},
		{"two lines of three cannot spare one", 0, 2, 2},
		{"nor can the last paragraph's first two", 4, 2, 2},
		{"first line alone at the foot: start over", 4, 1, 0},
		{"widow with room to spare", 0, 6, 5},
	}
	for _, tt := range tests {
		if got := keepTogether(lines, tt.i, tt.n); got != tt.wantKeep {
			t.Errorf("%s: keepTogether(%d, %d) = %d, want %d", tt.name, tt.i, tt.n, got, tt.wantKeep)
		}
	}
}

// A date or a phone number is never cut at its hyphen or slash, while a
// hyphenated word still may be.
func TestWrapKeepsDatesAndNumbersWhole(t *testing.T) {
	loadFaces(t)
	for _, c := range []struct{ text, fits, want string }{
		{"due 2026-11-19", "due 2026-11", "due|2026-11-19"},
		{"call 555-1234", "call 555-12", "call|555-1234"},
		{"on 19/11 then", "on 19/", "on|19/11|then"},
		{"a well-known fix", "a well-", "a well-|known|fix"},
	} {
		gs := shape([]span{{text: c.text}}, 10)
		w := lineWidth(shape([]span{{text: c.fits}}, 10)) + 0.5
		var got []string
		for _, l := range wrap(gs, w) {
			got = append(got, lineText(l))
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("wrap(%q) = %q, want %s", c.text, got, c.want)
		}
	}
}
