package decisions

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// searchPage is how many hits the search screen shows at a time.
const searchPage = data.DefaultSearchLimit

// Search is the search over everything the pods record, opened from the
// sidebar: the decisions, agenda notes and outcomes, action items and deal
// requests of every pod or of one, best match first. It searches as the
// user types, SearchDelay after the last key.
type Search struct {
	sc    *shell.Scope
	route shell.Search

	ta       typeahead
	podNames map[int64]string

	entry   *kit.Entry
	pod     *kit.Choice[int64] // 0 for every pod
	status  *widget.Label
	results *hitList
	more    *widget.Button
}

func NewSearch(sc *shell.Scope, r shell.Search) *Search {
	return &Search{sc: sc, route: r, ta: typeahead{sc: sc}}
}

func (s *Search) Build() fyne.CanvasObject {
	s.entry = kit.NewLineEntry(data.MaxSearchLen).Holding("Search decisions, meeting notes, action items and deal requests…", s.route.Text)
	s.entry.OnChanged = func(text string) {
		if s.podNames == nil {
			return
		}
		if len(data.SearchTerms(text)) > 0 {
			// What is shown answers the words before: say so until the
			// answer to these arrives.
			s.status.SetText("Searching…")
		}
		s.ta.typed(s.first)
	}
	s.pod = kit.NewFilterChoice[int64]("Every pod", func() {
		if s.podNames != nil { // picked by the user, not while being built
			s.ta.now(s.first)
		}
	})
	s.status = kit.Wrapped("")
	s.status.Importance = widget.LowImportance
	s.results = newHitList(s.sc, s.back, func(id int64) string { return s.podNames[id] })
	s.more = widget.NewButtonWithIcon("Show more results", theme.MoreVerticalIcon(), func() { s.ta.now(s.next) })
	s.more.Hide()

	top := container.NewVBox(kit.Title("Search"),
		container.NewBorder(nil, nil, nil, container.New(&kit.FixedWidth{Width: 220}, s.pod.Select), s.entry),
		s.status)
	s.loadPods()
	return container.NewPadded(container.NewBorder(top, container.NewHBox(s.more), nil, nil, s.results.list))
}

// Focus puts the cursor in the search box, so the user can type at once.
func (s *Search) Focus() { s.sc.Win.Canvas().Focus(s.entry) }

// loadPods reads the pods for the pod choice and the hits' pod names,
// then runs the search the route opened with.
func (s *Search) loadPods() {
	shell.Load(s.sc, "Opening the search", func() ([]data.Pod, error) {
		return s.sc.Store.Pods(s.sc.Ctx())
	}, func(pods []data.Pod) {
		names := make(map[int64]string, len(pods))
		labels, ids := []string{"Every pod"}, []int64{0}
		for _, p := range pods {
			names[p.ID] = p.Name
			labels, ids = append(labels, p.Name), append(ids, p.ID)
		}
		s.pod.SetOptions(labels, ids)
		if s.route.PodID != 0 {
			s.pod.Set(s.route.PodID) // before the names are set, so it searches once, below
		}
		s.podNames = names
		s.ta.now(s.first)
	})
}

// request is the search as the controls stand, from offset.
func (s *Search) request(offset int) data.SearchRequest {
	podID, _ := s.pod.Value()
	// One more than a page says whether there is a next one.
	return data.SearchRequest{PodID: podID, Text: s.entry.Text, Limit: searchPage + 1, Offset: offset}
}

// back is the search as it stands, where a deal request opened from it returns.
func (s *Search) back() shell.Route {
	r := s.request(0)
	return shell.Search{PodID: r.PodID, Text: r.Text}
}

// first shows the first page of hits for what is typed.
func (s *Search) first(q *shell.Scope) {
	r := s.request(0)
	if len(data.SearchTerms(r.Text)) == 0 {
		s.results.show(nil)
		s.more.Hide()
		s.status.SetText(s.invite(r.PodID))
		return
	}
	shell.Run(q, func() ([]data.SearchHit, error) {
		return s.sc.Store.Search(q.Context(), r)
	}, func(hits []data.SearchHit, err error) {
		if err != nil {
			s.results.show(nil)
			s.more.Hide()
			s.status.SetText(shell.Message("Searching", err))
			return
		}
		hits, more := upTo(hits, searchPage)
		s.results.show(hits)
		s.showCount(r, more)
	})
}

// next adds the following page of hits.
func (s *Search) next(q *shell.Scope) {
	r := s.request(len(s.results.hits))
	shell.Run(q, func() ([]data.SearchHit, error) {
		return s.sc.Store.Search(q.Context(), r)
	}, func(hits []data.SearchHit, err error) {
		if err != nil {
			s.status.SetText(shell.Message("Showing more results", err))
			return
		}
		hits, more := upTo(hits, searchPage)
		s.results.add(hits)
		s.showCount(r, more)
	})
}

// showCount says how many hits are shown, and offers more when there are.
func (s *Search) showCount(r data.SearchRequest, more bool) {
	n := len(s.results.hits)
	kit.ShowIf(s.more, more)
	switch {
	case n == 0:
		s.status.SetText("Nothing matches “" + strings.TrimSpace(r.Text) + "”." + shortWordsHint(r.Text, " Try fewer or shorter words."))
	case more:
		s.status.SetText(fmt.Sprintf("The %d best matches, best first; more below", n))
	case n == 1:
		s.status.SetText("1 match")
	default:
		s.status.SetText(fmt.Sprintf("%d matches, best first", n))
	}
}

// invite is what the empty search box says it searches.
func (s *Search) invite(podID int64) string {
	where := "every pod's"
	if name := s.podNames[podID]; podID != 0 && name != "" {
		where = name + "'s"
	}
	return "Type to search " + where + " decisions, meeting notes and outcomes, action items and deal requests."
}

// upTo is the first n of s, and whether there were more.
func upTo[T any](s []T, n int) ([]T, bool) {
	if len(s) > n {
		return s[:n], true
	}
	return s, false
}
