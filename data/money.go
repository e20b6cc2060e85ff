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

// ParseMoney reads an amount typed with no pod or locale to go by: as
// ParseMoneyFor(s, "", ""), so a currency typed with it ("€50.000") is the
// only context, and a point followed by three digits with none ("50.000")
// is refused as unclear rather than read as fifty.
func ParseMoney(s string) (Money, error) { return ParseMoneyFor(s, "", "") }

// ParseMoneyFor reads an amount the way people type it: "$50,000", "50000",
// "50k", "1.2M", "$1,234.56", " 75 000 ", and in the habit of much of
// Europe "€50.000" and "1.234,56". currency is the pod's (or the
// settings') currency code and locale the user's ("de_DE.UTF-8", "fr-FR";
// "" or "C" when unknown).
//
// Which of '.' and ',' marks the decimals is settled by the text itself
// wherever it can be ("1.234,56", "50,5", "1.000.000"). Only a single mark
// before exactly three digits ("50.000", "50,000") needs context, and gets
// it from the user's locale, else from the currency typed with the amount,
// else from the pod's currency; with none, the point is a decimal mark.
// A reading that would put three decimals on an amount is refused as
// unclear, never rounded away, so no amount is silently read a thousand
// times too small or too large: where two contexts both accept a text,
// they read the same amount.
//
// It rejects negatives, anything that is not a number, more than two
// decimals (after applying k/M/B) and values that do not fit, each with a
// message a facilitator can act on.
func ParseMoneyFor(s, currency, locale string) (Money, error) {
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
	s, typed := stripCurrency(s)
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return 0, errMoneyNegative
	}
	if s == "" {
		return 0, errMoneyEmpty
	}
	if typed != "" {
		currency = typed
	}
	decimal := decimalMark(currency, locale)

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

	intPart, fracPart, err := splitDecimal(s, decimal, scale > 1)
	if err != nil {
		return 0, err
	}
	digits, err := ungroup(intPart, s)
	if err != nil {
		return 0, err
	}
	for _, r := range fracPart {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%q is not an amount: use digits, with %s for decimals", s, markName(decimal))
		}
	}
	if digits == "" && fracPart == "" {
		return 0, fmt.Errorf("%q is not an amount", s)
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

// splitDecimal finds the decimal mark in a number of digits, '.', ',' and
// grouping spaces, and returns the whole part (still grouped) and the
// decimals. decimal is the mark the context expects ('.' or ',').
func splitDecimal(s string, decimal rune, scaled bool) (whole, frac string, err error) {
	points, commas := strings.Count(s, "."), strings.Count(s, ",")
	mark := rune(0)
	switch {
	case points > 0 && commas > 0:
		// Both: the last one is the decimal mark, and it comes once.
		mark = '.'
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			mark = ','
		}
		if strings.Count(s, string(mark)) > 1 {
			return "", "", fmt.Errorf("%q is not an amount: use one decimal mark, e.g. 1,234.56 or 1.234,56", s)
		}
	case points+commas == 1:
		m := '.'
		if commas == 1 {
			m = ','
		}
		i := strings.IndexRune(s, m)
		before, after := s[:i], s[i+1:]
		three := len(after) == 3 && strings.IndexFunc(after, notDigit) < 0
		// The context's decimal mark is one ("50,5" in Europe, "1.234k"),
		// except before exactly three digits and no scale letter, which
		// could as well be thousands. The other mark groups thousands
		// ("50.000" in Europe) and is refused before anything but three
		// digits ("50,00" where the point is the decimal mark), unless a
		// scale letter shows it is a decimal mark after all ("1.5M").
		switch {
		case m == decimal && three && !scaled:
			return "", "", fmt.Errorf("%q is unclear: amounts go to the cent, so it is either %s, in thousands, or has too many decimals. Write %s or %sk, or at most two decimals",
				s, thousandsForm(before, after, decimal), thousandsForm(before, after, decimal), before)
		case m == decimal:
			mark = m
		case three && scaled:
			return "", "", fmt.Errorf("%q is unclear with a scale letter after it: write the whole amount without it, or decimals with %s (e.g. 1%s5k)", s, markName(decimal), string(decimal))
		case three:
			// thousands: ungroup checks the rest
		case scaled:
			mark = m
		default:
			return "", "", fmt.Errorf("%q: group thousands in threes, and use %s for decimals", s, markName(decimal))
		}
	}
	if mark == 0 {
		return s, "", nil
	}
	i := strings.LastIndex(s, string(mark))
	return s[:i], s[i+1:], nil
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

// thousandsForm writes whole+rest as a grouped number in the habit whose
// decimal mark is decimal: 50 and 000 become "50,000" or "50.000".
func thousandsForm(whole, rest string, decimal rune) string {
	group := ","
	if decimal == ',' {
		group = "."
	}
	return whole + group + rest
}

func markName(decimal rune) string {
	if decimal == ',' {
		return "a comma"
	}
	return "a point"
}

// decimalMark is the decimal mark the user's locale uses, else the
// currency's home habit, else the point.
func decimalMark(currency, locale string) rune {
	if m := LocaleDecimalMark(locale); m != 0 {
		return m
	}
	if commaCurrencies[strings.ToUpper(currency)] {
		return ','
	}
	return '.'
}

// commaCurrencies are those whose home countries write decimals with a
// comma: "€50.000" is fifty thousand euros.
var commaCurrencies = map[string]bool{"EUR": true, "SEK": true, "NOK": true, "DKK": true}

// commaLanguages write decimals with a comma (CLDR), except in the regions
// of pointRegions.
var commaLanguages = map[string]bool{
	"af": true, "az": true, "be": true, "bg": true, "bs": true, "ca": true, "cs": true, "da": true,
	"de": true, "el": true, "es": true, "et": true, "eu": true, "fi": true, "fo": true, "fr": true,
	"gl": true, "hr": true, "hu": true, "hy": true, "id": true, "is": true, "it": true, "ka": true,
	"kk": true, "ky": true, "lt": true, "lv": true, "mk": true, "mn": true, "nb": true, "nl": true,
	"nn": true, "no": true, "pl": true, "pt": true, "ro": true, "ru": true, "sk": true, "sl": true,
	"sq": true, "sr": true, "sv": true, "tr": true, "uk": true, "uz": true, "vi": true,
}

// pointRegions are the exceptions: Swiss German and Italian, and the
// Spanish of the Americas' north, write a point.
var pointRegions = map[string]bool{
	"de_CH": true, "it_CH": true, "de_LI": true, "es_MX": true, "es_US": true, "es_PR": true,
	"es_DO": true, "es_GT": true, "es_HN": true, "es_NI": true, "es_PA": true, "es_SV": true,
}

// LocaleDecimalMark is the decimal mark of a locale name as the system
// gives it ("de_DE.UTF-8", "pt-BR", "en"): ',' or '.', or 0 when the name
// says nothing ("", "C", "POSIX", "C.UTF-8").
func LocaleDecimalMark(locale string) rune {
	name := locale
	if i := strings.IndexAny(name, ".@"); i >= 0 {
		name = name[:i]
	}
	name = strings.ReplaceAll(name, "-", "_")
	lang, region, _ := strings.Cut(name, "_")
	lang = strings.ToLower(lang)
	if len(lang) < 2 || len(lang) > 3 || lang == "c" || strings.IndexFunc(lang, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return 0
	}
	if len(region) > 2 { // "zh_Hant_TW": the script comes first
		if _, r, ok := strings.Cut(region, "_"); ok {
			region = r
		}
	}
	if pointRegions[lang+"_"+strings.ToUpper(region)] {
		return '.'
	}
	if commaLanguages[lang] || lang+"_"+strings.ToUpper(region) == "en_ZA" {
		return ','
	}
	return '.'
}

// LocaleFromEnv is the locale that governs how amounts are written on
// Linux and the BSDs: LC_ALL, else LC_MONETARY, else LANG.
func LocaleFromEnv(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MONETARY", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// stripCurrency removes one leading or trailing currency symbol or code,
// and returns the code it stood for ("" when there was none, or "$",
// which several currencies share).
func stripCurrency(s string) (rest, code string) {
	for _, c := range []struct{ sym, code string }{{"US$", "USD"}, {"$", ""}, {"€", "EUR"}, {"£", "GBP"}, {"¥", "JPY"}} {
		if strings.HasPrefix(s, c.sym) {
			return strings.TrimSpace(s[len(c.sym):]), c.code
		}
		if strings.HasSuffix(s, c.sym) {
			return strings.TrimSpace(s[:len(s)-len(c.sym)]), c.code
		}
	}
	if len(s) > 3 {
		head, tail := strings.ToUpper(s[:3]), strings.ToUpper(s[len(s)-3:])
		if isCurrencyCode(head) && !unicode.IsLetter(rune(s[3])) {
			return strings.TrimSpace(s[3:]), head
		}
		if isCurrencyCode(tail) && !unicode.IsLetter(rune(s[len(s)-4])) {
			return strings.TrimSpace(s[:len(s)-3]), tail
		}
	}
	return s, ""
}

func isCurrencyCode(s string) bool {
	for _, c := range Currencies {
		if c == s {
			return true
		}
	}
	return false
}

// ungroup removes thousands separators (the mark that is not the decimal
// one, space, no-break space, thin space, underscore, apostrophe) and
// checks they group by three, so "50,00" is refused rather than read as
// five thousand. whole is the text for messages.
func ungroup(s, whole string) (string, error) {
	isSep := func(r rune) bool {
		switch r {
		case ',', '.', ' ', '\u00a0', '\u202f', '\u2009', '_', '\'':
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
			return "", fmt.Errorf("%q is not an amount: use digits, e.g. 50,000 or 50k", whole)
		}
	}
	groups = append(groups, cur.String())
	if len(groups) > 1 {
		for i, g := range groups {
			if g == "" {
				return "", fmt.Errorf("%q is not an amount: one mark between groups of digits", whole)
			}
			if (i > 0 && len(g) != 3) || (i == 0 && len(g) > 3) {
				return "", fmt.Errorf("%q: group thousands in threes, e.g. 1,234.56 or 1.234,56", whole)
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

// Short renders m compactly for tight spaces: "$50k", "$1.2M". It rounds
// to the unit shown and moves up a unit when the rounding reaches a
// thousand of it, so $999,600 is "$1M", never "$1000k".
func (m Money) Short(currency string) string {
	cents := int64(m)
	if cents < 0 || cents < 100_000 {
		return m.Format(currency)
	}
	units := []struct {
		cents    int64 // one of the unit, in cents
		decimals int64 // shown to this many tenths
		suffix   string
	}{{100_000, 0, "k"}, {100_000_000, 1, "M"}, {100_000_000_000, 1, "B"}}
	i := 0
	for i+1 < len(units) && cents >= units[i+1].cents {
		i++
	}
	for {
		u := units[i]
		step := u.cents
		if u.decimals == 1 {
			step /= 10
		}
		n := (cents + step/2) / step // rounded, in steps of the unit
		perUnit := u.cents / step
		if n >= 1000*perUnit && i+1 < len(units) {
			i++
			continue
		}
		s := strconv.FormatInt(n/perUnit, 10)
		if frac := n % perUnit; frac != 0 {
			s += "." + strconv.FormatInt(frac, 10)
		}
		s += u.suffix
		if sym, ok := currencySymbols[currency]; ok {
			return sym + s
		}
		return strings.TrimSpace(currency + " " + s)
	}
}

// Input renders m for an edit field, in a form ParseMoney reads back: "50,000", "1,234.56".
func (m Money) Input() string { return m.Format("") }

// InputFor renders m for an edit field in the habit ParseMoneyFor reads
// with the same currency and locale: "50,000" or "50.000", "1.234,56".
func (m Money) InputFor(currency, locale string) string {
	s := m.Format("")
	if decimalMark(currency, locale) != ',' {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ',':
			return '.'
		case '.':
			return ','
		}
		return r
	}, s)
}

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
