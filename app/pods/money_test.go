package pods

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
)

// Settings read an amount in the user's locale: in German "75.000" is
// seventy-five thousand, and in English the same text is refused as
// unclear rather than saved as 75, leaving the stored rule as it was.
func TestSettingsReadAmountsInTheUsersLocale(t *testing.T) {
	e := apptest.New(t)
	e.Sh.Locale = "de_DE.UTF-8"
	s := NewSettings(e.Scope())
	e.ShowContent(s.sc, s.Build())
	e.Wait()
	if s.threshold.Text != "50.000" || s.goal.Text != "1.000.000" {
		t.Fatalf("in German the threshold shows %q and the goal %q", s.threshold.Text, s.goal.Text)
	}
	s.threshold.SetText("75.000")
	s.goal.SetText("1.234.567,89")
	test.Tap(s.save)
	e.Wait()
	st, _ := e.DB.Settings(context.Background())
	if st.DealThreshold != data.Dollars(75_000) || st.RevenueGoal != data.Money(123_456_789) {
		t.Fatalf("saved in German: threshold %v, goal %v (%q)", st.DealThreshold, st.RevenueGoal, s.problems["revenue_goal"].Text)
	}

	e.Sh.Locale = "en_US.UTF-8"
	s = NewSettings(e.Scope())
	e.ShowContent(s.sc, s.Build())
	e.Wait()
	if s.threshold.Text != "75,000" {
		t.Fatalf("in English the threshold shows %q", s.threshold.Text)
	}
	s.threshold.SetText("80.000")
	test.Tap(s.save)
	e.Wait()
	if got := s.problems["deal_threshold"].Text; !strings.Contains(got, "unclear") && !strings.Contains(got, "decimals") {
		t.Errorf("80.000 in English: message %q", got)
	}
	if st, _ := e.DB.Settings(context.Background()); st.DealThreshold != data.Dollars(75_000) {
		t.Errorf("a refused amount changed the threshold to %v", st.DealThreshold)
	}
}

// A pod's own threshold, in a team whose default currency is the euro and
// on a laptop whose locale says nothing, is shown as the euro writes it
// once the default is read, opens without a draft, and saves unchanged;
// "€60.000" typed there is sixty thousand.
func TestPodAmountsShowAndReadInTheDefaultCurrency(t *testing.T) {
	e := apptest.New(t)
	e.Sh.Locale = "C.UTF-8"
	ctx := context.Background()
	st, _ := e.DB.Settings(ctx)
	st.Currency = "EUR"
	if err := e.DB.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	p := apptest.Pod(t, e.DB, "Payments")
	th := data.Dollars(50_000)
	p.Overrides.DealThreshold = &th
	p, err := e.DB.UpdatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	f := NewForm(e.Scope(), p)
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	if f.threshold.Text != "50.000" || f.draft.Held() {
		t.Fatalf("the pod's threshold shows %q, draft held %v", f.threshold.Text, f.draft.Held())
	}
	test.Tap(f.save)
	e.Wait()
	got, _ := e.DB.Pod(ctx, p.ID)
	if got.Overrides.DealThreshold == nil || *got.Overrides.DealThreshold != th || f.problems["deal_threshold"].Text != "" {
		t.Fatalf("saved unchanged: threshold %v, message %q", got.Overrides.DealThreshold, f.problems["deal_threshold"].Text)
	}

	f = NewForm(e.Scope(), got)
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	f.threshold.SetText("€60.000")
	test.Tap(f.save)
	e.Wait()
	got, _ = e.DB.Pod(ctx, p.ID)
	if got.Overrides.DealThreshold == nil || *got.Overrides.DealThreshold != data.Dollars(60_000) {
		t.Errorf("€60.000 saved as %v (%q)", got.Overrides.DealThreshold, f.problems["deal_threshold"].Text)
	}
}
