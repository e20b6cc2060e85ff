package data

import (
	"errors"
	"testing"
)

func TestDraftKeysNameTheirRecord(t *testing.T) {
	for _, c := range []struct {
		k      DraftKey
		link   DraftLink
		linked bool
	}{
		{DecisionDraftKey(7, 12, 3, 1), DraftLink{"decisions", 7}, true},
		{DecisionDraftKey(0, 12, 3, 1), DraftLink{"agenda_items", 12}, true},
		{DecisionDraftKey(0, 0, 3, 1), DraftLink{"decisions", 3}, true},
		{DecisionDraftKey(0, 0, 0, 1), DraftLink{"pods", 1}, true},
		{DealDraftKey(0), DraftLink{}, false},
		{DealDraftKey(42), DraftLink{"deal_requests", 42}, true},
		{PodDraftKey(0), DraftLink{}, false},
		{PodDraftKey(2), DraftLink{"pods", 2}, true},
		{DebtAnswerDraftKey(5), DraftLink{"meetings", 5}, true},
	} {
		link, linked, err := c.k.Link()
		if err != nil || link != c.link || linked != c.linked {
			t.Errorf("%+v: %+v %v %v", c.k, link, linked, err)
		}
	}
	for _, k := range []DraftKey{
		{Form: "minutes", Subject: "new"},
		{Form: DraftDecision, Subject: "new"},
		{Form: DraftDecision, Subject: "decision 07"},
		{Form: DraftDecision, Subject: "decision -1"},
		{Form: DraftPod, Subject: "pod"},
		{Form: DraftDealRequest, Subject: "request 1 2"},
	} {
		if _, _, err := k.Link(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v accepted", k)
		}
	}
}

func TestSameFieldsTakesAMissingFieldAsEmpty(t *testing.T) {
	if !SameFields(map[string]string{"a": "", "b": "x"}, map[string]string{"b": "x"}) {
		t.Error("a field the other lacks, empty, differs")
	}
	if SameFields(map[string]string{"b": "x"}, map[string]string{"b": "y"}) || SameFields(map[string]string{"a": "x"}, nil) {
		t.Error("different fields read the same")
	}
}
