package sqlite

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"triad/data"
)

func filledDB(t *testing.T) *DB {
	t.Helper()
	db := openTemp(t)
	p, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	q := data.Percent(2500)
	p2 := samplePod("Zoë's “Growth” pod \u0645")
	p2.Overrides.MaintenanceQuota = &q
	if _, err := db.CreatePod(ctx, p2); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-11-05", "2026-11-12"} {
		date, _ := data.ParseDate(d)
		if _, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: date}); err != nil {
			t.Fatal(err)
		}
	}
	st, _ := db.Settings(ctx)
	st.Currency = "EUR"
	db.SaveSettings(ctx, st)
	return db
}

func TestExportImportExportIsIdentical(t *testing.T) {
	src := filledDB(t)
	first, err := src.exportBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(first, []byte(`"format": "triad-export"`)) || !bytes.Contains(first, []byte(`"pods"`)) {
		t.Fatalf("export:\n%s", first)
	}
	dst := openTemp(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(first)); err != nil {
		t.Fatal(err)
	}
	second, err := dst.exportBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export -> import -> export differs:\n%s\n---\n%s", first, second)
	}
	pods, _ := dst.Pods(ctx)
	if len(pods) != 2 || pods[1].Name != "Zoë's “Growth” pod \u0645" || pods[1].Leaders[2].Name != "王小明" {
		t.Errorf("imported pods = %+v", pods)
	}
	// Importing again into a database that now has pods is refused.
	if err := dst.ImportJSON(ctx, bytes.NewReader(first)); !errors.Is(err, data.ErrConflict) {
		t.Errorf("second import: %v", err)
	}
}

func TestMalformedImportWritesNothing(t *testing.T) {
	src := filledDB(t)
	good, _ := src.exportBytes(ctx)
	cases := []struct {
		name, from, to, want string
	}{
		{"not json", "{", "[", "not a Triad export"},
		{"wrong format", `"triad-export"`, `"other"`, "format"},
		{"empty pod name", `"name": "Payments"`, `"name": ""`, "pods[0] (id 1)"},
		{"text for a number", `"meeting_weekday": 4`, `"meeting_weekday": "Thursday"`, "meeting_weekday: must be a number"},
		{"unknown field", `"meeting_weekday": 4`, `"meeting_weekday": 4, "shoe_size": 9`, "shoe_size: is not a field"},
		{"bad email", `"priya@example.com"`, `"priya.example.com"`, "missing an @"},
		{"dangling meeting", `"pod_id": 1,`, `"pod_id": 99,`, "meetings[0] (id 1).pod_id: refers to pods record 99, which is not in the file"}, // meetings come first in the file
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(string(good), c.from, c.to, 1)
			if bad == string(good) {
				t.Fatalf("the case did not change the file (%q not found)", c.from)
			}
			dst := openTemp(t)
			err := dst.ImportJSON(ctx, strings.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
			pods, _ := dst.Pods(ctx)
			st, _ := dst.Settings(ctx)
			if len(pods) != 0 || st != data.DefaultSettings() {
				t.Errorf("a failed import wrote data: %d pods, settings %+v", len(pods), st)
			}
		})
	}
}

func FuzzImportJSON(f *testing.F) {
	dir := f.TempDir()
	// Each input gets a fresh database; on a RAM disk the syncs cost nothing.
	if shm, err := os.MkdirTemp("/dev/shm", "triad-fuzz-"); err == nil {
		dir = shm
		f.Cleanup(func() { os.RemoveAll(shm) })
	}
	src, err := Open(filepath.Join(dir, "src.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	p, _ := src.CreatePod(ctx, samplePod("Payments"))
	d, _ := data.ParseDate("2026-11-05")
	src.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: d})
	good, _ := src.exportBytes(ctx)
	src.Close()
	f.Add(good)
	f.Add([]byte(`{"format":"triad-export","version":1,"schema":1,"tables":{}}`))
	f.Add([]byte(`{"format":"triad-export","version":1,"schema":1,"tables":{"settings":[{"id":1}]}}`))
	f.Add([]byte(`null`))
	n := 0
	f.Fuzz(func(t *testing.T, b []byte) {
		n++
		path := filepath.Join(dir, "fuzz.db")
		for _, s := range []string{"", "-wal", "-shm", ".open"} {
			os.Remove(path + s)
		}
		db, err := Open(path, Options{Check: "none"})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.ImportJSON(ctx, bytes.NewReader(b)); err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			// Nothing written.
			pods, _ := db.Pods(ctx)
			if len(pods) != 0 {
				t.Fatalf("failed import left %d pods", len(pods))
			}
			return
		}
		if err := db.Check(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
