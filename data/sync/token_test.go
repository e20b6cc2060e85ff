package sync

import (
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
