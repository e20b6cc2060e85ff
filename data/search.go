package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on a search: nobody types more than this into a search box, and
// a cap keeps a pasted page from becoming a slow query.
const (
	MaxSearchTerms = 16
	MaxSearchLen   = 500 // characters read from the search box
	minPrefixLen   = 3   // shorter words match whole, or they would match half the index
)

// SearchQuery turns what a person typed into an SQLite FTS5 query that is
// always valid: every word is wrapped in double quotes (inner quotes
// doubled), so FTS5 operators and syntax the user types — AND, OR, NOT,
// NEAR, "-", "*", "^", parentheses, column filters like "title:" — are
// searched for as plain words instead of being parsed. Words are ANDed.
// Words of three letters or more match as prefixes, so "merchant" finds
// "merchants"; shorter ones match whole words ("ai" does not find
// "airline"), except the last one while it is being typed (no space after
// it). Words without a letter or digit (a lone "-", an emoji) are dropped:
// the index cannot match them anyway. It returns "" when nothing
// searchable is left.
func SearchQuery(input string) string {
	terms := SearchTerms(input)
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.Query()
	}
	return strings.Join(parts, " ")
}

// SearchTerm is one word of a search, as SearchQuery reads it.
type SearchTerm struct {
	Text   string // the word as typed
	Prefix bool   // match words that start with it
}

// Query is the term in FTS5 syntax: quoted, inner quotes doubled, and a
// trailing * for a prefix.
func (t SearchTerm) Query() string {
	q := `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
	if t.Prefix {
		q += "*"
	}
	return q
}

// Simple reports whether the term is one plain lower-case ASCII word, the
// same before and after the index's tokenizer, so the store may look it up
// in the index's vocabulary directly.
func (t SearchTerm) Simple() bool {
	for i := 0; i < len(t.Text); i++ {
		c := t.Text[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return t.Text != ""
}

// SearchTerms splits what a person typed into the words SearchQuery
// searches for (see there for the rules).
func SearchTerms(input string) []SearchTerm {
	if !utf8.ValidString(input) {
		input = strings.ToValidUTF8(input, " ")
	}
	if utf8.RuneCountInString(input) > MaxSearchLen {
		input = string([]rune(input)[:MaxSearchLen])
	}
	trailingSpace := strings.TrimRightFunc(input, unicode.IsSpace) != input
	var terms []SearchTerm
	for _, w := range strings.FieldsFunc(input, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		if !strings.ContainsFunc(w, searchable) {
			continue
		}
		if simple := strings.ToLower(w); isASCII(simple) {
			w = simple // the tokenizer folds ASCII case; folding here lets the store use the vocabulary
		}
		terms = append(terms, SearchTerm{Text: w, Prefix: utf8.RuneCountInString(w) >= minPrefixLen})
		if len(terms) == MaxSearchTerms {
			trailingSpace = true // the word was cut short by the cap, not by the user
			break
		}
	}
	if n := len(terms); n > 0 && !trailingSpace {
		terms[n-1].Prefix = true
	}
	return terms
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// searchable reports characters the index's tokenizer (unicode61) keeps
// as part of a word: letters, digits and marks.
func searchable(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r)
}

// Run is a piece of displayed text; Hit marks the words a search matched.
type Run struct {
	Text string
	Hit  bool
}

// Markers the store asks SQLite to put around matched words. They are
// control characters, which decision text refuses (checkLongText), so they
// cannot come from the user.
const (
	HitStart = "\x02"
	HitEnd   = "\x03"
)

// ParseMarked splits text with HitStart/HitEnd markers into runs. Stray or
// unbalanced markers are dropped, never shown.
func ParseMarked(s string) []Run {
	var runs []Run
	hit := false
	for s != "" {
		i := strings.IndexAny(s, HitStart+HitEnd)
		if i < 0 {
			runs = appendRun(runs, s, hit)
			break
		}
		runs = appendRun(runs, s[:i], hit)
		hit = s[i] == HitStart[0]
		s = s[i+1:]
	}
	return runs
}

func appendRun(runs []Run, text string, hit bool) []Run {
	if text == "" {
		return runs
	}
	if n := len(runs); n > 0 && runs[n-1].Hit == hit {
		runs[n-1].Text += text
		return runs
	}
	return append(runs, Run{Text: text, Hit: hit})
}

// PlainRuns is text with no hits.
func PlainRuns(s string) []Run {
	if s == "" {
		return nil
	}
	return []Run{{Text: s}}
}

// RunsText joins runs back into plain text.
func RunsText(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
