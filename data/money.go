package data

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// Money is an amount in minor units (cents). Every currency Triad shows is
// kept with two decimals, so $50,000 is Money(5_000_000).
type Money int64

// Dollars builds a Money from a whole number of major units.
func Dollars(n int64) Money { return Money(n * 100) }

const maxMoneyInput = 64 // characters; nothing longer is a real amount

var (
	errMoneyEmpty    = errors.New("Enter an amount, e.g. 50,000 or 50k")
	errMoneyNegative = errors.New("The amount cannot be negative")
	errMoneyTooLarge = errors.New("That amount is too large")
)

// ParseMoney reads an amount the way people type it: "$50,000", "50000",
// "50k", "1.2M", "$1,234.56", " 75 000 ". It rejects negatives, anything
// that is not a number, more than two decimals (after applying k/M/B) and
// values that do not fit, each with a message a facilitator can act on.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errMoneyEmpty
	}
	if len(s) > maxMoneyInput {
		return 0, errMoneyTooLarge
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") || strings.HasPrefix(s, "(") {
		return 0, errMoneyNegative
	}
	s = stripCurrency(s)
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return 0, errMoneyNegative
	}
	if s == "" {
		return 0, errMoneyEmpty
	}

	// A trailing scale letter: k (thousand), m (million), b or bn (billion).
	scale := int64(1)
	lower := strings.ToLower(s)
	switch {
	case strings.HasSuffix(lower, "bn"):
		scale, s = 1_000_000_000, s[:len(s)-2]
	case strings.HasSuffix(lower, "k"):
		scale, s = 1_000, s[:len(s)-1]
	case strings.HasSuffix(lower, "m"):
		scale, s = 1_000_000, s[:len(s)-1]
	case strings.HasSuffix(lower, "b"):
		scale, s = 1_000_000_000, s[:len(s)-1]
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("%q is not an amount: a number must come before the k/M", lower)
	}

	intPart, fracPart, hasPoint := strings.Cut(s, ".")
	if hasPoint && fracPart == "" && intPart == "" {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	digits, err := ungroup(intPart)
	if err != nil {
		return 0, err
	}
	for _, r := range fracPart {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not an amount: use digits, with a point for decimals", s)
		}
	}
	if digits == "" {
		digits = "0"
	}

	// value = (digits.fracPart) * scale * 100, which must be a whole number.
	num, ok := new(big.Int).SetString(digits+fracPart, 10)
	if !ok {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	num.Mul(num, big.NewInt(scale*100))
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(len(fracPart))), nil)
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Sign() != 0 {
		return 0, fmt.Errorf("%q has too many decimals: amounts go to the cent", strings.TrimSpace(s))
	}
	if !quo.IsInt64() || quo.Int64() > math.MaxInt64/10 {
		return 0, errMoneyTooLarge
	}
	return Money(quo.Int64()), nil
}

// stripCurrency removes one leading or trailing currency symbol or code.
func stripCurrency(s string) string {
	for _, sym := range []string{"US$", "$", "€", "£", "¥"} {
		if strings.HasPrefix(s, sym) {
			return strings.TrimSpace(s[len(sym):])
		}
		if strings.HasSuffix(s, sym) {
			return strings.TrimSpace(s[:len(s)-len(sym)])
		}
	}
	if len(s) > 3 {
		head, tail := strings.ToUpper(s[:3]), strings.ToUpper(s[len(s)-3:])
		if isCurrencyCode(head) && !unicode.IsLetter(rune(s[3])) {
			return strings.TrimSpace(s[3:])
		}
		if isCurrencyCode(tail) && !unicode.IsLetter(rune(s[len(s)-4])) {
			return strings.TrimSpace(s[:len(s)-3])
		}
	}
	return s
}

func isCurrencyCode(s string) bool {
	for _, c := range Currencies {
		if c == s {
			return true
		}
	}
	return false
}

// ungroup removes thousands separators (comma, space, no-break space,
// thin space, underscore, apostrophe) and checks they group by three, so a
// European "50,00" is refused rather than read as five thousand.
func ungroup(s string) (string, error) {
	isSep := func(r rune) bool {
		switch r {
		case ',', ' ', '\u00a0', '\u202f', '\u2009', '_', '\'':
			return true
		}
		return false
	}
	var groups []string
	var cur strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
		case isSep(r):
			groups = append(groups, cur.String())
			cur.Reset()
		default:
			return "", fmt.Errorf("%q is not an amount: use digits, e.g. 50,000 or 50k", s)
		}
	}
	groups = append(groups, cur.String())
	if len(groups) > 1 {
		for i, g := range groups {
			if g == "" || (i > 0 && len(g) != 3) || (i == 0 && len(g) > 3) {
				return "", fmt.Errorf("%q: group thousands in threes and use a point for decimals, e.g. 1,234.56", s)
			}
		}
	}
	return strings.Join(groups, ""), nil
}

// Currencies Triad knows how to label.
var Currencies = []string{"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK", "SGD", "NZD"}

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

// Format renders m for a facilitator: "$50,000", "$1,234.56", "CHF 75,000".
// Cents are shown only when there are some.
func (m Money) Format(currency string) string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = uint64(-(m + 1)) + 1
	}
	major, minor := u/100, u%100
	s := groupThousands(strconv.FormatUint(major, 10))
	if minor != 0 {
		s += fmt.Sprintf(".%02d", minor)
	}
	if sym, ok := currencySymbols[currency]; ok {
		s = sym + s
	} else if currency != "" {
		s = currency + " " + s
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Short renders m compactly for tight spaces: "$50k", "$1.2M".
func (m Money) Short(currency string) string {
	major := float64(m) / 100
	var s string
	switch {
	case major >= 1e9:
		s = trimZero(strconv.FormatFloat(major/1e9, 'f', 1, 64)) + "B"
	case major >= 1e6:
		s = trimZero(strconv.FormatFloat(major/1e6, 'f', 1, 64)) + "M"
	case major >= 1e3:
		s = trimZero(strconv.FormatFloat(major/1e3, 'f', 0, 64)) + "k"
	default:
		return m.Format(currency)
	}
	if sym, ok := currencySymbols[currency]; ok {
		return sym + s
	}
	return currency + " " + s
}

// Input renders m for an edit field, in a form ParseMoney reads back: "50,000", "1,234.56".
func (m Money) Input() string { return m.Format("") }

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

func groupThousands(d string) string {
	if len(d) <= 3 {
		return d
	}
	var b strings.Builder
	pre := len(d) % 3
	if pre > 0 {
		b.WriteString(d[:pre])
	}
	for i := pre; i < len(d); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(d[i : i+3])
	}
	return b.String()
}
