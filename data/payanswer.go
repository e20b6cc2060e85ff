package data

import (
	"strings"
	"unicode"
)

// SetWillPay records what the PMM said they will pay, as said ("8 USD per
// merchant a month", "12k a year", "about what Stripe charges"), and the
// amount read from it when it holds one. The words are the answer; the
// amount is what totals and comparisons use.
func (a *TriadAnswers) SetWillPay(said string) {
	a.WillPayText = CleanLine(said)
	a.WillPay = nil
	if m, ok := AmountIn(a.WillPayText); ok {
		a.WillPay = &m
	}
}

// WillPaySaid is the answer as a person reads it: the words when there are
// any, otherwise the amount (records from before the words were kept).
func (a TriadAnswers) WillPaySaid(currency string) string {
	if a.WillPayText != "" {
		return a.WillPayText
	}
	if a.WillPay != nil {
		return a.WillPay.Format(currency)
	}
	return ""
}

// AmountIn finds the first amount in a sentence: "8 USD per merchant a
// month" holds 8, "12k a year" 12,000, "$1,200/yr" 1,200, "€50 each" 50.
// A figure with a minus sign, or words with no figure, hold none.
func AmountIn(s string) (Money, bool) {
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if !unicode.IsDigit(rs[i]) || (i > 0 && (unicode.IsDigit(rs[i-1]) || unicode.IsLetter(rs[i-1]))) {
			continue
		}
		start := i
		// A currency symbol or code right before the figure belongs to it;
		// a minus sign makes it no price at all.
		for start > 0 && (rs[start-1] == ' ' || strings.ContainsRune("$€£¥", rs[start-1])) {
			start--
		}
		if k := strings.TrimRight(string(rs[:start]), " "); strings.HasSuffix(k, "-") || strings.HasSuffix(k, "−") {
			continue
		}
		end := i
		for end < len(rs) && (unicode.IsDigit(rs[end]) ||
			((rs[end] == ',' || rs[end] == '.') && end+1 < len(rs) && unicode.IsDigit(rs[end+1]))) {
			end++
		}
		// A scale letter that ends a word: "12k", "1.2M", "3bn".
		rest := strings.ToLower(string(rs[end:]))
		for _, scale := range []string{"bn", "k", "m", "b"} {
			if strings.HasPrefix(rest, scale) {
				after := end + len([]rune(scale))
				if after == len(rs) || !unicode.IsLetter(rs[after]) {
					end = after
				}
				break
			}
		}
		if m, err := ParseMoney(string(rs[i:end])); err == nil {
			return m, true
		}
	}
	return 0, false
}
