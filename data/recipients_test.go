package data

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckRecipientsNamesEveryoneWhoCannotBeReached(t *testing.T) {
	err := CheckRecipients([]Recipient{
		{Name: "王芳", Role: "Tech Lead", Email: "wang.fang@example.com"},
		{Name: "Zoë Ørsted", Role: "Product Manager"},
		{Name: "Lee Chen", Role: "rep of Acme", Email: "lee.chen"},
		{Name: "Sam", Email: "  sam@example.com  "},
	})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want an ErrInvalid", err)
	}
	msg := err.Error()
	for _, want := range []string{"Zoë Ørsted (Product Manager) has no e-mail address", "Lee Chen (rep of Acme): That email address is missing an @"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "王芳") || strings.Contains(msg, "Sam") {
		t.Errorf("message %q names someone whose address is fine", msg)
	}
	if err := CheckRecipients([]Recipient{{Name: "王芳", Email: "wang.fang@example.com"}}); err != nil {
		t.Errorf("a reachable recipient: %v", err)
	}
}
