package mailout

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/handoff"
)

func TestAskTheTechLeadCarriesEverythingTheDecisionNeeds(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h, err := f.db.DealHandoff(ctx, 1) // Globex Corporation — Payouts expansion, pending
	if err != nil {
		t.Fatal(err)
	}
	m, err := handoff.AskTechLead(h, demoNow, "")
	if err != nil {
		t.Fatal(err)
	}
	d := write(t, []handoff.Mail{m})[0]
	if got := strings.Join(d.to, ","); got != "王芳 <wang.fang@example.com>" {
		t.Errorf("To = %q, want the Tech Lead", got)
	}
	if got := strings.Join(d.cc, ","); got != "Jordan Blake <jordan.blake@northwind.example>" {
		t.Errorf("Cc = %q, want the rep", got)
	}
	if want := "[DD-1] Sign-off needed by Thu 26 Nov 09:00 CET: Globex Corporation — Payouts expansion ($180k ARR)"; d.subject != want {
		t.Errorf("Subject = %q, want %q", d.subject, want)
	}
	for _, want := range []string{
		"Customer: Globex Corporation", "Deal: Payouts expansion", "Value: $180,000 ARR",
		"Feature: Multi-currency payouts to EU and UK bank accounts", "Terms: Go-live before the customer's fiscal year starts",
		"Rep: Jordan Blake", "Due: Thu 26 Nov 2026 09:00 CET, 22 h left",
		"What approving would do", "Approving takes Globex Corporation from", "above the 40% warning level",
		"The feature would go on the roadmap for 2027-Q1", "quoting DD-1",
	} {
		if !strings.Contains(d.text, want) {
			t.Errorf("the mail lacks %q:\n%s", want, d.text)
		}
	}
	if !strings.Contains(d.html, "What approving would do") {
		t.Error("the HTML part lacks the effect of approving")
	}
}

func TestRemindersWriteTheSameMailWithTheirOwnSubject(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h, err := f.db.DealHandoff(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	soon := h.Request.ReminderAt(data.ReminderSoon)
	m, err := handoff.AskTechLead(h, soon, data.ReminderSoon)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[DD-1] Reminder: sign-off due Thu 26 Nov 09:00 CET (4 h 48 m left) for Globex Corporation — Payouts expansion ($180k ARR)"; m.Subject != want {
		t.Errorf("Subject = %q, want %q", m.Subject, want)
	}
	if !strings.Contains(m.Doc.Plain(), "80% of the sign-off time has passed") {
		t.Error("the 80% reminder does not say so")
	}
	m, err = handoff.AskTechLead(h, h.Request.DueAt.Add(3*time.Hour), data.ReminderOverdue)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Subject, "[DD-1] Overdue: sign-off was due Thu 26 Nov 09:00 CET") || !strings.Contains(m.Doc.Plain(), "overdue by 3 h") {
		t.Errorf("overdue: %q\n%s", m.Subject, m.Doc.Plain())
	}
}

func TestAskTheTechLeadRefusesARequestThatIsNotWaiting(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for id, want := range map[int64]string{6: "does not need the Tech Lead's sign-off", 15: "DD-15 is rejected"} {
		h, err := f.db.DealHandoff(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := handoff.AskTechLead(h, demoNow, ""); !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), want) {
			t.Errorf("request %d: err = %v, want %q", id, err, want)
		}
	}
	if _, err := f.db.DealHandoff(ctx, 999); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("an unknown request: %v", err)
	}
}
