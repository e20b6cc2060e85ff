// Package cli is Triad's command line: the flags of the window and the
// headless subcommands (version, demo, …). It knows the store only through
// the Env that main wires in, so it holds no SQL and opens no window itself.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"triad/data"
	"triad/data/demo"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// Store is what the subcommands need from an open database.
type Store interface {
	data.Store
	Backup(ctx context.Context, reason data.BackupReason) (data.BackupInfo, error)
	WriteBackup(ctx context.Context, dest string) error
	Check(ctx context.Context) error
	ExportJSON(ctx context.Context, w io.Writer) error
	ImportJSON(ctx context.Context, r io.Reader) error
	data.DecisionStore
	data.DealRoadmapStore
	data.HandoffStore
	data.TemplateStore
}

// Env is what main provides: how to open the database and the window.
type Env struct {
	Version       string
	SQLiteVersion string
	DefaultPath   func() (string, error)
	Getenv        func(string) string
	Open          func(path string) (Store, error) // takes the single-instance lock too
	RunWindow     func(dbPath string) error
	Now           func() time.Time
	Stdout        io.Writer
	Stderr        io.Writer
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(env Env, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"version", "", "print Triad's version and the bundled SQLite version", runVersion},
		{"demo", "[--db FILE]", "fill a new database with realistic sample data", runDemo},
		{"meetings", "[--db FILE]", "list meetings: id, pod, date, state (tab-separated), and the last reopen when there was one", runMeetings},
		{"meeting", "ID [--db FILE]", "show one meeting: state, zone, who closed and reopened it and why, where its minutes come from", runMeeting},
		{"minutes", "[--db FILE] (--meeting ID | --pod NAME --date YYYY-MM-DD) --out FILE.pdf", "write a meeting's minutes as a PDF", runMinutes},
		{"calendar", "[--db FILE] --pod NAME [--out FILE.ics] [--from YYYY-MM-DD]", "write a pod's weekly meeting as an .ics series to import into a calendar", runCalendar},
		{"mail", "[--db FILE] --kind agenda|followups --meeting ID [--out DIR]", "write mail drafts (.eml) for the pre-read or the follow-ups, one per recipient group; also --kind ask --request ID, --kind invitation --pod NAME", runMail},
		{"backup", "[--db FILE] [--out FILE]", "write a verified copy of the database (default: into its backups folder)", runBackup},
		{"check", "[--db FILE]", "run SQLite's integrity check and summarise what the database holds", runCheck},
		{"export", "[--db FILE] --out FILE.json", "write the whole database as JSON (format in the README)", runExport},
		{"import", "[--db FILE] FILE.json", "load an export into a new or empty database; nothing is written if anything is wrong", runImport},
		{"help", "", "show this help", func(env Env, _ []string) int { usage(env, env.Stdout); return ExitOK }},
	}
}

// Main runs Triad with the arguments after the program name and returns
// the exit code: 0 success, 1 failure, 2 usage.
func Main(args []string, env Env) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		for _, c := range commands {
			if c.name == args[0] {
				return c.run(env, args[1:])
			}
		}
		fmt.Fprintf(env.Stderr, "triad: unknown command %q\n\n", args[0])
		usage(env, env.Stderr)
		return ExitUsage
	}
	fs := newFlagSet(env, "triad")
	db := fs.String("db", "", "database `file` (default: $TRIAD_DB, else "+defaultPathText(env)+")")
	fs.Usage = func() { usage(env, env.Stdout) }
	if code, done := parse(fs, args); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "triad: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	path, err := resolvePath(env, *db)
	if err != nil {
		fmt.Fprintln(env.Stderr, "triad:", err)
		return ExitFailure
	}
	if err := env.RunWindow(path); err != nil {
		fmt.Fprintln(env.Stderr, "triad:", err)
		// A window stopped by a signal exits as the shell expects of one
		// (128 + the signal), not as a clean quit or a failure.
		var coded interface{ ExitCode() int }
		if errors.As(err, &coded) {
			return coded.ExitCode()
		}
		return ExitFailure
	}
	return ExitOK
}

func newFlagSet(env Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// parse parses flags; done is true when the caller should return code.
func parse(fs *flag.FlagSet, args []string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return ExitOK, true
	case err != nil:
		return ExitUsage, true
	}
	return 0, false
}

func usage(env Env, w io.Writer) {
	fmt.Fprintf(w, `Triad %s — runs a product line's weekly Triad meeting.

Usage:
  triad [--db FILE]            open the window
  triad COMMAND [flags]        run a command without a window

Commands:
`, env.Version)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-28s %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprintf(w, `
Flags:
  --db FILE    the database file; every command accepts it
  --help       show help (also: triad COMMAND --help)

The database is, in order: --db, $TRIAD_DB, or the default
  %s

Exit codes: 0 success, 1 failure, 2 usage.
`, defaultPathText(env))
}

func defaultPathText(env Env) string {
	p, err := env.DefaultPath()
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return p
}

// resolvePath picks the database: --db, then $TRIAD_DB, then the default.
func resolvePath(env Env, flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if v := env.Getenv("TRIAD_DB"); v != "" {
		return v, nil
	}
	return env.DefaultPath()
}

// openFromFlags parses a subcommand's flags (with --db) and opens the store.
// With mustExist, a missing file is an error rather than a new, empty
// database: a mistyped path must not leave a stray file behind. check, when
// not nil, reports a usage problem with the other flags before anything is
// opened.
func openFromFlags(env Env, fs *flag.FlagSet, args []string, mustExist bool, check func() string) (Store, int, bool) {
	db := fs.String("db", "", "database `file`")
	if code, done := parse(fs, args); done {
		return nil, code, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "triad %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return nil, ExitUsage, true
	}
	if check != nil {
		if problem := check(); problem != "" {
			fmt.Fprintf(env.Stderr, "triad %s: %s\n", fs.Name(), problem)
			return nil, ExitUsage, true
		}
	}
	path, err := resolvePath(env, *db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad %s: %v\n", fs.Name(), err)
		return nil, ExitFailure, true
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(env.Stderr, "triad %s: no database at %s\n", fs.Name(), path)
			return nil, ExitFailure, true
		}
	}
	s, err := env.Open(path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad %s: %s\n", fs.Name(), openProblem(err))
		return nil, ExitFailure, true
	}
	return s, 0, false
}

// openProblem is a refused database in words, with what to do about it. A
// command leaves a damaged file as it is; the window is what recovers it.
func openProblem(err error) string {
	if errors.Is(err, data.ErrCorrupt) {
		return err.Error() + ". Triad left it as it is: start the Triad window, which moves the damaged file aside and offers the newest backup"
	}
	return err.Error()
}

func runVersion(env Env, args []string) int {
	fs := newFlagSet(env, "version")
	if code, done := parse(fs, args); done {
		return code
	}
	fmt.Fprintf(env.Stdout, "triad %s\nSQLite %s\n", env.Version, env.SQLiteVersion)
	return ExitOK
}

func runDemo(env Env, args []string) int {
	fs := newFlagSet(env, "demo")
	s, code, done := openFromFlags(env, fs, args, false, nil) // demo creates the database
	if done {
		return code
	}
	defer s.Close()
	if err := demo.Fill(context.Background(), s, env.Now()); err != nil {
		fmt.Fprintf(env.Stderr, "triad demo: %v\n", err)
		return ExitFailure
	}
	pods, _ := s.Pods(context.Background())
	fmt.Fprintf(env.Stdout, "Sample data written to %s: %d pods.\n", s.Path(), len(pods))
	return ExitOK
}
