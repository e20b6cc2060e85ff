package dealdesk

import (
	"strconv"
	"time"

	"triad/app/kit"
	"triad/data"
)

// The deal-desk form keeps a draft: a request is typed from a rep's mail
// (the features in the customer's words, the terms), often while the
// meeting waits for something else, and the facilitator who is called
// away finds it as it was when the form is opened again. Cancel asks
// before it throws the typing away.

// isoDay is how a draft keeps a picked date, whatever the calendar's format.
const isoDay = "2006-01-02"

// startDraft keeps what is typed from now on as the draft of this request
// (or of the new one) and puts back the one left last time.
func (f *Form) startDraft() {
	f.draft = kit.NewDraft(f.sc, data.DealDraftKey(f.req.ID), f.fields, f.fill, f.what)
	f.draft.Watch(f.pod.Select, f.customer, f.dealName, f.value, f.closeDate, f.receivedDate, f.receivedTime,
		f.repName, f.repEmail, f.features, f.newFeature, f.terms, f.notes)
	f.draft.Start(f.updatePreview)
}

// what names the draft in the question the window asks before closing.
func (f *Form) what() string {
	switch {
	case f.req.ID != 0:
		return "your changes to " + f.req.Summary()
	case f.customer.Text != "":
		return "the new deal-desk request for " + f.customer.Text
	}
	return "the new deal-desk request"
}

// fields are the form's fields as typed, by name.
func (f *Form) fields() map[string]string {
	fs := map[string]string{
		"customer": f.customer.Text, "deal_name": f.dealName.Text, "value": f.value.Text,
		"close_date": dateText(f.closeDate.Date, f.closeDate.Text), "received_date": dateText(f.receivedDate.Date, f.receivedDate.Text),
		"received_time": f.receivedTime.Text, "rep_name": f.repName.Text, "rep_email": f.repEmail.Text,
		"features": f.features.Text, "needs_new_feature": strconv.FormatBool(f.newFeature.Checked),
		"terms": f.terms.Text, "notes": f.notes.Text,
	}
	if id, ok := f.pod.Value(); ok {
		fs["pod"] = strconv.FormatInt(id, 10)
	}
	return fs
}

// fill puts fields back into the form.
func (f *Form) fill(fs map[string]string) {
	if f.req.ID == 0 { // a request stays with the pod it was sent to
		id, _ := strconv.ParseInt(fs["pod"], 10, 64)
		f.pod.Set(id)
	}
	f.customer.SetText(fs["customer"])
	f.dealName.SetText(fs["deal_name"])
	f.value.SetText(fs["value"])
	setDateText(f.closeDate.SetDate, f.closeDate.Entry.SetText, fs["close_date"])
	setDateText(f.receivedDate.SetDate, f.receivedDate.Entry.SetText, fs["received_date"])
	f.receivedTime.SetText(fs["received_time"])
	f.repName.SetText(fs["rep_name"])
	f.repEmail.SetText(fs["rep_email"])
	f.features.SetText(fs["features"])
	f.newFeature.SetChecked(fs["needs_new_feature"] == "true")
	f.terms.SetText(fs["terms"])
	f.notes.SetText(fs["notes"])
}

// dateText is a date field as a draft keeps it: the day picked, else what
// was typed.
func dateText(d *time.Time, typed string) string {
	if d != nil {
		return d.Format(isoDay)
	}
	return typed
}

// setDateText puts a draft's date back: a day as the picked day, anything
// else as typed, for the form to refuse when saved.
func setDateText(setDate func(*time.Time), setText func(string), s string) {
	if t, err := time.ParseInLocation(isoDay, s, time.Local); err == nil {
		setDate(&t)
		return
	}
	setDate(nil)
	if s != "" {
		setText(s)
	}
}

// onCancel goes back; what was typed is discarded first, when the
// facilitator says so.
func (f *Form) onCancel() {
	if f.draft == nil || !f.draft.Held() {
		f.sc.Go(f.cancel)
		return
	}
	f.sc.Confirm("Discard this request?", "What you typed is not sent to the deal desk, and it is gone.", "Discard", func() {
		f.draft.Discard()
		f.draft.Stop()
		f.sc.Go(f.cancel)
	})
}
