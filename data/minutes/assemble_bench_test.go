package minutes_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"triad/data/minutes"
)

// BenchmarkAssembleAndRenderDemoMeeting reads the sample Payments pod's
// latest closed meeting from the store and renders its PDF, in-process:
// what the Minutes button does before writing the file.
func BenchmarkAssembleAndRenderDemoMeeting(b *testing.B) {
	ctx := context.Background()
	db := demoDB(b, b.TempDir())
	_, meeting := latestClosed(b, db, "Payments")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, err := minutes.Assemble(ctx, db, meeting.ID, opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := minutes.Render(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssembleDemoMeeting is the store's share of the above.
func BenchmarkAssembleDemoMeeting(b *testing.B) {
	ctx := context.Background()
	db := demoDB(b, b.TempDir())
	_, meeting := latestClosed(b, db, "Payments")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := minutes.Assemble(ctx, db, meeting.ID, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMinutesCommand runs `triad minutes` end to end as a process on
// the sample database: start, open and check the database, assemble,
// render, write the file atomically, exit. The binary is built once.
func BenchmarkMinutesCommand(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "triad")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "triad").CombinedOutput(); err != nil {
		b.Fatalf("building triad: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "sample.db")
	if out, err := exec.Command(bin, "demo", "--db", dbPath).CombinedOutput(); err != nil {
		b.Fatalf("triad demo: %v\n%s", err, out)
	}
	db := demoDB(b, b.TempDir()) // only to learn the meeting id the sample data gives
	_, meeting := latestClosed(b, db, "Payments")
	out := filepath.Join(dir, "minutes.pdf")
	args := []string{"minutes", "--db", dbPath, "--meeting", strconv.FormatInt(meeting.ID, 10), "--out", out}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
		if o, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("triad minutes: %v\n%s", err, o)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		b.Fatalf("no PDF written: %v", err)
	}
}
