package decisions

import (
	"strconv"

	"triad/app/kit"
	"triad/data"
)

// The decision editor keeps a draft: a decision is typed during the
// meeting, often at length (the context, three perspectives, the
// rationale), and the facilitator leaves it for the meeting's next item
// and comes back. What was typed waits, autosaved, until the proposal is
// saved or the draft discarded.

// startDraft keeps what is typed into the editor from now on as the draft
// of this proposal (or of the new decision), and puts back the one left
// last time.
func (de *decisionEditor) startDraft() {
	pg := de.pg
	key := data.DecisionDraftKey(pg.d.ID, pg.agendaItemID, pg.supers, pg.podID)
	de.draft = kit.NewDraft(pg.sc, key, de.fields, de.fill, de.what)
	de.watch()
	de.draft.Start(nil)
}

// what names the draft in the question the window asks before closing.
func (de *decisionEditor) what() string {
	q := de.question.Text
	switch {
	case de.pg.d.ID != 0:
		return "your changes to the proposal “" + q + "”"
	case q == "":
		return "the new decision"
	}
	return "the new decision “" + q + "”"
}

// watch tells the draft of every edit of the editor's fields.
func (de *decisionEditor) watch() {
	de.draft.Watch(de.question, de.context, de.meeting, de.decider, de.chosen, de.rationale, de.revisit)
	for i := range de.positions {
		de.draft.Watch(de.positions[i], de.reasons[i])
	}
	for _, o := range de.options {
		de.watchOption(o)
	}
}

func (de *decisionEditor) watchOption(o *optionEditor) {
	if de.draft != nil {
		de.draft.Watch(o.title, o.pros, o.cons, o.cost, o.effort)
	}
}

// changed tells the draft of an edit no field reports (an option added or removed).
func (de *decisionEditor) changed() {
	if de.draft != nil {
		de.draft.Changed()
	}
}

// fields are the editor's fields as typed, by name: each option's as
// option.N.title and so on, each leader's as position.ROLE and reasoning.ROLE.
func (de *decisionEditor) fields() map[string]string {
	f := map[string]string{
		"question":  de.question.Text,
		"context":   de.context.Text,
		"rationale": de.rationale.Text,
		"revisit":   de.revisit.Text,
		"options":   strconv.Itoa(len(de.options)),
		"chosen":    strconv.Itoa(de.chosenIndex()),
	}
	for _, m := range de.pg.meetings {
		if meetingChoice(m) == de.meeting.Selected {
			f["meeting"] = strconv.FormatInt(m.ID, 10)
		}
	}
	for _, l := range de.pg.pod.Leaders {
		if leaderChoice(l) == de.decider.Selected {
			f["decider"] = strconv.FormatInt(l.ID, 10)
		}
	}
	for i, o := range de.options {
		n := "option." + strconv.Itoa(i+1) + "."
		f[n+"title"], f[n+"pros"], f[n+"cons"], f[n+"cost"], f[n+"effort"] = o.title.Text, o.pros.Text, o.cons.Text, o.cost.Text, o.effort.Text
	}
	for i, pv := range de.pg.d.Perspectives {
		if i < len(de.positions) {
			f["position."+string(pv.Role)] = de.positions[i].Selected
			f["reasoning."+string(pv.Role)] = de.reasons[i].Text
		}
	}
	return f
}

// fill puts fields back into the editor, the options as many as they were.
func (de *decisionEditor) fill(f map[string]string) {
	de.question.SetText(f["question"])
	de.context.SetText(f["context"])
	de.meeting.ClearSelected()
	for _, m := range de.pg.meetings {
		if strconv.FormatInt(m.ID, 10) == f["meeting"] {
			de.meeting.SetSelected(meetingChoice(m))
		}
	}
	n, _ := strconv.Atoi(f["options"])
	de.options = nil
	de.optionBox.Objects = nil
	for i := 1; i <= n && i <= maxDraftOptions; i++ {
		p := "option." + strconv.Itoa(i) + "."
		de.addOption(data.DecisionOption{Title: f[p+"title"], Pros: f[p+"pros"], Cons: f[p+"cons"], Effort: f[p+"effort"]})
		de.options[i-1].cost.SetText(f[p+"cost"])
	}
	de.optionBox.Refresh()
	for i, pv := range de.pg.d.Perspectives {
		if i < len(de.positions) {
			de.positions[i].SetSelected(f["position."+string(pv.Role)])
			de.reasons[i].SetText(f["reasoning."+string(pv.Role)])
		}
	}
	de.decider.ClearSelected()
	for _, l := range de.pg.pod.Leaders {
		if strconv.FormatInt(l.ID, 10) == f["decider"] {
			de.decider.SetSelected(leaderChoice(l))
		}
	}
	de.refreshChosen()
	de.chosen.ClearSelected()
	if c, err := strconv.Atoi(f["chosen"]); err == nil && c > 0 && c <= len(de.chosen.Options) {
		de.chosen.SetSelected(de.chosen.Options[c-1])
	}
	de.rationale.SetText(f["rationale"])
	de.revisit.SetText(f["revisit"])
}

// maxDraftOptions bounds the options a draft puts back: far more than a
// decision weighs, so a damaged draft cannot fill the screen.
const maxDraftOptions = 50
