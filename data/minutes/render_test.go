package minutes

import (
	"flag"
	"os"
	"testing"
)

var sampleOut = flag.String("sample", "", "write the sample meeting's PDF to this file")

func TestRenderSample(t *testing.T) {
	pdf, err := Render(sampleMinutes())
	if err != nil {
		t.Fatal(err)
	}
	if *sampleOut != "" {
		if err := os.WriteFile(*sampleOut, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
