package minutes

import "testing"

func benchmarkRender(b *testing.B, m Minutes) {
	pdf, err := Render(m)
	if err != nil {
		b.Fatal(err)
	}
	pages, _, _ := renderPass(&m, 0)
	b.ReportMetric(float64(len(pdf)), "pdf-bytes")
	b.ReportMetric(float64(pages), "pages")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderTypical renders a typical week: 10 agenda items, 5
// decisions, 10 deal requests and 15 action items.
func BenchmarkRenderTypical(b *testing.B) { benchmarkRender(b, typicalMinutes()) }

// BenchmarkRenderFiftyPages renders a meeting that fills about 50 pages.
func BenchmarkRenderFiftyPages(b *testing.B) { benchmarkRender(b, longMinutes()) }
