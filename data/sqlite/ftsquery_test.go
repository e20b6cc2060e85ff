package sqlite

import (
	"strings"
	"testing"

	"triad/data"
)

func TestFTSQueryNeverParsesWhatWasTyped(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"fraud", `"fraud"*`},
		{"fraud ", `"fraud"*`},
		{"ai ", `"ai"`},
		{"ai", `"ai"`}, // while typing too: a two-letter prefix would match half the index
		{"p", `"p"`},
		{"ai ml", `"ai" "ml"`},
		{"fraud scoring", `"fraud"* "scoring"*`},
		{`say "hi"`, `"say"* """hi"""*`},
		{`unbalanced "quote`, `"unbalanced"* """quote"*`},
		{"NEAR(a b)", `"near(a"* "b)"`},
		{"Fraud", `"fraud"*`},
		{"CAFÉ", `"CAFÉ"*`},
		{"a OR b", `"a" "or" "b"`},
		{"NOT", `"not"*`},
		{"-", ""},
		{"- x", `"x"`},
		{"title: secret", `"title:"* "secret"*`},
		{"* ^ ( )", ""},
		{"🚀", ""},
		{"🚀 launch", `"launch"*`},
		{"café", `"café"*`},
		{"支付", `"支付"*`},
		{"a\x00b", `"a" "b"`},
		{"支", `"支"`},
		{"カタ", `"カタ"*`},
	}
	for _, c := range cases {
		if got := ftsQuery(c.in); got != c.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	many := strings.Repeat("word ", 100)
	if got := ftsQuery(many); strings.Count(got, `"word"*`) != data.MaxSearchTerms {
		t.Errorf("capped query = %s", got)
	}
}

func TestInVocabulary(t *testing.T) {
	for in, want := range map[string]bool{"pricing": true, "q3": true, "café": false, "a-b": false, `"x`: false, "": false} {
		if got := inVocabulary(data.SearchTerm{Text: in}); got != want {
			t.Errorf("inVocabulary(%q) = %v", in, got)
		}
	}
}
