package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func validPod() Pod {
	p := NewPod()
	p.Name = "Payments"
	p.Leaders[0].Name, p.Leaders[0].Email = "Priya Raman", "priya@example.com"
	p.Leaders[1].Name, p.Leaders[1].Email = "José Ñúñez", "jose@example.com"
	p.Leaders[2].Name, p.Leaders[2].Email = "Ольга Петрова", "olga@example.com"
	return p
}

func TestPodValidateMessages(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(p *Pod)
		field string
		msg   string
	}{
		{"pod name", func(p *Pod) { p.Name = "" }, "name", "The pod needs a name"},
		{"tech lead", func(p *Pod) { p.Leaders[0].Name = "" }, "tech_lead.name", "Tech Lead needs a name"},
		{"pm", func(p *Pod) { p.Leaders[1].Name = "" }, "product_manager.name", "Product Manager needs a name"},
		{"pmm", func(p *Pod) { p.Leaders[2].Name = "" }, "marketing_manager.name", "Product Marketing Manager needs a name"},
		{"no @", func(p *Pod) { p.Leaders[0].Email = "priya.example.com" }, "tech_lead.email", "That email address is missing an @"},
		{"no domain", func(p *Pod) { p.Leaders[1].Email = "jose@" }, "product_manager.email", "missing the domain"},
		{"space", func(p *Pod) { p.Leaders[2].Email = "ol ga@example.com" }, "marketing_manager.email", "has a space"},
		{"too long", func(p *Pod) { p.Name = strings.Repeat("x", 1<<20) }, "name", "too long"},
		{"bidi override", func(p *Pod) { p.Name = "Pay\u202eroll" }, "name", "invisible control characters"},
		{"newline", func(p *Pod) { p.Leaders[0].Name = "a\nb" }, "tech_lead.name", "invisible control characters"},
		{"bad time", func(p *Pod) { p.MeetingTime = 24 * 60 }, "meeting_time", "between 00:00 and 23:59"},
		{"bad quota", func(p *Pod) { q := Percent(12000); p.Overrides.MaintenanceQuota = &q }, "overrides", "maintenance quota"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validPod()
			c.edit(&p)
			err := p.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a ValidationError", err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			if got := ve.For(c.field); !strings.Contains(got, c.msg) {
				t.Errorf("message for %s = %q, want it to contain %q (all: %v)", c.field, got, c.msg, err)
			}
		})
	}
}

func TestPodValidateAcceptsAnyScript(t *testing.T) {
	for _, name := range []string{"José Ñúñez", "Zoë", "Łukasz", "Ольга", "Σοφία", "王小明", "山田太郎", "محمد", "שרה", "Ana 🚀"} {
		p := validPod()
		p.Leaders[0].Name = name
		p.Name = "Pod " + name
		if err := p.Validate(); err != nil {
			t.Errorf("name %q refused: %v", name, err)
		}
	}
	p := validPod()
	p.Leaders[2].Email = "" // optional
	if err := p.Validate(); err != nil {
		t.Errorf("empty email refused: %v", err)
	}
}

func TestPodNormalize(t *testing.T) {
	p := validPod()
	p.Name = "  Growth   Pod "
	p.Leaders[0].Email = " priya@example.com "
	p.Normalize()
	if p.Name != "Growth Pod" || p.Leaders[0].Email != "priya@example.com" {
		t.Errorf("Normalize: %q %q", p.Name, p.Leaders[0].Email)
	}
}

func TestSettingsOverrides(t *testing.T) {
	g := DefaultSettings()
	if g.DealThreshold != Dollars(50_000) || g.SignOffSLA != 24*time.Hour || g.MaintenanceQuota != 2000 ||
		g.RevenueGoal != Dollars(1_000_000) || g.Currency != "USD" {
		t.Fatalf("defaults = %+v", g)
	}
	sla := 48 * time.Hour
	cur := "EUR"
	got := Overrides{SignOffSLA: &sla, Currency: &cur}.Apply(g)
	if got.SignOffSLA != sla || got.Currency != "EUR" || got.DealThreshold != g.DealThreshold {
		t.Errorf("Apply = %+v", got)
	}
	bad := g
	bad.MaintenanceQuota = -1
	bad.SignOffSLA = time.Minute
	bad.Currency = "XXX"
	var ve *ValidationError
	if err := bad.Validate(); !errors.As(err, &ve) || len(ve.Problems) != 3 {
		t.Errorf("Validate = %v, want three problems", err)
	}
}

func TestParsePercent(t *testing.T) {
	ok := map[string]Percent{"20": 2000, "20%": 2000, " 19.99 % ": 1999, "0": 0, "100": 10000, "19.5": 1950, ".5": 50}
	for in, want := range ok {
		if got, err := ParsePercent(in); err != nil || got != want {
			t.Errorf("ParsePercent(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "100.01", "101", "abc", "1e2", "19.999", "NaN", "Inf"} {
		if got, err := ParsePercent(in); err == nil {
			t.Errorf("ParsePercent(%q) = %d, want an error", in, got)
		}
	}
	if Percent(1999).Format() != "19.99%" || Percent(2000).Format() != "20%" {
		t.Errorf("Format: %s %s", Percent(1999).Format(), Percent(2000).Format())
	}
}

func TestParseHours(t *testing.T) {
	if d, err := ParseHours("24"); err != nil || d != 24*time.Hour {
		t.Errorf("ParseHours(24) = %v, %v", d, err)
	}
	if d, err := ParseHours("1.5 h"); err != nil || d != 90*time.Minute {
		t.Errorf("ParseHours(1.5 h) = %v, %v", d, err)
	}
	for _, in := range []string{"", "0", "-4", "abc", "10000", "NaN"} {
		if _, err := ParseHours(in); err == nil {
			t.Errorf("ParseHours(%q): want an error", in)
		}
	}
}

func TestNextMeetingDate(t *testing.T) {
	wed := NewDate(2026, 11, 25)
	if got := NextMeetingDate(time.Wednesday, wed, nil); !got.Equal(wed) {
		t.Errorf("same day: %s", got)
	}
	if got := NextMeetingDate(time.Monday, wed, nil); got.String() != "2026-11-30" {
		t.Errorf("next Monday: %s", got)
	}
	taken := []Date{NewDate(2026, 11, 30)}
	if got := NextMeetingDate(time.Monday, wed, taken); got.String() != "2026-12-07" {
		t.Errorf("skip taken: %s", got)
	}
}

func TestParseDate(t *testing.T) {
	if d, err := ParseDate("2026-02-28"); err != nil || d.Long() != "Sat 28 Feb 2026" {
		t.Errorf("ParseDate: %v %v", d.Long(), err)
	}
	for _, in := range []string{"", "2026-02-30", "28/02/2026", "0001-01-01", "tomorrow"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q): want an error", in)
		}
	}
}
