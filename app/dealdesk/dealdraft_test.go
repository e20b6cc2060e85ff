package dealdesk

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// formRoute is route with the new-request form too; it returns the form
// shown last.
func formRoute(e *apptest.Env) func() *Form {
	rt := route(e)
	inner := e.Router
	var last *Form
	e.Router = func(sc *shell.Scope, r shell.Route) (shell.Screen, bool) {
		if r, ok := r.(shell.NewDealRequest); ok {
			last = NewForm(sc, data.DealRequest{PodID: r.PodID, ReceivedAt: e.Now()}, r.Back, r.Back)
			return shell.Screen{Content: last.Build()}, true
		}
		s, ok := inner(sc, r)
		if f, isForm := rt.current.(*Form); ok && isForm {
			last = f
		}
		return s, ok
	}
	return func() *Form { return last }
}

// A request typed and left for another screen is in the form, as typed,
// when it is opened again; sending it clears the draft.
func TestDealRequestTypedIsThereWhenTheFormOpensAgain(t *testing.T) {
	e := apptest.NewShared(t)
	pod := dealPod(t, e.DB, "Payments")
	form := formRoute(e)
	e.Sh.Go(shell.NewDealRequest{PodID: pod.ID, Back: shell.DealDesk{}})
	f := form()
	features := "SSO with Okta, audit log export to S3, and a 99.95% uptime clause.\nThey need it before the March renewal."
	test.Type(f.customer, "Globex")
	test.Type(f.value, "240k")
	test.Type(f.features, features)
	test.Type(f.terms, "Penalty of 5% per week late")
	if got := e.Sh.Unsaved(); len(got) != 1 || !strings.Contains(got[0], "the new deal-desk request for Globex") {
		t.Errorf("the window would close without asking: %q", got)
	}

	e.Sh.Go(shell.DealDesk{}) // the sidebar's "Deal desk"
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	e.Sh.Go(shell.NewDealRequest{Back: shell.DealDesk{}}) // from the queue this time: no pod given
	f = form()
	for name, c := range map[string][2]string{
		"customer": {f.customer.Text, "Globex"}, "value": {f.value.Text, "240k"},
		"features": {f.features.Text, features}, "terms": {f.terms.Text, "Penalty of 5% per week late"},
		"pod": {f.pod.Select.Selected, "Payments"},
	} {
		if c[0] != c[1] {
			t.Errorf("%s came back as %q, want %q", name, c[0], c[1])
		}
	}
	if !e.LabelContains("put back as you left it") || !strings.Contains(f.preview.Text, "Needs the Tech Lead's sign-off") {
		t.Errorf("after the draft came back: preview %q", f.preview.Text)
	}

	test.Type(f.repName, "Maya Chen")
	test.Tap(f.save)
	e.Wait()
	if f.saved.ID == 0 || f.saved.Features != features {
		t.Fatalf("saved %+v", f.saved)
	}
	if _, err := e.DB.FormDraft(context.Background(), data.DealDraftKey(0)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the sent request's draft is still kept: %v", err)
	}
}

// Cancel asks before it throws typing away, and then the next new form
// is empty.
func TestDealFormCancelAsksBeforeDiscarding(t *testing.T) {
	e := apptest.NewShared(t)
	pod := dealPod(t, e.DB, "Payments")
	form := formRoute(e)
	e.Sh.Go(shell.NewDealRequest{PodID: pod.ID, Back: shell.DealDesk{}})
	f := form()
	test.Type(f.customer, "Initech")
	test.Tap(f.cancelBtn)
	discard := e.DialogButton("Discard")
	if discard == nil {
		t.Fatal("Cancel discarded the typing without asking")
	}
	if _, ok := e.Last().(shell.NewDealRequest); !ok {
		t.Fatalf("left before the answer, for %#v", e.Last())
	}
	test.Tap(discard)
	e.Wait()
	if _, ok := e.Last().(shell.DealDesk); !ok {
		t.Fatalf("after discarding: %#v", e.Last())
	}
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	e.Sh.Go(shell.NewDealRequest{PodID: pod.ID, Back: shell.DealDesk{}})
	if got := form().customer.Text; got != "" {
		t.Errorf("a discarded request came back: %q", got)
	}

	// Nothing typed: Cancel just goes.
	test.Tap(form().cancelBtn)
	if _, ok := e.Last().(shell.DealDesk); !ok || e.DialogButton("Discard") != nil {
		t.Errorf("an untouched form asked, or stayed: %#v", e.Last())
	}
}

// Changes to a pending request wait as a draft too; the request itself
// is untouched until they are saved.
func TestDealRequestEditWaitsAsADraft(t *testing.T) {
	e := apptest.NewShared(t)
	pod := dealPod(t, e.DB, "Payments")
	r := e.Request(pod.ID, "Umbrella Health", 240_000, 2*time.Hour)
	form := formRoute(e)
	e.Sh.Go(shell.EditDealRequest{Request: r, Back: shell.DealDesk{}})
	test.Type(form().notes, " Call Maya first.")
	e.Sh.Go(shell.DealDesk{})
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	stored, err := e.DB.DealRequest(context.Background(), r.ID)
	if err != nil || stored.Notes != r.Notes {
		t.Fatalf("the request changed behind the form: %q, %v", stored.Notes, err)
	}
	e.Sh.Go(shell.EditDealRequest{Request: stored, Back: shell.DealDesk{}})
	if got := form().notes.Text; got != r.Notes+" Call Maya first." {
		t.Errorf("the notes came back as %q", got)
	}
}

// A reason typed into the reject dialog is not thrown away by Cancel
// without a question.
func TestRejectDialogCancelAsksBeforeDiscardingTheReason(t *testing.T) {
	e := apptest.NewShared(t)
	pod := dealPod(t, e.DB, "Payments")
	e.Request(pod.ID, "Hooli", 300_000, time.Hour)
	q := showQueue(e, 0)
	test.Tap(e.VisibleButtons("Reject")[0])
	test.Type(q.dialog.comment, "We do not ship on-premises, and the")
	test.Tap(e.DialogButton("Cancel"))
	if e.DialogButton("Discard") == nil {
		t.Fatal("Cancel dropped the reason without asking")
	}
	test.Tap(e.DialogButton("Cancel"))
	if q.dialog.comment.Text != "We do not ship on-premises, and the" || e.DialogButton("Reject") == nil {
		t.Error("keeping the reason closed the dialog")
	}
}
