package textout

import (
	"strings"
	"testing"
)

func sample() Doc {
	d := Doc{Title: "Pre-read — <Atlas> *Payments*", Lines: []string{"Thu 4 Mar 2027 · 10:00 CET"}}
	d.Add("Agenda",
		Note("3 items."),
		List(Item{Text: "# not a heading [link](http://x) _under_ `code`", Under: []string{"Zoë Ørsted · 10 min", "1. not a list"}},
			Item{Text: "Overdue & late", Strong: true}),
	)
	d.Add("Deal desk", Sub("Awaiting sign-off"), Fields(Field{Label: "Due", Value: "Fri 5 Mar 10:00 CET\nin 5 h"}),
		Para("王芳 <wang@example.com>\n\n\n\nsecond paragraph"))
	return d
}

func TestPlainKeepsStructureWithoutMarkup(t *testing.T) {
	got := sample().Plain()
	for _, want := range []string{
		"Pre-read — <Atlas> *Payments*\n=============================\n",
		"\nAgenda\n------\n3 items.\n- # not a heading [link](http://x) _under_ `code`\n  Zoë Ørsted · 10 min\n  1. not a list\n- Overdue & late\n",
		"\nAwaiting sign-off\nDue: Fri 5 Mar 10:00 CET\n  in 5 h\n",
		"王芳 <wang@example.com>\n\nsecond paragraph\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("plain text lacks %q:\n%s", want, got)
		}
	}
}

func TestMarkdownEscapesUserText(t *testing.T) {
	got := sample().Markdown()
	for _, want := range []string{
		"# Pre-read — \\<Atlas\\> \\*Payments\\*\n",
		"## Agenda\n",
		"_3 items._",
		"- \\# not a heading \\[link\\](http://x) \\_under\\_ \\`code\\`  \n  Zoë Ørsted · 10 min  \n  1\\. not a list  \n",
		"- **Overdue & late**\n",
		"### Awaiting sign-off\n",
		"**Due:** Fri 5 Mar 10:00 CET  \nin 5 h  \n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, got)
		}
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	got := sample().HTML()
	for _, want := range []string{
		"<h1 ", ">Pre-read — &lt;Atlas&gt; *Payments*</h1>",
		"<li># not a heading [link](http://x) _under_ `code`<br>",
		"王芳 &lt;wang@example.com&gt;<br><br>second paragraph",
		"Fri 5 Mar 10:00 CET<br>in 5 h",
		"Overdue &amp; late</strong>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<Atlas>") || strings.Contains(got, "<script") {
		t.Error("user text reached the HTML unescaped")
	}
}
