package data

import (
	"sort"
	"strings"
	"time"
)

// BackupReason says why a backup was taken; it is part of the file name.
type BackupReason string

const (
	BackupAuto          BackupReason = "auto"           // periodic, while data changed
	BackupMigration     BackupReason = "before-upgrade" // before a schema migration
	BackupMeetingClosed BackupReason = "meeting-closed" // when a meeting is closed
	BackupManual        BackupReason = "manual"         // asked for by the user
	BackupRestore       BackupReason = "before-restore" // the database a restore replaced
)

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path    string
	Taken   time.Time // UTC, from the file name
	Reason  BackupReason
	Size    int64
	Summary string // "2 pods, 10 meetings"; "" when the copy could not be read
	// Unusable is why the copy cannot be restored (it failed its check);
	// nil when it verified.
	Unusable error
}

// Usable reports whether the backup verified and can be restored.
func (b BackupInfo) Usable() bool { return b.Unusable == nil && b.Summary != "" }

// Describe is what a list of backups says of b: what it holds, or why it
// cannot be used.
func (b BackupInfo) Describe() string {
	if b.Unusable != nil {
		return "Unusable: " + b.Unusable.Error()
	}
	return b.Summary
}

// BackupName is the file name for a backup taken at t: sortable, UTC.
func BackupName(t time.Time, reason BackupReason) string {
	return "triad-" + t.UTC().Format("20060102T150405.000Z") + "-" + string(reason) + ".db"
}

// ParseBackupName reads what BackupName wrote.
func ParseBackupName(name string) (time.Time, BackupReason, bool) {
	rest, ok := strings.CutPrefix(name, "triad-")
	if !ok || !strings.HasSuffix(rest, ".db") || len(rest) < len("20060102T150405.000Z-") {
		return time.Time{}, "", false
	}
	stamp := rest[:len("20060102T150405.000Z")]
	t, err := time.Parse("20060102T150405.000Z", stamp)
	if err != nil {
		return time.Time{}, "", false
	}
	reason := strings.TrimSuffix(strings.TrimPrefix(rest[len(stamp):], "-"), ".db")
	return t, BackupReason(reason), true
}

// Rotation says how many backups to keep: the Recent newest, plus the newest
// of each of the last Daily calendar days (UTC) and of the last Weekly ISO
// weeks.
type Rotation struct {
	Recent, Daily, Weekly int
}

// DefaultRotation keeps 10 recent, 7 daily and 8 weekly backups.
var DefaultRotation = Rotation{Recent: 10, Daily: 7, Weekly: 8}

// Keep returns, for each of taken, whether rotation keeps it at now. Older
// backups than the windows are dropped; the newest backup is always kept.
func (r Rotation) Keep(taken []time.Time, now time.Time) []bool {
	idx := make([]int, len(taken))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return taken[idx[a]].After(taken[idx[b]]) })
	keep := make([]bool, len(taken))
	days := map[string]bool{}
	weeks := map[string]bool{}
	today := now.UTC().Truncate(24 * time.Hour)
	for n, i := range idx {
		t := taken[i].UTC()
		if n < r.Recent || n == 0 {
			keep[i] = true
		}
		day := t.Format("2006-01-02")
		if !days[day] && len(days) < r.Daily && !t.Before(today.AddDate(0, 0, -r.Daily+1)) {
			days[day] = true
			keep[i] = true
		}
		y, w := t.ISOWeek()
		week := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + "-" + itoa(w)
		if !weeks[week] && len(weeks) < r.Weekly && !t.Before(today.AddDate(0, 0, -7*r.Weekly)) {
			weeks[week] = true
			keep[i] = true
		}
	}
	return keep
}

// AutoBackupInterval is the most often Triad backs up on its own while data changes.
const AutoBackupInterval = 30 * time.Minute

// AutoBackupDue reports whether a periodic backup is due: something changed
// and the last backup is at least AutoBackupInterval old.
func AutoBackupDue(last, now time.Time, changed bool) bool {
	return changed && now.Sub(last) >= AutoBackupInterval
}
