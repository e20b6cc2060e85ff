package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
)

var ctx = context.Background()

func tempPath(t testing.TB) string { return filepath.Join(t.TempDir(), "triad.db") }

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(tempPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func samplePod(name string) data.Pod {
	p := data.NewPod()
	p.Name = name
	p.MeetingDay = time.Thursday
	p.MeetingTime = 9*60 + 30
	p.Leaders[0].Name, p.Leaders[0].Email = "Priya Raman", "priya@example.com"
	p.Leaders[1].Name, p.Leaders[1].Email = "José Ñúñez", "jose@example.com"
	p.Leaders[2].Name, p.Leaders[2].Email = "王小明", ""
	return p
}

func TestCreateFilePermissions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "Triad")
	path := filepath.Join(dir, "triad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", st.Mode().Perm())
	}
	dst, _ := os.Stat(dir)
	if dst.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", dst.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".triad-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestPodRoundTripSurvivesReopen(t *testing.T) {
	path := tempPath(t)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := samplePod("Payments")
	q := data.Percent(2500)
	p.Overrides.MaintenanceQuota = &q
	created, err := db.CreatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == 0 || created.Leaders[0].ID == 0 || created.CreatedAt.IsZero() {
		t.Fatalf("created = %+v", created)
	}
	db.Close()

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Pod(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Payments" || got.MeetingDay != time.Thursday || got.MeetingTime != 570 ||
		got.Leaders[1].Name != "José Ñúñez" || got.Leaders[2].Name != "王小明" ||
		got.Overrides.MaintenanceQuota == nil || *got.Overrides.MaintenanceQuota != 2500 || got.Overrides.DealThreshold != nil {
		t.Errorf("reopened pod = %+v", got)
	}

	// Update keeps member ids when the person in a seat changes.
	got.Leaders[0].Name = "Łukasz Nowak"
	got.Overrides.MaintenanceQuota = nil
	upd, err := db.UpdatePod(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if upd.Leaders[0].ID != created.Leaders[0].ID || upd.Leaders[0].Name != "Łukasz Nowak" || upd.Overrides.MaintenanceQuota != nil {
		t.Errorf("updated = %+v", upd)
	}
}

func TestPodNameUniqueIgnoringCase(t *testing.T) {
	db := openTemp(t)
	if _, err := db.CreatePod(ctx, samplePod("Ödeme")); err != nil {
		t.Fatal(err)
	}
	_, err := db.CreatePod(ctx, samplePod("ödeme"))
	var ve *data.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For("name"), "already exists") {
		t.Fatalf("duplicate name: %v", err)
	}
	pods, _ := db.Pods(ctx)
	if len(pods) != 1 {
		t.Errorf("%d pods after refused duplicate", len(pods))
	}
}

func TestInvalidPodWritesNothing(t *testing.T) {
	db := openTemp(t)
	p := samplePod("")
	p.Leaders[0].Email = "nope"
	_, err := db.CreatePod(ctx, p)
	if !errors.Is(err, data.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	pods, _ := db.Pods(ctx)
	if len(pods) != 0 {
		t.Errorf("pods = %v", pods)
	}
}

func TestSettingsRoundTrip(t *testing.T) {
	db := openTemp(t)
	st, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != data.DefaultSettings() {
		t.Fatalf("fresh settings = %+v", st)
	}
	st.DealThreshold = data.Dollars(75_000)
	st.SignOffSLA = 36 * time.Hour
	st.Currency = "EUR"
	if err := db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Settings(ctx)
	if got != st {
		t.Errorf("settings = %+v, want %+v", got, st)
	}
	st.MaintenanceQuota = 10001
	if err := db.SaveSettings(ctx, st); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("bad quota saved: %v", err)
	}
	p, _ := db.CreatePod(ctx, samplePod("Growth"))
	eff, err := db.EffectiveSettings(ctx, p.ID)
	if err != nil || eff.Currency != "EUR" {
		t.Errorf("effective = %+v, %v", eff, err)
	}
}

func TestMeetingsAndDuplicateDate(t *testing.T) {
	db := openTemp(t)
	p, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-11-05", "2026-11-19", "2026-11-12"} {
		date, _ := data.ParseDate(d)
		if _, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: date}); err != nil {
			t.Fatal(err)
		}
	}
	date, _ := data.ParseDate("2026-11-12")
	_, err = db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: date})
	var ve *data.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.For("date"), "already has a meeting on Thu 12 Nov 2026") {
		t.Fatalf("duplicate date: %v", err)
	}
	ms, err := db.Meetings(ctx, p.ID)
	if err != nil || len(ms) != 3 || ms[0].Date.String() != "2026-11-19" || ms[2].Date.String() != "2026-11-05" {
		t.Fatalf("meetings = %+v, %v", ms, err)
	}
	if ms[0].Status != data.MeetingDraft {
		t.Errorf("status = %s", ms[0].Status)
	}
	u, _ := db.PodUsage(ctx, p.ID)
	if u.String() != "3 meetings" {
		t.Errorf("usage = %q", u.String())
	}
	if err := db.DeletePod(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if ms, _ := db.Meetings(ctx, p.ID); len(ms) != 0 {
		t.Errorf("meetings survived their pod: %v", ms)
	}
	if _, err := db.Pod(ctx, p.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("deleted pod: %v", err)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	path := tempPath(t)
	for i := 0; i < 3; i++ {
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var v int
		db.db.QueryRow("PRAGMA user_version").Scan(&v)
		if v != SchemaVersion() {
			t.Errorf("user_version = %d, want %d", v, SchemaVersion())
		}
		if err := migrate(ctx, db.db, SchemaVersion()); err != nil {
			t.Errorf("re-running migrations: %v", err)
		}
		db.Close()
	}
}

func TestMigrationFailureRollsBack(t *testing.T) {
	path := tempPath(t)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bad := migration{version: SchemaVersion() + 1, name: "bad.sql", sql: "CREATE TABLE half (x); SELECT * FROM no_such_table;"}
	if err := applyMigration(ctx, db.db, bad); err == nil {
		t.Fatal("bad migration applied")
	}
	var n int
	db.db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'half'").Scan(&n)
	var v int
	db.db.QueryRow("PRAGMA user_version").Scan(&v)
	if n != 0 || v != SchemaVersion() {
		t.Errorf("after failed migration: half table %d, version %d", n, v)
	}
	if _, err := db.CreatePod(ctx, samplePod("Still works")); err != nil {
		t.Errorf("the database is not usable after a failed migration: %v", err)
	}
}

// refusedUntouched opens path, expects err to contain want, and checks not a
// byte of the file changed and no -wal or -shm was left beside it.
func refusedUntouched(t *testing.T, path, want string) {
	t.Helper()
	before, _ := os.ReadFile(path)
	db, err := Open(path, Options{})
	if err == nil {
		db.Close()
		t.Fatalf("opened %s, want refusal", path)
	}
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q, want it to name the file and say %q", err, want)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Errorf("file changed by a refused open")
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("%s left beside a refused file", s)
		}
	}
}

func TestRefusesForeignAndDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("zero bytes", func(t *testing.T) { refusedUntouched(t, write("empty.db", nil), "empty (0 bytes)") })
	t.Run("random bytes", func(t *testing.T) {
		b := bytes.Repeat([]byte("not a database, just text. "), 200)
		refusedUntouched(t, write("random.db", b), "not an SQLite file")
	})

	// A real Triad file with data, then damaged copies of it.
	good := filepath.Join(dir, "good.db")
	db := fortyPods(t, good)
	db.Close()
	full, _ := os.ReadFile(good)
	if len(full) < 8192 {
		t.Fatalf("sample database only %d bytes", len(full))
	}
	t.Run("truncated mid-page", func(t *testing.T) { refusedUntouched(t, write("trunc1.db", full[:len(full)/2+100]), "cut short") })
	t.Run("truncated at a page", func(t *testing.T) { refusedUntouched(t, write("trunc2.db", full[:4096*2]), "cut short") })
	t.Run("truncated in header", func(t *testing.T) { refusedUntouched(t, write("trunc3.db", full[:50]), "cut short") })

	t.Run("another application", func(t *testing.T) {
		p := filepath.Join(dir, "other.db")
		o, err := sql.Open("sqlite3", p)
		if err != nil {
			t.Fatal(err)
		}
		o.Exec("PRAGMA application_id = 42; CREATE TABLE notes (x);")
		o.Close()
		refusedUntouched(t, p, "another application's SQLite database")
	})
	t.Run("plain sqlite", func(t *testing.T) {
		p := filepath.Join(dir, "plain.db")
		o, _ := sql.Open("sqlite3", p)
		o.Exec("CREATE TABLE notes (x);")
		o.Close()
		refusedUntouched(t, p, "not one of Triad's")
	})
	t.Run("newer version", func(t *testing.T) {
		p := filepath.Join(dir, "newer.db")
		b := append([]byte(nil), full...)
		b[63] = byte(SchemaVersion() + 1) // user_version, big-endian at offset 60
		os.WriteFile(p, b, 0o600)
		refusedUntouched(t, p, "newer version of Triad")
	})
}

// fortyPods makes a Triad file at path holding forty pods with long
// descriptions: a few dozen pages.
func fortyPods(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		p := samplePod("Pod " + strings.Repeat("x", i))
		p.Description = strings.Repeat("notes ", 300)
		if _, err := db.CreatePod(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestFTS5Built(t *testing.T) {
	if !HasFTS5() {
		t.Fatal("this binary was built without SQLite FTS5: build and test with -tags sqlite_fts5")
	}
}

func TestUncleanShutdownIsNoticed(t *testing.T) {
	path := tempPath(t)
	first, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if first.UncleanShutdown() {
		t.Error("a new database reports an unclean shutdown")
	}
	// The first session never closes (as after kill -9 or a power cut).
	second, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !second.UncleanShutdown() {
		t.Error("an open that followed a session that never closed is not flagged")
	}
	first.db.Close()
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	third, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if third.UncleanShutdown() {
		t.Error("a clean close still reports an unclean shutdown")
	}
}
