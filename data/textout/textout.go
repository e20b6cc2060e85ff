// Package textout is a small document model for what Triad hands over as
// text: the minutes and the pre-read copied to the clipboard, and the
// bodies of the mail drafts. A Doc is built once and rendered three ways:
// plain text (a mail's text part, a chat without formatting), Markdown
// (chat tools that format it) and HTML (a mail's HTML part). Builders put
// user text in as it was typed; the renderers escape it for each format,
// so a name like "<b>Acme</b> *Corp*" reads as typed everywhere.
package textout

import (
	"html"
	"strings"
)

// Doc is one document: a title, a few lines under it, then sections.
type Doc struct {
	Title    string
	Lines    []string // under the title: when, who
	Sections []Section
}

// Section is one headed part of a document.
type Section struct {
	Heading string
	Blocks  []Block
}

// Block is one of: a subheading (Sub), a paragraph (Text, which may hold
// line breaks), a list (Items) or labelled values (Fields). A block with
// several set renders them in that order.
type Block struct {
	Sub    string
	Text   string
	Note   bool // Text is a remark ("None.", "No decisions were taken."), shown muted
	Items  []Item
	Fields []Field
}

// Item is one list entry: its first line, and lines that belong under it.
type Item struct {
	Text   string
	Strong bool // the entry is a warning (overdue, dissent): bold in Markdown and HTML
	Under  []string
}

// Field is a labelled value: "Facilitator: Zoë Ørsted".
type Field struct {
	Label, Value string
}

// Para is a paragraph block.
func Para(text string) Block { return Block{Text: text} }

// Note is a muted remark block.
func Note(text string) Block { return Block{Text: text, Note: true} }

// Sub is a subheading block.
func Sub(text string) Block { return Block{Sub: text} }

// List is a list block.
func List(items ...Item) Block { return Block{Items: items} }

// Fields is a block of labelled values.
func Fields(fs ...Field) Block { return Block{Fields: fs} }

// Add appends a section and returns it for blocks to be added.
func (d *Doc) Add(heading string, blocks ...Block) *Section {
	d.Sections = append(d.Sections, Section{Heading: heading, Blocks: blocks})
	return &d.Sections[len(d.Sections)-1]
}

// Add appends blocks to the section.
func (s *Section) Add(blocks ...Block) { s.Blocks = append(s.Blocks, blocks...) }

// Plain renders the document as plain text: the title underlined with =,
// headings with -, lists with "- " and their lines indented under them.
func (d Doc) Plain() string {
	var b strings.Builder
	if t := line(d.Title); t != "" {
		b.WriteString(t + "\n" + strings.Repeat("=", width(t)) + "\n")
	}
	for _, l := range d.Lines {
		b.WriteString(line(l) + "\n")
	}
	for _, s := range d.Sections {
		b.WriteString("\n")
		if h := line(s.Heading); h != "" {
			b.WriteString(h + "\n" + strings.Repeat("-", width(h)) + "\n")
		}
		afterPara := false // paragraphs in a row get a blank line between them
		for _, bl := range s.Blocks {
			if sub := line(bl.Sub); sub != "" {
				b.WriteString("\n" + sub + "\n")
				afterPara = false
			}
			if t := text(bl.Text); t != "" {
				if afterPara {
					b.WriteString("\n")
				}
				b.WriteString(t + "\n")
			}
			afterPara = text(bl.Text) != "" && len(bl.Fields) == 0 && len(bl.Items) == 0
			for _, f := range bl.Fields {
				b.WriteString(line(f.Label) + ": " + indentRest(text(f.Value), "  ") + "\n")
			}
			for _, it := range bl.Items {
				b.WriteString("- " + indentRest(text(it.Text), "  ") + "\n")
				for _, u := range it.Under {
					if u = text(u); u != "" {
						b.WriteString("  " + indentRest(u, "  ") + "\n")
					}
				}
			}
		}
	}
	return b.String()
}

// Markdown renders the document as CommonMark: # title, ## headings,
// ### subheadings, "- " lists, **labels**; user text is escaped so that it
// never turns into formatting or a link.
func (d Doc) Markdown() string {
	var b strings.Builder
	if t := line(d.Title); t != "" {
		b.WriteString("# " + md(t) + "\n\n")
	}
	for _, l := range d.Lines {
		b.WriteString(md(line(l)) + "  \n")
	}
	for _, s := range d.Sections {
		b.WriteString("\n")
		if h := line(s.Heading); h != "" {
			b.WriteString("## " + md(h) + "\n\n")
		}
		for _, bl := range s.Blocks {
			if sub := line(bl.Sub); sub != "" {
				b.WriteString("### " + md(sub) + "\n\n")
			}
			if t := text(bl.Text); t != "" {
				p := mdLines(t, "")
				if bl.Note {
					p = "_" + p + "_"
				}
				b.WriteString(p + "\n\n")
			}
			for _, f := range bl.Fields {
				b.WriteString("**" + md(line(f.Label)) + ":** " + mdLines(text(f.Value), "") + "  \n")
			}
			if len(bl.Fields) > 0 {
				b.WriteString("\n")
			}
			for _, it := range bl.Items {
				first := mdLines(text(it.Text), "  ")
				if it.Strong && first != "" {
					first = "**" + first + "**"
				}
				if len(it.Under) > 0 {
					first += "  " // a hard break: the lines under it stay lines
				}
				b.WriteString("- " + first + "\n")
				for _, u := range it.Under {
					if u = text(u); u != "" {
						b.WriteString("  " + mdLines(u, "  ") + "  \n")
					}
				}
			}
			if len(bl.Items) > 0 {
				b.WriteString("\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// HTML renders the document as a small self-contained HTML page for a
// mail's HTML part: no scripts, no external resources, styles inline.
func (d Doc) HTML() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>` + "\n" + `<html><head><meta charset="utf-8"><title>` + esc(line(d.Title)) + "</title></head>\n")
	b.WriteString(`<body style="font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.45; color: #1f2328;">` + "\n")
	if t := line(d.Title); t != "" {
		b.WriteString(`<h1 style="font-size: 20px; margin: 0 0 6px;">` + esc(t) + "</h1>\n")
	}
	for _, l := range d.Lines {
		b.WriteString(`<p style="margin: 0; color: #57606a;">` + esc(line(l)) + "</p>\n")
	}
	for _, s := range d.Sections {
		if h := line(s.Heading); h != "" {
			b.WriteString(`<h2 style="font-size: 16px; margin: 18px 0 6px; border-bottom: 1px solid #d0d7de;">` + esc(h) + "</h2>\n")
		}
		for _, bl := range s.Blocks {
			if sub := line(bl.Sub); sub != "" {
				b.WriteString(`<h3 style="font-size: 14px; margin: 12px 0 4px;">` + esc(sub) + "</h3>\n")
			}
			if t := text(bl.Text); t != "" {
				style := "margin: 4px 0;"
				if bl.Note {
					style += " color: #57606a;"
				}
				b.WriteString(`<p style="` + style + `">` + escLines(t) + "</p>\n")
			}
			if len(bl.Fields) > 0 {
				b.WriteString(`<table style="border-collapse: collapse; margin: 4px 0;">` + "\n")
				for _, f := range bl.Fields {
					b.WriteString(`<tr><th style="text-align: left; vertical-align: top; padding: 1px 12px 1px 0; white-space: nowrap;">` +
						esc(line(f.Label)) + `</th><td style="padding: 1px 0;">` + escLines(text(f.Value)) + "</td></tr>\n")
				}
				b.WriteString("</table>\n")
			}
			if len(bl.Items) > 0 {
				b.WriteString(`<ul style="margin: 4px 0; padding-left: 20px;">` + "\n")
				for _, it := range bl.Items {
					first := escLines(text(it.Text))
					if it.Strong {
						first = `<strong style="color: #b42318;">` + first + "</strong>"
					}
					b.WriteString("<li>" + first)
					for _, u := range it.Under {
						if u = text(u); u != "" {
							b.WriteString(`<br><span style="color: #57606a;">` + escLines(u) + "</span>")
						}
					}
					b.WriteString("</li>\n")
				}
				b.WriteString("</ul>\n")
			}
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// line is s on one line, spaces folded.
func line(s string) string { return strings.Join(strings.Fields(s), " ") }

// text is s with its line breaks kept, each line trimmed and runs of
// blank lines made one.
func text(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []string
	blank := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(strings.ReplaceAll(l, "\t", " "), " ")
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// indentRest indents every line after the first, so a multi-line value
// stays under its list marker or label.
func indentRest(s, indent string) string { return strings.ReplaceAll(s, "\n", "\n"+indent) }

func width(s string) int { return min(len([]rune(s)), 72) }

// mdSpecial are the characters that would start formatting, a link or
// HTML in CommonMark; a backslash before each makes it literal.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `~`, `\~`,
)

// md escapes one line of user text for Markdown, including what would
// make the start of a line a heading, a list or a quote.
func md(s string) string {
	s = mdEscaper.Replace(s)
	trimmed := strings.TrimLeft(s, " ")
	switch {
	case strings.HasPrefix(trimmed, "#"), strings.HasPrefix(trimmed, "-"), strings.HasPrefix(trimmed, "+"),
		strings.HasPrefix(trimmed, "="):
		return `\` + trimmed
	}
	if i := strings.IndexFunc(trimmed, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (trimmed[i] == '.' || trimmed[i] == ')') {
		return trimmed[:i] + `\` + trimmed[i:]
	}
	return s
}

// mdLines escapes each line and joins them with hard breaks, indenting the
// following lines (to stay inside a list item).
func mdLines(s, indent string) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = md(l)
	}
	return strings.Join(ls, "  \n"+indent)
}

func esc(s string) string { return html.EscapeString(s) }

func escLines(s string) string { return strings.ReplaceAll(esc(s), "\n", "<br>") }
