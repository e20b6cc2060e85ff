package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"triad/data"
)

// runSearch searches every pod, or the one named, and prints one hit a
// line, best first: kind, id, pod, score, snippet, tab-separated, so the
// output can be scripted (cut -f2 for the ids) and timed.
func runSearch(env Env, args []string) int {
	fs := newFlagSet(env, "search")
	pod := fs.String("pod", "", "search only the pod of this `name`")
	limit := fs.Int("limit", data.DefaultSearchLimit, "print at most `N` hits")
	db := fs.String("db", "", "database `file`")
	// The words may come before the flags: triad search pricing --pod Payments.
	var words []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		words, args = append(words, args[0]), args[1:]
	}
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	words = append(words, rest...)
	usageErr := func(msg string) int {
		fmt.Fprintf(env.Stderr, "triad search: %s\nUsage: triad search [--db FILE] [--pod NAME] [--limit N] QUERY\n", msg)
		return ExitUsage
	}
	query := strings.Join(words, " ")
	if len(data.SearchTerms(query)) == 0 {
		return usageErr("give the words to search for")
	}
	if *limit < 1 || *limit > data.MaxSearchLimit {
		return usageErr(fmt.Sprintf("--limit must be between 1 and %d", data.MaxSearchLimit))
	}
	path, err := resolvePath(env, *db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad search: %v\n", err)
		return ExitFailure
	}
	s, err := openFor(env, "search", path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad search: %s\n", err)
		return ExitFailure
	}
	defer s.Close()
	ctx := context.Background()
	pods, err := s.Pods(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad search: %v\n", err)
		return ExitFailure
	}
	names := map[int64]string{}
	req := data.SearchRequest{Text: query, Limit: *limit}
	for _, p := range pods {
		names[p.ID] = p.Name
		if *pod != "" && strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(*pod)) {
			req.PodID = p.ID
		}
	}
	if *pod != "" && req.PodID == 0 {
		fmt.Fprintf(env.Stderr, "triad search: there is no pod named %q\n", *pod)
		return ExitFailure
	}
	hits, err := s.Search(ctx, req)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad search: %v\n", err)
		return ExitFailure
	}
	for _, h := range hits {
		// The passage that shows the match: the body's, unless only the
		// title matched.
		text := data.RunsText(h.Snippet)
		if !hasHit(h.Snippet) && (hasHit(h.Title) || strings.TrimSpace(text) == "") {
			text = data.RunsText(h.Title)
		}
		fmt.Fprintf(env.Stdout, "%s\t%d\t%s\t%s\t%s\n", h.Kind, h.RefID, tabSafe(names[h.PodID]),
			strconv.FormatFloat(h.Score, 'f', 3, 64), oneLine(tabSafe(text)))
	}
	return ExitOK
}

func hasHit(runs []data.Run) bool {
	for _, r := range runs {
		if r.Hit {
			return true
		}
	}
	return false
}
