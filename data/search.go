package data

import (
	"context"
	"slices"
	"sort"
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
	// minPrefixLenCJK is the same for Chinese, Japanese and Korean, where
	// two characters are already a word of their own.
	minPrefixLenCJK = 2
)

// SearchTerm is one word of a search, as SearchTerms reads it.
type SearchTerm struct {
	Text   string // the word as typed
	Prefix bool   // match words that start with it
}

// SearchTerms splits what a person typed into the words a search looks
// for. Words are ANDed. Words of three letters or more match as prefixes,
// so "merchant" finds "merchants"; shorter ones match whole words ("ai"
// does not find "airline"), even the last one while it is being typed:
// "p" as a prefix would stand for most of the index, so a search box that
// queries on every keystroke starts finding by prefix at the third letter
// (the second in Chinese, Japanese and Korean). Words without a letter or
// digit (a lone "-", an emoji) are dropped: the index cannot match them
// anyway. ASCII words are folded to lower case, as the index folds them.
// How a term is written in the index's query language is the store's
// business (data/sqlite), so what a person types is never parsed as one.
func SearchTerms(input string) []SearchTerm {
	if !utf8.ValidString(input) {
		input = strings.ToValidUTF8(input, " ")
	}
	if utf8.RuneCountInString(input) > MaxSearchLen {
		input = string([]rune(input)[:MaxSearchLen])
	}
	var terms []SearchTerm
	for _, w := range strings.FieldsFunc(input, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		if !strings.ContainsFunc(w, searchable) {
			continue
		}
		if simple := strings.ToLower(w); isASCII(simple) {
			w = simple // the tokenizer folds ASCII case; folding here lets the store use the vocabulary
		}
		terms = append(terms, SearchTerm{Text: w, Prefix: utf8.RuneCountInString(w) >= prefixLen(w)})
		if len(terms) == MaxSearchTerms {
			break
		}
	}
	return terms
}

// prefixLen is how long w must be to match as a prefix.
func prefixLen(w string) int {
	for _, r := range w {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return minPrefixLenCJK
		}
	}
	return minPrefixLen
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

// The kinds of thing the search index holds (SearchHit.Kind).
const (
	HitDecision    = "decision"
	HitAgendaItem  = "agenda_item"
	HitActionItem  = "action_item"
	HitDealRequest = "deal_request"
)

// SearchRequest is one search: words as typed, across every pod (PodID 0)
// or one, a page of Limit results from Offset.
type SearchRequest struct {
	PodID int64 // 0: every pod
	Text  string
	// Kinds keeps the hits of these kinds only (HitDecision, …); none keeps
	// every kind. The decision log lists decisions itself and asks for the rest.
	Kinds  []string
	Limit  int // 0: DefaultSearchLimit
	Offset int
}

// DefaultSearchLimit is a page of results; MaxSearchLimit the largest.
const (
	DefaultSearchLimit = 50
	MaxSearchLimit     = 500
)

// Validate refuses a request the store cannot page.
func (r SearchRequest) Validate() error {
	switch {
	case r.PodID < 0:
		return Invalidf("Choose a pod to search, or every pod")
	case r.Limit < 0 || r.Limit > MaxSearchLimit:
		return Invalidf("Show between 1 and %d results at a time", MaxSearchLimit)
	case r.Offset < 0:
		return Invalidf("The page of results must start at 0 or later")
	}
	for _, k := range r.Kinds {
		if !slices.Contains([]string{HitDecision, HitAgendaItem, HitActionItem, HitDealRequest}, k) {
			return Invalidf("Triad cannot search for %q; choose decisions, agenda items, action items or deal requests", k)
		}
	}
	return nil
}

// SearchStore searches everything the pods record: decisions, agenda
// notes and outcomes, action items and deal requests.
type SearchStore interface {
	// Search returns the page of hits r asks for, best first (see
	// RankHits). A cancelled ctx stops the query and returns ctx.Err():
	// the search box cancels the query a newer keystroke replaces.
	Search(ctx context.Context, r SearchRequest) ([]SearchHit, error)
}

// RankHits orders hits best first: by Score, highest first (the store
// gives bm25's relevance, title words weighing more than body words), and
// among equal scores the newest first (the higher Seq).
func RankHits(hits []SearchHit) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Seq > hits[j].Seq
	})
}
