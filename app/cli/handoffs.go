package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"triad/data"
	"triad/data/atomicfile"
	"triad/data/handoff"
	"triad/data/mailout"
	"triad/data/minutes"
)

// openExisting opens the database named by --db (or the defaults) as the
// command table says: a hand-off only reads, so the file must exist (it
// never creates an empty database) and the window may have it open.
func openExisting(env Env, name, db string) (Store, int, bool) {
	path, err := resolvePath(env, db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad %s: %v\n", name, err)
		return nil, ExitFailure, true
	}
	s, err := openFor(env, name, path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad %s: %s\n", name, err)
		return nil, ExitFailure, true
	}
	return s, 0, false
}

// runCalendar writes a pod's weekly series as an .ics file to import into
// a calendar; importing it again updates the entries it made.
func runCalendar(env Env, args []string) int {
	fs := newFlagSet(env, "calendar")
	pod := fs.String("pod", "", "the pod's `name`")
	out := fs.String("out", "", "the .ics `file` to write (default: \"Triad - <pod>.ics\" in the current folder)")
	from := fs.String("from", "", "the series starts on the first meeting day on or after this `YYYY-MM-DD` (default: today)")
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(env.Stderr, "triad calendar: %s\nUsage: triad calendar [--db FILE] --pod NAME [--out FILE.ics] [--from YYYY-MM-DD]\n", msg)
		return ExitUsage
	}
	if len(rest) > 0 {
		return usageErr(fmt.Sprintf("unexpected argument %q", rest[0]))
	}
	if strings.TrimSpace(*pod) == "" {
		return usageErr("name the pod: --pod NAME")
	}
	var start data.Date
	if *from != "" {
		d, err := data.ParseDate(*from)
		if err != nil {
			return usageErr(fmt.Sprintf("--from %q: %v", *from, err))
		}
		start = d
	}
	s, code, done := openExisting(env, "calendar", *db)
	if done {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	p, err := minutes.FindPod(ctx, s, *pod)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad calendar: %v\n", err)
		return ExitFailure
	}
	tmpl, err := s.MeetingTemplate(ctx, p.ID)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad calendar: %v\n", err)
		return ExitFailure
	}
	if start.IsZero() {
		start = data.DateOf(env.Now().In(data.PodLocation(p)))
	}
	ics, err := handoff.SeriesFile(p, tmpl, start, env.Now())
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad calendar: %v\n", err)
		return ExitFailure
	}
	dest := *out
	if dest == "" {
		dest = handoff.CalendarFileName(p.Name, data.Date{})
	}
	if err := atomicfile.WriteBytes(dest, ics); err != nil {
		fmt.Fprintf(env.Stderr, "triad calendar: %v\n", err)
		return ExitFailure
	}
	abs, _ := filepath.Abs(dest)
	fmt.Fprintln(env.Stdout, abs)
	return ExitOK
}

// mailKinds are what `triad mail --kind` writes.
const mailKinds = "agenda, followups, ask or invitation"

// runMail writes hand-off drafts (.eml, X-Unsent: 1) into a folder and
// prints their paths, one per line. Nothing is sent.
func runMail(env Env, args []string) int {
	fs := newFlagSet(env, "mail")
	kind := fs.String("kind", "", "what to write: `agenda` (the pre-read of a draft meeting), followups (after a closed meeting), ask (a request's sign-off, with --request) or invitation (a pod's weekly series, with --pod)")
	id := fs.Int64("meeting", 0, "the meeting's `id`, as `triad meetings` lists it (agenda, followups)")
	request := fs.Int64("request", 0, "the deal request's `id`, DD-<id> (ask)")
	reminder := fs.String("reminder", "", "for ask: word it as the `soon` (80% of the SLA) or overdue reminder")
	pod := fs.String("pod", "", "the pod's `name` (invitation)")
	out := fs.String("out", ".", "the `folder` to write the drafts into")
	skip := fs.Bool("skip-unreachable", false, "followups: leave out whoever has no usable address instead of writing nothing")
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(env.Stderr, "triad mail: %s\nUsage: triad mail [--db FILE] --kind agenda|followups --meeting ID [--out DIR] [--skip-unreachable]\n"+
			"       triad mail [--db FILE] --kind ask --request ID [--reminder soon|overdue] [--out DIR]\n"+
			"       triad mail [--db FILE] --kind invitation --pod NAME [--out DIR]\n", msg)
		return ExitUsage
	}
	if len(rest) > 0 {
		return usageErr(fmt.Sprintf("unexpected argument %q", rest[0]))
	}
	switch *kind {
	case "agenda", "followups":
		if *id <= 0 {
			return usageErr("--kind " + *kind + " needs --meeting ID")
		}
	case "ask":
		if *request <= 0 {
			return usageErr("--kind ask needs --request ID")
		}
		if *reminder != "" && *reminder != string(data.ReminderSoon) && *reminder != string(data.ReminderOverdue) {
			return usageErr(fmt.Sprintf("--reminder %q: use soon or overdue", *reminder))
		}
	case "invitation":
		if strings.TrimSpace(*pod) == "" {
			return usageErr("--kind invitation needs --pod NAME")
		}
	case "":
		return usageErr("say what to write: --kind " + mailKinds)
	default:
		return usageErr(fmt.Sprintf("--kind %q: use %s", *kind, mailKinds))
	}
	if fi, err := os.Stat(*out); err != nil || !fi.IsDir() {
		fmt.Fprintf(env.Stderr, "triad mail: --out %s is not a folder\n", *out)
		return ExitFailure
	}
	s, code, done := openExisting(env, "mail", *db)
	if done {
		return code
	}
	defer s.Close()
	mails, skipped, err := handoffMails(context.Background(), env, s, *kind, *id, *request, data.ReminderKind(*reminder), *pod, *skip)
	if err == nil && len(mails) == 0 {
		fmt.Fprintf(env.Stderr, "triad mail: nothing to write: the meeting has no action owners, absent leaders awaited on a decision, or reps with a decision\n")
		return ExitOK
	}
	var paths []string
	if err == nil {
		paths, err = mailout.WriteDrafts(*out, mails, env.Now())
	}
	for _, p := range paths {
		abs, _ := filepath.Abs(p)
		fmt.Fprintln(env.Stdout, abs)
	}
	for _, r := range skipped {
		fmt.Fprintf(env.Stderr, "triad mail: left out %s: no usable e-mail address\n", r.Who())
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad mail: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

// handoffMails reads what the kind needs, in one read-only transaction,
// and decides who gets which draft.
func handoffMails(ctx context.Context, env Env, s Store, kind string, meetingID, requestID int64, reminder data.ReminderKind, pod string, skip bool) ([]handoff.Mail, []data.Recipient, error) {
	now := env.Now()
	switch kind {
	case "agenda", "followups":
		rec, err := s.HandoffRecord(ctx, meetingID)
		if err != nil {
			return nil, nil, fmt.Errorf("meeting %d: %w", meetingID, err)
		}
		if kind == "followups" {
			return handoff.FollowUps(rec, handoff.FollowUpOptions{Now: env.Now, SkipUnreachable: skip})
		}
		m, err := handoff.AgendaOf(rec, now)
		return []handoff.Mail{m}, nil, err
	case "ask":
		h, err := s.DealHandoff(ctx, requestID)
		if err != nil {
			return nil, nil, fmt.Errorf("request %d: %w", requestID, err)
		}
		m, err := handoff.AskTechLead(h, now, reminder)
		return []handoff.Mail{m}, nil, err
	}
	p, err := minutes.FindPod(ctx, s, pod)
	if err != nil {
		return nil, nil, err
	}
	tmpl, err := s.MeetingTemplate(ctx, p.ID)
	if err != nil {
		return nil, nil, err
	}
	m, err := handoff.Invitation(p, data.DateOf(now.In(data.PodLocation(p))), handoff.Booked(tmpl.TotalMinutes()), now)
	return []handoff.Mail{m}, nil, err
}
