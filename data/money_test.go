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
		{"€1.000k", "unclear"}, // a thousand, or a million?
		{"50.000", "unclear"},  // fifty, or fifty thousand?
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

// An amount is read by the pod's currency and the user's locale; what
// only context can settle ("50.000") is refused without it.
func TestParseMoneyForReadsByCurrencyAndLocale(t *testing.T) {
	cases := []struct {
		in, currency, locale string
		want                 Money // -1: refused
		says                 string
	}{
		{"€50.000", "", "", Dollars(50_000), ""},              // the euro's habit, not fifty euros
		{"€50.000", "USD", "C.UTF-8", Dollars(50_000), ""},    // what is typed beats the pod
		{"50.000", "EUR", "", Dollars(50_000), ""},            // the pod's currency
		{"50.000", "", "de_DE.UTF-8", Dollars(50_000), ""},    // the user's locale
		{"50.000", "USD", "de_DE.UTF-8", Dollars(50_000), ""}, // the locale beats the pod
		{"50.000", "USD", "", -1, "unclear"},
		{"50.000", "", "", -1, "unclear"},
		{"50.000", "", "C", -1, "unclear"},
		{"50,000", "USD", "en_US.UTF-8", Dollars(50_000), ""},
		{"50,000", "EUR", "", -1, "unclear"},
		{"50,000", "", "fr-FR", -1, "unclear"},
		{"1.234,56", "USD", "en_US", 123456, ""}, // both marks settle it
		{"1,234.56", "EUR", "de_DE", 123456, ""},
		{"1.234.567", "USD", "", Dollars(1_234_567), ""},
		{"1,234,567", "EUR", "", Dollars(1_234_567), ""},
		{"50,5", "EUR", "", 5050, ""},
		{"50,5", "USD", "", -1, "group thousands in threes"},
		{"50,00", "USD", "", -1, "group thousands in threes"},
		{"1,5k", "EUR", "", Dollars(1_500), ""},
		{"1.5M", "EUR", "", Dollars(1_500_000), ""},
		{"1,500k", "USD", "", -1, "unclear"}, // 1.5 thousand, or 1,500 thousand?
		{"1.500k", "EUR", "", -1, "unclear"},
		{"1.234k", "USD", "", Dollars(1_234), ""},
		{"CHF 75'000", "CHF", "de_CH.UTF-8", Dollars(75_000), ""},
		{"75.000", "CHF", "de_CH.UTF-8", -1, "unclear"}, // Swiss German writes a point for decimals
		{"SEK 50.000", "", "", Dollars(50_000), ""},
		{"1.234,5,6", "EUR", "", -1, "one decimal mark"},
	}
	for _, c := range cases {
		got, err := ParseMoneyFor(c.in, c.currency, c.locale)
		switch {
		case c.want < 0 && err == nil:
			t.Errorf("ParseMoneyFor(%q, %q, %q) = %d, want refused", c.in, c.currency, c.locale, got)
		case c.want < 0 && !strings.Contains(err.Error(), c.says):
			t.Errorf("ParseMoneyFor(%q, %q, %q): %q, want it to say %q", c.in, c.currency, c.locale, err, c.says)
		case c.want >= 0 && err != nil:
			t.Errorf("ParseMoneyFor(%q, %q, %q): %v", c.in, c.currency, c.locale, err)
		case c.want >= 0 && got != c.want:
			t.Errorf("ParseMoneyFor(%q, %q, %q) = %d, want %d", c.in, c.currency, c.locale, got, c.want)
		}
	}
}

func TestLocaleDecimalMark(t *testing.T) {
	for locale, want := range map[string]rune{
		"": 0, "C": 0, "C.UTF-8": 0, "POSIX": 0,
		"en_US.UTF-8": '.', "en-GB": '.', "ja_JP": '.', "de_DE.UTF-8": ',', "de-AT": ',',
		"fr_FR@euro": ',', "pt-BR": ',', "de_CH.UTF-8": '.', "es_MX": '.', "es_ES": ',', "en_ZA": ',',
	} {
		if got := LocaleDecimalMark(locale); got != want {
			t.Errorf("LocaleDecimalMark(%q) = %q, want %q", locale, got, want)
		}
	}
}

// Short rounds to the unit it shows and never shows a thousand of one.
func TestMoneyShortNeverRoundsUpToAThousandOfAUnit(t *testing.T) {
	cases := []struct {
		m    Money
		want string
	}{
		{Dollars(999), "$999"},
		{Dollars(1_000), "$1k"},
		{Dollars(50_000), "$50k"},
		{Dollars(999_499), "$999k"},
		{Dollars(999_500), "$1M"},
		{Dollars(999_600), "$1M"},
		{Dollars(1_200_000), "$1.2M"},
		{Dollars(1_250_000), "$1.3M"},
		{Dollars(9_999_999), "$10M"},
		{Dollars(999_949_999), "$999.9M"},
		{Dollars(999_950_000), "$1B"},
		{Dollars(2_000_000_000), "$2B"},
		{Dollars(1_500_000_000_000), "$1500B"}, // no unit above B
	}
	for _, c := range cases {
		if got := c.m.Short("USD"); got != c.want {
			t.Errorf("%d.Short = %q, want %q", c.m, got, c.want)
		}
	}
	if got := Dollars(999_600).Short("CHF"); got != "CHF 1M" {
		t.Errorf("CHF Short = %q", got)
	}
}

// What InputFor writes, ParseMoneyFor reads back with the same context.
func TestInputForRoundTrips(t *testing.T) {
	for _, ctx := range []struct{ currency, locale string }{{"USD", ""}, {"EUR", ""}, {"USD", "de_DE"}, {"EUR", "en_US"}, {"CHF", "de_CH"}} {
		for _, m := range []Money{0, 5, 123456, Dollars(50_000), Dollars(1_000_000), 100_000_001} {
			in := m.InputFor(ctx.currency, ctx.locale)
			back, err := ParseMoneyFor(in, ctx.currency, ctx.locale)
			if err != nil || back != m {
				t.Errorf("%v: %d -> %q -> %d, %v", ctx, m, in, back, err)
			}
		}
	}
	if got := Money(123456).InputFor("EUR", ""); got != "1.234,56" {
		t.Errorf("InputFor(EUR) = %q", got)
	}
}

// FuzzParseMoney checks that whatever is typed either fails with a message
// or yields a non-negative amount that survives a format/parse round trip,
// and that no text is read as two amounts: where the point habit and the
// comma habit both accept it, they agree, so a context can refuse an
// amount but never read it a thousand times off.
func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"$50,000", "50000", "50k", "1.2M", "$1,234.56", " 75 000 ", "-1", "1.234", "50,00", "9999999999999999999",
		"€50.000", "50.000", "1.234,56", "1,5k", "1.500k", "CHF 75'000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		us, usErr := ParseMoneyFor(s, "USD", "en_US")
		eu, euErr := ParseMoneyFor(s, "EUR", "de_DE")
		if usErr == nil && euErr == nil && us != eu {
			t.Fatalf("%q reads as %d with a point for decimals and %d with a comma", s, us, eu)
		}
		for _, ctx := range []struct{ currency, locale string }{{"USD", "en_US"}, {"EUR", "de_DE"}} {
			m, err := ParseMoneyFor(s, ctx.currency, ctx.locale)
			if err != nil {
				continue
			}
			back, err := ParseMoneyFor(m.InputFor(ctx.currency, ctx.locale), ctx.currency, ctx.locale)
			if err != nil || back != m {
				t.Fatalf("%v: round trip of %q: %d -> %q -> %d, %v", ctx, s, m, m.InputFor(ctx.currency, ctx.locale), back, err)
			}
		}
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
