package dealdesk

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// A deal's value is read in its pod's currency when the laptop's locale
// says nothing: "60.000" in a euro pod is sixty thousand euros, above the
// threshold, never sixty; a rep's "€60.000" in an English locale is
// refused as unclear instead of being saved a thousand times too small.
func TestDealValueIsReadInThePodsCurrency(t *testing.T) {
	e := apptest.NewShared(t)
	e.Sh.Locale = "C.UTF-8"
	ctx := context.Background()
	pod := dealPod(t, e.DB, "Payments")
	eur := "EUR"
	pod.Overrides.Currency = &eur
	pod, err := e.DB.UpdatePod(ctx, pod)
	if err != nil {
		t.Fatal(err)
	}
	route(e)
	f := NewForm(e.Scope(), data.DealRequest{PodID: pod.ID}, shell.DealDesk{}, shell.DealDesk{})
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	test.Type(f.customer, "Globex")
	test.Type(f.repName, "Maya Chen")
	f.features.SetText("SAML single sign-on")
	f.receivedTime.SetText("08:15")
	f.value.SetText("60.000")
	if !strings.Contains(f.preview.Text, "Needs the Tech Lead's sign-off") {
		t.Errorf("60.000 in a euro pod: preview %q", f.preview.Text)
	}
	test.Tap(f.save)
	e.Wait()
	rs, _ := e.DB.DealRequests(ctx, data.DealFilter{})
	if len(rs) != 1 || rs[0].Value != data.Dollars(60_000) {
		t.Fatalf("saved %+v (%q)", rs, f.problems["value"].Text)
	}

	e.Sh.Locale = "en_US.UTF-8"
	f = NewForm(e.Scope(), data.DealRequest{PodID: pod.ID}, shell.DealDesk{}, shell.DealDesk{})
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	test.Type(f.customer, "Initech")
	test.Type(f.repName, "Maya Chen")
	f.features.SetText("Audit log export")
	f.receivedTime.SetText("08:15")
	f.value.SetText("€60.000")
	test.Tap(f.save)
	e.Wait()
	if got := f.problems["value"].Text; got == "" {
		t.Error("€60.000 in an English locale was accepted")
	}
	if rs, _ := e.DB.DealRequests(ctx, data.DealFilter{}); len(rs) != 1 {
		t.Errorf("a refused value saved a request: %d requests", len(rs))
	}
}
