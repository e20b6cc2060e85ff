package sqlite

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"testing"
	"time"

	"triad/data"
	tsync "triad/data/sync"
)

// meetingDrill is three laptops of one pod (the facilitator, the Tech Lead
// and the PM) running one meeting apart: notes typed, the clock moved,
// the meeting closed and reopened on either of the two laptops that may,
// the Tech Lead ticking their action, each laptop's events reaching the
// others in its own order (as the hub's stream keeps it), interleaved at
// random and late.
type meetingDrill struct {
	t      *testing.T
	rng    *rand.Rand
	r      [3]replica
	sent   [3][]tsync.Event // each laptop's events in the order it made them
	cursor [3][3]int        // cursor[dst][src]: how far dst has taken src's
	clock  time.Time
	uid    string
}

func (d *meetingDrill) collect(i int) {
	evs, err := d.r[i].db.PendingEvents(ctx, 1000)
	must(d.t, err)
	for _, ev := range evs {
		must(d.t, d.r[i].db.MarkSent(ctx, ev.ID))
	}
	d.sent[i] = append(d.sent[i], evs...)
}

// take gives dst the next n of src's events; one that waits for another
// (ErrNotYet) is taken again later, as the hub redelivers it.
func (d *meetingDrill) take(dst, src, n int) {
	from := d.cursor[dst][src]
	to := min(from+n, len(d.sent[src]))
	for _, ev := range d.sent[src][from:to] {
		res, err := d.r[dst].db.ApplyEvent(ctx, ev)
		if os.Getenv("TRIAD_MEETING_DRILL_TRACE") != "" && res != tsync.EventDuplicate {
			d.t.Logf("  %d takes %d's %s %s: %d %v", dst, src, ev.Kind, ev.ID[len(ev.ID)-6:], res, err)
		}
		if err != nil && !errors.Is(err, tsync.ErrNotYet) {
			d.t.Fatalf("laptop %d taking laptop %d's %s: %v", dst, src, ev.Kind, err)
		}
	}
	d.cursor[dst][src] = to
}

func (d *meetingDrill) now() time.Time {
	d.clock = d.clock.Add(time.Duration(1+d.rng.Intn(90)) * time.Second)
	return d.clock
}

func (d *meetingDrill) step(op int) {
	i := []int{0, 2}[d.rng.Intn(2)] // the facilitator or the PM
	db := d.r[i].db
	run := localMeeting(d.t, db, d.uid)
	at := d.now()
	var err error
	x := d.rng.Intn(100)
	switch {
	case x < 45 && run.Meeting.Status != data.MeetingClosed:
		it := run.Items[d.rng.Intn(len(run.Items))]
		it.Notes = fmt.Sprintf("notes %d from laptop %d", op, i)
		err = db.UpdateAgendaItem(ctx, it)
	case x < 60 && run.Meeting.Status == data.MeetingDraft:
		err = db.StartMeeting(ctx, run.Meeting.ID, at)
	case x < 70 && run.Meeting.Status == data.MeetingInProgress:
		err = db.GoToItem(ctx, run.Meeting.ID, run.Items[d.rng.Intn(len(run.Items))].ID, at)
	case x < 78 && run.Meeting.Status != data.MeetingClosed:
		err = db.CloseMeeting(ctx, run.Meeting.ID, at, "Dan")
	case x < 84 && run.Meeting.Status == data.MeetingClosed:
		err = db.ReopenMeeting(ctx, run.Meeting.ID, at, "Dan", "a late correction")
	case x < 92:
		// The Tech Lead ticks or unticks their own action.
		onB := localMeeting(d.t, d.r[1].db, d.uid)
		if len(onB.Actions) > 0 {
			a := onB.Actions[0]
			_, err = d.r[1].db.ReviseActionItem(ctx, data.ActionChange{ActionID: a.ID, Done: ptr(!a.Done()), At: at})
			i = 1
		}
	default:
		// Some laptop takes some of another's events.
		dst, src := d.rng.Intn(3), d.rng.Intn(3)
		if dst != src {
			d.take(dst, src, 1+d.rng.Intn(4))
		}
	}
	// A change refused by the rules (the meeting closed meanwhile, say) is
	// the user being told no; anything else is the drill's failure.
	var ve *data.ValidationError
	if err != nil && !errors.Is(err, data.ErrConflict) && !errors.As(err, &ve) {
		d.t.Fatalf("op %d on laptop %d: %v", op, i, err)
	}
	before := len(d.sent[i])
	d.collect(i)
	if os.Getenv("TRIAD_MEETING_DRILL_TRACE") != "" {
		var kinds []string
		for _, ev := range d.sent[i][before:] {
			kinds = append(kinds, string(ev.Kind)+" "+ev.ID[len(ev.ID)-6:])
		}
		d.t.Logf("op %d x=%d laptop %d err=%v sent %v", op, x, i, err, kinds)
	}
}

// settle delivers everything to everyone until nothing more is taken.
func (d *meetingDrill) settle() {
	for round := 0; round < 6; round++ {
		for dst := range 3 {
			for src := range 3 {
				if src != dst {
					d.cursor[dst][src] = 0
					d.take(dst, src, len(d.sent[src]))
				}
			}
		}
		for i := range 3 {
			d.collect(i)
		}
	}
}

// TestMeetingRecordsConvergeUnderRandomDelivery runs the drill for 4 seeds
// (TRIAD_MEETING_DRILL=N for N; _OPS for the operations per seed, 60;
// _TRACE=1 logs each operation and delivery) and checks every laptop ends
// with the same pod export and the same minutes PDF. The facilitator and
// the PM each type notes, move the clock, close and reopen the meeting,
// apart from each other.
func TestMeetingRecordsConvergeUnderRandomDelivery(t *testing.T) {
	seeds := 4
	if n, err := strconv.Atoi(os.Getenv("TRIAD_MEETING_DRILL")); err == nil && n > 0 {
		seeds = n
	}
	for seed := int64(1); seed <= int64(seeds); seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			d := &meetingDrill{t: t, rng: rand.New(rand.NewSource(seed))}
			d.r[0], d.r[1], d.r[2] = teamOfThree(t)
			run, _, _ := typedMeeting(t, d.r[0])
			addItem(t, d.r[0].db, run.Meeting.ID, "Pricing page", 10)
			d.uid = meetingUID(t, d.r[0].db, run.Meeting.ID)
			d.clock = time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
			d.collect(0)
			d.take(1, 0, len(d.sent[0]))
			d.take(2, 0, len(d.sent[0]))
			ops := 60
			if n, err := strconv.Atoi(os.Getenv("TRIAD_MEETING_DRILL_OPS")); err == nil {
				ops = n
			}
			for op := range ops {
				d.step(op)
			}
			d.settle()
			if os.Getenv("TRIAD_MEETING_DRILL_TRACE") != "" {
				for i := range 3 {
					t.Logf("laptop %d refused %q", i, refusalsOf(t, d.r[i].db))
				}
			}
			samePod(t, d.r[0].pod.UID, d.r[0].db, d.r[1].db, d.r[2].db)
			samePDF(t, d.uid, d.r[0].db, d.r[1].db, d.r[2].db)
		})
	}
}
