package demo

import (
	"context"
	"fmt"
	"sort"

	"triad/data"
)

// roadmapItemSpec is a sample roadmap item and its short history: it
// appears before the snapshot of week `from` (0 is the oldest of the four
// past meetings) and, when dropAt > 0, is dropped before that week's.
type roadmapItemSpec struct {
	title     string
	kind      data.RoadmapKind
	sub       data.MaintenanceKind
	effort    data.Effort // tenths; 0 is not estimated
	quarter   int         // 0: this quarter, 1: next
	status    data.ItemStatus
	customers []string
	expected  data.Money
	from      int
	dropAt    int
}

// shippedSpec is a shipped feature with its realized ARR, entries dated
// days before today.
type shippedSpec struct {
	title     string
	effort    data.Effort
	shipped   int // days ago
	goal      data.Money
	customers []string
	entries   []struct {
		daysAgo int
		amount  data.Money
		note    string
	}
}

type answer struct {
	response data.DebtResponse
	comment  string
}

type roadmapSpec struct {
	unit    data.EffortUnit
	items   []roadmapItemSpec
	shipped []shippedSpec
	answers [4]answer // the PMM's answer to each past snapshot; the last is left open
}

type entry = struct {
	daysAgo int
	amount  data.Money
	note    string
}

// Payments ends close to its quota, Mobile App well off it.
var roadmaps = map[string]roadmapSpec{
	"Payments": {
		unit: data.UnitPoints,
		items: []roadmapItemSpec{
			{title: "Apple Pay and Google Pay at checkout", kind: data.KindFeature, effort: 130, status: data.StatusInProgress, customers: []string{"Bluewater Retail"}, expected: data.Dollars(400_000)},
			{title: "Multi-currency payouts", kind: data.KindFeature, effort: 210, quarter: 1, status: data.StatusPlanned, customers: []string{"Kestrel Logistics", "Bluewater Retail"}, expected: data.Dollars(650_000)},
			{title: "Invoice reminders by SMS", kind: data.KindFeature, effort: 80, status: data.StatusPlanned, customers: []string{"Hollis & Grant"}, expected: data.Dollars(120_000)},
			{title: "Partial refunds from the dashboard", kind: data.KindFeature, effort: 50, quarter: 1, status: data.StatusPlanned},
			{title: "Saved cards for repeat buyers", kind: data.KindFeature, effort: 80, quarter: 1, status: data.StatusPlanned, customers: []string{"Kestrel Logistics"}, dropAt: 2},
			{title: "Usage-based billing", kind: data.KindFeature, quarter: 1, status: data.StatusPlanned, customers: []string{"Kestrel Logistics"}, from: 3},
			{title: "Upgrade to Go 1.26 and Postgres 17", kind: data.KindMaintenance, sub: data.MaintUpgrades, effort: 50, status: data.StatusInProgress},
			{title: "Retry storm in webhook delivery", kind: data.KindMaintenance, sub: data.MaintReliability, effort: 30, status: data.StatusPlanned, from: 1},
			{title: "Flaky settlement reconciliation tests", kind: data.KindMaintenance, sub: data.MaintBugs, effort: 20, quarter: 1, status: data.StatusPlanned, from: 3},
			{title: "Fraud rules engine v2", kind: data.KindFeature, effort: 130, quarter: 2, status: data.StatusProposed, customers: []string{"Hollis & Grant"}},
		},
		shipped: []shippedSpec{
			{title: "Instant payouts", effort: 210, shipped: 230, customers: []string{"Kestrel Logistics"}, entries: []entry{
				{200, data.Dollars(180_000), "Kestrel Logistics, annual plan"},
				{160, data.Dollars(240_000), "Twelve mid-market merchants"},
				{120, data.Dollars(210_000), "Hollis & Grant upgrade"},
				{75, data.Dollars(260_000), "Q3 self-serve signups"},
				{40, data.Dollars(70_000), "Bluewater Retail pilot"},
				{12, data.Dollars(180_000), "Bluewater Retail, full rollout"},
			}},
			{title: "Dunning emails", effort: 80, shipped: 120, goal: data.Dollars(500_000), entries: []entry{
				{100, data.Dollars(90_000), "Recovered churn, first month"},
				{60, data.Dollars(110_000), "Recovered churn, Q3"},
				{25, data.Dollars(60_000), "Recovered churn, October"},
			}},
		},
		answers: [4]answer{
			{data.ResponseDisputed, "Multi-currency payouts close the Kestrel renewal; maintenance catches up after it."},
			{data.ResponseAccepted, ""},
			{data.ResponseAccepted, ""},
		},
	},
	"Mobile App": {
		unit: data.UnitPersonWeeks,
		items: []roadmapItemSpec{
			{title: "Offline order capture", kind: data.KindFeature, effort: 60, status: data.StatusInProgress, customers: []string{"Pacific Beverage Co."}, expected: data.Dollars(300_000)},
			{title: "Route planning for reps", kind: data.KindFeature, effort: 40, quarter: 1, status: data.StatusPlanned, customers: []string{"Pacific Beverage Co.", "Alpine Outfitters"}, expected: data.Dollars(220_000)},
			{title: "Barcode scanning", kind: data.KindFeature, effort: 30, status: data.StatusPlanned, customers: []string{"Alpine Outfitters"}},
			{title: "Dark mode", kind: data.KindFeature, effort: 15, quarter: 1, status: data.StatusPlanned, from: 1},
			{title: "Crash when the camera opens on Android 15", kind: data.KindMaintenance, sub: data.MaintBugs, effort: 10, status: data.StatusInProgress},
			{title: "Upgrade React Native to 0.76", kind: data.KindMaintenance, sub: data.MaintUpgrades, effort: 10, quarter: 1, status: data.StatusPlanned, dropAt: 2},
		},
		shipped: []shippedSpec{
			{title: "Push notifications for order status", effort: 30, shipped: 150, entries: []entry{
				{130, data.Dollars(140_000), "Pacific Beverage Co."},
				{70, data.Dollars(180_000), "Alpine Outfitters"},
				{20, data.Dollars(100_000), "Six regional distributors"},
			}},
		},
		answers: [4]answer{
			{data.ResponseAccepted, ""},
			{data.ResponseAccepted, ""},
			{data.ResponseDisputed, "Offline capture is promised to Pacific Beverage for January; the upgrade can wait a quarter."},
		},
	},
}

// fillRoadmap gives a sample pod its roadmap, replayed week by week so each
// past meeting holds the debt-check snapshot of its week, and its shipped
// features with the ARR they brought.
func fillRoadmap(ctx context.Context, s Store, pod data.Pod, today data.Date) error {
	spec, ok := roadmaps[pod.Name]
	if !ok {
		return nil
	}
	if err := s.SetEffortUnit(ctx, pod.ID, spec.unit); err != nil {
		return err
	}
	meetings, err := s.Meetings(ctx, pod.ID)
	if err != nil {
		return err
	}
	sort.Slice(meetings, func(i, j int) bool { return meetings[i].Date.Before(meetings[j].Date) })
	var past []data.Meeting
	for _, m := range meetings {
		if m.Date.Before(today) {
			past = append(past, m)
		}
	}
	if len(past) > 4 {
		past = past[len(past)-4:]
	}

	for _, sh := range spec.shipped {
		if err := addShipped(ctx, s, pod, today, sh); err != nil {
			return err
		}
	}
	saved := make([]data.RoadmapItem, len(spec.items))
	for week := 0; week < 4; week++ {
		q := data.QuarterOf(today)
		if week < len(past) {
			q = data.QuarterOf(past[week].Date)
		}
		for i, is := range spec.items {
			switch {
			case is.from == week:
				it := data.RoadmapItem{PodID: pod.ID, Title: is.title, Kind: is.kind, Subkind: is.sub,
					Target: q.Add(is.quarter), Status: is.status, Customers: is.customers, ExpectedARR: is.expected}
				if is.effort > 0 {
					e := is.effort
					it.Effort = &e
				}
				if saved[i], _, err = s.SaveRoadmapItem(ctx, it); err != nil {
					return fmt.Errorf("sample roadmap item %q: %w", is.title, err)
				}
			case is.dropAt > 0 && is.dropAt == week:
				saved[i].Status = data.StatusDropped
				if saved[i], _, err = s.SaveRoadmapItem(ctx, saved[i]); err != nil {
					return err
				}
			}
		}
		if week >= len(past) {
			continue
		}
		snap, err := s.RecordDebtSnapshot(ctx, past[week].ID, data.DefaultPlanningWindow(past[week].Date))
		if err != nil {
			return fmt.Errorf("sample snapshot: %w", err)
		}
		if a := spec.answers[week]; a.response != "" {
			if _, err := s.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: a.response, Comment: a.comment}); err != nil {
				return err
			}
		}
	}
	return nil
}

func addShipped(ctx context.Context, s Store, pod data.Pod, today data.Date, sh shippedSpec) error {
	shipped := today.AddDays(-sh.shipped)
	e := sh.effort
	it := data.RoadmapItem{PodID: pod.ID, Title: sh.title, Kind: data.KindFeature, Effort: &e,
		Target: data.QuarterOf(shipped), Status: data.StatusShipped, ShippedOn: shipped, Customers: sh.customers}
	if sh.goal > 0 {
		g := sh.goal
		it.GoalOverride = &g
	}
	it, _, err := s.SaveRoadmapItem(ctx, it)
	if err != nil {
		return fmt.Errorf("sample shipped feature %q: %w", sh.title, err)
	}
	for _, en := range sh.entries {
		if _, _, err := s.AddARREntry(ctx, data.ARREntry{ItemID: it.ID, Date: today.AddDays(-en.daysAgo), Amount: en.amount, Note: en.note}); err != nil {
			return fmt.Errorf("sample ARR for %q: %w", sh.title, err)
		}
	}
	return nil
}
