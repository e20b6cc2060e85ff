// Package demo fills a database with a believable product company: pods
// with real-sounding people and a few weeks of Triad meetings, so a new user
// can see everything Triad does in one click. It uses the store interfaces
// only, so it runs the same validation a person's input does.
package demo

import (
	"context"
	"fmt"
	"time"

	"triad/data"
)

// Store is what the sample data is written through.
type Store interface {
	data.PodStore
	data.MeetingStore
	data.DealDeskStore
	data.RoadmapStore
	data.DecisionStore
	data.MeetingRunStore
	data.DealRoadmapStore
}

// ErrNotEmpty is returned when the database already holds pods.
var ErrNotEmpty = data.KindError(data.ErrConflict, "the database already has pods; sample data only goes into a new, empty database")

type person struct{ name, email string }

type podSpec struct {
	name, description string
	day               time.Weekday
	at                data.ClockTime
	leaders           [3]person
	delegates         []string // may sign deal-desk requests for the Tech Lead
}

var pods = []podSpec{
	{
		name:        "Payments",
		description: "Checkout, invoicing and payouts for mid-market merchants.",
		day:         time.Thursday, at: 10 * 60,
		leaders: [3]person{
			{"Priya Raman", "priya.raman@northwind.example"},
			{"Daniel Okafor", "daniel.okafor@northwind.example"},
			{"Sofia Lindqvist", "sofia.lindqvist@northwind.example"},
		},
		delegates: []string{"Marta Silva"},
	},
	{
		name:        "Mobile App",
		description: "The iOS and Android field-sales app.",
		day:         time.Tuesday, at: 14*60 + 30,
		leaders: [3]person{
			{"Kenji Watanabe", "kenji.watanabe@northwind.example"},
			{"Amara Mensah", "amara.mensah@northwind.example"},
			{"Łukasz Nowak", "lukasz.nowak@northwind.example"},
		},
	},
}

// Fill writes the sample pods and their recent meetings. now anchors the
// dates so "a few weeks of meetings" ends this week.
func Fill(ctx context.Context, s Store, now time.Time) error {
	existing, err := s.Pods(ctx)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return ErrNotEmpty
	}
	today := data.DateOf(now)
	for _, spec := range pods {
		p := data.NewPod()
		p.Name, p.Description = spec.name, spec.description
		p.MeetingDay, p.MeetingTime = spec.day, spec.at
		p.Delegates = spec.delegates
		for i, l := range spec.leaders {
			p.Leaders[i].Name, p.Leaders[i].Email = l.name, l.email
		}
		p, err := s.CreatePod(ctx, p)
		if err != nil {
			return fmt.Errorf("sample pod %s: %w", spec.name, err)
		}
		// Four past weekly meetings and the next one.
		next := data.NextMeetingDate(spec.day, today, nil)
		for week := 4; week >= 0; week-- {
			if _, err := s.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: next.AddDays(-7 * week)}); err != nil {
				return fmt.Errorf("sample meeting for %s: %w", spec.name, err)
			}
		}
		if err := fillRoadmap(ctx, s, p, today); err != nil {
			return fmt.Errorf("sample roadmap for %s: %w", spec.name, err)
		}
		if err := fillDecisions(ctx, s, p, today); err != nil {
			return fmt.Errorf("sample decisions for %s: %w", spec.name, err)
		}
	}
	// The deal desk comes before the meetings are held and closed: a
	// closed meeting's minutes show the desk as it stood at close, so the
	// requests received before it must be in the database by then.
	if err := fillDealDesk(ctx, s, now); err != nil {
		return err
	}
	pods, err := s.Pods(ctx)
	if err != nil {
		return err
	}
	for _, p := range pods {
		if err := fillMeetings(ctx, s, p, now); err != nil {
			return fmt.Errorf("sample meetings for %s: %w", p.Name, err)
		}
	}
	return fillDealLinks(ctx, s, now)
}
