package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"triad/data"
	"triad/data/lockfile"
)

// A second Triad on the same database is refused clearly, and the first
// keeps working.
func TestSecondInstanceRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "triad.db")
	first, err := openStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	_, err = openStore(path)
	if !errors.Is(err, lockfile.ErrHeld) || !strings.Contains(err.Error(), "Triad already has this database open") {
		t.Fatalf("second open: %v", err)
	}

	p := data.NewPod()
	p.Name = "Payments"
	for i := range p.Leaders {
		p.Leaders[i].Name = "Leader " + string(rune('A'+i))
	}
	if _, err := first.CreatePod(context.Background(), p); err != nil {
		t.Fatalf("the first instance stopped working: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := openStore(path)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	again.Close()
}

// Any name for an open database is refused: a symlink, a hard link in
// another folder, ./x.db beside the absolute path, a relative path from
// another working directory. Two windows on one file overwrite each
// other's edits.
func TestEveryNameOfAnOpenDatabaseIsRefused(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	dir := t.TempDir()
	path := filepath.Join(dir, "x.db")
	first, err := openStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	other := t.TempDir()
	if err := os.Symlink(path, filepath.Join(other, "link.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, filepath.Join(other, "hard.db")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	names := []struct{ name, cwd, path string }{
		{"symlink", "", filepath.Join(other, "link.db")},
		{"hard link", "", filepath.Join(other, "hard.db")},
		{"./x.db", dir, "./x.db"},
		{"relative from another folder", sub, "../x.db"},
		{"unclean absolute path", "", dir + "/sub/../x.db"},
	}
	for _, n := range names {
		t.Run(n.name, func(t *testing.T) {
			if n.cwd != "" {
				t.Chdir(n.cwd)
			}
			s, err := openStore(n.path)
			if err == nil {
				s.Close()
				t.Fatalf("%s opened a second time", n.path)
			}
			if !errors.Is(err, lockfile.ErrHeld) || !strings.Contains(err.Error(), "Triad already has this database open") {
				t.Fatalf("%s: %v", n.path, err)
			}
		})
	}

	// A different file next to it still opens.
	s, err := openStore(filepath.Join(other, "y.db"))
	if err != nil {
		t.Fatalf("another file: %v", err)
	}
	s.Close()
	// And once the first closes, the hard link opens.
	first.Close()
	s, err = openStore(filepath.Join(other, "hard.db"))
	if err != nil {
		t.Fatalf("after close: %v", err)
	}
	s.Close()
}

// The preferences an earlier app ID left (the minutes folder, say) move to
// the current one before Fyne reads them; a newer folder is kept.
func TestPreferencesFollowTheAppID(t *testing.T) {
	root := t.TempDir()
	old := filepath.Join(root, "app.triad.desktop")
	os.MkdirAll(old, 0o700)
	os.WriteFile(filepath.Join(old, "preferences.json"), []byte(`{"minutesFolder":"/home/me/Minutes"}`), 0o600)
	if err := migratePreferences(root, oldAppIDs, appID); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, appID, "preferences.json"))
	if err != nil || !strings.Contains(string(b), "/home/me/Minutes") {
		t.Fatalf("preferences under the new ID: %q, %v", b, err)
	}
	// A second start, with a stray old folder again, keeps the new one.
	os.MkdirAll(old, 0o700)
	os.WriteFile(filepath.Join(old, "preferences.json"), []byte(`{}`), 0o600)
	if err := migratePreferences(root, oldAppIDs, appID); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, appID, "preferences.json")); !strings.Contains(string(b), "/home/me/Minutes") {
		t.Fatalf("the newer preferences were replaced: %q", b)
	}
	if strings.HasSuffix(appID, "desktop") || strings.Count(appID, ".") < 2 {
		t.Errorf("app ID %q: reverse DNS without a trailing desktop", appID)
	}
}

// FyneApp.toml and main.go name the same app and version.
func TestFyneAppTomlMatches(t *testing.T) {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`ID = "` + appID + `"`, `Version = "` + version + `"`, "[LinuxAndBSD]", `Categories = ["Office", "ProjectManagement"]`, "GenericName =", "Comment ="} {
		if !strings.Contains(string(b), want) {
			t.Errorf("FyneApp.toml lacks %s", want)
		}
	}
}
