//go:build (linux || openbsd || freebsd || netbsd) && !android

package app

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeXdgOpen puts an xdg-open that runs script first on PATH.
func fakeXdgOpen(t *testing.T, script string) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "xdg-open"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// xdg-open's own verdict reaches the window: Fyne's OpenURL only starts it,
// so a desktop with no mail program said nothing at all.
func TestTheSystemOpenerSaysWhenNothingCanOpenTheFile(t *testing.T) {
	u := &url.URL{Scheme: "file", Path: "/tmp/minutes.eml"}
	fakeXdgOpen(t, `echo "xdg-open: no method available for opening '$1'" >&2; exit 3`)
	err := xdgOpen(u, 5*time.Second)
	if err == nil || err.Error() != "no program is set up to open this kind of file" {
		t.Errorf("xdg-open failing gives %v", err)
	}

	fakeXdgOpen(t, `echo "xdg-open: file '$1' does not exist" >&2; exit 2`)
	if err := xdgOpen(u, 5*time.Second); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("xdg-open's own words are lost: %v", err)
	}

	fakeXdgOpen(t, `exit 0`)
	if err := xdgOpen(u, 5*time.Second); err != nil {
		t.Errorf("xdg-open succeeding gives %v", err)
	}

	// A handler that keeps xdg-open running is taken to have opened it.
	fakeXdgOpen(t, `sleep 5`)
	start := time.Now()
	if err := xdgOpen(u, 100*time.Millisecond); err != nil {
		t.Errorf("a long-running handler gives %v", err)
	}
	if waited := time.Since(start); waited > 4*time.Second {
		t.Errorf("waited %v for a handler that stays open", waited)
	}
}
