package data

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Percent is a share in basis points: 2000 is 20%. Whole basis points keep
// 19.99% against 20% exact, which floats would not.
type Percent int64

// Format renders p as "20%" or "19.99%".
func (p Percent) Format() string {
	s := strconv.FormatFloat(float64(p)/100, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}

// ParsePercent reads "20", "20%", "19.5 %" and refuses anything outside
// 0–100 or with more than two decimals.
func ParsePercent(s string) (Percent, error) {
	shown := strings.TrimSpace(s)
	t := strings.TrimSpace(strings.TrimSuffix(shown, "%"))
	if t == "" {
		return 0, fmt.Errorf("Enter a percentage between 0 and 100, e.g. 20")
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("A percentage must be between 0 and 100 (got %s)", shown)
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || !allDigits(frac) || len(whole) > 4 {
		return 0, fmt.Errorf("%q is not a percentage; enter a number between 0 and 100, e.g. 20", shown)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has too many decimals: use at most two, e.g. 19.75", shown)
	}
	w, _ := strconv.Atoi(whole)
	f, _ := strconv.Atoi((frac + "00")[:2])
	bp := Percent(w*100 + f)
	if bp > 10000 {
		return 0, fmt.Errorf("A percentage must be between 0 and 100 (got %s)", shown)
	}
	return bp, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ParseHours reads a whole or decimal number of hours for the sign-off SLA.
func ParseHours(s string) (time.Duration, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "hours"), "h"))
	t = strings.TrimSpace(t)
	if t == "" {
		return 0, fmt.Errorf("Enter a number of hours, e.g. 24")
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || strings.ContainsAny(t, "eExXpP_") || f != f {
		return 0, fmt.Errorf("%q is not a number of hours", strings.TrimSpace(s))
	}
	d := time.Duration(f * float64(time.Hour)).Round(time.Minute)
	if err := checkSLA(d); err != "" {
		return 0, fmt.Errorf("%s", err)
	}
	return d, nil
}

// FormatHours renders an SLA as "24" or "1.5" hours, as ParseHours reads it.
func FormatHours(d time.Duration) string {
	return strconv.FormatFloat(d.Hours(), 'f', -1, 64)
}

func checkSLA(d time.Duration) string {
	switch {
	case d < time.Hour:
		return "The sign-off SLA must be at least 1 hour"
	case d > 30*24*time.Hour:
		return "The sign-off SLA can be at most 30 days (720 hours)"
	}
	return ""
}

// Settings are the rules a pod plays by. Global defaults apply to every pod
// unless the pod overrides a value.
type Settings struct {
	DealThreshold    Money         // a deal above this that needs a new feature needs sign-off
	SignOffSLA       time.Duration // how long the Engineering Lead has to sign off
	MaintenanceQuota Percent       // share of roadmap effort that must be maintenance
	RevenueGoal      Money         // ARR a shipped feature must drive to be celebrated
	Currency         string        // ISO 4217 code used to label money
	// ConcentrationLimit is the share of committed ARR one customer may
	// hold before the deal desk warns of sales-driven development.
	ConcentrationLimit Percent
}

// DefaultSettings are the article's numbers.
func DefaultSettings() Settings {
	return Settings{
		DealThreshold:    Dollars(50_000),
		SignOffSLA:       24 * time.Hour,
		MaintenanceQuota: 2000,
		RevenueGoal:      Dollars(1_000_000),
		Currency:         "USD",

		ConcentrationLimit: DefaultConcentrationLimit,
	}
}

// Validate checks the settings and returns every problem at once.
func (s Settings) Validate() error {
	var ps problems
	if s.DealThreshold < 0 {
		ps.add("deal_threshold", "The deal-desk threshold cannot be negative")
	}
	if msg := checkSLA(s.SignOffSLA); msg != "" {
		ps.add("signoff_sla", "%s", msg)
	}
	if s.MaintenanceQuota < 0 || s.MaintenanceQuota > 10000 {
		ps.add("maintenance_quota", "The maintenance quota must be between 0%% and 100%%")
	}
	if s.RevenueGoal <= 0 {
		ps.add("revenue_goal", "The revenue goal must be more than zero")
	}
	if !isCurrencyCode(s.Currency) {
		ps.add("currency", "Choose a currency from the list")
	}
	if s.ConcentrationLimit <= 0 || s.ConcentrationLimit > 10000 {
		ps.add("concentration_limit", "The customer-concentration warning must be above 0%% and at most 100%%")
	}
	return ps.err()
}

// Overrides are a pod's own values; a nil field inherits the global setting.
type Overrides struct {
	DealThreshold    *Money
	SignOffSLA       *time.Duration
	MaintenanceQuota *Percent
	RevenueGoal      *Money
	Currency         *string

	ConcentrationLimit *Percent
}

// IsZero reports whether the pod overrides nothing.
func (o Overrides) IsZero() bool {
	return o.DealThreshold == nil && o.SignOffSLA == nil && o.MaintenanceQuota == nil &&
		o.RevenueGoal == nil && o.Currency == nil && o.ConcentrationLimit == nil
}

// Apply returns the global settings with the pod's overrides on top.
func (o Overrides) Apply(global Settings) Settings {
	s := global
	if o.DealThreshold != nil {
		s.DealThreshold = *o.DealThreshold
	}
	if o.SignOffSLA != nil {
		s.SignOffSLA = *o.SignOffSLA
	}
	if o.MaintenanceQuota != nil {
		s.MaintenanceQuota = *o.MaintenanceQuota
	}
	if o.RevenueGoal != nil {
		s.RevenueGoal = *o.RevenueGoal
	}
	if o.Currency != nil {
		s.Currency = *o.Currency
	}
	if o.ConcentrationLimit != nil {
		s.ConcentrationLimit = *o.ConcentrationLimit
	}
	return s
}

// SettingsStore keeps the global defaults.
type SettingsStore interface {
	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings) error
}
