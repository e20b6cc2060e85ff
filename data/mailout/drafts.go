package mailout

import (
	"bytes"
	"fmt"
	"io"
	"net/mail"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"triad/data"
	"triad/data/atomicfile"
	"triad/data/handoff"
	"triad/data/minutes"
)

// calendarType is how an invitation travels in a mail (RFC 6047): the
// client shows accept and decline for a text/calendar part with the
// method of the iCalendar object it holds.
const calendarType = gomail.ContentType("text/calendar; method=REQUEST")

// ComposeDraft builds one hand-off as a draft: From, To and Cc with names
// encoded for any script, the subject, a multipart/alternative body of
// plain text and HTML (and the invitation as text/calendar when the mail
// carries one, also attached as an .ics file), marked X-Unsent: 1 so the
// mail client opens it as a draft to review and send. date is its Date.
func ComposeDraft(h handoff.Mail, date time.Time) (*gomail.Msg, error) {
	if err := data.CheckRecipients(h.Recipients()); err != nil {
		return nil, err
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if h.From != nil {
		if err := msg.From(address(*h.From)); err != nil {
			return nil, fmt.Errorf("the sender's address: %w", err)
		}
	}
	if err := msg.To(recipientAddrs(h.To)...); err != nil {
		return nil, fmt.Errorf("the addressees: %w", err)
	}
	if len(h.Cc) > 0 {
		if err := msg.Cc(recipientAddrs(h.Cc)...); err != nil {
			return nil, fmt.Errorf("the copied addresses: %w", err)
		}
	}
	msg.Subject(oneLine(h.Subject))
	msg.SetDateWithValue(date)
	msg.SetUserAgent("Triad")
	msg.SetGenHeader(gomail.Header("X-Unsent"), "1")
	msg.SetBodyString(gomail.TypeTextPlain, h.Doc.Plain())
	msg.AddAlternativeString(gomail.TypeTextHTML, h.Doc.HTML())
	if len(h.Calendar) > 0 {
		// Base64 keeps the file's CRLF line ends exactly as written.
		msg.AddAlternativeString(calendarType, string(h.Calendar), gomail.WithPartEncoding(gomail.EncodingB64))
		name := h.CalendarName
		if name == "" {
			name = "invite.ics"
		}
		if err := msg.AttachReader(name, bytes.NewReader(h.Calendar), gomail.WithFileContentType("application/ics")); err != nil {
			return nil, fmt.Errorf("attaching the invitation: %w", err)
		}
	}
	return msg, nil
}

func address(r data.Recipient) string {
	a := mail.Address{Name: oneLine(r.Name), Address: strings.TrimSpace(r.Email)}
	return a.String() // quotes and encodes the name, whatever script it is in
}

func recipientAddrs(rs []data.Recipient) []string {
	out := make([]string, 0, len(rs))
	seen := map[string]bool{}
	for _, r := range rs {
		key := strings.ToLower(strings.TrimSpace(r.Email))
		if seen[key] {
			continue // one person in two roles gets one copy
		}
		seen[key] = true
		out = append(out, address(r))
	}
	return out
}

// DraftFileName is a hand-off's file name: "Triad - <pod> - <date> -
// <kind> - <for whom>.eml".
func DraftFileName(h handoff.Mail) string {
	parts := []string{"Triad", minutes.SafeFileNamePart(h.Pod, "Pod")}
	if !h.Date.IsZero() {
		parts = append(parts, h.Date.String())
	}
	parts = append(parts, string(h.Kind))
	if g := minutes.SafeFileNamePart(h.Group, ""); g != "" {
		parts = append(parts, g)
	}
	return strings.Join(parts, " - ") + ".eml"
}

// WriteDrafts writes each mail into dir as an .eml draft and returns
// their paths, in order. Every recipient of every mail is checked first:
// when anyone cannot be reached, the error names them all and no draft
// is written. Each file is written atomically (temporary file, sync,
// rename); two drafts that would share a name get " (2)", " (3)", ....
func WriteDrafts(dir string, mails []handoff.Mail, date time.Time) ([]string, error) {
	if err := handoff.CheckAll(mails); err != nil {
		return nil, fmt.Errorf("no draft was written: %w", err)
	}
	msgs := make([]*gomail.Msg, len(mails))
	for i, h := range mails {
		msg, err := ComposeDraft(h, date)
		if err != nil {
			return nil, fmt.Errorf("no draft was written: %s: %w", h.Subject, err)
		}
		msgs[i] = msg
	}
	used := map[string]bool{}
	var paths []string
	for i, msg := range msgs {
		name := DraftFileName(mails[i])
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = strings.TrimSuffix(DraftFileName(mails[i]), ".eml") + fmt.Sprintf(" (%d).eml", n)
		}
		used[strings.ToLower(name)] = true
		path := filepath.Join(dir, name)
		if err := atomicfile.Write(path, func(w io.Writer) error {
			_, err := msg.WriteTo(w)
			return err
		}); err != nil {
			return paths, fmt.Errorf("writing %s: %w", name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
