package minutes

import (
	"strings"
	"testing"
)

// A section's heading, or a table's header row, never ends a page: as the notes above it grow line
// by line, every heading moves to the next page together with what it
// heads, rather than sitting alone at the bottom.
func TestHeadingsStayWithWhatTheyHead(t *testing.T) {
	headings := map[string]bool{"Agenda": true, "Decisions": true, "Deal desk": true, "Requests received": true,
		"Sign-offs given": true, "Roadmap debt check": true, "Trends": true, "Revenue goals": true, "Action items": true,
		// and a table's header row, which stays with its first row
		"Engineering: can we build it? Product: should we build it? Sales / GTM: can we sell it?": true,
		"# Item Presenter Planned Actual Outcome":                                                 true}
	for extra := 0; extra < 60; extra += 3 {
		m := sampleMinutes()
		m.Agenda[0].Notes += strings.Repeat("\nOne more line of notes.", extra)
		pdf := render(t, m)
		for p, page := range strings.Split(strings.TrimSuffix(poppler(t, pdf, "pdftotext", "-layout", "-enc", "UTF-8"), "\f"), "\f") {
			var body []string
			for _, line := range strings.Split(page, "\n") {
				line = strings.Join(strings.Fields(line), " ")
				if line == "" || strings.HasPrefix(line, "Generated ") {
					continue
				}
				body = append(body, line)
			}
			if n := len(body); n > 0 && headings[body[n-1]] {
				t.Errorf("with %d more lines of notes, page %d ends with %q", extra, p+1, body[n-1])
			}
		}
	}
}
