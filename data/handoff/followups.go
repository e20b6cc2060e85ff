package handoff

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"triad/data"
	"triad/data/minutes"
	"triad/data/textout"
)

// FollowUpOptions are the follow-ups' outside inputs.
type FollowUpOptions struct {
	// Now is the clock (the minutes of a closed meeting do not need it).
	Now func() time.Time
	// SkipUnreachable leaves out the mail of someone Triad has no usable
	// address for, instead of refusing them all; FollowUps lists them.
	SkipUnreachable bool
}

// FollowUps are the mails a closed meeting offers beside its minutes:
// one to each action owner with their items (new, carried over, overdue)
// and due dates; one to each leader who was absent with the decisions
// awaiting their commitment; one to each rep whose request was decided
// since the last meeting, with the outcome and the reason. Addresses come
// from the pod as it is now (a leader's fixed in the pod form), then from
// the meeting's attendance. skipped lists who was left out under
// SkipUnreachable.
func FollowUps(rec data.HandoffRecord, opt FollowUpOptions) (mails []Mail, skipped []data.Recipient, err error) {
	run := rec.Minutes.Run
	meeting := run.Meeting
	if meeting.Status != data.MeetingClosed {
		return nil, nil, data.Conflictf("The meeting of %s is %s: its follow-ups go out once it is closed",
			meeting.Date.Long(), strings.ToLower(meeting.Status.Label()))
	}
	m := minutes.FromRecord(rec.Minutes, minutes.Options{Now: opt.Now})
	from := facilitator(rec.Pod)
	book := addressBook(rec)
	title := data.CleanLine(m.Pod) + " Triad meeting, " + m.Date.Long()

	mails = append(mails, actionMails(rec, m, book, from, title)...)
	mails = append(mails, commitmentMails(rec, from, title)...)
	mails = append(mails, dealMails(rec, from, title)...)
	for i := range mails {
		mails[i].Pod, mails[i].Date = m.Pod, m.Date
	}
	if !opt.SkipUnreachable {
		return mails, nil, nil
	}
	var kept []Mail
	seen := map[string]bool{}
	for _, ml := range mails {
		if err := data.CheckRecipients(ml.To); err != nil {
			for _, r := range ml.To {
				if key := strings.ToLower(data.CleanLine(r.Name) + "\x00" + r.Email); !seen[key] {
					seen[key] = true
					skipped = append(skipped, r)
				}
			}
			continue
		}
		kept = append(kept, ml)
	}
	return kept, skipped, nil
}

// addressBook maps a lower-cased name to the person's address: the pod's
// leaders as they are now first, then the meeting's attendees.
func addressBook(rec data.HandoffRecord) map[string]data.Recipient {
	book := map[string]data.Recipient{}
	add := func(r data.Recipient) {
		key := strings.ToLower(data.CleanLine(r.Name))
		if old, ok := book[key]; key == "" || (ok && strings.TrimSpace(old.Email) != "") {
			return
		}
		book[key] = r
	}
	for _, l := range rec.Pod.Leaders {
		add(leader(l))
	}
	for _, a := range rec.Minutes.Run.Attendees {
		role := a.Role.Title()
		if a.IsGuest() {
			role = a.GuestRole
		}
		add(data.Recipient{Name: a.Name, Role: role, Email: a.Email})
	}
	return book
}

func actionMails(rec data.HandoffRecord, m minutes.Minutes, book map[string]data.Recipient, from *data.Recipient, title string) []Mail {
	type owned struct {
		who                 data.Recipient
		fresh, carried, due []minutes.ActionItem
	}
	byOwner := map[string]*owned{}
	var order []string
	get := func(it minutes.ActionItem) *owned {
		who := ownerOf(rec, book, it)
		key := strings.ToLower(strings.TrimSpace(who.Email))
		if key == "" {
			key = "\x00" + strings.ToLower(data.CleanLine(who.Name))
		}
		o, ok := byOwner[key]
		if !ok {
			o = &owned{who: who}
			byOwner[key] = o
			order = append(order, key)
		}
		return o
	}
	for _, it := range m.Actions.New {
		if data.CleanLine(it.Owner) != "" && it.DoneOn.IsZero() {
			o := get(it)
			o.fresh = append(o.fresh, it)
		}
	}
	for _, it := range m.Actions.CarriedOver {
		if data.CleanLine(it.Owner) != "" {
			o := get(it)
			o.carried = append(o.carried, it)
		}
	}
	for _, it := range m.Actions.Overdue {
		if data.CleanLine(it.Owner) != "" {
			o := get(it)
			o.due = append(o.due, it)
		}
	}
	var out []Mail
	for _, key := range order {
		o := byOwner[key]
		n := len(o.fresh) + len(o.carried) + len(o.due)
		subject := "Your action items from the " + title
		if len(o.due) > 0 {
			subject += fmt.Sprintf(" (%d overdue)", len(o.due))
		}
		ml := Mail{Kind: KindActions, Group: o.who.Name, From: from, To: []data.Recipient{o.who}, Subject: subject}
		ml.Doc = textout.Doc{Title: "Your action items", Lines: []string{title}}
		ml.Doc.Add("", greeting(o.who.Name), textout.Para(fmt.Sprintf("You own %s after this week's Triad meeting. Due dates are as the meeting left them; "+
			"tell the facilitator if one needs to move.", plural(n, "open action item"))))
		group := func(heading string, items []minutes.ActionItem, overdue bool) {
			if len(items) == 0 {
				return
			}
			var list []textout.Item
			for _, it := range items {
				list = append(list, minutes.ActionLine(it, m.Date, overdue))
			}
			ml.Doc.Add(fmt.Sprintf("%s (%d)", heading, len(items)), textout.List(list...))
		}
		group("Overdue", o.due, true)
		group("New this week", o.fresh, false)
		group("Carried over", o.carried, false)
		ml.Doc.Add("", signOff(from))
		out = append(out, ml)
	}
	return out
}

// ownerOf is an action's owner as a recipient: the pod's leader in the
// owner's seat (with the address the pod form has now), else the attendee
// the action names, else whoever the address book knows by that name.
func ownerOf(rec data.HandoffRecord, book map[string]data.Recipient, it minutes.ActionItem) data.Recipient {
	if a, ok := rec.Owners[it.OwnerID]; ok {
		if l := rec.Pod.Leader(a.Role); l != nil && a.MemberID != 0 && l.ID == a.MemberID {
			r := leader(*l)
			r.Role = "action owner"
			return r
		}
		if strings.TrimSpace(a.Email) != "" {
			return data.Recipient{Name: a.Name, Role: "action owner", Email: a.Email}
		}
	}
	who, ok := book[strings.ToLower(data.CleanLine(it.Owner))]
	if !ok {
		who = data.Recipient{Name: data.CleanLine(it.Owner)}
	}
	who.Role = "action owner"
	return who
}

func commitmentMails(rec data.HandoffRecord, from *data.Recipient, title string) []Mail {
	var out []Mail
	for _, a := range rec.Minutes.Run.Attendees {
		if a.IsGuest() || a.Present || a.Role == "" {
			continue
		}
		who := data.Recipient{Name: a.Name, Role: a.Role.Title(), Email: a.Email}
		if l := rec.Pod.Leader(a.Role); l != nil && l.ID == a.MemberID {
			who = leader(*l) // the address as the pod form has it now
		}
		var blocks []textout.Block
		n := 0
		for _, d := range rec.OpenDecisions {
			if d.State != data.DecisionDecided {
				continue
			}
			for _, p := range d.Perspectives {
				if p.MemberID == a.MemberID && p.Commitment == data.CommitmentNone {
					blocks = append(blocks, minutes.DecisionBlocks(minutes.OpenDecisionOf(d))...)
					n++
				}
			}
		}
		if n == 0 {
			continue
		}
		ml := Mail{Kind: KindCommitments, Group: who.Name, From: from, To: []data.Recipient{who},
			Subject: "Decisions awaiting your commitment — " + title}
		ml.Doc = textout.Doc{Title: "Decisions awaiting your commitment", Lines: []string{title}}
		ml.Doc.Add("", greeting(who.Name), textout.Para(fmt.Sprintf("You missed this week's Triad meeting. %s your commitment as %s: "+
			"commit, or disagree and commit, on the pod's Decisions tab in Triad (your disagreement stays on record).",
			capitalize(plural(n, "decision"))+" "+map[bool]string{true: "waits for", false: "wait for"}[n == 1], who.Role)))
		ml.Doc.Add("Decisions", blocks...)
		ml.Doc.Add("", signOff(from))
		out = append(out, ml)
	}
	return out
}

// decidedStates are the outcomes a rep hears about.
var decidedStates = map[data.DealState]string{
	data.DealApproved:         "approved",
	data.DealRejected:         "turned down",
	data.DealChangesRequested: "sent back for changes",
}

func dealMails(rec data.HandoffRecord, from *data.Recipient, title string) []Mail {
	meeting := rec.Minutes.Run.Meeting
	since, _, _ := data.MinutesWindow(meeting, rec.Minutes.Meetings)
	asOf := data.MinutesAsOf(meeting, meeting.EndedAt)
	loc := data.PodLocation(rec.Minutes.Run.Pod)
	type outcome struct {
		r data.DealRequest
		e data.DealEvent
	}
	byRep := map[string][]outcome{}
	reps := map[string]data.Recipient{}
	var order []string
	for _, dr := range rec.Minutes.Deals {
		var last *data.DealEvent
		for i, e := range dr.History {
			if _, ok := decidedStates[e.To]; ok && e.From != e.To && e.At.After(since) && !e.At.After(asOf) {
				last = &dr.History[i]
			}
		}
		if last == nil {
			continue
		}
		r := dr.Request
		key := strings.ToLower(strings.TrimSpace(r.RepEmail))
		if key == "" {
			key = "\x00" + strings.ToLower(data.CleanLine(r.RepName))
		}
		if _, ok := byRep[key]; !ok {
			order = append(order, key)
			reps[key] = data.Recipient{Name: r.RepName, Role: "rep for " + data.CleanLine(r.Customer), Email: r.RepEmail}
		}
		byRep[key] = append(byRep[key], outcome{r, *last})
	}
	var out []Mail
	for _, key := range order {
		outs := byRep[key]
		sort.SliceStable(outs, func(i, j int) bool { return outs[i].e.At.Before(outs[j].e.At) })
		rep := reps[key]
		ml := Mail{Kind: KindDealOutcome, Group: rep.Name, From: from, To: []data.Recipient{rep}}
		if len(outs) == 1 {
			o := outs[0]
			ml.Subject = "[" + o.r.Reference() + "] " + o.r.Summary() + ": " + decidedStates[o.e.To]
		} else {
			ml.Subject = fmt.Sprintf("Deal desk: %d of your requests decided — %s", len(outs), title)
		}
		ml.Doc = textout.Doc{Title: "Deal desk outcome", Lines: []string{title}}
		ml.Doc.Add("", greeting(rep.Name), textout.Para("The Tech Lead has decided on your "+
			map[bool]string{true: "request", false: "requests"}[len(outs) == 1]+" since the last Triad meeting:"))
		var items []textout.Item
		for _, o := range outs {
			reason := strings.TrimSpace(minutes.Clean(o.e.Comment))
			if reason == "" {
				reason = "No reason was recorded."
			}
			items = append(items, textout.Item{
				Text:   o.r.Summary() + ", " + o.r.Value.Format(o.r.Rule.Currency) + ": " + capitalize(decidedStates[o.e.To]),
				Strong: o.e.To == data.DealRejected,
				Under: []string{
					"Reason: " + reason,
					"Decided by " + decidedBy(o.e) + ", " + o.e.At.In(loc).Format("Mon 2 Jan 15:04 MST"),
					"Reference " + o.r.Reference(),
				},
			})
		}
		ml.Doc.Add("Decisions", textout.List(items...))
		ml.Doc.Add("", signOff(from))
		out = append(out, ml)
	}
	return out
}

// decidedBy is who decided, for the rep: "Priya Raman", "Marta Silva for
// Priya Raman", with ", recorded by Sam Lee" when someone else keyed it in.
func decidedBy(e data.DealEvent) string {
	s := data.CleanLine(e.Actor)
	if b := data.CleanLine(e.OnBehalfOf); b != "" {
		s += " for " + b
	}
	if r := data.CleanLine(e.RecordedBy); r != "" {
		s += ", recorded by " + r
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return itoa(n) + " " + what + "s"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
