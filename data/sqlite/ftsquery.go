package sqlite

import (
	"strings"

	"triad/data"
)

// ftsQuery turns what a person typed into an SQLite FTS5 query that is
// always valid: every word data.SearchTerms finds is wrapped in double
// quotes (inner quotes doubled), so FTS5 operators and syntax the user
// types — AND, OR, NOT, NEAR, "-", "*", "^", parentheses, column filters
// like "title:" — are searched for as plain words instead of being parsed.
// Words are ANDed. It returns "" when nothing searchable is left.
func ftsQuery(input string) string {
	terms := data.SearchTerms(input)
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = ftsTerm(t)
	}
	return strings.Join(parts, " ")
}

// ftsTerm is one term in FTS5 syntax: quoted, inner quotes doubled, and a
// trailing * for a prefix.
func ftsTerm(t data.SearchTerm) string {
	q := `"` + strings.ReplaceAll(t.Text, `"`, `""`) + `"`
	if t.Prefix {
		q += "*"
	}
	return q
}

// inVocabulary reports whether the term is one plain lower-case ASCII
// word, the same before and after the index's tokenizer, so it may be
// looked up in the index's vocabulary table directly.
func inVocabulary(t data.SearchTerm) bool {
	for i := 0; i < len(t.Text); i++ {
		c := t.Text[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return t.Text != ""
}
