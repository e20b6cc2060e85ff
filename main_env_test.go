//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// runTriad runs main() in a child process (see TestMain) with args and
// the environment given on top of a clean one, as a shell would.
func runTriad(t *testing.T, args string, env ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append([]string{
		"TRIAD_MAIN_ARGS=" + args,
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + t.TempDir(),
		"XDG_RUNTIME_DIR=" + t.TempDir(),
	}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// Debian's and most containers' default locale is C.UTF-8, which Fyne 2.7
// cannot parse; a command must print its answer and nothing of Fyne's.
func TestCommandsUnderTheCLocalePrintNothingOfFyne(t *testing.T) {
	for _, env := range [][]string{{"LANG=C.UTF-8"}, {"LC_ALL=C.UTF-8"}, {"LANG=POSIX.UTF-8"}} {
		stdout, stderr, code := runTriad(t, "version", env...)
		if code != 0 || stderr != "" {
			t.Errorf("%v: triad version exit %d, stderr %q", env, code, stderr)
		}
		if lines := strings.Count(stdout, "\n"); lines != 1 || !strings.HasPrefix(stdout, "triad "+version) {
			t.Errorf("%v: triad version printed %q, want one line", env, stdout)
		}
	}
}

// Without a display the window cannot open: say so, and exit 1 rather
// than the toolkit's panic and the usage code.
func TestNoDisplaySaysSoAndExitsOne(t *testing.T) {
	_, stderr, code := runTriad(t, "--db "+t.TempDir()+"/triad.db", "LANG=C.UTF-8")
	if code != 1 {
		t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	want := "triad: no display found: run Triad on a desktop, or use a command (triad help)\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}
