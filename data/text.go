package data

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a facilitator types. They keep a pasted megabyte out of a
// name field while leaving room for any real name in any script.
const (
	MaxNameLen  = 200    // characters in a name or title
	MaxEmailLen = 254    // RFC 5321
	MaxNoteLen  = 100000 // characters in free text such as notes
)

// CleanLine trims a single-line value and folds inner runs of white space.
func CleanLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// hiddenControl reports characters that are invisible or reorder text: C0/C1
// controls, bidi embeddings, overrides and isolates, and zero-width marks.
// In a name they can make two different strings look identical.
func hiddenControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case unicode.IsControl(r):
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
		r == '\u200b', r == '\u2060', r == '\ufeff', r == '\u061c':
		return true
	}
	return false
}

// checkName validates a required single-line name of a thing (label is
// used in the message, e.g. "Tech Lead").
func checkName(ps *problems, field, label, value string, required bool) {
	switch {
	case value == "" && required:
		ps.add(field, "%s needs a name", label)
	case !utf8.ValidString(value):
		ps.add(field, "%s's name has characters that are not valid text", label)
	case utf8.RuneCountInString(value) > MaxNameLen:
		ps.add(field, "%s's name is too long (%d characters; at most %d)", label, utf8.RuneCountInString(value), MaxNameLen)
	case strings.IndexFunc(value, hiddenControl) >= 0 || strings.ContainsAny(value, "\t\n\r"):
		ps.add(field, "%s's name has invisible control characters; retype it", label)
	}
}

// checkText validates free text such as notes.
func checkText(ps *problems, field, label, value string, max int) {
	switch {
	case !utf8.ValidString(value):
		ps.add(field, "%s has characters that are not valid text", label)
	case utf8.RuneCountInString(value) > max:
		ps.add(field, "%s is too long (%d characters; at most %d)", label, utf8.RuneCountInString(value), max)
	}
}

// CheckEmail returns a readable problem with an email address, or "".
// An empty address is allowed; the caller decides whether it is required.
func CheckEmail(addr string) string {
	switch {
	case addr == "":
		return ""
	case len(addr) > MaxEmailLen:
		return "That email address is too long"
	case strings.ContainsAny(addr, " \t\r\n"):
		return "That email address has a space in it"
	case !strings.Contains(addr, "@"):
		return "That email address is missing an @"
	case strings.Count(addr, "@") > 1:
		return "That email address has more than one @"
	}
	local, domain, _ := strings.Cut(addr, "@")
	switch {
	case local == "":
		return "That email address is missing the name before the @"
	case domain == "":
		return "That email address is missing the domain after the @"
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		return fmt.Sprintf("That email address needs a full domain after the @ (e.g. %s@example.com)", local)
	}
	if a, err := mail.ParseAddress(addr); err != nil || a.Address != addr {
		return "That email address is not valid"
	}
	return ""
}
