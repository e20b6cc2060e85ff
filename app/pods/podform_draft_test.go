package pods

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// formRoutes shows the pod form for its routes, as the window's router
// does, and returns the form shown last.
func formRoutes(e *apptest.Env) func() *Form {
	var last *Form
	e.Router = func(sc *shell.Scope, r shell.Route) (shell.Screen, bool) {
		switch r := r.(type) {
		case shell.NewPod:
			last = NewForm(sc, data.NewPod())
		case shell.EditPod:
			last = NewForm(sc, r.Pod)
		default:
			return shell.Screen{}, false
		}
		return shell.Screen{Content: last.Build()}, true
	}
	return func() *Form { return last }
}

// A new pod half set up and left for Settings is in the form, as typed,
// when "New pod" opens it again; creating it clears the draft.
func TestNewPodTypedIsThereWhenTheFormOpensAgain(t *testing.T) {
	e := apptest.New(t)
	form := formRoutes(e)
	e.Sh.Go(shell.NewPod{})
	f := form()
	test.Type(f.name, "Payments")
	test.Type(f.leaderName[0], "Priya Raman")
	test.Type(f.leaderEmail[0], "priya@example.com")
	test.Type(f.leaderName[2], "王小明")
	f.day.SetSelected("Thursday")
	if got := e.Sh.Unsaved(); len(got) != 1 || !strings.Contains(got[0], "the new pod Payments") {
		t.Errorf("the window would close without asking: %q", got)
	}
	e.Sh.Go(shell.Settings{}) // to look up a default
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	e.Sh.Go(shell.NewPod{})
	f = form()
	for name, c := range map[string][2]string{
		"name": {f.name.Text, "Payments"}, "tech lead": {f.leaderName[0].Text, "Priya Raman"},
		"email": {f.leaderEmail[0].Text, "priya@example.com"}, "marketing": {f.leaderName[2].Text, "王小明"},
		"day": {f.day.Selected, "Thursday"},
	} {
		if c[0] != c[1] {
			t.Errorf("%s came back as %q, want %q", name, c[0], c[1])
		}
	}
	if !e.LabelContains("put back as you left it") {
		t.Error("nothing says the form holds a draft")
	}
	test.Type(f.leaderName[1], "José Ñúñez")
	test.Tap(f.save)
	e.Wait()
	if pods, _ := e.DB.Pods(context.Background()); len(pods) != 1 || pods[0].MeetingDay.String() != "Thursday" {
		t.Fatalf("pods = %+v", pods)
	}
	if _, err := e.DB.FormDraft(context.Background(), data.PodDraftKey(0)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the created pod's draft is still kept: %v", err)
	}
}

// Editing a pod: Cancel asks before the typing goes, and the pod is
// untouched either way.
func TestPodFormCancelAsksBeforeDiscarding(t *testing.T) {
	e := apptest.New(t)
	p := apptest.Pod(t, e.DB, "Payments")
	form := formRoutes(e)
	e.Sh.Go(shell.EditPod{Pod: p})
	test.Type(form().threshold, "75k")
	test.Tap(form().cancel)
	discard := e.DialogButton("Discard")
	if discard == nil {
		t.Fatal("Cancel dropped the typing without asking")
	}
	test.Tap(discard)
	e.Wait()
	if r, ok := e.Last().(shell.Pods); !ok || r.Show != p.ID {
		t.Fatalf("after discarding: %#v", e.Last())
	}
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	e.Sh.Go(shell.EditPod{Pod: p})
	if got := form().threshold.Text; got != "" {
		t.Errorf("a discarded edit came back: %q", got)
	}
	if stored, _ := e.DB.Pod(context.Background(), p.ID); stored.Overrides.DealThreshold != nil {
		t.Errorf("the pod changed: %+v", stored.Overrides)
	}
}
