package sqlite

import (
	"database/sql"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"triad/data"
)

// TestAnItemSaveWorksOutTheRowItsEventCarries holds itemAfter to the read
// it replaces: after each of hundreds of random saves of an agenda item
// in a shared pod (every column the form sets, links moved between
// attendees and to nobody, text that looks like a number, emoji, CJK and
// RTL), the row it worked out is the row a read of the table gives, type
// for type.
func TestAnItemSaveWorksOutTheRowItsEventCarries(t *testing.T) {
	a, _ := teamOfTwo(t)
	db := a.db
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	first, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: "Carried from here", Kind: data.KindTopic})
	if err != nil {
		t.Fatal(err)
	}
	it, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: "Webhooks", Kind: data.KindFeatureProposal})
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	people := []int64{0}
	for _, at := range run.Attendees {
		people = append(people, at.ID)
	}
	texts := []string{"", "42", "007", "-1", "1e3", "Webhooks 🚀", "支払いの再試行", "שלום עולם", strings.Repeat("long ", 400), "a\nb\tc"}
	kinds := []data.ItemKind{data.KindTopic, data.KindFeatureProposal, data.KindDecision, data.KindInfo}
	verdicts := []data.Verdict{data.VerdictUnanswered, data.VerdictYes, data.VerdictNo, data.VerdictQualified}
	outcomes := append([]data.OutcomeType{""}, data.OutcomeTypes...)
	rng := rand.New(rand.NewSource(7))
	pick := func(n int) int { return rng.Intn(n) }
	worked, saves := 0, 0
	for i := 0; i < 300; i++ {
		e := it
		switch pick(3) {
		case 0: // typing the notes, the save made most
			e.Notes = texts[pick(len(texts))] + fmt.Sprint(i)
		case 1:
			e.Title = strings.TrimSpace(texts[1+pick(len(texts)-1)]) + " " + fmt.Sprint(i)
			e.Kind = kinds[pick(len(kinds))]
			e.PlannedMinutes = pick(241)
			e.Outcome = texts[pick(len(texts))]
			e.OutcomeType = outcomes[pick(len(outcomes))]
			e.CarryOver = pick(2) == 0
			e.PresenterID = people[pick(len(people))]
		case 2:
			ans := &e.Answers
			ans.CanBuild, ans.ShouldBuild = verdicts[pick(4)], verdicts[pick(4)]
			ans.SolvesProblem, ans.CanSell = verdicts[pick(4)], verdicts[pick(4)]
			ans.HowLong = texts[pick(4)]
			ans.EngineeringBy, ans.ProductBy, ans.MarketBy = people[pick(len(people))], people[pick(len(people))], people[pick(len(people))]
			ans.WillPay, ans.WillPayText = nil, ""
			if pick(2) == 0 {
				pay := data.Money(pick(1_000_000))
				ans.WillPay, ans.WillPayText = &pay, fmt.Sprint(pay)
			}
			if pick(3) == 0 {
				e.CarriedFromID, e.CarriedFrom = first.ID, data.NewDate(2026, 11, 19)
			} else {
				e.CarriedFromID, e.CarriedFrom = 0, data.Date{}
			}
		}
		e.Normalize()
		if e.Validate() != nil {
			continue
		}
		err := db.tx(ctx, func(tx *sql.Tx) error {
			snap, err := db.updateAgendaItem(ctx, tx, e)
			if err != nil || snap == nil {
				return fmt.Errorf("save %d: snapshot %v, %v", i, snap, err)
			}
			want, err := snap.read(ctx, tx)
			if err != nil {
				return err
			}
			if snap.after != nil {
				worked++
				if !reflect.DeepEqual(snap.after, want) {
					return fmt.Errorf("save %d: worked out\n%#v\nread\n%#v", i, snap.after, want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		saves++
		it = e
	}
	if saves < 200 || worked != saves {
		t.Fatalf("%d saves, %d of them worked out: the test no longer tries what it should", saves, worked)
	}
}
