//go:build (linux || openbsd || freebsd || netbsd) && !android

package app

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// systemOpener hands a file to the desktop with xdg-open and reports its
// verdict. Fyne's own OpenURL only starts xdg-open, so "no method
// available for opening" (no mail program, no PDF viewer) never reaches
// the user. Inside a Flatpak the portal Fyne uses is the way.
func systemOpener(a fyne.App) func(*url.URL) error {
	if os.Getenv("FLATPAK_ID") != "" {
		return a.OpenURL
	}
	return func(u *url.URL) error { return xdgOpen(u, 10*time.Second) }
}

// xdgOpen runs xdg-open on u and waits for its answer. Some handlers keep
// xdg-open running until they close; after patience the file is taken to
// be open, and xdg-open is left to finish on its own.
func xdgOpen(u *url.URL, patience time.Duration) error {
	var stderr bytes.Buffer
	cmd := exec.Command("xdg-open", u.String())
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		if strings.Contains(stderr.String(), "no method available") {
			return errors.New("no program is set up to open this kind of file")
		}
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if last := strings.TrimSpace(lines[len(lines)-1]); last != "" {
			return errors.New(strings.TrimPrefix(last, "xdg-open: "))
		}
		return err
	case <-time.After(patience):
		return nil
	}
}
