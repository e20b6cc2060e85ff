package data

import (
	"errors"
	"testing"
	"time"
)

func TestBackupNameRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 25, 12, 3, 4, 567e6, time.FixedZone("CET", 3600))
	name := BackupName(at, BackupMeetingClosed)
	if name != "triad-20261125T110304.567Z-meeting-closed.db" {
		t.Fatalf("name = %s", name)
	}
	got, reason, ok := ParseBackupName(name)
	if !ok || !got.Equal(at) || reason != BackupMeetingClosed {
		t.Errorf("parse = %v %v %v", got, reason, ok)
	}
	for _, bad := range []string{"triad.db", "triad-x.db", "notes.txt", "triad-20261125T110304.567Z-auto.db-wal"} {
		if _, _, ok := ParseBackupName(bad); ok {
			t.Errorf("%q parsed as a backup", bad)
		}
	}
}

func TestRotationKeep(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	// One backup every 30 minutes for 70 days.
	var taken []time.Time
	for ti := now; ti.After(now.AddDate(0, 0, -70)); ti = ti.Add(-30 * time.Minute) {
		taken = append(taken, ti)
	}
	keep := DefaultRotation.Keep(taken, now)
	kept := 0
	var oldest time.Time
	for i, k := range keep {
		if k {
			kept++
			oldest = taken[i]
		}
	}
	if kept > 10+7+8 || kept < 17 {
		t.Errorf("kept %d backups, want between 17 and 25", kept)
	}
	for i := 0; i < 10; i++ {
		if !keep[i] {
			t.Errorf("recent backup %d dropped", i)
		}
	}
	if age := now.Sub(oldest); age < 6*7*24*time.Hour || age > 8*7*24*time.Hour {
		t.Errorf("oldest kept is %v old, want 6 to 8 weeks (eight ISO weeks counting this one)", age)
	}
	// A single ancient backup is still kept: it is the newest there is.
	if k := DefaultRotation.Keep([]time.Time{now.AddDate(-1, 0, 0)}, now); !k[0] {
		t.Error("the only backup was dropped")
	}
}

func TestAutoBackupDue(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		after   time.Duration
		changed bool
		want    bool
	}{
		{29 * time.Minute, true, false},
		{30 * time.Minute, true, true},
		{5 * time.Hour, false, false},
		{-time.Hour, true, false}, // clock moved back: wait
	}
	for _, c := range cases {
		if got := AutoBackupDue(t0, t0.Add(c.after), c.changed); got != c.want {
			t.Errorf("after %v changed=%v: %v, want %v", c.after, c.changed, got, c.want)
		}
	}
}

func TestBackupUsableOnlyWhenItVerified(t *testing.T) {
	good := BackupInfo{Summary: "2 pods, 10 meetings"}
	// A summary that happens to begin like a refusal is still a summary.
	odd := BackupInfo{Summary: "Unusable: 1 pods"}
	bad := BackupInfo{Unusable: errors.New("not a Triad database")}
	if !good.Usable() || good.Describe() != "2 pods, 10 meetings" || !odd.Usable() {
		t.Errorf("a verified copy: usable %v %v, %q", good.Usable(), odd.Usable(), good.Describe())
	}
	if bad.Usable() || bad.Describe() != "Unusable: not a Triad database" || (BackupInfo{}).Usable() {
		t.Errorf("an unusable copy: usable %v, %q", bad.Usable(), bad.Describe())
	}
}
