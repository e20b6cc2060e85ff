package data

import "testing"

// A pod the team does not share is this laptop's alone: its member edits
// the record and decides deals there. In a shared pod the overview says
// what the store found by the team's authority rule.
func TestTheOverviewSaysWhoEditsTheRecordAndWhoDecidesDeals(t *testing.T) {
	o := TeamOverview{Pods: []TeamPod{
		{UID: "facilitated", EditsMeetingRecord: true},
		{UID: "led", DecidesDeals: true},
		{UID: "sold"},
	}}
	for _, c := range []struct {
		uid           string
		edits, decide bool
	}{
		{"not-shared", true, true},
		{"", true, true},
		{"facilitated", true, false},
		{"led", false, true},
		{"sold", false, false},
	} {
		if got := o.EditsMeetingRecord(c.uid); got != c.edits {
			t.Errorf("pod %q: edits the meeting record %v, want %v", c.uid, got, c.edits)
		}
		if got := o.DecidesDeals(c.uid); got != c.decide {
			t.Errorf("pod %q: decides deals %v, want %v", c.uid, got, c.decide)
		}
	}
}
