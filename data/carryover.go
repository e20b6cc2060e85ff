package data

import "strings"

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

// CarriesOver reports whether an item of a closed meeting comes back at
// the next one: never reached, or marked "carry over". Standing items are
// not carried: every meeting generates its own.
func (it AgendaItem) CarriesOver() bool {
	return it.Standing == StandingNone && (!it.Reached() || it.CarryOver)
}

// LastWeekPrefix starts the notes a carried item brings along.
const LastWeekPrefix = "last week: "

// lastWeekNotes labels notes carried from the previous meeting. An item
// carried twice keeps one label, not "last week: last week: …".
func lastWeekNotes(notes string) string {
	n := strings.TrimSpace(notes)
	for strings.HasPrefix(strings.ToLower(n), LastWeekPrefix) {
		n = strings.TrimSpace(n[len(LastWeekPrefix):])
	}
	if n == "" {
		return ""
	}
	return LastWeekPrefix + n
}

// CarryOver selects the items of the previous meeting that come back (see
// CarriesOver). Each copy keeps its title, kind, timebox, presenter and
// Triad answers, brings its notes as "last week: …", and remembers where
// it first came from (an item carried twice keeps the first date).
// Presenter and answerers are attendees of the old meeting; the store maps
// them to the new meeting's attendees.
func CarryOver(prev Meeting, items []AgendaItem) []AgendaItem {
	var out []AgendaItem
	for _, it := range items {
		if !it.CarriesOver() {
			continue
		}
		c := AgendaItem{
			Title:          it.Title,
			Kind:           it.Kind,
			PlannedMinutes: it.PlannedMinutes,
			PresenterID:    it.PresenterID,
			Notes:          lastWeekNotes(it.Notes),
			Answers:        it.Answers,
			CarriedFrom:    prev.Date,
			CarriedFromID:  it.ID,
		}
		if !it.CarriedFrom.IsZero() {
			c.CarriedFrom = it.CarriedFrom
		}
		out = append(out, c)
	}
	return out
}

// RecarryPlan is how a draft's agenda changes when the meeting before it
// closes (again).
type RecarryPlan struct {
	Add      []AgendaItem // carried now and not on the draft yet
	Retarget []AgendaItem // on the draft already: now carried from the closed meeting's copy
	Remove   []int64      // carried earlier, dealt with since, never edited
}

// Recarry works out the carry-over into a draft after prev closed. draft
// is the draft's agenda, prevItems the closed meeting's, and origin maps an
// item id to the first item of its carry chain (the item it was copied
// from, and so on), so that one topic carried week after week is one
// topic. The rules:
//   - an item already on the draft is never carried a second time;
//   - an item the facilitator added (not carried) is never touched;
//   - a carried item someone edited is kept as it is;
//   - an unedited carried item is removed only when prev had the same
//     topic and did not carry it on (it was dealt with); one prev never
//     had is kept, so nothing unreached is lost.
func Recarry(prev Meeting, prevItems, draft []AgendaItem, origin func(id int64) int64) RecarryPlan {
	var plan RecarryPlan
	fresh := CarryOver(prev, prevItems)
	carried := map[int64]bool{}
	for _, c := range fresh {
		carried[origin(c.CarriedFromID)] = true
	}
	onPrev := map[int64]bool{}
	for _, it := range prevItems {
		onPrev[origin(it.ID)] = true
	}
	have := map[int64]AgendaItem{}
	for _, it := range draft {
		if it.CarriedFromID == 0 || it.Standing != StandingNone {
			continue
		}
		key := origin(it.CarriedFromID)
		if _, dup := have[key]; dup {
			// Carried twice before this rule existed: one copy is enough,
			// unless someone typed into it.
			if !it.Edited {
				plan.Remove = append(plan.Remove, it.ID)
			}
			continue
		}
		have[key] = it
		if !carried[key] && onPrev[key] && !it.Edited {
			plan.Remove = append(plan.Remove, it.ID)
		}
	}
	for _, c := range fresh {
		key := origin(c.CarriedFromID)
		it, ok := have[key]
		switch {
		case !ok:
			plan.Add = append(plan.Add, c)
		case it.Edited:
			// Keep what was typed; only point it at the newest copy so the
			// chain stays whole.
			it.CarriedFromID = c.CarriedFromID
			plan.Retarget = append(plan.Retarget, it)
		default:
			c.ID, c.MeetingID, c.Position = it.ID, it.MeetingID, it.Position
			plan.Retarget = append(plan.Retarget, c)
		}
	}
	return plan
}

// NewAgenda is the agenda a new meeting of a pod without a template of
// its own opens with: the standing items and then the carried-over ones.
func NewAgenda(carried []AgendaItem) []AgendaItem {
	return NewAgendaFrom(DefaultTemplate(0), carried)
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
