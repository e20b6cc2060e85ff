package data

import (
	"reflect"
	"testing"
)

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
