package sync

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestATeamNameIsOneSubjectToken(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"acme", true},
		{"Team_2-b", true},
		{strings.Repeat("a", 64), true},
		{"", false},
		{strings.Repeat("a", 65), false},
		{"acme.eu", false}, // a dot would split the subject
		{"acme*", false},
		{"ac me", false},
		{"équipe", false},
		{"チーム", false},
		{"acme\n", false},
	} {
		if err := ValidTeam(c.name); (err == nil) != c.ok {
			t.Errorf("ValidTeam(%q) = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

// The outbox keeps MarshalJSON's bytes as they are; they must be what
// json.Marshal of the event gives (which escapes <, >, & and U+2028/9 and
// compacts), whatever the payload holds.
func TestAnEventsOwnJSONIsWhatJSONMarshalGives(t *testing.T) {
	k := mustKey(t)
	for _, notes := range []string{"plain", `<b>"quoted"</b> & more`, "line\u2028sep\u2029para", "emoji 🚀 CJK 支払い RTL שלום", "tab\tnl\n\x01"} {
		payload, err := json.Marshal(map[string]any{"notes": notes, "n": 3})
		if err != nil {
			t.Fatal(err)
		}
		ev := Event{ID: NewID(), Team: "acme", Pod: "p1", Kind: KindMeetingEdited, Payload: payload}
		if err := ev.Sign(k); err != nil {
			t.Fatal(err)
		}
		own, err := ev.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		std, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if string(own) != string(std) {
			t.Fatalf("payload %q:\nMarshalJSON %s\njson.Marshal %s", notes, own, std)
		}
	}
}
