// Package mailout hands the minutes to the mail client without any
// network: it writes an RFC 5322 .eml draft addressed to the attendees,
// with a short plain-text summary and the PDF attached, marked
// "X-Unsent: 1" so that Outlook (and others) open it as a draft to send.
package mailout

import (
	"bytes"
	"fmt"
	"io"
	"net/mail"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"

	"triad/data"
	"triad/data/atomicfile"
	"triad/data/minutes"
)

// Recipients are the draft's addressees: To the people who were in the
// room (members and guests), Cc the members who were absent, so that they
// read what was decided without them. People without a valid address are
// left out; the same address never appears twice.
func Recipients(m minutes.Minutes) (to, cc []*mail.Address) {
	seen := map[string]bool{}
	add := func(list []*mail.Address, ps []minutes.Person) []*mail.Address {
		for _, p := range ps {
			addr := strings.TrimSpace(p.Email)
			if addr == "" || data.CheckEmail(addr) != "" || seen[strings.ToLower(addr)] {
				continue
			}
			seen[strings.ToLower(addr)] = true
			list = append(list, &mail.Address{Name: oneLine(p.Name), Address: addr})
		}
		return list
	}
	to = add(add(nil, m.Attendance.Present), m.Attendance.Guests)
	cc = add(nil, m.Attendance.Absent)
	return to, cc
}

// sender is the facilitator's address when the facilitator is among the
// people listed with one; otherwise the draft has no From and the mail
// client fills in the account that sends it.
func sender(m minutes.Minutes) *mail.Address {
	name := oneLine(m.Facilitator)
	if name == "" {
		return nil
	}
	a := m.Attendance
	for _, ps := range [][]minutes.Person{a.Present, a.Guests, a.Absent} {
		for _, p := range ps {
			if oneLine(p.Name) == name && p.Email != "" && data.CheckEmail(p.Email) == "" {
				return &mail.Address{Name: name, Address: p.Email}
			}
		}
	}
	return nil
}

// Subject is the draft's subject line, the minutes' title.
func Subject(m minutes.Minutes) string { return m.Title() }

// Compose builds the draft: the summary as its body and pdf attached
// under pdfName. date is the draft's Date header (when it was written).
func Compose(m minutes.Minutes, pdfName string, pdf []byte, date time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	to, cc := Recipients(m)
	if from := sender(m); from != nil {
		if err := msg.From(from.String()); err != nil {
			return nil, fmt.Errorf("the facilitator's address: %w", err)
		}
	}
	if err := msg.To(addrStrings(to)...); err != nil {
		return nil, fmt.Errorf("the attendees' addresses: %w", err)
	}
	if len(cc) > 0 {
		if err := msg.Cc(addrStrings(cc)...); err != nil {
			return nil, fmt.Errorf("the absentees' addresses: %w", err)
		}
	}
	msg.Subject(Subject(m))
	msg.SetDateWithValue(date)
	msg.SetUserAgent("Triad")
	msg.SetGenHeader(gomail.Header("X-Unsent"), "1")
	msg.SetBodyString(gomail.TypeTextPlain, Summary(m))
	if err := msg.AttachReader(pdfName, bytes.NewReader(pdf), gomail.WithFileContentType("application/pdf")); err != nil {
		return nil, fmt.Errorf("attaching the minutes: %w", err)
	}
	return msg, nil
}

func addrStrings(as []*mail.Address) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String() // quotes and encodes the name, whatever it holds
	}
	return out
}

// FileName is the draft's default name, beside the PDF:
// "Triad minutes - <pod> - <YYYY-MM-DD>.eml".
func FileName(m minutes.Minutes) string {
	return strings.TrimSuffix(minutes.FileName(m.Pod, m.Date), ".pdf") + ".eml"
}

// Write composes the draft and writes it to path atomically (a temporary
// file, synced, then renamed), so a failure never leaves half a message.
func Write(path string, m minutes.Minutes, pdfName string, pdf []byte, date time.Time) error {
	msg, err := Compose(m, pdfName, pdf, date)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		_, err := msg.WriteTo(w)
		return err
	})
}

// Save writes the draft into dir under FileName and returns its path.
func Save(dir string, m minutes.Minutes, pdfName string, pdf []byte, date time.Time) (string, error) {
	path := filepath.Join(dir, FileName(m))
	if err := Write(path, m, pdfName, pdf, date); err != nil {
		return "", err
	}
	return path, nil
}

// maxSummaryLine keeps one pasted essay from turning the summary into the
// whole document; the PDF has everything.
const maxSummaryLine = 240

func oneLine(s string) string { return strings.Join(strings.Fields(minutes.Clean(s)), " ") }

func short(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= maxSummaryLine {
		return s
	}
	return string([]rune(s)[:maxSummaryLine-1]) + "…"
}

// Summary is the draft's plain-text body: what a reader needs before
// opening the attachment — the decisions, the dissent, what is overdue and
// what each person owns next.
func Summary(m minutes.Minutes) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	pod := oneLine(m.Pod)
	when := m.Date.Long()
	if !m.Start.IsZero() && !m.End.IsZero() {
		when += ", " + m.Start.Format("15:04") + "–" + m.End.Format("15:04")
	}
	line("Hello all,")
	line("")
	line("Attached are the minutes of the %s Triad meeting (%s).", short(pod), when)

	if len(m.Decisions) > 0 {
		line("")
		line("Decisions")
		for _, d := range m.Decisions {
			chosen := short(d.Chosen)
			if chosen == "" {
				chosen = "not decided yet"
			}
			s := "- " + short(d.Question) + " — " + chosen
			var dissent []string
			for _, p := range d.Positions {
				if p.Stance == minutes.StanceDisagree {
					dissent = append(dissent, short(p.Member))
				}
			}
			if len(dissent) > 0 {
				s += " (disagreed: " + strings.Join(dissent, ", ") + ")"
			}
			line("%s", s)
		}
	}

	var overdueDeals []string
	for _, r := range m.DealDesk.Requests {
		if r.Overdue {
			overdueDeals = append(overdueDeals, short(r.Customer)+" "+r.Value.Format(m.Currency))
		}
	}
	if n := len(m.DealDesk.Requests); n > 0 {
		line("")
		s := fmt.Sprintf("Deal desk: %d request(s) this week", n)
		if len(overdueDeals) > 0 {
			s += "; overdue for sign-off: " + strings.Join(overdueDeals, ", ")
		}
		line("%s.", s)
	}
	if rc := m.Roadmap; rc != nil {
		line("")
		line("Roadmap debt check: %s — maintenance %s of the roadmap against a %s quota.", rc.Band.Label(), rc.Ratio.Format(), rc.Quota.Format())
	}
	if c := short(m.Celebrate); c != "" {
		line("")
		line("Celebrate: %s", c)
	}
	actions := func(title string, items []minutes.ActionItem) {
		if len(items) == 0 {
			return
		}
		line("")
		line("%s", title)
		for _, it := range items {
			s := "- " + short(it.Text)
			if o := short(it.Owner); o != "" {
				s += " — " + o
			}
			if !it.Due.IsZero() {
				s += ", due " + it.Due.Long()
			}
			line("%s", s)
		}
	}
	actions("New action items", m.Actions.New)
	actions("Overdue action items", m.Actions.Overdue)

	line("")
	if m.NextMeeting.IsZero() {
		line("No next meeting is scheduled yet.")
	} else {
		line("Next meeting: %s.", m.NextMeeting.Long())
	}
	if f := short(m.Facilitator); f != "" {
		line("")
		line("%s", f)
	}
	return b.String()
}
