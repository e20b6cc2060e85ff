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
	if !utf8.ValidString(input) {
		input = strings.ToValidUTF8(input, " ")
	}
	if utf8.RuneCountInString(input) > MaxSearchLen {
		input = string([]rune(input)[:MaxSearchLen])
	}
	trailingSpace := strings.TrimRightFunc(input, unicode.IsSpace) != input
	var terms []string
	for _, w := range strings.FieldsFunc(input, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		if !strings.ContainsFunc(w, searchable) {
			continue
		}
		term := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if utf8.RuneCountInString(w) >= minPrefixLen {
			term += "*"
		}
		terms = append(terms, term)
		if len(terms) == MaxSearchTerms {
			trailingSpace = true // the word was cut short by the cap, not by the user
			break
		}
	}
	if len(terms) == 0 {
		return ""
	}
	if last := terms[len(terms)-1]; !trailingSpace && !strings.HasSuffix(last, "*") {
		terms[len(terms)-1] = last + "*"
	}
	return strings.Join(terms, " ")
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
