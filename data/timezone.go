package data

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	// The zone database travels with the binary, so a pod's zone reads the
	// same on a laptop without one (Windows) and minutes print the same
	// bytes everywhere.
	_ "time/tzdata"
)

// CheckTimeZone returns "" for an IANA zone name Triad can use, else what
// is wrong in words.
func CheckTimeZone(name string) string {
	if name == "" {
		return ""
	}
	if name == "Local" || strings.ContainsAny(name, " \t") {
		return "Use a time zone name such as Europe/Berlin or America/New_York"
	}
	if _, err := time.LoadLocation(name); err != nil {
		return name + " is not a time zone Triad knows; use a name such as Europe/Berlin"
	}
	return ""
}

// PodLocation is the zone a pod's meetings are printed in: its own, or
// UTC when it has none (a pod from before zones were kept) so the same
// meeting reads the same on every laptop.
func PodLocation(p Pod) *time.Location {
	if p.TimeZone != "" {
		if loc, err := time.LoadLocation(p.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// MachineZone is this machine's IANA zone name, the default for a new pod:
// $TZ when it names a zone, else where /etc/localtime points, else UTC
// (the facilitator can pick the right one in the pod form).
func MachineZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if CheckTimeZone(tz) == "" {
			return tz
		}
	}
	if runtime.GOOS != "windows" {
		if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
			if _, name, ok := strings.Cut(filepath.ToSlash(target), "zoneinfo/"); ok && CheckTimeZone(name) == "" {
				return name
			}
		}
	}
	if n := time.Local.String(); n != "Local" && CheckTimeZone(n) == "" {
		return n
	}
	return "UTC"
}
