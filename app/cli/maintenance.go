package cli

import (
	"io"

	"context"
	"fmt"
	"strings"
	"triad/data/atomicfile"

	"triad/data"
)

func runMeetings(env Env, args []string) int {
	fs := newFlagSet(env, "meetings")
	s, code, done := openFromFlags(env, fs, args, true, nil)
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
			fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", m.ID, tabSafe(p.Name), m.Date, m.Status)
		}
	}
	return ExitOK
}

// tabSafe keeps a name on one tab-separated field.
func tabSafe(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func runBackup(env Env, args []string) int {
	fs := newFlagSet(env, "backup")
	out := fs.String("out", "", "write the copy to this `file` (default: the backups folder beside the database)")
	s, code, done := openFromFlags(env, fs, args, true, nil)
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
	s, code, done := openFromFlags(env, fs, args, true, nil)
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
	out := fs.String("out", "", "the JSON `file` to write")
	s, code, done := openFromFlags(env, fs, args, true, func() string {
		if *out == "" {
			return "--out FILE.json is required"
		}
		return ""
	})
	if done {
		return code
	}
	defer s.Close()
	err := atomicfile.Write(*out, func(w io.Writer) error {
		return s.ExportJSON(context.Background(), w)
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad export: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "Exported %s to %s.\n", s.Path(), *out)
	return ExitOK
}
