package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
)

func TestBackupIsVerifiedPrivateAndRestorable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "triad.db")
	clock := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db, err := Open(path, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	if !db.ChangedSinceBackup() {
		t.Error("a write did not count as a change")
	}
	info, err := db.Backup(ctx, data.BackupManual)
	if err != nil {
		t.Fatal(err)
	}
	if db.ChangedSinceBackup() {
		t.Error("still changed right after a backup")
	}
	st, _ := os.Stat(info.Path)
	dst, _ := os.Stat(BackupDir(path))
	if st.Mode().Perm() != 0o600 || dst.Mode().Perm() != 0o700 {
		t.Errorf("backup %v in folder %v, want 0600 in 0700", st.Mode().Perm(), dst.Mode().Perm())
	}

	// Later edits, then restore the backup: the later pod is gone, the
	// replaced database is kept beside it.
	clock = clock.Add(time.Hour)
	if _, err := db.CreatePod(ctx, samplePod("Growth")); err != nil {
		t.Fatal(err)
	}
	list, err := ListBackups(path)
	if err != nil || len(list) != 1 || !strings.HasPrefix(list[0].Summary, "1 pods, 0 meetings") || list[0].Reason != data.BackupManual {
		t.Fatalf("list = %+v, %v", list, err)
	}
	db.Close()
	aside, err := Restore(path, list[0].Path, clock)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(filepath.Base(aside), "triad.before-restore-") {
		t.Errorf("aside = %s", aside)
	}
	if s, err := VerifyFile(aside); err != nil || !strings.HasPrefix(s, "2 pods, 0 meetings") {
		t.Errorf("the replaced database: %q, %v", s, err)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pods, _ := db.Pods(ctx)
	if len(pods) != 1 || pods[0].Name != "Payments" {
		t.Errorf("restored pods = %+v", pods)
	}
}

func TestRestoreRefusesBadBackupAndKeepsDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.CreatePod(ctx, samplePod("Payments"))
	db.Close()
	before, _ := os.ReadFile(path)
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, bytes.Repeat([]byte("x"), 4096), 0o600)
	if _, err := Restore(path, bad, time.Now()); err == nil || !strings.Contains(err.Error(), "cannot be restored") {
		t.Fatalf("restore of junk: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".triad-") || strings.Contains(e.Name(), "before-restore") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestWriteBackupFailureLeavesNothing(t *testing.T) {
	db := openTemp(t)
	missing := filepath.Join(t.TempDir(), "no", "such", "folder", "copy.db")
	if err := db.WriteBackup(ctx, missing); err == nil {
		t.Fatal("backup into a missing folder succeeded")
	}
	target := filepath.Join(t.TempDir(), "copy.db")
	os.WriteFile(target, []byte("keep me"), 0o600)
	if err := db.WriteBackup(ctx, target); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyFile(target); err != nil {
		t.Errorf("backup over an existing file: %v", err)
	}
}

func TestRotateKeepsOnlyBackups(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	for i := 0; i < 30; i++ {
		os.WriteFile(filepath.Join(dir, data.BackupName(now.Add(-time.Duration(i)*time.Minute), data.BackupAuto)), nil, 0o600)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o600)
	if err := Rotate(dir, data.DefaultRotation, now); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 11 { // 10 recent (same day, same week) + notes.txt
		t.Errorf("%d files after rotation, want 11", len(entries))
	}
}

func TestUpgradeTakesBackupFirst(t *testing.T) {
	if SchemaVersion() < 2 {
		t.Skip("only one schema version exists; nothing to upgrade from")
	}
	path := tempPath(t)
	raw, err := sql.Open("sqlite3", dsn(path, "rwc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(context.Background(), raw, 1); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	list, _ := ListBackups(path)
	if len(list) != 1 || list[0].Reason != data.BackupMigration {
		t.Fatalf("backups after upgrade = %+v", list)
	}
}

// A file in the backups folder that fails its check is listed as
// unusable, with why, and never as a copy to restore.
func TestListBackupsMarksADamagedCopyUnusable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	good, err := db.Backup(ctx, data.BackupManual)
	if err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(BackupDir(path), data.BackupName(time.Now().Add(time.Hour), data.BackupAuto))
	if err := os.WriteFile(damaged, []byte("not a database at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	list, err := ListBackups(path)
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if list[0].Path != damaged || list[0].Usable() || list[0].Unusable == nil || list[0].Summary != "" {
		t.Errorf("the damaged copy is listed as %+v", list[0])
	}
	if list[1].Path != good.Path || !list[1].Usable() {
		t.Errorf("the good copy is listed as %+v", list[1])
	}
}
