package data

import "strings"

// Recipient is one person a hand-off (a mail draft or a calendar
// invitation) is addressed to: the name as the pod knows it, what they are
// to the meeting ("Tech Lead", "rep of Acme Corp") and their address.
type Recipient struct {
	Name  string
	Role  string
	Email string
}

// Who is "Priya Raman (Tech Lead)", or the name alone.
func (r Recipient) Who() string {
	name := CleanLine(r.Name)
	if name == "" {
		name = "Someone without a name"
	}
	if role := CleanLine(r.Role); role != "" {
		return name + " (" + role + ")"
	}
	return name
}

// CheckRecipients names every recipient a draft cannot be addressed to:
// one with no address, or with an address that is not one. It returns nil
// when all of them can be reached. The message says where to fix it, so a
// draft is never written with someone silently left out.
func CheckRecipients(rs []Recipient) error {
	var ps problems
	for _, r := range rs {
		addr := strings.TrimSpace(r.Email)
		switch msg := CheckEmail(addr); {
		case addr == "":
			ps.add("email", "%s has no e-mail address", r.Who())
		case msg != "":
			ps.add("email", "%s: %s (%q)", r.Who(), msg, addr)
		}
	}
	return ps.err()
}
