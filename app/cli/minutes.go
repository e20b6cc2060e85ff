package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"triad/data"
	"triad/data/minutes"
)

// runMinutes writes one meeting's minutes as a PDF, chosen by id (as
// `triad meetings` lists them) or by pod name and date.
func runMinutes(env Env, args []string) int {
	fs := newFlagSet(env, "minutes")
	id := fs.Int64("meeting", 0, "the meeting's `id`, as `triad meetings` lists it")
	pod := fs.String("pod", "", "the pod's `name` (with --date)")
	date := fs.String("date", "", "the meeting's day, `YYYY-MM-DD` (with --pod)")
	out := fs.String("out", "", "the PDF `file` to write; - for standard output (default: the standard name in the current folder)")
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(env.Stderr, "triad minutes: %s\nUsage: triad minutes [--db FILE] (--meeting ID | --pod NAME --date YYYY-MM-DD) [--out FILE.pdf]\n", msg)
		return ExitUsage
	}
	if len(rest) > 0 {
		return usageErr(fmt.Sprintf("unexpected argument %q", rest[0]))
	}
	var day data.Date
	switch {
	case *id != 0 && (*pod != "" || *date != ""):
		return usageErr("give either --meeting or --pod with --date, not both")
	case *id < 0:
		return usageErr("--meeting must be a meeting id from `triad meetings`")
	case *id == 0 && (*pod == "" || *date == ""):
		return usageErr("name the meeting: --meeting ID, or --pod NAME with --date YYYY-MM-DD")
	case *id == 0:
		d, err := data.ParseDate(*date)
		if err != nil {
			return usageErr(fmt.Sprintf("--date %q: %v", *date, err))
		}
		day = d
	}
	path, err := resolvePath(env, *db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
		return ExitFailure
	}
	s, err := openFor(env, "minutes", path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: %s\n", err)
		return ExitFailure
	}
	defer s.Close()
	m, pdf, err := renderMinutes(context.Background(), s, *id, *pod, day, env.Now)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
		return ExitFailure
	}
	return writeMinutes(env, *out, m, pdf)
}

// renderMinutes finds the meeting (by id, or by pod and day) and renders
// its minutes.
func renderMinutes(ctx context.Context, s Store, id int64, pod string, day data.Date, now func() time.Time) (minutes.Minutes, []byte, error) {
	if id == 0 {
		m, err := minutes.FindMeeting(ctx, s, pod, day)
		if err != nil {
			return minutes.Minutes{}, nil, err
		}
		id = m.ID
	} else if _, err := s.Meeting(ctx, id); err != nil {
		return minutes.Minutes{}, nil, fmt.Errorf("meeting %d: %w", id, err)
	}
	m, err := minutes.Assemble(ctx, s, id, minutes.Options{Now: now})
	if err != nil {
		return minutes.Minutes{}, nil, err
	}
	pdf, err := minutes.Render(m)
	return m, pdf, err
}

// writeMinutes writes the PDF to out: standard output for "-", the
// standard name in the current folder for "".
func writeMinutes(env Env, out string, m minutes.Minutes, pdf []byte) int {
	if out == "-" {
		if _, err := env.Stdout.Write(pdf); err != nil {
			fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
			return ExitFailure
		}
		return ExitOK
	}
	dest := out
	if dest == "" {
		dest = minutes.FileName(m.Pod, m.Date)
	}
	if err := minutes.WriteFile(dest, pdf); err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
		return ExitFailure
	}
	abs, _ := filepath.Abs(dest)
	fmt.Fprintf(env.Stdout, "Wrote the minutes of %s on %s to %s (%d bytes).\n", m.Pod, m.Date, abs, len(pdf))
	return ExitOK
}
