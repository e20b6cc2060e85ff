package minutes

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"triad/data"
)

func TestFileName(t *testing.T) {
	d := day("2026-11-25")
	tests := []struct {
		pod  string
		date data.Date
		want string
	}{
		{"Atlas Payments", d, "Triad minutes - Atlas Payments - 2026-11-25.pdf"},
		{"R&D / Core: Ledger|Sync", d, "Triad minutes - R&D - Core Ledger-Sync - 2026-11-25.pdf"},
		{`a<b>c"d?e*f\g`, d, "Triad minutes - abcdef-g - 2026-11-25.pdf"},
		{"..hidden..", d, "Triad minutes - hidden - 2026-11-25.pdf"},
		{"Ольга's 陈伟 pod", d, "Triad minutes - Ольга's 陈伟 pod - 2026-11-25.pdf"},
		{"Launch 🎉 team", d, "Triad minutes - Launch team - 2026-11-25.pdf"},
		{"evil\u202egpj.exe", d, "Triad minutes - evilgpj.exe - 2026-11-25.pdf"},
		{"line\nbreak\ttab", d, "Triad minutes - line-break tab - 2026-11-25.pdf"},
		{"", d, "Triad minutes - Pod - 2026-11-25.pdf"},
		{"///", d, "Triad minutes - Pod - 2026-11-25.pdf"},
		{"Atlas", data.Date{}, "Triad minutes - Atlas.pdf"},
	}
	for _, tt := range tests {
		if got := FileName(tt.pod, tt.date); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.pod, got, tt.want)
		}
	}
	long := FileName(strings.Repeat("Ж", 500), d)
	if len(long) > 200 || !strings.HasSuffix(long, " - 2026-11-25.pdf") {
		t.Errorf("a 500-character pod gives a %d-byte name %q", len(long), long)
	}
}

func TestSaveWritesTheRenderedPDF(t *testing.T) {
	dir := t.TempDir()
	m := sampleMinutes()
	m.Agenda, m.Decisions, m.DealDesk, m.Attendance.Guests = nil, nil, DealDesk{}, nil // Latin only: quick
	path, err := Save(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "Triad minutes - Atlas Payments - 2026-11-25.pdf"); path != want {
		t.Errorf("saved to %q, want %q", path, want)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, render(t, m)) {
		t.Error("the saved file differs from the rendered PDF")
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
	if _, err := Save(filepath.Join(dir, "missing"), m); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("saving into a missing folder: %v", err)
	}
}
