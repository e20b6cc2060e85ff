package minutes

import (
	"strconv"
	"strings"
)

// carriesOverText marks an agenda item that comes back next week.
const carriesOverText = "carries over to the next meeting"

func carriesOverSpans(it AgendaItem) []span {
	if !it.CarriesOver {
		return nil
	}
	return []span{{text: "\n" + carriesOverText, bold: true}}
}

// dealTimeSpans are the lines under a request's state: when it was
// received, when its current round started if it was resubmitted or
// reopened, when it is due (or that its clock is paused), and an edit
// that changed whether it needs a sign-off.
func dealTimeSpans(r DealRequest) []span {
	var out []span
	if lines := dealTimeLines(r); len(lines) > 0 {
		out = append(out, span{text: "\n" + strings.Join(lines, "\n")})
	}
	if e := strings.TrimSpace(Clean(r.SignOffEdit)); e != "" {
		out = append(out, span{text: "\n" + e, bold: true})
	}
	return out
}

// dealTimeLines are a request's times as dealTimeSpans lists them.
func dealTimeLines(r DealRequest) []string {
	var lines []string
	if !r.Received.IsZero() {
		lines = append(lines, "Received "+r.Received.Format(timeLayout))
	}
	if !r.Round.IsZero() {
		label := r.RoundLabel
		if label == "" {
			label = "Back in the queue"
		}
		lines = append(lines, label+" "+r.Round.Format(timeLayout))
	}
	switch {
	case r.Paused:
		lines = append(lines, "SLA paused while changes are requested")
	case !r.Due.IsZero():
		lines = append(lines, "Due "+r.Due.Format(timeLayout))
	}
	return lines
}

// commitLine says under a decision taken how many members committed:
// "Committed 3/3", or "Committed 2/3, waiting on Lee Chen".
func (d *doc) commitLine(dc Decision) {
	s, waiting := commitText(dc)
	switch {
	case s == "":
	case waiting:
		d.para([]span{{text: s, bold: true}}, 0, sizeBody, lineBody, colWarn)
	default:
		d.para([]span{{text: s, bold: true}}, 0, sizeBody, lineBody, colGood)
	}
}

// commitText is commitLine's sentence, and whether anyone is still to
// commit; "" for a decision not taken or without positions.
func commitText(dc Decision) (string, bool) {
	if oneLine(dc.Chosen) == "" || len(dc.Positions) == 0 {
		return "", false
	}
	n, of, waiting := dc.Committed()
	s := "Committed " + strconv.Itoa(n) + "/" + strconv.Itoa(of)
	if len(waiting) == 0 {
		return s, false
	}
	names := make([]string, len(waiting))
	for i, w := range waiting {
		names[i] = orDash(oneLine(w))
	}
	return s + ", waiting on " + strings.Join(names, ", "), true
}

// recordedBy adds who keyed a sign-off in, when it was not the signer:
// "recorded by Sam Lee for Priya Raman (Tech Lead)", or under a delegate's
// name "recorded by Sam Lee".
func recordedBy(who string, s SignOff) string {
	rec := oneLine(s.RecordedBy)
	switch {
	case rec == "":
		return who
	case oneLine(s.OnBehalfOf) == "":
		return "recorded by " + rec + " for " + who
	}
	return who + "\nrecorded by " + rec
}

// actionTextCell is an action's text with its changes since the last
// meeting under it, so a re-dated or reassigned action says who moved it.
func actionTextCell(it ActionItem) cell {
	c := txt(orDash(strings.TrimSpace(Clean(it.Text))))
	for _, ch := range it.Changes {
		c.spans = append(c.spans, span{text: "\n" + oneLine(ch)})
	}
	return c
}
