package demo

import (
	"context"
	"fmt"
	"time"

	"triad/data"
)

// dealSpec is one sample deal-desk request and what became of it.
type dealSpec struct {
	pod, customer, deal string
	value               int64 // dollars of ARR
	newFeature          bool
	age                 time.Duration // how long ago it was received
	features, terms     string
	rep                 person
	action              data.DealAction // "" leaves it as received
	delegate, comment   string
}

var (
	repJordan = person{"Jordan Blake", "jordan.blake@northwind.example"}
	repAisha  = person{"Aisha Karim", "aisha.karim@northwind.example"}
	repTomas  = person{"Tomás Herrera", "tomas.herrera@northwind.example"}
)

// dealSpecs fill both pods' queues: on time, nearly due (amber), overdue,
// approved, rejected with a reason, sent back for changes, withdrawn and
// below the rule. Payments leans on Globex, enough to trip the
// sales-driven-development warning; Mobile App's commitments are spread.
// The queue lists the latest decisions first, so the last few here are
// the ones a new user sees under the open requests.
var dealSpecs = []dealSpec{
	{pod: "Payments", customer: "Globex Corporation", deal: "Payouts expansion", value: 180_000, newFeature: true, age: 2 * time.Hour,
		features: "Multi-currency payouts to EU and UK bank accounts, settled same day.", rep: repJordan,
		terms: "Go-live before the customer's fiscal year starts (1 April)."},
	{pod: "Payments", customer: "Initech", deal: "Invoicing rollout", value: 95_000, newFeature: true, age: 21*time.Hour + 10*time.Minute,
		features: "Net-60 payment terms on invoices, with automatic reminders to the buyer.", rep: repAisha},
	{pod: "Payments", customer: "Umbrella Health", deal: "Compliance package", value: 240_000, newFeature: true, age: 27 * time.Hour,
		features: "A HIPAA audit-log export of every payment event, downloadable as CSV.", rep: repTomas,
		terms: "Penalty of 5% of ARR per month late after 30 June."},
	{pod: "Payments", customer: "Globex Corporation", deal: "Recurring billing", value: 420_000, newFeature: true, age: 5 * 24 * time.Hour,
		features: "A recurring billing API with proration.", rep: repJordan,
		action: data.ActApprove, comment: "Fits the Q1 billing work; SCIM stays out of scope."},
	{pod: "Payments", customer: "Globex Corporation", deal: "Payout schedules", value: 150_000, newFeature: true, age: 9 * 24 * time.Hour,
		features: "Custom weekly payout schedules per merchant.", rep: repJordan,
		action: data.ActApprove, delegate: "Marta Silva", comment: "Small change to the scheduler; Priya was on leave."},
	{pod: "Payments", customer: "Vandelay Industries", deal: "Import duties", value: 35_000, newFeature: true, age: 26 * time.Hour,
		features: "A duty-code field on invoices.", rep: repJordan},
	{pod: "Payments", customer: "Wayne Enterprises", deal: "Renewal 2027", value: 500_000, newFeature: false, age: 4 * 24 * time.Hour,
		features: "Nothing new: renewal on the current plan.", rep: repTomas},

	{pod: "Mobile App", customer: "Acme Retail", deal: "Field sales tablets", value: 130_000, newFeature: true, age: 3 * time.Hour,
		features: "Offline order capture that syncs when the tablet is back online.", rep: repAisha},
	{pod: "Mobile App", customer: "Pied Piper", deal: "Sales team seats", value: 75_000, newFeature: true, age: 22*time.Hour + 25*time.Minute,
		features: "Single sign-on with their Okta tenant in the app.", rep: repJordan},
	{pod: "Mobile App", customer: "Massive Dynamic", deal: "Global rollout", value: 200_000, newFeature: true, age: 6 * 24 * time.Hour,
		features: "Right-to-left layouts for Arabic and Hebrew.", rep: repTomas, action: data.ActApprove},
	{pod: "Mobile App", customer: "Tyrell Corporation", deal: "Expansion", value: 180_000, newFeature: true, age: 8 * 24 * time.Hour,
		features: "Barcode scanning of product labels.", rep: repAisha, action: data.ActApprove},
	{pod: "Mobile App", customer: "Oscorp", deal: "Pilot", value: 140_000, newFeature: true, age: 10 * 24 * time.Hour,
		features: "Visit notes by voice, transcribed on the device.", rep: repJordan, action: data.ActApprove},
	{pod: "Mobile App", customer: "Cyberdyne Systems", deal: "Robotics sales", value: 90_000, newFeature: true, age: 4 * 24 * time.Hour,
		features: "An Apple Watch companion app.", rep: repTomas, action: data.ActWithdraw, comment: "The customer dropped the requirement."},
	{pod: "Payments", customer: "Stark Logistics", deal: "Fleet cards", value: 120_000, newFeature: true, age: 12 * 24 * time.Hour,
		features: "Split payments across cost centres.", rep: repAisha, action: data.ActApprove},
	{pod: "Payments", customer: "Hooli", deal: "Enterprise licence", value: 300_000, newFeature: true, age: 3 * 24 * time.Hour,
		features: "An on-premises deployment of the payments gateway.", rep: repTomas,
		action: data.ActReject, comment: "We do not ship on-premises. Offer the EU data region, which meets their residency need."},
	{pod: "Payments", customer: "Soylent", deal: "Refund automation", value: 85_000, newFeature: true, age: 2 * 24 * time.Hour,
		features: "Webhooks for refunds, plus a contractual 99.99% uptime.", rep: repAisha,
		action: data.ActRequestChanges, comment: "Take the 99.99% uptime clause out; the refund webhooks alone we can commit for Q2."},
}

// fillDealDesk writes the sample requests and their decisions.
func fillDealDesk(ctx context.Context, s Store, now time.Time) error {
	pods, err := s.Pods(ctx)
	if err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, p := range pods {
		ids[p.Name] = p.ID
	}
	for _, d := range dealSpecs {
		r := data.DealRequest{PodID: ids[d.pod], Customer: d.customer, DealName: d.deal, Value: data.Dollars(d.value),
			CloseDate: data.DateOf(now).AddDays(30 + int(d.value/10_000)), RepName: d.rep.name, RepEmail: d.rep.email,
			Features: d.features, NeedsNewFeature: d.newFeature, Terms: d.terms, ReceivedAt: now.Add(-d.age)}
		r, err := s.CreateDealRequest(ctx, r)
		if err != nil {
			return fmt.Errorf("sample deal-desk request %s: %w", d.customer, err)
		}
		if d.action == "" {
			continue
		}
		if _, err := s.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: d.action,
			Delegate: d.delegate, Comment: d.comment}); err != nil {
			return fmt.Errorf("sample decision on %s: %w", d.customer, err)
		}
	}
	return nil
}
