package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// Closing the window over a form that holds a draft asks first, and what
// was typed is on the disk by then, to come back when the form is opened.
func TestClosingAsksWhileAFormHoldsADraft(t *testing.T) {
	u, db := newTestUI(t)
	p := apptest.Pod(t, db, "Payments")
	apptest.Meeting(t, db, p.ID, data.NewDate(2026, 11, 25))
	u.Go(shell.NewDecision{PodID: p.ID})
	u.sh.Wait()
	test.Type(field(t, u, "The question being decided, e.g. Do we build SSO before the enterprise launch?"), "Do we build SSO first?")
	closer := &closeSpy{Window: u.sh.Win}
	u.sh.Win = closer
	asked := ""
	u.sh.Confirm = func(_, msg, _ string, _ func()) { asked = msg }
	u.requestClose()
	if closer.closed || !strings.Contains(asked, "Not saved: the new decision “Do we build SSO first?”") {
		t.Fatalf("closed %v, asked %q", closer.closed, asked)
	}
	d, err := db.FormDraft(context.Background(), data.DecisionDraftKey(0, 0, 0, p.ID))
	if err != nil || d.Fields["question"] != "Do we build SSO first?" {
		t.Errorf("the draft on disk: %+v, %v", d, err)
	}

	// A form with nothing typed closes at once.
	u.Go(shell.NewPod{})
	u.sh.Wait()
	asked = ""
	u.requestClose()
	if !closer.closed || asked != "" {
		t.Errorf("an untouched form: closed %v, asked %q", closer.closed, asked)
	}
}
