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
	data.SearchStore
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
	// OpenRead opens an existing database for the commands that only
	// read, without the lock, so they work while a window has it open;
	// nil means Open.
	OpenRead  func(path string) (Store, error)
	RunWindow func(dbPath string) error
	Now       func() time.Time
	Stdout    io.Writer
	Stderr    io.Writer
	// KeyDir is where team keys live; nil is the user's config folder.
	KeyDir func() (string, error)
	// Stop, when set, ends `triad hub` (tests); nil waits for Ctrl+C.
	Stop <-chan struct{}
}

// command is one subcommand: its line in `triad help`, what `triad help
// NAME` adds (what it does at length and an example), and whether it only
// reads, so that it can run while a window has the database open.
type command struct {
	name, args, summary string
	details, example    string
	readOnly            bool
	run                 func(env Env, args []string) int
}

// commands is the table of subcommands, a function rather than a package
// variable so that `help`, which lists it, can be one of its entries.
func commands() []command {
	return []command{
		{"version", "", "print Triad's version and the bundled SQLite version", "",
			"triad version", true, runVersion},
		{"demo", "[--db FILE]", "fill a new database with realistic sample data",
			"Creates the database when it does not exist. A database that already has pods is refused.",
			"triad demo --db /tmp/sample.db", false, runDemo},
		{"meetings", "[--db FILE]", "list meetings: id, pod, date, state (tab-separated), and the last reopen when there was one",
			"Only reads: it works while the Triad window has the database open.",
			"triad meetings --db /tmp/sample.db | grep Payments", true, runMeetings},
		{"meeting", "ID [--db FILE]", "show one meeting: state, zone, who closed and reopened it and why, where its minutes come from",
			"Only reads: it works while the Triad window has the database open.",
			"triad meeting 4 --db /tmp/sample.db", true, runMeeting},
		{"minutes", "[--db FILE] (--meeting ID | --pod NAME --date YYYY-MM-DD) [--out FILE.pdf]", "write a meeting's minutes as a PDF",
			"The default file is \"Triad minutes - <pod> - <date>.pdf\" in the current folder; --out - writes the PDF to standard output. " +
				"Only reads (a draft's minutes show the agenda it would get, every page marked DRAFT): it works while the Triad window has the database open.",
			"triad minutes --db /tmp/sample.db --pod Payments --date 2026-11-19 --out payments.pdf", true, runMinutes},
		{"calendar", "[--db FILE] --pod NAME [--out FILE.ics] [--from YYYY-MM-DD]", "write a pod's weekly meeting as an .ics series to import into a calendar",
			"The series repeats weekly on the pod's day and time in the pod's zone, with the three leaders as attendees and one UID per pod, so importing it again updates it. Only reads the database.",
			"triad calendar --db /tmp/sample.db --pod Payments --out payments.ics", true, runCalendar},
		{"mail", "[--db FILE] --kind agenda|followups --meeting ID [--out DIR]", "write mail drafts (.eml) for the pre-read or the follow-ups, one per recipient group",
			"Also --kind ask --request ID (ask the Tech Lead to sign off) and --kind invitation --pod NAME. Drafts are never sent: open them in the mail client. The paths are printed one per line. Only reads the database.",
			"triad mail --db /tmp/sample.db --kind followups --meeting 4 --out ~/drafts", true, runMail},
		{"backup", "[--db FILE] [--out FILE]", "write a verified copy of the database (default: into its backups folder)",
			"The copy is made with VACUUM INTO, checked, synced and renamed into place. Only reads the database: it works while the Triad window has it open.",
			"triad backup --db /tmp/sample.db --out ~/triad-copy.db", true, runBackup},
		{"check", "[--db FILE]", "run SQLite's integrity check and summarise what the database holds",
			"Only reads: it works while the Triad window has the database open, and leaves no file behind.",
			"triad check --db ~/triad-copy.db", true, runCheck},
		{"search", "[--db FILE] [--pod NAME] [--limit N] QUERY", "search every pod (or one): kind, id, pod, score, snippet, tab-separated, best first",
			"Ranked by relevance (bm25), newest first among equals; one- and two-letter words match whole words. Only reads: it works while the Triad window has the database open.",
			"triad search --db /tmp/sample.db --pod Payments pricing", true, runSearch},
		{"export", "[--db FILE] [--shared-pod NAME] --out FILE.json", "write the whole database as JSON (format in the README), or one pod's shared record",
			"--out - writes the JSON to standard output. --shared-pod NAME writes only what a team syncs of that pod, in canonical form: two laptops that have taken the same events write the same bytes. Only reads: it works while the Triad window has the database open.",
			"triad export --db /tmp/sample.db --out - | head", true, runExport},
		{"import", "[--db FILE] FILE.json", "load an export into a new or empty database; nothing is written if anything is wrong",
			"The whole file is checked first and written in one transaction. A new database is built under a temporary name and put in place only when the import succeeds.",
			"triad import ~/triad.json --db ~/new.db", false, runImport},
		{"hub", "--dir DIR --team NAME [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE]", "run a team's sync hub (a NATS JetStream server) until Ctrl+C",
			"The hub keeps the team's events in DIR (file storage), so it can stop and start without losing any. It does not open a database. " +
				"It lets in only the team's members, each by its key and to its own pods, and prints its founding code, which lets whoever holds it share a pod. " +
				"A company can point Triad at its own NATS deployment instead (see the README).",
			"triad hub --dir ~/triad-hub --team acme --listen 0.0.0.0:4222", false, runHub},
		{"team", "create|invite|join|approve|refuse|status|verify [--db FILE] ...", "share a pod with a team: create (--name --hub --code --pod --as), invite (--pod --seat), join (--as INVITATION), approve|refuse [WHO], status, verify",
			"create makes this database the team's, shares the pod's deal desk through the hub (with the founding code triad hub printed) and makes this laptop's key (kept in the config folder, never in the database). " +
				"invite prints an invitation for one seat; join, on the invitee's laptop, makes its key and the pod and asks for the seat; the pod arrives once the facilitator approves " +
				"(in the window, or with approve, which syncs once, lists who asks, and answers WHO). The window syncs while it is open. " +
				"verify checks again, offline, the signature of every event this laptop holds, its own and the others' (it only reads).",
			"triad team create --name acme --hub nats://hub.example.com:4222 --code K7QMX2-... --pod Payments --as \"Dan Okafor\"", false, runTeam},
		{"help", "[COMMAND]", "show this help, or one command's description, flags and an example", "",
			"triad help minutes", true, runHelp},
	}
}

// ReadsOnce reports whether args run a command that only reads and then
// exits (minutes, export, search…): a process that lives for tens of
// milliseconds, where collecting garbage costs more than the memory it
// frees. Not the window, the hub or the team's commands.
func ReadsOnce(args []string) bool {
	if len(args) == 0 {
		return false
	}
	c, ok := findCommand(args[0])
	return ok && c.readOnly
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// runHelp prints the overview, or with a command's name what `triad
// NAME --help` prints.
func runHelp(env Env, args []string) int {
	args, code, done := parse(env, newFlagSet(env, "help"), args)
	if done {
		return code
	}
	if len(args) == 0 {
		usage(env, env.Stdout)
		return ExitOK
	}
	c, ok := findCommand(args[0])
	if !ok || len(args) > 1 {
		fmt.Fprintf(env.Stderr, "triad help: no command %q; `triad help` lists them\n", strings.Join(args, " "))
		return ExitUsage
	}
	return c.run(env, []string{"--help"})
}

// Main runs Triad with the arguments after the program name and returns
// the exit code: 0 success, 1 failure, 2 usage.
func Main(args []string, env Env) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if c, ok := findCommand(args[0]); ok {
			return c.run(env, args[1:])
		}
		fmt.Fprintf(env.Stderr, "triad: unknown command %q\n\n", args[0])
		usage(env, env.Stderr)
		return ExitUsage
	}
	fs := newFlagSet(env, "triad")
	db := fs.String("db", "", "database `file` (default: $TRIAD_DB, else "+defaultPathText(env)+")")
	showVersion := fs.Bool("version", false, "print Triad's version and exit")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	if *showVersion {
		return runVersion(env, nil)
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "triad: unexpected argument %q\n", rest[0])
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

// parse parses flags wherever they stand among the arguments (`triad
// import FILE --db X` as well as `triad import --db X FILE`; after "--"
// everything is an argument) and returns the arguments that are not
// flags. --help prints the command's help on standard output; a bad flag
// prints the error and the usage line on standard error. done is true
// when the caller should return code.
func parse(env Env, fs *flag.FlagSet, args []string) (rest []string, code int, done bool) {
	var problem strings.Builder
	fs.SetOutput(&problem)
	fs.Usage = func() {}
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			commandHelp(env, fs, env.Stdout)
			return nil, ExitOK, true
		case err != nil:
			fmt.Fprintf(env.Stderr, "%s: %s", usageName(fs.Name()), problem.String())
			fmt.Fprintf(env.Stderr, "Usage: %s\nRun `triad help %s` for more.\n", usageLine(fs.Name()), helpName(fs.Name()))
			return nil, ExitUsage, true
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, 0, false
		}
		// Parse stops at the first argument, or after "--"; past "--"
		// everything is an argument, even what looks like a flag.
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), 0, false
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

func usageName(name string) string {
	if name == "triad" {
		return name
	}
	return "triad " + name
}

func helpName(name string) string {
	if name == "triad" {
		return ""
	}
	return name
}

func usageLine(name string) string {
	if c, ok := findCommand(name); ok {
		return strings.TrimSpace("triad " + c.name + " " + c.args)
	}
	return "triad [--db FILE] [--version] | triad COMMAND [flags]"
}

// commandHelp is `triad help NAME`: what the command does, its flags and
// an example.
func commandHelp(env Env, fs *flag.FlagSet, w io.Writer) {
	c, ok := findCommand(fs.Name())
	if !ok {
		usage(env, w)
		return
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s.\n", usageLine(c.name), upperFirst(c.summary))
	if c.details != "" {
		fmt.Fprintf(w, "%s\n", wrap(c.details, 76))
	}
	var flags strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		fmt.Fprintf(&flags, "  --%s", strings.TrimSpace(f.Name+" "+name))
		fmt.Fprintf(&flags, "\n        %s\n", text)
	})
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\nFlags (before or after the arguments):\n%s", flags.String())
	}
	fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		if i > 0 && line+1+len([]rune(word)) > width {
			b.WriteString("\n")
			line = 0
		} else if i > 0 {
			b.WriteString(" ")
			line++
		}
		b.WriteString(word)
		line += len([]rune(word))
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func usage(env Env, w io.Writer) {
	fmt.Fprintf(w, `Triad %s — runs a product line's weekly Triad meeting.

Usage:
  triad [--db FILE]            open the window
  triad COMMAND [flags]        run a command without a window (flags before or after its arguments)

Commands:
`, env.Version)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-28s %s\n", strings.TrimSpace(c.name+" "+c.args), c.summary)
	}
	fmt.Fprintf(w, `
Flags:
  --db FILE    the database file; every command accepts it
  --version    print the version
  --help       show help (also: triad help COMMAND, triad COMMAND --help)

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

// openFromFlags parses a subcommand's flags (with --db) and opens the store
// as the command table says: a command that only reads opens an existing
// file read-only (a missing file is an error rather than a new, empty
// database: a mistyped path must not leave a stray file behind); demo
// opens for writing and may create it. check, when not nil, reports a
// usage problem with the other flags before anything is opened.
func openFromFlags(env Env, fs *flag.FlagSet, args []string, check func() string) (Store, int, bool) {
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return nil, code, true
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "triad %s: unexpected argument %q\n", fs.Name(), rest[0])
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
	s, err := openFor(env, fs.Name(), path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad %s: %s\n", fs.Name(), err)
		return nil, ExitFailure, true
	}
	return s, 0, false
}

// openFor opens path for the named command: read-only, beside any window,
// for a command that only reads; with the single-instance lock otherwise.
// The error is in words, ready to print after the command's name.
func openFor(env Env, name, path string) (Store, error) {
	c, _ := findCommand(name)
	if c.readOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no database at %s", path)
		}
		open := env.OpenRead
		if open == nil {
			open = env.Open
		}
		s, err := open(path)
		if err != nil {
			return nil, errors.New(openProblem(err))
		}
		return s, nil
	}
	s, err := env.Open(path)
	if err != nil {
		msg := openProblem(err)
		if errors.Is(err, data.ErrInUse) || strings.Contains(msg, "already has this database open") {
			msg += ". `triad " + name + "` writes to the database, so it waits for that Triad to close; " +
				"the commands that only read (" + readOnlyNames() + ") work while it is open"
		}
		return nil, errors.New(msg)
	}
	return s, nil
}

func readOnlyNames() string {
	var names []string
	for _, c := range commands() {
		if c.readOnly && c.name != "version" && c.name != "help" {
			names = append(names, c.name)
		}
	}
	return strings.Join(names, ", ")
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
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "triad version: unexpected argument %q\n", rest[0])
		return ExitUsage
	}
	fmt.Fprintf(env.Stdout, "triad %s (SQLite %s)\n", env.Version, env.SQLiteVersion)
	return ExitOK
}

func runDemo(env Env, args []string) int {
	fs := newFlagSet(env, "demo")
	s, code, done := openFromFlags(env, fs, args, nil) // demo creates the database
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
