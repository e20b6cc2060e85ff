package apptest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"os"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
)

// Outbox points the hand-offs at dir (as if the user had chosen it) and
// records every file handed to the system instead of opening it.
func (e *Env) Outbox(dir string) *[]*url.URL {
	e.App.Preferences().SetString(kit.FolderPref, dir)
	var opened []*url.URL
	e.Sh.OpenURL = func(u *url.URL) error { opened = append(opened, u); return nil }
	return &opened
}

// TapMenuItem picks an item of the pop-up menu on top of the window as the
// mouse does: the mouse rests on each item of path but the last, which
// opens its submenu, then the last is tapped. It fails the test when an
// item is not shown.
func (e *Env) TapMenuItem(path ...string) {
	e.T.Helper()
	for i, label := range path {
		item := e.menuItem(label)
		if item == nil {
			e.T.Fatalf("the menu shows no %q", label)
		}
		if i < len(path)-1 {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(item).AddXY(2, 2)
			test.MoveMouse(e.Win().Canvas(), pos)
			continue
		}
		test.Tap(item.(fyne.Tappable))
	}
}

// menuItem is the tappable item of the top pop-up menu that reads label.
func (e *Env) menuItem(label string) fyne.CanvasObject {
	top := e.Win().Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	// The menu holds its items and is tappable too: the innermost
	// tappable that draws label is the item, and comes last.
	var item fyne.CanvasObject
	for _, o := range test.LaidOutObjects(top) {
		if _, ok := o.(fyne.Tappable); !ok || !o.Visible() {
			continue
		}
		for _, c := range test.LaidOutObjects(o) {
			if t, ok := c.(*canvas.Text); ok && t.Text == label {
				item = o
			}
		}
	}
	return item
}

// DialogText is every label of the dialog on top of the window, its title
// among them, joined by " | ".
func (e *Env) DialogText() string {
	top := e.Win().Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var shown []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			shown = append(shown, l.Text)
		}
	}
	return strings.Join(shown, " | ")
}

// Draft is a mail draft as a mail client reads it.
type Draft struct {
	Header  mail.Header
	To, Cc  []*mail.Address
	Subject string
	Plain   string            // the text/plain part, its lines ending in LF
	HTML    string            // the text/html part, likewise
	Parts   map[string][]byte // every part's content by its type ("text/calendar"), decoded
	Files   map[string][]byte // the attachments by file name, decoded
}

// ReadDraft parses the .eml at path as a mail client does, failing the
// test when it is not a well-formed draft: headers, the subject decoded,
// every MIME part decoded.
func ReadDraft(t testing.TB, path string) Draft {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s is not a mail: %v", path, err)
	}
	d := Draft{Header: msg.Header, Parts: map[string][]byte{}, Files: map[string][]byte{}}
	if d.To, err = msg.Header.AddressList("To"); err != nil {
		t.Fatalf("To: %v", err)
	}
	if msg.Header.Get("Cc") != "" {
		if d.Cc, err = msg.Header.AddressList("Cc"); err != nil {
			t.Fatalf("Cc: %v", err)
		}
	}
	if d.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("Subject: %v", err)
	}
	var walk func(h map[string][]string, body io.Reader)
	walk = func(h map[string][]string, body io.Reader) {
		header := mail.Header(h)
		typ, params, err := mime.ParseMediaType(header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("Content-Type %q: %v", header.Get("Content-Type"), err)
		}
		if strings.HasPrefix(typ, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(p.Header, p)
			}
		}
		var r io.Reader = body
		switch strings.ToLower(header.Get("Content-Transfer-Encoding")) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, body)
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("the %s part: %v", typ, err)
		}
		if disp, dp, _ := mime.ParseMediaType(header.Get("Content-Disposition")); disp == "attachment" {
			d.Files[dp["filename"]] = b
			return
		}
		d.Parts[typ] = b
		switch typ { // a mail's lines end in CRLF; the text as written ends them in LF
		case "text/plain":
			d.Plain = strings.ReplaceAll(string(b), "\r\n", "\n")
		case "text/html":
			d.HTML = strings.ReplaceAll(string(b), "\r\n", "\n")
		}
	}
	walk(msg.Header, msg.Body)
	return d
}

// Addresses are the addresses of as, lower-cased, in order.
func Addresses(as []*mail.Address) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = strings.ToLower(a.Address)
	}
	return out
}

// ReadCalendar parses an iCalendar file, failing the test when it is not one.
func ReadCalendar(t testing.TB, b []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not an iCalendar file: %v\n%s", err, b)
	}
	if len(cal.Events()) != 1 {
		t.Fatalf("%d events, want one", len(cal.Events()))
	}
	return cal
}
