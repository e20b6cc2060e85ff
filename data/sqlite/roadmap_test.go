package sqlite

import (
	"errors"
	"strings"
	"testing"
	"time"

	"triad/data"
)

// openAt opens a temp database whose clock reads Wed 25 Nov 2026 10:00 UTC.
func openAt(t *testing.T) *DB {
	t.Helper()
	db, err := Open(tempPath(t), Options{Now: func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func effort(units int64) *data.Effort { e := data.Effort(units * 10); return &e }

var q4 = data.Quarter{Year: 2026, Q: 4}

func podWithMeeting(t *testing.T, db *DB) (data.Pod, data.Meeting) {
	t.Helper()
	p, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	return p, m
}

func mustSave(t *testing.T, db *DB, it data.RoadmapItem) data.RoadmapItem {
	t.Helper()
	saved, _, err := db.SaveRoadmapItem(ctx, it)
	if err != nil {
		t.Fatalf("saving %q: %v", it.Title, err)
	}
	return saved
}

func TestRoadmapItemRoundTrip(t *testing.T) {
	db := openAt(t)
	p, _ := podWithMeeting(t, db)
	goal := data.Dollars(250_000)
	in := data.RoadmapItem{PodID: p.ID, Title: "  Apple   Pay ", Kind: data.KindFeature, Effort: effort(8),
		Target: q4, Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 10, 2),
		Customers: []string{"Acme Corp", "株式会社テスト", "acme corp"}, ExpectedARR: data.Dollars(400_000), GoalOverride: &goal}
	saved := mustSave(t, db, in)
	r, err := db.Roadmap(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Items) != 1 || r.Unit != data.UnitPoints || r.Settings.MaintenanceQuota != 2000 {
		t.Fatalf("roadmap = %+v", r)
	}
	got := r.Items[0]
	if got.ID != saved.ID || got.Title != "Apple Pay" || got.Kind != data.KindFeature || *got.Effort != 80 ||
		got.Target != q4 || got.Status != data.StatusShipped || got.ShippedOn.String() != "2026-10-02" ||
		strings.Join(got.Customers, "|") != "Acme Corp|株式会社テスト" || got.ExpectedARR != data.Dollars(400_000) ||
		*got.GoalOverride != goal || got.CreatedAt.IsZero() {
		t.Errorf("round trip = %+v", got)
	}

	// Edit: becomes maintenance, unestimated, internal.
	got.Kind, got.Subkind, got.Effort, got.Customers = data.KindMaintenance, data.MaintReliability, nil, nil
	got.Status = data.StatusPlanned
	mustSave(t, db, got)
	r, _ = db.Roadmap(ctx, p.ID)
	e := r.Items[0]
	if e.Kind != data.KindMaintenance || e.Subkind != data.MaintReliability || e.Effort != nil || len(e.Customers) != 0 ||
		e.GoalOverride != nil || e.ExpectedARR != 0 || !e.ShippedOn.IsZero() || e.Source() != "Internal" {
		t.Errorf("after edit = %+v", e)
	}

	if err := db.SetEffortUnit(ctx, p.ID, data.UnitPersonWeeks); err != nil {
		t.Fatal(err)
	}
	if r, _ := db.Roadmap(ctx, p.ID); r.Unit != data.UnitPersonWeeks {
		t.Errorf("unit = %s", r.Unit)
	}
	if err := db.SetEffortUnit(ctx, p.ID, "hours"); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("unknown unit: %v", err)
	}
	u, _ := db.PodUsage(ctx, p.ID)
	if !strings.Contains(u.String(), "1 roadmap items") {
		t.Errorf("pod usage = %q", u.String())
	}
}

func TestBadRoadmapInputSavesNothing(t *testing.T) {
	db := openAt(t)
	p, _ := podWithMeeting(t, db)
	neg, huge := data.Effort(-5), data.Effort(200000)
	for _, it := range []data.RoadmapItem{
		{PodID: p.ID, Title: "Negative", Kind: data.KindFeature, Effort: &neg, Target: q4, Status: data.StatusPlanned},
		{PodID: p.ID, Title: "Absurd", Kind: data.KindFeature, Effort: &huge, Target: q4, Status: data.StatusPlanned},
		{PodID: p.ID, Title: "Future ship", Kind: data.KindFeature, Target: q4, Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 12, 1)},
		{PodID: p.ID, Title: "Bad customer", Kind: data.KindFeature, Target: q4, Status: data.StatusPlanned, Customers: []string{strings.Repeat("x", 500)}},
	} {
		if _, _, err := db.SaveRoadmapItem(ctx, it); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s: err = %v", it.Title, err)
		}
	}
	feature := mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Payouts", Kind: data.KindFeature, Target: q4,
		Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 9, 1)})
	_, _, err := db.AddARREntry(ctx, data.ARREntry{ItemID: feature.ID, Date: data.NewDate(2026, 11, 26), Amount: data.Dollars(5)})
	var ve *data.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For("date"), "in the future") {
		t.Errorf("future ARR: %v", err)
	}
	planned := mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Later", Kind: data.KindFeature, Target: q4, Status: data.StatusPlanned})
	if _, _, err := db.AddARREntry(ctx, data.ARREntry{ItemID: planned.ID, Date: data.NewDate(2026, 11, 20), Amount: data.Dollars(5)}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("ARR on an unshipped feature: %v", err)
	}
	r, _ := db.Roadmap(ctx, p.ID)
	if len(r.Items) != 2 || len(r.Entries) != 0 {
		t.Errorf("bad input reached the store: %d items, %d entries", len(r.Items), len(r.Entries))
	}
	var sources int
	db.db.QueryRow(`SELECT count(*) FROM roadmap_item_sources`).Scan(&sources)
	if sources != 0 {
		t.Errorf("%d customer rows left behind", sources)
	}
}

func TestCelebrationFiresOnceAndIsFoundByTheMinutes(t *testing.T) {
	db := openAt(t)
	p, _ := podWithMeeting(t, db)
	f := mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Instant payouts", Kind: data.KindFeature, Target: q4,
		Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 7, 1)})
	steps := []struct {
		date   data.Date
		amount data.Money
		fires  bool
	}{
		{data.NewDate(2026, 8, 1), data.Dollars(600_000), false},
		{data.NewDate(2026, 9, 15), data.Dollars(400_000), true}, // exactly $1M
		{data.NewDate(2026, 10, 1), data.Dollars(300_000), false},
		{data.NewDate(2026, 11, 2), data.Dollars(900_000), false},
	}
	for i, s := range steps {
		it, cel, err := db.AddARREntry(ctx, data.ARREntry{ItemID: f.ID, Date: s.date, Amount: s.amount, Note: "entry"})
		if err != nil {
			t.Fatal(err)
		}
		if (cel != nil) != s.fires {
			t.Fatalf("entry %d: celebration %v, want %v", i, cel, s.fires)
		}
		if cel != nil {
			if cel.CrossedOn.String() != "2026-09-15" || cel.Goal != data.Dollars(1_000_000) || cel.Realized != data.Dollars(1_000_000) || cel.Title != "Instant payouts" {
				t.Errorf("celebration = %+v", cel)
			}
			if !strings.Contains(cel.Line(), "Instant payouts reached its $1M ARR goal on Tue 15 Sep 2026") {
				t.Errorf("line = %q", cel.Line())
			}
		}
		if i >= 1 && it.GoalReachedOn.String() != "2026-09-15" {
			t.Errorf("entry %d: reached on %q", i, it.GoalReachedOn)
		}
	}
	// Raising and lowering the goal afterwards does not celebrate again.
	big := data.Dollars(5_000_000)
	r0, _ := db.Roadmap(ctx, p.ID)
	f = r0.Items[0]
	f.GoalOverride = &big
	mustSave(t, db, f)
	f.GoalOverride = nil
	if _, cel, err := db.SaveRoadmapItem(ctx, f); err != nil || cel != nil {
		t.Errorf("re-lowering the goal: %v, %v", cel, err)
	}
	cs, err := db.CelebrationsSince(ctx, p.ID, data.NewDate(2026, 9, 10))
	if err != nil || len(cs) != 1 {
		t.Fatalf("celebrations since 10 Sep = %+v, %v", cs, err)
	}
	if cs, _ := db.CelebrationsSince(ctx, p.ID, data.NewDate(2026, 9, 16)); len(cs) != 0 {
		t.Errorf("celebrations since 16 Sep = %+v", cs)
	}
	r, _ := db.Roadmap(ctx, p.ID)
	if len(r.Entries) != 4 || r.Items[0].RealizedARR != data.Dollars(2_200_000) || len(r.Celebrations) != 1 {
		t.Errorf("history = %d entries, realized %v, %d celebrations", len(r.Entries), r.Items[0].RealizedARR, len(r.Celebrations))
	}
	// SQL refuses a second celebration and an edit of the history too.
	if _, err := db.db.Exec(`INSERT INTO roadmap_celebrations (item_id, pod_id, title, goal, realized, crossed_on, currency, created_at)
		VALUES (?, ?, 'again', 1, 1, '2026-11-01', 'USD', 'x')`, f.ID, p.ID); err == nil {
		t.Error("a second celebration row was accepted")
	}
	if _, err := db.db.Exec(`UPDATE roadmap_arr_entries SET amount = 1`); err == nil {
		t.Error("an ARR entry was edited")
	}
}

func TestLoweredGoalCelebratesOnSave(t *testing.T) {
	db := openAt(t)
	p, _ := podWithMeeting(t, db)
	f := mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Invoices", Kind: data.KindFeature, Target: q4,
		Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 7, 1)})
	if _, cel, _ := db.AddARREntry(ctx, data.ARREntry{ItemID: f.ID, Date: data.NewDate(2026, 8, 1), Amount: data.Dollars(300_000)}); cel != nil {
		t.Fatal("celebrated below the goal")
	}
	r, _ := db.Roadmap(ctx, p.ID)
	f = r.Items[0]
	low := data.Dollars(250_000)
	f.GoalOverride = &low
	_, cel, err := db.SaveRoadmapItem(ctx, f)
	if err != nil || cel == nil || cel.CrossedOn.String() != "2026-11-25" || cel.Goal != low {
		t.Errorf("lowering the goal: %+v, %v", cel, err)
	}
}

func TestDebtSnapshotIsFrozen(t *testing.T) {
	db := openAt(t)
	p, m := podWithMeeting(t, db)
	mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Upgrade Postgres", Kind: data.KindMaintenance, Subkind: data.MaintUpgrades,
		Effort: effort(3), Target: q4, Status: data.StatusPlanned})
	feat := mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Apple Pay", Kind: data.KindFeature,
		Effort: effort(17), Target: q4.Next(), Status: data.StatusInProgress})
	mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Refund API", Kind: data.KindFeature, Target: q4, Status: data.StatusPlanned})
	window := data.DefaultPlanningWindow(data.NewDate(2026, 11, 26))
	snap, err := db.RecordDebtSnapshot(ctx, m.ID, window)
	if err != nil {
		t.Fatal(err)
	}
	c := snap.Check
	if c.Ratio != 1500 || c.Band != data.BandClose || c.Shortfall != 13 || c.Total != 200 || c.Maintenance != 30 ||
		c.MaintenanceItems != 1 || c.FeatureItems != 2 || len(c.Unestimated) != 1 || c.Unestimated[0].Title != "Refund API" ||
		c.Quota != 2000 || c.Window != window || snap.MeetingDate.String() != "2026-11-26" || snap.Response != data.ResponsePending {
		t.Fatalf("snapshot = %+v", snap)
	}

	// The roadmap changes and the quota moves: the snapshot stays as it was.
	feat.Effort = effort(2)
	mustSave(t, db, feat)
	pod, _ := db.Pod(ctx, p.ID)
	q := data.Percent(5000)
	pod.Overrides.MaintenanceQuota = &q
	if _, err := db.UpdatePod(ctx, pod); err != nil {
		t.Fatal(err)
	}
	again, err := db.DebtSnapshot(ctx, m.ID)
	if err != nil || again.Check.Ratio != 1500 || again.Check.Quota != 2000 || again.Check.Total != 200 {
		t.Errorf("snapshot changed with the roadmap: %+v, %v", again.Check, err)
	}
	if _, err := db.RecordDebtSnapshot(ctx, m.ID, window); !errors.Is(err, data.ErrConflict) {
		t.Errorf("a second snapshot for the meeting: %v", err)
	}
	// SQL itself refuses to rewrite the figures.
	for _, stmt := range []string{
		`UPDATE debt_snapshots SET ratio_bp = 2500`,
		`UPDATE debt_snapshots SET band = 'on_target'`,
		`UPDATE debt_snapshots SET total_tenths = total_tenths`,
	} {
		if _, err := db.db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "cannot be changed") {
			t.Errorf("%s: %v", stmt, err)
		}
	}

	// The PMM disputes, once.
	if _, err := db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseDisputed}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("dispute without a comment: %v", err)
	}
	answered, err := db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseDisputed, Comment: " Refund API is a contract commitment "})
	if err != nil || answered.Response != data.ResponseDisputed || answered.Comment != "Refund API is a contract commitment" ||
		answered.RespondedBy != "王小明" || answered.RespondedAt.IsZero() || answered.Check.Ratio != 1500 {
		t.Errorf("answer = %+v, %v", answered, err)
	}
	if _, err := db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseAccepted}); !errors.Is(err, data.ErrConflict) {
		t.Errorf("second answer: %v", err)
	}
	if _, err := db.db.Exec(`UPDATE debt_snapshots SET response = 'accepted'`); err == nil {
		t.Error("SQL let the answer be rewritten")
	}
	r, _ := db.Roadmap(ctx, p.ID)
	if len(r.Snapshots) != 1 || r.Snapshots[0].Response != data.ResponseDisputed {
		t.Errorf("roadmap snapshots = %+v", r.Snapshots)
	}
	if _, err := db.DebtSnapshot(ctx, m.ID+100); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing snapshot: %v", err)
	}
	// Deleting the pod takes its roadmap with it.
	if err := db.DeletePod(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	db.db.QueryRow(`SELECT (SELECT count(*) FROM debt_snapshots) + (SELECT count(*) FROM roadmap_items)`).Scan(&n)
	if n != 0 {
		t.Errorf("%d roadmap rows outlived their pod", n)
	}
}

func TestQuotaOutsideRangeIsRefused(t *testing.T) {
	db := openAt(t)
	p, _ := podWithMeeting(t, db)
	for _, bp := range []data.Percent{-1, 10001} {
		q := bp
		p.Overrides.MaintenanceQuota = &q
		_, err := db.UpdatePod(ctx, p)
		if !errors.Is(err, data.ErrInvalid) || !strings.Contains(err.Error(), "between 0% and 100%") {
			t.Errorf("quota %d: %v", bp, err)
		}
	}
	if _, err := data.ParsePercent("120"); err == nil || !strings.Contains(err.Error(), "between 0 and 100") {
		t.Errorf("typed 120%%: %v", err)
	}
	r, _ := db.Roadmap(ctx, p.ID)
	if r.Settings.MaintenanceQuota != 2000 {
		t.Errorf("a refused quota changed the pod: %v", r.Settings.MaintenanceQuota)
	}
}

func TestNoSnapshotIntoAClosedMeeting(t *testing.T) {
	db := openAt(t)
	_, m := podWithMeeting(t, db)
	if _, err := db.db.Exec(`UPDATE meetings SET status = 'closed' WHERE id = ?`, m.ID); err != nil {
		t.Fatal(err)
	}
	_, err := db.RecordDebtSnapshot(ctx, m.ID, data.DefaultPlanningWindow(m.Date))
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "is closed") {
		t.Errorf("snapshot into a closed meeting: %v", err)
	}
	if _, err := db.RecordDebtSnapshot(ctx, m.ID+99, data.DefaultPlanningWindow(m.Date)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("snapshot into a missing meeting: %v", err)
	}
	bad := data.QuarterRange{From: q4.Next(), To: q4}
	if _, err := db.RecordDebtSnapshot(ctx, m.ID, bad); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("backwards window: %v", err)
	}
}

// The roadmap's rules are the pod's whole effective settings: the deal
// desk's concentration warning reads its level from them, and a level
// of 0% would flag every customer.
func TestRoadmapCarriesTheConcentrationWarningLevel(t *testing.T) {
	db := openAt(t)
	p, _ := podWithMeeting(t, db)
	st, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.ConcentrationLimit = 2500
	if err := db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	r, err := db.Roadmap(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Settings.ConcentrationLimit; got != 2500 {
		t.Errorf("the roadmap's concentration warning level is %s, want 25%%", got.Format())
	}
	if want, _ := db.EffectiveSettings(ctx, p.ID); r.Settings != want {
		t.Errorf("the roadmap's rules %+v differ from the pod's effective settings %+v", r.Settings, want)
	}
}
