//go:build !((linux || openbsd || freebsd || netbsd) && !android)

package app

import (
	"net/url"

	"fyne.io/fyne/v2"
)

// systemOpener is Fyne's OpenURL, which reports the system's answer on
// these platforms.
func systemOpener(a fyne.App) func(*url.URL) error { return a.OpenURL }
