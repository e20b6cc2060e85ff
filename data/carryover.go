package data

// StandingItem describes one item every meeting opens with.
type StandingItem struct {
	Kind     StandingKind
	Title    string
	ItemKind ItemKind
	Minutes  int
}

// StandingItems are generated, in this order, at the top of every new
// meeting's agenda. Each shows live content from the pod's state (see the
// meeting screen's standing panels); removing one affects that meeting only.
var StandingItems = []StandingItem{
	{StandingDealDesk, "Deal desk", KindDealDesk, 10},
	{StandingRoadmapDebt, "Roadmap debt check", KindRoadmap, 10},
	{StandingOpenDecisions, "Open decisions", KindDecision, 5},
	{StandingActionReview, "Action items review", KindInfo, 5},
}

// CarryOver selects the items of the previous meeting that come back: the
// ones never reached and the ones marked "carry over". Standing items are
// not carried: the new meeting generates its own. Each copy keeps its
// title, kind, timebox and Triad answers, and remembers where it first
// came from (an item carried twice keeps the first date).
func CarryOver(prev Meeting, items []AgendaItem) []AgendaItem {
	var out []AgendaItem
	for _, it := range items {
		if it.Standing != StandingNone || (it.Reached() && !it.CarryOver) {
			continue
		}
		c := AgendaItem{
			Title:          it.Title,
			Kind:           it.Kind,
			PlannedMinutes: it.PlannedMinutes,
			Answers:        it.Answers,
			CarriedFrom:    prev.Date,
			CarriedFromID:  it.ID,
		}
		if !it.CarriedFrom.IsZero() {
			c.CarriedFrom = it.CarriedFrom
		}
		// Who answered was an attendee of the old meeting; the new meeting
		// has its own attendees, so the store maps them by seat.
		out = append(out, c)
	}
	return out
}

// NewAgenda is the agenda a new meeting opens with: the standing items and
// then the carried-over ones, positioned in that order.
func NewAgenda(carried []AgendaItem) []AgendaItem {
	var out []AgendaItem
	for _, s := range StandingItems {
		out = append(out, AgendaItem{Title: s.Title, Kind: s.ItemKind, PlannedMinutes: s.Minutes, Standing: s.Kind})
	}
	out = append(out, carried...)
	for i := range out {
		out[i].Position = i
	}
	return out
}

// PreviousMeeting picks the meeting whose agenda carries into m: the latest
// closed meeting of the pod before m's date. A draft that never ran is
// skipped; its items stay where they are.
func PreviousMeeting(m Meeting, all []Meeting) (Meeting, bool) {
	var best Meeting
	found := false
	for _, o := range all {
		if o.ID == m.ID || o.PodID != m.PodID || o.Status != MeetingClosed || !o.Date.Before(m.Date) {
			continue
		}
		if !found || o.Date.After(best.Date) {
			best, found = o, true
		}
	}
	return best, found
}
