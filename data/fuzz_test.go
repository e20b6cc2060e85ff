package data

import (
	"strings"
	"testing"
)

// FuzzParseDate: any input either fails with a message or yields a date
// that prints back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-25", "2026-02-30", "0000-01-01", " 2026-1-5", "2026-11-25T10:00", "٢٠٢٦-١١-٢٥", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		back, err := ParseDate(d.String())
		if err != nil || !back.Equal(d) || d.String() != strings.TrimSpace(s) {
			t.Fatalf("%q -> %s -> %v, %v", s, d, back, err)
		}
	})
}

// FuzzParsePercent: any input fails with a message or is within 0–100%.
func FuzzParsePercent(f *testing.F) {
	for _, s := range []string{"20", "20%", "19.99", "100.01", "-0", "1e2", "NaN", "٢٠", "20 %", ".5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePercent(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		if p < 0 || p > 10000 {
			t.Fatalf("%q -> %d basis points", s, p)
		}
		back, err := ParsePercent(p.Format())
		if err != nil || back != p {
			t.Fatalf("%q -> %s -> %d, %v", s, p.Format(), back, err)
		}
	})
}
