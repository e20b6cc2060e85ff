package demo

import (
	"context"
	"fmt"
	"time"

	"triad/data"
)

// fillDealLinks puts Payments' approved Globex billing deal on the roadmap
// and links the approved payout-schedules deal to the payouts item, so the
// deal desk's warning names Globex's share of the roadmap effort too.
func fillDealLinks(ctx context.Context, s Store, now time.Time) error {
	pods, err := s.Pods(ctx)
	if err != nil {
		return err
	}
	for _, p := range pods {
		if p.Name != "Payments" {
			continue
		}
		reqs, err := s.DealRequests(ctx, data.DealFilter{PodID: p.ID, States: []data.DealState{data.DealApproved}})
		if err != nil {
			return err
		}
		rm, err := s.Roadmap(ctx, p.ID)
		if err != nil {
			return err
		}
		for _, r := range reqs {
			switch r.DealName {
			case "Recurring billing":
				it := data.RoadmapItemFromDeal(r, data.DateOf(now))
				it.Title = "Recurring billing API with proration"
				effort := data.Effort(90)
				it.Effort, it.Status = &effort, data.StatusPlanned
				if _, err := s.CreateRoadmapItemFromDeal(ctx, r.ID, it); err != nil {
					return fmt.Errorf("sample roadmap item from %s: %w", r.Summary(), err)
				}
			case "Payout schedules":
				for _, it := range rm.Items {
					if it.Title == "Multi-currency payouts" {
						if _, err := s.LinkDealToRoadmapItem(ctx, r.ID, it.ID); err != nil {
							return fmt.Errorf("sample link of %s: %w", r.Summary(), err)
						}
					}
				}
			}
		}
	}
	return nil
}
