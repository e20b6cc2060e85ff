package fynelocale

import (
	"os"
	"runtime"
	"testing"
)

func TestGarbled(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the locale comes from the system's API here")
	}
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{"LANG": "C.UTF-8"}, true},
		{map[string]string{"LANG": "C.utf8"}, true},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "en_US.UTF-8"}, true},
		{map[string]string{"LC_MESSAGES": "C.UTF-8"}, true},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "de"}, false}, // Fyne reads LANGUAGE then
		{map[string]string{"LANG": "C"}, false},                         // read as no locale
		{map[string]string{"LANG": "POSIX"}, false},
		{map[string]string{"LANG": "en_US.UTF-8"}, false},
		{map[string]string{"LC_ALL": "de_DE.UTF-8", "LANG": "C.UTF-8"}, false}, // LC_ALL wins
		{map[string]string{}, false},
	}
	for _, c := range cases {
		got := Garbled(func(k string) string { return c.env[k] })
		if got != c.want {
			t.Errorf("%v: Garbled = %v, want %v", c.env, got, c.want)
		}
	}
}

func TestQuietAndRestore(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the locale comes from the system's API here")
	}
	Restore() // whatever the test process started with
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("LANGUAGE", "")
	if !Quiet() {
		t.Fatal("Quiet did nothing under LANG=C.UTF-8")
	}
	if got := getenv("LANGUAGE"); got != "en" {
		t.Fatalf("LANGUAGE = %q, want en", got)
	}
	Restore()
	if got := getenv("LANGUAGE"); got != "" {
		t.Fatalf("after Restore, LANGUAGE = %q", got)
	}
}

func getenv(k string) string { return os.Getenv(k) }
