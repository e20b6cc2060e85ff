package data

import (
	"strings"
	"testing"
)

func TestDefaultTemplateIsTheStandingItems(t *testing.T) {
	d := DefaultTemplate(7)
	if !d.Default || len(d.Items) != 4 || d.TotalMinutes() != 30 || d.Items[0].Standing != StandingDealDesk || d.Items[0].Minutes != 10 {
		t.Errorf("default template %+v", d)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("the built-in template is invalid: %v", err)
	}
}

func TestTemplateValidation(t *testing.T) {
	cases := []struct {
		name  string
		items []TemplateItem
		want  string
	}{
		{"empty", nil, "at least one item"},
		{"a standing item twice", []TemplateItem{{Standing: StandingDealDesk, Title: "Deal desk", Kind: KindDealDesk}, {Standing: StandingDealDesk, Title: "Deals", Kind: KindDealDesk}}, "Deals is on the template twice"},
		{"a standing item of another kind", []TemplateItem{{Standing: StandingDealDesk, Title: "Deal desk", Kind: KindTopic}}, "a standing item of the deal desk kind"},
		{"an unknown standing item", []TemplateItem{{Standing: "coffee", Title: "Coffee", Kind: KindTopic}}, "not one of the standing items"},
		{"a topic twice", []TemplateItem{{Title: "Escalations", Kind: KindTopic}, {Title: "escalations", Kind: KindInfo}}, "escalations is on the template twice"},
		{"no title", []TemplateItem{{Kind: KindTopic, Minutes: 5}}, "Item 1 needs a title"},
		{"a timebox too long", []TemplateItem{{Title: "Escalations", Kind: KindTopic, Minutes: 241}}, "Escalations: the timebox must be between 0 and 240 minutes"},
		{"an unknown kind", []TemplateItem{{Title: "Escalations", Kind: "chat"}}, "Choose what kind of item Escalations is"},
	}
	for _, c := range cases {
		err := MeetingTemplate{Items: c.items}.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
	ok := MeetingTemplate{Items: []TemplateItem{{Standing: StandingRoadmapDebt, Title: "Debt check", Kind: KindRoadmap, Minutes: 15}, {Title: "Escalations", Kind: KindTopic, Minutes: 10}}}
	if err := ok.Validate(); err != nil {
		t.Errorf("a valid template: %v", err)
	}
}

func TestNormalizeGivesStandingItemsTheirKindAndTitle(t *testing.T) {
	tm := MeetingTemplate{Items: []TemplateItem{{Standing: StandingActionReview, Kind: KindTopic, Minutes: 5}, {Title: "  Customer   escalations ", Kind: KindTopic}}}
	tm.Normalize()
	if tm.Items[0].Kind != KindInfo || tm.Items[0].Title != "Action items review" || tm.Items[1].Title != "Customer escalations" {
		t.Errorf("normalized %+v", tm.Items)
	}
}

func TestNewAgendaFromTemplateDoesNotCarryARecurringTopicTwice(t *testing.T) {
	tm := MeetingTemplate{Items: []TemplateItem{
		{Standing: StandingDealDesk, Title: "Deal desk", Kind: KindDealDesk, Minutes: 15},
		{Title: "Customer escalations", Kind: KindTopic, Minutes: 10},
	}}
	carried := []AgendaItem{{Title: "customer  escalations", Kind: KindTopic, PlannedMinutes: 10}, {Title: "SSO pricing", Kind: KindFeatureProposal, PlannedMinutes: 20}}
	got := NewAgendaFrom(tm, carried)
	var titles []string
	for i, it := range got {
		titles = append(titles, it.Title)
		if it.Position != i {
			t.Errorf("%s at position %d, want %d", it.Title, it.Position, i)
		}
	}
	if strings.Join(titles, "|") != "Deal desk|Customer escalations|SSO pricing" {
		t.Errorf("agenda %q", titles)
	}
	if got[0].PlannedMinutes != 15 || got[0].Standing != StandingDealDesk || got[1].Standing != StandingNone {
		t.Errorf("items %+v", got[:2])
	}
}
