// Package fynelocale keeps Fyne 2.7 from printing "Fyne error: Error
// parsing user locale C" under the C locale that Debian and most
// containers default to (LANG=C.UTF-8).
//
// Fyne's lang package reads the locale in its package initialiser, so the
// message appears in every process that links Fyne, a headless command
// included, before main runs. This package imports nothing of Fyne's and
// only the standard library's os and strings, so Go initialises it before
// Fyne's lang package (which waits for net/http's vendored packages): its
// initialiser hands Fyne LANGUAGE=en, the language the C locale means.
// main calls Restore first thing, so a command's environment is the one it
// was given, and the window calls Quiet again before Fyne starts, for the
// look-ups Fyne makes later.
//
// Fyne 2.8 no longer complains; this package can go when Triad moves to it.
package fynelocale

import (
	"os"
	"runtime"
	"strings"
)

// set is true while LANGUAGE holds the value this package put there.
var set bool

func init() { Quiet() }

// Quiet sets LANGUAGE=en when Fyne would otherwise fail to parse the
// locale; it reports whether it did.
func Quiet() bool {
	if set || !Garbled(os.Getenv) {
		return false
	}
	if os.Setenv("LANGUAGE", "en") == nil {
		set = true
	}
	return set
}

// Restore undoes Quiet, leaving the environment as the process got it.
func Restore() {
	if set {
		os.Unsetenv("LANGUAGE")
		set = false
	}
}

// Garbled reports whether Fyne 2.7's locale look-up (github.com/jeandeaual/
// go-locale on Linux and the BSDs) would hand Fyne a language it cannot
// parse: the first of LC_ALL, LC_MESSAGES and LANG that is set names the C
// or POSIX locale with a suffix ("C.UTF-8", "POSIX.utf8"), and LANGUAGE,
// which that look-up prefers then, is empty. Plain "C" and "POSIX" are
// read as no locale and need nothing.
func Garbled(getenv func(string) string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return false // the locale comes from the system's API there
	}
	value := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if value = getenv(name); value != "" {
			break
		}
	}
	if value == "" || value == "C" || value == "POSIX" || getenv("LANGUAGE") != "" {
		return false
	}
	lang := value
	if i := strings.IndexAny(lang, "._@"); i >= 0 {
		lang = lang[:i]
	}
	return lang == "C" || lang == "POSIX"
}
