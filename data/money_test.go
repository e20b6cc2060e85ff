package data

import (
	"strings"
	"testing"
)

func TestParseMoneyAccepts(t *testing.T) {
	cases := []struct {
		in   string
		want Money
	}{
		{"$50,000", Dollars(50_000)},
		{"50000", Dollars(50_000)},
		{"50k", Dollars(50_000)},
		{"50K", Dollars(50_000)},
		{"1.2M", Dollars(1_200_000)},
		{"1.2m", Dollars(1_200_000)},
		{"$1,234.56", 123456},
		{" 75 000 ", Dollars(75_000)},
		{"75\u00a0000", Dollars(75_000)},
		{"0", 0},
		{"0.5", 50},
		{".5", 50},
		{"50,000.01", 5_000_001},
		{"$ 1.5k", Dollars(1_500)},
		{"2bn", Dollars(2_000_000_000)},
		{"USD 1,000", Dollars(1_000)},
		{"1000 EUR", Dollars(1_000)},
		{"€1.000k", Dollars(1_000)},
		{"1.23456k", 123456},
		{"1.", Dollars(1)},
	}
	for _, c := range cases {
		got, err := ParseMoney(c.in)
		if err != nil {
			t.Errorf("ParseMoney(%q) error: %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseMoney(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestParseMoneyRejects(t *testing.T) {
	cases := []struct{ in, msg string }{
		{"", "Enter an amount"},
		{"   ", "Enter an amount"},
		{"-5", "cannot be negative"},
		{"-$5", "cannot be negative"},
		{"$-5", "cannot be negative"},
		{"(500)", "cannot be negative"},
		{"abc", "not an amount"},
		{"12abc", "not an amount"},
		{"1.234", "too many decimals"},
		{"1.234567k", "too many decimals"},
		{"50,00", "group thousands in threes"},
		{"5,0000", "group thousands in threes"},
		{"1..2", "not an amount"},
		{"k", "number must come before"},
		{"99999999999999999999", "too large"},
		{"99999999999999bn", "too large"},
		{"1e6", "not an amount"},
		{strings.Repeat("9", 100), "too large"},
		{"0x10", "not an amount"},
	}
	for _, c := range cases {
		got, err := ParseMoney(c.in)
		if err == nil {
			t.Errorf("ParseMoney(%q) = %d, want an error", c.in, got)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseMoney(%q) error %q, want it to mention %q", c.in, err, c.msg)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	cases := []struct {
		m        Money
		currency string
		want     string
	}{
		{Dollars(50_000), "USD", "$50,000"},
		{123456, "USD", "$1,234.56"},
		{5, "USD", "$0.05"},
		{Dollars(1_000_000), "EUR", "€1,000,000"},
		{Dollars(75_000), "CHF", "CHF 75,000"},
		{-150, "USD", "-$1.50"},
		{0, "USD", "$0"},
	}
	for _, c := range cases {
		if got := c.m.Format(c.currency); got != c.want {
			t.Errorf("%d.Format(%s) = %q, want %q", c.m, c.currency, got, c.want)
		}
	}
	if got := Dollars(1_200_000).Short("USD"); got != "$1.2M" {
		t.Errorf("Short = %q", got)
	}
	if got := Dollars(50_000).Short("USD"); got != "$50k" {
		t.Errorf("Short = %q", got)
	}
}

// FuzzParseMoney checks that whatever is typed either fails with a message
// or yields a non-negative amount that survives a format/parse round trip.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"$50,000", "50000", "50k", "1.2M", "$1,234.56", " 75 000 ", "-1", "1.234", "50,00", "9999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseMoney(%q): empty error message", s)
			}
			return
		}
		if m < 0 {
			t.Fatalf("ParseMoney(%q) = %d: negative", s, m)
		}
		back, err := ParseMoney(m.Input())
		if err != nil || back != m {
			t.Fatalf("round trip of %q: %d -> %q -> %d, %v", s, m, m.Input(), back, err)
		}
	})
}
