package sqlite

import (
	"database/sql"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

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

// TestADealEditWorksOutTheFieldsItsEventCarries holds dealWrite.fieldsAfter
// to the read it replaces: after each of hundreds of random edits of a
// request in a shared pod (every field the form sets, a close date set and
// cleared, a sign-off needed and not, text that looks like a number, emoji,
// CJK and RTL), the fields it worked out are the fields a read of the row
// gives, type for type, and so the event names only what the edit changed.
func TestADealEditWorksOutTheFieldsItsEventCarries(t *testing.T) {
	a, _ := teamOfTwo(t)
	db := a.db
	r, err := db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, db.now().Add(-time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"42", "007", "-1", "1e3", "Globex 🚀", "支払いの再試行", "שלום עולם", strings.Repeat("long ", 400), "a\nb\tc", "Initech"}
	rng := rand.New(rand.NewSource(11))
	pick := func(n int) int { return rng.Intn(n) }
	saves, flips, cleared := 0, 0, 0
	for i := 0; i < 300; i++ {
		e := r
		switch pick(4) {
		case 0: // the notes, the edit made most
			e.Notes = texts[pick(len(texts))] + fmt.Sprint(i)
		case 1:
			e.Customer = texts[pick(len(texts))] + fmt.Sprint(i)
			e.DealName = texts[pick(len(texts))]
			e.Value = data.Dollars(int64(pick(400_000)))
			e.Terms = texts[pick(len(texts))]
		case 2:
			e.NeedsNewFeature = pick(2) == 0
			e.Features = texts[pick(len(texts))]
			e.RepName, e.RepEmail = "Maya Chen", ""
			if pick(2) == 0 {
				e.RepEmail = fmt.Sprintf("rep%d@example.com", i)
			}
		case 3:
			e.CloseDate = data.Date{}
			if pick(2) == 0 {
				e.CloseDate = data.NewDate(2027, time.Month(1+pick(12)), 1+pick(28))
			}
			e.ReceivedAt = db.now().Add(-time.Duration(1+pick(48)) * time.Hour)
		}
		e.Normalize()
		if e.Validate(db.now()) != nil {
			continue
		}
		err := db.tx(ctx, func(tx *sql.Tx) error {
			before, wrote, err := db.writeDealEdit(ctx, tx, e)
			if err != nil || before == nil {
				return fmt.Errorf("edit %d: snapshot %v, %v", i, before, err)
			}
			read, err := readDealState(ctx, tx, e.ID, before.lastHist)
			if err != nil {
				return err
			}
			if worked, ok := wrote.fieldsAfter(before.fields); !ok || !reflect.DeepEqual(worked, read.fields) {
				return fmt.Errorf("edit %d: worked out\n%#v\nread\n%#v", i, worked, read.fields)
			}
			if read.fields["state"] != before.fields["state"] {
				flips++
			}
			if read.fields["close_date"] == nil {
				cleared++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		saves++
		if r, err = db.DealRequest(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	if saves < 200 || flips == 0 || cleared == 0 {
		t.Fatalf("%d edits, %d of them moving the sign-off, %d with no close date: the test no longer tries what it should", saves, flips, cleared)
	}
}
