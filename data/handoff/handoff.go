// Package handoff decides who hears what between meetings: the pre-read
// before a meeting, the follow-ups after it, the Tech Lead's request for a
// sign-off and the calendar invitation. Each is a Mail value — addressees,
// subject and a textout.Doc body — that data/mailout writes as a draft for
// the user's own mail client. Nothing here sends anything, reads the
// clock or touches SQL: the inputs are records the store read.
package handoff

import (
	"strconv"
	"strings"

	"triad/data"
	"triad/data/textout"
)

// Kind is what a mail is for; it also names the draft's file.
type Kind string

const (
	KindAgenda      Kind = "agenda"       // the pre-read before a meeting
	KindActions     Kind = "actions"      // one action owner's items after a meeting
	KindCommitments Kind = "commitments"  // an absent leader's decisions awaiting commitment
	KindDealOutcome Kind = "deal-outcome" // a rep's requests decided that week
	KindAskTechLead Kind = "ask-tech-lead"
	KindInvitation  Kind = "invitation" // the weekly series for the leaders' calendars
)

// Mail is one draft: who it is from and to, its subject and body, and an
// invitation it carries.
type Mail struct {
	Kind    Kind
	Group   string // whom this draft is for, in the file name: a person, or "leaders"
	Pod     string
	Date    data.Date // the meeting's day; zero for a mail about no meeting
	From    *data.Recipient
	To, Cc  []data.Recipient
	Subject string
	Doc     textout.Doc
	// Calendar, when set, is an iCalendar invitation (METHOD:REQUEST) the
	// draft carries as text/calendar, both inline and as CalendarName.
	Calendar     []byte
	CalendarName string
}

// Recipients are everyone the mail is addressed to, To then Cc.
func (m Mail) Recipients() []data.Recipient {
	return append(append([]data.Recipient(nil), m.To...), m.Cc...)
}

// CheckAll names every recipient of every mail who cannot be reached, each
// once, so one message says all that needs fixing before any draft is
// written.
func CheckAll(mails []Mail) error {
	seen := map[string]bool{}
	var all []data.Recipient
	for _, m := range mails {
		rs := m.Recipients()
		if m.From != nil {
			rs = append(rs, *m.From)
		}
		for _, r := range rs {
			key := strings.ToLower(data.CleanLine(r.Name)) + "\x00" + strings.ToLower(strings.TrimSpace(r.Email))
			if !seen[key] {
				seen[key] = true
				all = append(all, r)
			}
		}
	}
	return data.CheckRecipients(all)
}

// person is a recipient from a pod leader.
func leader(l data.Leader) data.Recipient {
	return data.Recipient{Name: l.Name, Role: l.Role.Title(), Email: l.Email}
}

// leaders are the pod's three leaders, in seat order.
func leaders(p data.Pod) []data.Recipient {
	out := make([]data.Recipient, 0, len(p.Leaders))
	for _, l := range p.Leaders {
		out = append(out, leader(l))
	}
	return out
}

// facilitator is the Product Manager, who runs the meeting and sends its
// mails; nil when the seat has no address (the mail client fills in From).
func facilitator(p data.Pod) *data.Recipient {
	pm := p.Leader(data.RoleProduct)
	if pm == nil || strings.TrimSpace(pm.Email) == "" || data.CheckEmail(strings.TrimSpace(pm.Email)) != "" {
		return nil
	}
	r := leader(*pm)
	return &r
}

// greeting opens a mail body: "Hello Priya,".
func greeting(names ...string) textout.Block {
	var first []string
	for _, n := range names {
		if f := strings.Fields(n); len(f) > 0 {
			first = append(first, f[0])
		}
	}
	if len(first) == 0 || len(first) > 3 {
		return textout.Para("Hello all,")
	}
	return textout.Para("Hello " + joinAnd(first) + ",")
}

// joinAnd is "A", "A and B", "A, B and C".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// signOff closes a mail with the sender's name.
func signOff(from *data.Recipient) textout.Block {
	if from == nil {
		return textout.Para("Sent from Triad.")
	}
	return textout.Para(data.CleanLine(from.Name) + "\n(sent from Triad)")
}

func itoa(n int) string { return strconv.Itoa(n) }
