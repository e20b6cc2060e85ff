package handoff

import (
	"strings"
	"time"

	"triad/data"
	"triad/data/minutes"
	"triad/data/textout"
)

// askLayout is how the mail gives a moment, in the pod's zone: "Wed 25 Nov
// 2026 07:00 CET".
const askLayout = "Mon 2 Jan 2006 15:04 MST"

// AskTechLead is "Ask the Tech Lead" for a request that needs a sign-off:
// a mail to the pod's Tech Lead, copied to the rep, with everything the
// decision needs — customer, deal, value, the feature and terms, when it
// is due in the pod's time and in words, what approving would do to the
// customer concentration and to the debt check — and the request's
// reference in the subject so a reply can be matched by eye. reminder,
// when set, is the 80% or overdue reminder this mail is written for; it
// words the subject. A request that needs no sign-off, or is no longer
// waiting for one, is refused in words.
func AskTechLead(h data.DealHandoff, now time.Time, reminder data.ReminderKind) (Mail, error) {
	r := h.Request
	pod := h.Roadmap.Pod
	if !r.NeedsSignOff() {
		return Mail{}, data.Conflictf("%s does not need the Tech Lead's sign-off (%s, no new feature over %s)",
			r.Reference(), r.Value.Format(r.Rule.Currency), r.Rule.Threshold.Format(r.Rule.Currency))
	}
	if r.State != data.DealPending {
		return Mail{}, data.Conflictf("%s is %s: there is no sign-off to ask for", r.Reference(), strings.ToLower(r.State.Label()))
	}
	tl := pod.Leader(data.RoleTechLead)
	if tl == nil {
		return Mail{}, data.NotFoundf("The pod %s has no Tech Lead seat", pod.Name)
	}
	loc := data.PodLocation(pod)
	clock := data.SignOffClock(r, h.History, now)
	due := clock.Due
	if due.IsZero() {
		due = r.DueAt
	}
	left := r.TimeLeft(now)
	cur := r.Rule.Currency
	what := r.Summary() + " (" + r.Value.Short(cur) + " ARR)"

	var subject string
	switch {
	case reminder == data.ReminderOverdue || (reminder == "" && !now.Before(due)):
		subject = "Overdue: sign-off was due " + due.In(loc).Format("Mon 2 Jan 15:04 MST") + " for " + what
	case reminder == data.ReminderSoon:
		subject = "Reminder: sign-off due " + due.In(loc).Format("Mon 2 Jan 15:04 MST") + " (" + left + ") for " + what
	default:
		subject = "Sign-off needed by " + due.In(loc).Format("Mon 2 Jan 15:04 MST") + ": " + what
	}
	m := Mail{
		Kind:    KindAskTechLead,
		Group:   r.Reference(),
		Pod:     pod.Name,
		To:      []data.Recipient{leader(*tl)},
		Cc:      []data.Recipient{{Name: r.RepName, Role: "rep for " + data.CleanLine(r.Customer), Email: r.RepEmail}},
		Subject: "[" + r.Reference() + "] " + subject,
	}
	if err := data.CheckRecipients(m.Recipients()); err != nil {
		return Mail{}, err
	}

	e := data.EffectOfApproving(h, data.DateOf(now.In(loc)))
	m.Doc = textout.Doc{Title: "Deal desk " + r.Reference() + ": sign-off needed", Lines: []string{data.CleanLine(pod.Name)}}
	intro := "A deal on the desk needs your sign-off as Tech Lead: it is worth more than " + r.Rule.Threshold.Format(cur) +
		" and needs a new feature. Please decide by " + due.In(loc).Format(askLayout) + " (" + left + ")."
	if reminder == data.ReminderSoon {
		intro = "A reminder: 80% of the sign-off time has passed. " + intro
	}
	m.Doc.Add("", greeting(tl.Name), textout.Para(intro))
	fields := []textout.Field{
		{Label: "Customer", Value: data.CleanLine(r.Customer)},
		{Label: "Deal", Value: dash(data.CleanLine(r.DealName))},
		{Label: "Value", Value: r.Value.Format(cur) + " ARR"},
		{Label: "Feature", Value: dash(minutes.Clean(r.Features))},
		{Label: "Terms", Value: dash(minutes.Clean(r.Terms))},
	}
	if !r.CloseDate.IsZero() {
		fields = append(fields, textout.Field{Label: "Expected close", Value: r.CloseDate.Long()})
	}
	fields = append(fields,
		textout.Field{Label: "Rep", Value: data.CleanLine(r.RepName)},
		textout.Field{Label: "Received", Value: r.ReceivedAt.In(loc).Format(askLayout)},
	)
	if clock.Restarted {
		fields = append(fields, textout.Field{Label: "Back in the queue", Value: clock.Start.In(loc).Format(askLayout)})
	}
	fields = append(fields, textout.Field{Label: "Due", Value: due.In(loc).Format(askLayout) + ", " + left})
	if n := strings.TrimSpace(minutes.Clean(r.Notes)); n != "" {
		fields = append(fields, textout.Field{Label: "Notes", Value: n})
	}
	m.Doc.Add("The request", textout.Fields(fields...))

	conc := textout.Item{Text: e.ConcentrationText(), Strong: e.Warning != nil}
	debt := textout.Item{Text: e.DebtText(), Strong: e.Debt.Band == data.BandOffTarget}
	m.Doc.Add("What approving would do", textout.List(conc, debt))
	m.Doc.Add("", textout.Para("Reply to all with approve, reject (and the reason, for the customer) or the changes you need, "+
		"quoting "+r.Reference()+"; the decision is recorded on the request in Triad's deal desk."))
	return m, nil
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return strings.TrimSpace(s)
}
