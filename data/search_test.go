package data

import (
	"reflect"
	"strings"
	"testing"
)

func TestSearchQuery(t *testing.T) {
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
		if got := SearchQuery(c.in); got != c.want {
			t.Errorf("SearchQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	many := strings.Repeat("word ", 100)
	if got := SearchQuery(many); strings.Count(got, `"word"*`) != MaxSearchTerms {
		t.Errorf("capped query = %s", got)
	}
}

func TestSearchTermSimple(t *testing.T) {
	for in, want := range map[string]bool{"pricing": true, "q3": true, "café": false, "a-b": false, `"x`: false, "": false} {
		if got := (SearchTerm{Text: in}).Simple(); got != want {
			t.Errorf("Simple(%q) = %v", in, got)
		}
	}
}

func TestParseMarked(t *testing.T) {
	cases := []struct {
		in   string
		want []Run
	}{
		{"", nil},
		{"plain", []Run{{"plain", false}}},
		{"a \x02hit\x03 b", []Run{{"a ", false}, {"hit", true}, {" b", false}}},
		{"\x02x\x03\x02y\x03", []Run{{"xy", true}}},
		{"dangling \x02end", []Run{{"dangling ", false}, {"end", true}}},
		{"stray\x03 end", []Run{{"stray end", false}}},
	}
	for _, c := range cases {
		if got := ParseMarked(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseMarked(%q) = %#v, want %#v", c.in, got, c.want)
		}
	}
	if RunsText(ParseMarked("a \x02b\x03 c")) != "a b c" {
		t.Error("RunsText")
	}
}
