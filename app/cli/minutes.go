package cli

import (
	"context"
	"fmt"
	"path/filepath"

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
	out := fs.String("out", "", "the PDF `file` to write (default: the standard name in the current folder)")
	db := fs.String("db", "", "database `file`")
	if code, done := parse(fs, args); done {
		return code
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(env.Stderr, "triad minutes: %s\nUsage: triad minutes [--db FILE] (--meeting ID | --pod NAME --date YYYY-MM-DD) [--out FILE.pdf]\n", msg)
		return ExitUsage
	}
	if fs.NArg() > 0 {
		return usageErr(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
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
	s, code, done := openExisting(env, "minutes", *db) // there are no minutes in a new, empty database
	if done {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	meetingID := *id
	if meetingID == 0 {
		m, err := minutes.FindMeeting(ctx, s, *pod, day)
		if err != nil {
			fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
			return ExitFailure
		}
		meetingID = m.ID
	} else if _, err := s.Meeting(ctx, meetingID); err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: meeting %d: %v\n", meetingID, err)
		return ExitFailure
	}
	m, err := minutes.Assemble(ctx, s, meetingID, minutes.Options{Now: env.Now})
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
		return ExitFailure
	}
	pdf, err := minutes.Render(m)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad minutes: %v\n", err)
		return ExitFailure
	}
	dest := *out
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
