package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Reference is the request's reference in mail subjects, "DD-12", so a
// reply can be matched to the request by eye.
func (r DealRequest) Reference() string { return "DD-" + strconv.FormatInt(r.ID, 10) }

// ApprovalEffect is what approving a request would do to its pod, for the
// Tech Lead deciding it: the customer's share of committed ARR before and
// after (against the pod's warning level), and the roadmap debt check the
// promised feature would join.
type ApprovalEffect struct {
	Customer          string
	Currency          string
	ShareNow, ShareIf Percent // the customer's share of the pod's committed ARR
	ARRIf, TotalIf    Money   // the customer's and the pod's committed ARR if approved
	Limit             Percent // the pod's concentration warning level
	// Warning is the sales-driven-development guard as it would read after
	// approving; nil when the customer stays under the limit on both
	// measures.
	Warning *SalesDrivenWarning

	Debt   DebtCheck // the debt check of the planning window as it stands
	Target Quarter   // where the promised feature would go (RoadmapItemFromDeal)
	// Headroom is how much feature effort the promised feature can take
	// before the check falls below the quota; meaningful only when the
	// check is on target.
	Headroom Effort
}

// EffectOfApproving works out ApprovalEffect for h's request on today.
func EffectOfApproving(h DealHandoff, today Date) ApprovalEffect {
	r := h.Request
	st := h.Roadmap.Settings
	e := ApprovalEffect{Customer: CleanLine(r.Customer), Currency: st.Currency, Limit: st.ConcentrationLimit}
	key := strings.ToLower(CleanLine(r.Customer))
	share := func(reqs []DealRequest) (Percent, Money, Money) {
		total, shares := Concentration(reqs)
		for _, s := range shares {
			if strings.ToLower(s.Customer) == key {
				return s.Share, s.ARR, total
			}
		}
		return 0, 0, total
	}
	e.ShareNow, _, _ = share(h.Requests)
	after := make([]DealRequest, 0, len(h.Requests)+1)
	found := false
	for _, o := range h.Requests {
		if o.ID == r.ID {
			o.State, found = DealApproved, true
		}
		after = append(after, o)
	}
	if !found {
		r.State = DealApproved
		after = append(after, r)
	}
	e.ShareIf, e.ARRIf, e.TotalIf = share(after)

	window := DefaultPlanningWindow(today)
	efforts := CustomerConcentration(h.Roadmap.Items, window)
	for _, w := range SalesDrivenWarnings(after, efforts, st.ConcentrationLimit) {
		if strings.ToLower(w.Customer) == key {
			w := w
			e.Warning = &w
		}
	}
	e.Debt = CheckDebt(h.Roadmap.Items, window, st.MaintenanceQuota, h.Roadmap.Unit)
	e.Target = RoadmapItemFromDeal(r, today).Target
	if e.Debt.Band == BandOnTarget && e.Debt.Quota > 0 {
		// m/(t+x) >= q  <=>  x <= m/q - t, in tenths of a unit.
		m, t, q := int64(e.Debt.Maintenance), int64(e.Debt.Total), int64(e.Debt.Quota)
		e.Headroom = Effort(max(m*10000/q-t, 0))
	}
	return e
}

// ConcentrationText is the concentration half in a sentence.
func (e ApprovalEffect) ConcentrationText() string {
	s := fmt.Sprintf("Approving takes %s from %s to %s of the pod's committed ARR (%s of %s)",
		e.Customer, e.ShareNow.Format(), e.ShareIf.Format(), e.ARRIf.Short(e.Currency), e.TotalIf.Short(e.Currency))
	if e.Warning == nil {
		return s + fmt.Sprintf(", within the %s warning level.", e.Limit.Format())
	}
	s += fmt.Sprintf(": above the %s warning level", e.Limit.Format())
	if e.Warning.Items > 0 {
		s += fmt.Sprintf(", with %s of the planned roadmap effort already asked for by %s", e.Warning.EffortShare.Format(), e.Customer)
	}
	return s + ". Is one customer writing the roadmap?"
}

// DebtText is the debt-check half: where the check stands and how much the
// promised feature may weigh before it falls below the quota.
func (e ApprovalEffect) DebtText() string {
	c := e.Debt
	where := fmt.Sprintf("The feature would go on the roadmap for %s", e.Target)
	if c.Window.Contains(e.Target) {
		where += ", inside the planning window " + c.Window.String()
	}
	switch {
	case c.Band == BandNoPlan:
		return where + ". " + c.Headline() + ": the debt check has nothing to weigh it against yet."
	case c.Band != BandOnTarget:
		return where + ". " + c.Headline() + " (" + strings.ToLower(c.Band.Label()) + "): more feature work lowers the share further. " + c.Advice()
	case e.Headroom == 0:
		return where + ". " + c.Headline() + ": any feature effort takes it below the quota."
	}
	return fmt.Sprintf("%s. %s: the check stays on target if the feature takes at most %s.", where, c.Headline(), e.Headroom.Format(c.Unit))
}
