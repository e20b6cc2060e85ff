package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"triad/data"
)

var _ data.DealRoadmapStore = (*DB)(nil)

// kindAgendaItem is the search index's kind for agenda items with notes or
// an outcome; rowid is id*16 + 2 (see 0006_links.sql).
const kindAgendaItem = "agenda_item"

// CreateRoadmapItemFromDeal saves it as a new item of the approved
// request's pod, its customer linked to the request, in one step.
func (s *DB) CreateRoadmapItemFromDeal(ctx context.Context, requestID int64, it data.RoadmapItem) (data.RoadmapItem, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r, err := getDealRequest(ctx, tx, requestID)
		if err != nil {
			return err
		}
		if err := r.CheckFeedsRoadmap(); err != nil {
			return err
		}
		it.ID, it.PodID = 0, r.PodID
		if !hasCustomer(it.Customers, r.Customer) {
			it.Customers = append([]string{data.CleanLine(r.Customer)}, it.Customers...)
		}
		saved, _, err := s.saveRoadmapItem(ctx, tx, it)
		if err != nil {
			return err
		}
		if err := linkSource(ctx, tx, r, saved.ID); err != nil {
			return err
		}
		it, err = getItem(ctx, tx, saved.ID)
		return err
	})
	if err != nil {
		return data.RoadmapItem{}, err
	}
	return it, nil
}

// LinkDealToRoadmapItem adds the approved request to an item of its pod:
// its customer becomes (or already is) a source, linked to the request.
func (s *DB) LinkDealToRoadmapItem(ctx context.Context, requestID, itemID int64) (data.RoadmapItem, error) {
	var it data.RoadmapItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		r, err := getDealRequest(ctx, tx, requestID)
		if err != nil {
			return err
		}
		if err := r.CheckFeedsRoadmap(); err != nil {
			return err
		}
		if it, err = getItem(ctx, tx, itemID); err != nil {
			return err
		}
		if it.PodID != r.PodID {
			return data.Conflictf("That roadmap item belongs to another pod than the request")
		}
		if !hasCustomer(it.Customers, r.Customer) {
			if len(it.Customers) >= data.MaxCustomersPerItem {
				return &data.ValidationError{Problems: []data.Problem{{Field: "customers",
					Message: "This item already lists as many customers as it can"}}}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO roadmap_item_sources (item_id, customer, position)
				VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM roadmap_item_sources WHERE item_id = ?))`,
				itemID, data.CleanLine(r.Customer), itemID); err != nil {
				return err
			}
		}
		if err := linkSource(ctx, tx, r, itemID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE roadmap_items SET updated_at = ? WHERE id = ?`, s.stamp(), itemID); err != nil {
			return err
		}
		it, err = getItem(ctx, tx, itemID)
		return err
	})
	if err != nil {
		return data.RoadmapItem{}, err
	}
	return it, nil
}

// linkSource points the item's row for r's customer at r. One customer is
// one source row of an item, so a second deal of the same customer on the
// same item is refused rather than silently replacing the first.
func linkSource(ctx context.Context, tx *sql.Tx, r data.DealRequest, itemID int64) error {
	var rowID int64
	var current sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT id, deal_request_id FROM roadmap_item_sources
		WHERE item_id = ? AND lower(customer) = lower(?)`, itemID, data.CleanLine(r.Customer)).Scan(&rowID, &current)
	if err != nil {
		return err
	}
	switch {
	case current.Valid && current.Int64 == r.ID:
		return nil
	case current.Valid:
		other, err := getDealRequest(ctx, tx, current.Int64)
		if err != nil {
			return err
		}
		return data.Conflictf("This item already lists %s from the deal %q", data.CleanLine(r.Customer), other.Summary())
	}
	_, err = tx.ExecContext(ctx, `UPDATE roadmap_item_sources SET deal_request_id = ? WHERE id = ?`, r.ID, rowID)
	return err
}

func hasCustomer(customers []string, name string) bool {
	key := strings.ToLower(data.CleanLine(name))
	for _, c := range customers {
		if strings.ToLower(data.CleanLine(c)) == key {
			return true
		}
	}
	return false
}

// DealRoadmapItems lists the roadmap items a request is a source of.
func (s *DB) DealRoadmapItems(ctx context.Context, requestID int64) ([]data.RoadmapItem, error) {
	var items []data.RoadmapItem
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		items, err = queryRoadmapItems(ctx, tx, `WHERE i.id IN (SELECT item_id FROM roadmap_item_sources WHERE deal_request_id = ?)
			ORDER BY i.target_year, i.target_quarter, i.title`, requestID)
		return err
	})
	return items, err
}

// CustomerRoadmapEffort attributes the pod's planned effort in window to
// the customers who asked for it.
func (s *DB) CustomerRoadmapEffort(ctx context.Context, podID int64, window data.QuarterRange) ([]data.CustomerEffort, error) {
	var efforts []data.CustomerEffort
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		// Every committed item, linked or not: shares are of the window's
		// whole planned effort.
		items, err := queryRoadmapItems(ctx, tx, `WHERE i.pod_id = ? AND i.status IN ('planned', 'in_progress')`, podID)
		if err != nil {
			return err
		}
		efforts = data.CustomerConcentration(items, window)
		return nil
	})
	return efforts, err
}

// triggerLinks are the links checked by triggers instead of foreign keys
// (columns that predate their target table), child table -> parent tables.
var triggerLinks = map[string][]string{
	"decisions":        {"agenda_items"},
	"decision_actions": {"action_items"},
}

var _ data.AgendaSearchStore = (*DB)(nil)

// SearchAgenda searches the pod's agenda notes and outcomes, best first
// (see Search); agenda rows are the ones with rowid & 15 = 2.
func (s *DB) SearchAgenda(ctx context.Context, podID int64, text string, limit int) ([]data.SearchHit, error) {
	return s.search(ctx, podID, text, limit, 0, rowAgendaItem)
}
