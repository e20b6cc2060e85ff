package data

import (
	"context"
	"sort"
	"strings"
)

// DealSource is a deal request a roadmap item came from: the customer on
// the item is that request's account.
type DealSource struct {
	RequestID int64
	Customer  string
	DealName  string
	Value     Money // the deal's ARR
	State     DealState
}

// Label is "Globex — Globex renewal" for a roadmap item's source line.
func (d DealSource) Label() string {
	if d.DealName == "" {
		return shortText(d.Customer, 80)
	}
	return shortText(d.Customer+" — "+d.DealName, 80)
}

// CheckFeedsRoadmap says whether r may create or link a roadmap item: only
// an approved request is a promise the roadmap has to keep.
func (r DealRequest) CheckFeedsRoadmap() error {
	if r.State != DealApproved {
		return &ValidationError{Problems: []Problem{{Field: "state",
			Message: "Only an approved request can go on the roadmap; this one is " + strings.ToLower(r.State.Label())}}}
	}
	return nil
}

// RoadmapItemFromDeal is the item an approved request proposes: a feature
// named after what the customer wants, in the pod's next quarter, with the
// request's customer as its source. The facilitator edits it before saving.
func RoadmapItemFromDeal(r DealRequest, today Date) RoadmapItem {
	// "Split payments across cost centres." reads as a sentence; a title has no full stop.
	title := strings.TrimRight(CleanLine(r.Features), ". ")
	if title == "" {
		title = r.Summary()
	}
	return RoadmapItem{
		PodID:       r.PodID,
		Title:       shortText(title, 120),
		Kind:        KindFeature,
		Target:      QuarterOf(today).Next(),
		Status:      StatusProposed,
		Customers:   []string{CleanLine(r.Customer)},
		ExpectedARR: r.Value,
	}
}

// SalesDrivenWarning is the deal desk's guard against one customer writing
// the roadmap: that customer's share of the pod's committed ARR and of the
// planned roadmap effort, named together.
type SalesDrivenWarning struct {
	Customer    string
	ARR         Money   // the customer's committed ARR
	ARRShare    Percent // of the pod's committed ARR
	Effort      Effort  // planned effort on items the customer asked for
	EffortShare Percent // of the planning window's estimated effort
	Items       int     // committed roadmap items the customer asked for
}

// SalesDrivenWarnings joins the ARR concentration of reqs with the roadmap
// effort per customer (CustomerConcentration) and returns every customer
// above limit on either measure, the most concentrated first. Customers
// are matched ignoring case and spacing, as Concentration does.
func SalesDrivenWarnings(reqs []DealRequest, efforts []CustomerEffort, limit Percent) []SalesDrivenWarning {
	_, shares := Concentration(reqs)
	byKey := map[string]*SalesDrivenWarning{}
	var order []string
	get := func(name string) *SalesDrivenWarning {
		key := strings.ToLower(CleanLine(name))
		w, ok := byKey[key]
		if !ok {
			w = &SalesDrivenWarning{Customer: CleanLine(name)}
			byKey[key] = w
			order = append(order, key)
		}
		return w
	}
	for _, s := range shares {
		w := get(s.Customer)
		w.ARR, w.ARRShare = s.ARR, s.Share
	}
	for _, e := range efforts {
		w := get(e.Customer)
		w.Effort += e.Effort
		w.EffortShare += e.Share
		w.Items += e.Items
	}
	var out []SalesDrivenWarning
	for _, key := range order {
		if w := byKey[key]; w.ARRShare > limit || w.EffortShare > limit {
			out = append(out, *w)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		mi, mj := max(out[i].ARRShare, out[i].EffortShare), max(out[j].ARRShare, out[j].EffortShare)
		if mi != mj {
			return mi > mj
		}
		return out[i].Customer < out[j].Customer
	})
	return out
}

// DealRoadmapStore links approved deal requests to the roadmap.
type DealRoadmapStore interface {
	// CreateRoadmapItemFromDeal saves it as a new item of the request's pod,
	// with the request's customer as a source linked to the request.
	CreateRoadmapItemFromDeal(ctx context.Context, requestID int64, it RoadmapItem) (RoadmapItem, error)
	// LinkDealToRoadmapItem adds the request (and its customer) to the
	// sources of an existing item of the same pod.
	LinkDealToRoadmapItem(ctx context.Context, requestID, itemID int64) (RoadmapItem, error)
	// DealRoadmapItems lists the items a request is a source of.
	DealRoadmapItems(ctx context.Context, requestID int64) ([]RoadmapItem, error)
	// CustomerRoadmapEffort is CustomerConcentration over the pod's items.
	CustomerRoadmapEffort(ctx context.Context, podID int64, window QuarterRange) ([]CustomerEffort, error)
}

// AgendaSearchStore searches a pod's agenda notes and outcomes.
type AgendaSearchStore interface {
	// SearchAgenda returns the pod's agenda items whose title, notes or
	// outcome match text, most recently created first, with the meeting's
	// day and the matched words marked.
	SearchAgenda(ctx context.Context, podID int64, text string, limit int) ([]SearchHit, error)
}

// DealsLine is "From deals: Globex — Renewal 2027, Acme — Pilot", or "" for
// an item no deal request feeds.
func (it RoadmapItem) DealsLine() string {
	if len(it.Deals) == 0 {
		return ""
	}
	labels := make([]string, len(it.Deals))
	for i, d := range it.Deals {
		labels[i] = d.Label()
	}
	if len(labels) == 1 {
		return "From the deal " + labels[0]
	}
	return "From the deals " + strings.Join(labels, ", ")
}
