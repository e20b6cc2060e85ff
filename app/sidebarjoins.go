package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	tsync "triad/data/sync"
)

// joinAnswers is what answering joins needs of a team's database.
type joinAnswers interface {
	Team() (tsync.TeamConfig, bool)
	Membership(ctx context.Context, podUID string) (tsync.Membership, error)
	JoinRequests(ctx context.Context, answered bool) ([]tsync.JoinRequest, error)
	DecideJoin(ctx context.Context, nonce string, approve bool) (tsync.JoinRequest, error)
}

// reloadAsks shows, under the sync line, each ask this laptop may answer
// (as the pod's facilitator, or its Tech Lead for a delegate), with
// Approve and Refuse. A database of no team shows none.
func (s *sidebar) reloadAsks() {
	sc := s.ui.sh.Window()
	ja, ok := sc.Store.(joinAnswers)
	if !ok {
		return
	}
	if _, team := ja.Team(); !team {
		return
	}
	shell.Load(sc, "Reading who asks to join", func() ([]tsync.JoinRequest, error) {
		return answerable(sc.Ctx(), ja)
	}, s.showAsks)
}

func answerable(ctx context.Context, ja joinAnswers) ([]tsync.JoinRequest, error) {
	cfg, _ := ja.Team()
	asks, err := ja.JoinRequests(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []tsync.JoinRequest
	for _, r := range asks {
		m, err := ja.Membership(ctx, r.Pod)
		if err != nil {
			return nil, err
		}
		if tsync.MayHandOut(m, cfg.MemberKey, r.Seat) {
			out = append(out, r)
		}
	}
	return out, nil
}

// askLine is "Priya Raman asks to join Payments as Tech Lead".
func askLine(r tsync.JoinRequest) string {
	name, seat := r.Name, r.Seat.Label()
	if name == "" {
		name = "Someone"
	}
	return fmt.Sprintf("%s asks to join %s as %s", name, r.PodName, seat)
}

func (s *sidebar) showAsks(asks []tsync.JoinRequest) {
	s.asks.Objects = nil
	for _, r := range asks {
		line := widget.NewLabel(askLine(r))
		line.Wrapping = fyne.TextWrapWord
		approve := widget.NewButton("Approve", func() { s.answer(r, true) })
		approve.Importance = widget.HighImportance
		refuse := widget.NewButton("Refuse", func() { s.answer(r, false) })
		s.asks.Add(container.NewVBox(line, container.NewGridWithColumns(2, approve, refuse)))
	}
	s.asks.Refresh()
}

// answer approves or refuses one ask; the answer goes out with the next sync.
func (s *sidebar) answer(r tsync.JoinRequest, approve bool) {
	sc := s.ui.sh.Window()
	ja := sc.Store.(joinAnswers)
	shell.Write(sc, "Answering "+askLine(r), func() (tsync.JoinRequest, error) {
		return ja.DecideJoin(sc.Ctx(), r.Nonce, approve)
	}, func(_ tsync.JoinRequest, err error) {
		if err != nil {
			sc.ShowError("Answering "+askLine(r), err)
		}
		s.reloadAsks()
	})
}
