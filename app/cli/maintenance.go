package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"triad/data"
	"triad/data/atomicfile"
)

func runMeetings(env Env, args []string) int {
	fs := newFlagSet(env, "meetings")
	s, code, done := openFromFlags(env, fs, args, nil)
	if done {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	pods, err := s.Pods(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad meetings: %v\n", err)
		return ExitFailure
	}
	for _, p := range pods {
		ms, err := s.Meetings(ctx, p.ID)
		if err != nil {
			fmt.Fprintf(env.Stderr, "triad meetings: %v\n", err)
			return ExitFailure
		}
		for _, m := range ms {
			line := fmt.Sprintf("%d\t%s\t%s\t%s", m.ID, tabSafe(p.Name), m.Date, m.Status)
			// A meeting reopened after close says so: its record changed then.
			es, err := s.MeetingHistory(ctx, m.ID)
			if err != nil {
				fmt.Fprintf(env.Stderr, "triad meetings: %v\n", err)
				return ExitFailure
			}
			if n := reopens(es); n > 0 {
				last := es[lastReopen(es)]
				line += fmt.Sprintf("\treopened %s, last by %s: %s (triad meeting %d)", times(n), orUnknown(last.By), tabSafe(last.Reason), m.ID)
			}
			fmt.Fprintln(env.Stdout, line)
		}
	}
	return ExitOK
}

func reopens(es []data.MeetingEvent) int {
	n := 0
	for _, e := range es {
		if e.Kind == "reopened" {
			n++
		}
	}
	return n
}

func lastReopen(es []data.MeetingEvent) int {
	last := -1
	for i, e := range es {
		if e.Kind == "reopened" {
			last = i
		}
	}
	return last
}

func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

func orUnknown(s string) string {
	if s == "" {
		return "(not recorded)"
	}
	return s
}

// runMeeting prints one meeting's state and its record: when it ran, in
// the pod's zone, who closed and reopened it and why, and whether its
// minutes come from the record frozen at close. It only reads.
func runMeeting(env Env, args []string) int {
	fs := newFlagSet(env, "meeting")
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	if len(rest) > 1 {
		fmt.Fprintf(env.Stderr, "triad meeting: unexpected argument %q\n", rest[1])
		return ExitUsage
	}
	idArg := ""
	if len(rest) == 1 {
		idArg = rest[0]
	}
	id, err := strconv.ParseInt(idArg, 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(env.Stderr, "triad meeting: give a meeting id from `triad meetings`\nUsage: triad meeting ID [--db FILE]\n")
		return ExitUsage
	}
	path, err := resolvePath(env, *db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad meeting: %v\n", err)
		return ExitFailure
	}
	s, err := openFor(env, "meeting", path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad meeting: %v\n", err)
		return ExitFailure
	}
	defer s.Close()
	rec, err := s.MinutesRecord(context.Background(), id)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad meeting: meeting %d: %v\n", id, err)
		return ExitFailure
	}
	m, pod := rec.Run.Meeting, rec.Run.Pod
	loc := data.PodLocation(pod)
	zone := pod.TimeZone
	if zone == "" {
		zone = "UTC (the pod has no time zone)"
	}
	w := env.Stdout
	fmt.Fprintf(w, "Meeting %d: %s, %s\n", m.ID, oneLine(pod.Name), m.Date.Long())
	fmt.Fprintf(w, "State:    %s\n", m.Status.Label())
	fmt.Fprintf(w, "Zone:     %s\n", zone)
	if !m.StartedAt.IsZero() {
		ran := m.StartedAt.In(loc).Format("15:04 MST")
		if !m.EndedAt.IsZero() {
			ran = m.StartedAt.In(loc).Format("15:04") + "–" + m.EndedAt.In(loc).Format("15:04 MST")
		}
		fmt.Fprintf(w, "Ran:      %s\n", ran)
	}
	switch {
	case m.Status != data.MeetingClosed:
		fmt.Fprintf(w, "Minutes:  DRAFT until the meeting is closed\n")
	case rec.Rebuilt:
		fmt.Fprintf(w, "Minutes:  rebuilt from the current data (closed before Triad froze a record at close)\n")
	default:
		fmt.Fprintf(w, "Minutes:  as frozen at close, %s\n", rec.FrozenAt.In(loc).Format("Mon 2 Jan 2006 15:04 MST"))
	}
	history := data.StatusHistory(rec.Run.Events)
	if len(history) == 0 {
		fmt.Fprintf(w, "History:  never closed\n")
		return ExitOK
	}
	fmt.Fprintf(w, "History:\n")
	for _, e := range history {
		fmt.Fprintf(w, "  %s\n", oneLine(e.Describe(loc)))
	}
	return ExitOK
}

// oneLine keeps a value on one line of the terminal.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tabSafe keeps a name on one tab-separated field.
func tabSafe(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func runBackup(env Env, args []string) int {
	fs := newFlagSet(env, "backup")
	out := fs.String("out", "", "write the copy to this `file` (default: the backups folder beside the database)")
	s, code, done := openFromFlags(env, fs, args, func() string {
		if *out == "-" {
			return "--out -: a backup is a database file, which a terminal or pipe cannot hold; name a file"
		}
		return ""
	})
	if done {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	if *out != "" {
		if err := s.WriteBackup(ctx, *out); err != nil {
			fmt.Fprintf(env.Stderr, "triad backup: %v\n", err)
			return ExitFailure
		}
		fmt.Fprintf(env.Stdout, "Backed up %s to %s (integrity checked).\n", s.Path(), *out)
		return ExitOK
	}
	b, err := s.Backup(ctx, data.BackupManual)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad backup: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "Backed up %s to %s (integrity checked).\n", s.Path(), b.Path)
	return ExitOK
}

func runCheck(env Env, args []string) int {
	fs := newFlagSet(env, "check")
	s, code, done := openFromFlags(env, fs, args, nil)
	if done {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Check(ctx); err != nil {
		fmt.Fprintf(env.Stderr, "triad check: %s\n", openProblem(err))
		return ExitFailure
	}
	pods, err := s.Pods(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad check: %v\n", err)
		return ExitFailure
	}
	meetings := 0
	for _, p := range pods {
		ms, err := s.Meetings(ctx, p.ID)
		if err != nil {
			fmt.Fprintf(env.Stderr, "triad check: %v\n", err)
			return ExitFailure
		}
		meetings += len(ms)
	}
	fmt.Fprintf(env.Stdout, "%s: integrity ok\n%d pods, %d meetings\n", s.Path(), len(pods), meetings)
	return ExitOK
}

func runExport(env Env, args []string) int {
	fs := newFlagSet(env, "export")
	out := fs.String("out", "", "the JSON `file` to write; - for standard output")
	shared := fs.String("shared-pod", "", "write only this `pod`'s shared record, the same bytes on every laptop of its team")
	s, code, done := openFromFlags(env, fs, args, func() string {
		if *out == "" {
			return "--out FILE.json is required"
		}
		return ""
	})
	if done {
		return code
	}
	defer s.Close()
	if *shared != "" {
		return exportShared(env, s, *shared, *out)
	}
	err := writeWhole(env, *out, func(w io.Writer) error { return s.ExportJSON(context.Background(), w) })
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad export: %v\n", err)
		return ExitFailure
	}
	if *out == "-" {
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, "Exported %s to %s.\n", s.Path(), *out)
	return ExitOK
}

// exportShared writes the shared record of the pod named podName (every
// record of it a team syncs, in canonical form: ordered by global id,
// without this laptop's own numbers and timestamps), so two laptops that
// have taken the same events can be compared byte for byte.
func exportShared(env Env, s Store, podName, out string) int {
	ps, ok := s.(interface {
		PodExport(ctx context.Context, podUID string) ([]byte, error)
	})
	if !ok {
		fmt.Fprintln(env.Stderr, "triad export: this database holds no shared record")
		return ExitFailure
	}
	ctx := context.Background()
	pod, err := podByName(ctx, s, podName)
	var b []byte
	if err == nil {
		b, err = ps.PodExport(ctx, pod.UID)
	}
	if err == nil {
		err = writeWhole(env, out, func(w io.Writer) error {
			_, err := w.Write(append(b, '\n'))
			return err
		})
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad export: %v\n", err)
		return ExitFailure
	}
	if out != "-" {
		fmt.Fprintf(env.Stdout, "Exported the shared record of %s to %s.\n", pod.Name, out)
	}
	return ExitOK
}

// writeWhole writes what write produces to the file out (written aside,
// then renamed) or, for "-", to standard output: whole or nothing either
// way, so a failure half-way never leaves half a document in the file or
// the pipe.
func writeWhole(env Env, out string, write func(io.Writer) error) error {
	if out != "-" {
		return atomicfile.Write(out, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	_, err := env.Stdout.Write(buf.Bytes())
	return err
}
