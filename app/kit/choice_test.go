package kit

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestUniqueLabelsNumberTheRepeats(t *testing.T) {
	got := UniqueLabels([]string{"Lee Chen", "Ana", "Lee Chen", "Lee Chen (2)", "Lee Chen"})
	want := []string{"Lee Chen", "Ana", "Lee Chen (3)", "Lee Chen (2)", "Lee Chen (4)"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("UniqueLabels = %q, want %q", got, want)
		}
	}
}

func TestChoiceReadsThePlacePicked(t *testing.T) {
	test.NewTempApp(t)
	var told []int64
	c := NewChoice("Who", func(v int64, ok bool) { told = append(told, v) })
	c.SetOptions([]string{"—", "Lee Chen", "Lee Chen"}, []int64{0, 7, 9})
	c.Select.SetSelectedIndex(2)
	if v, ok := c.Value(); !ok || v != 9 || told[len(told)-1] != 9 {
		t.Errorf("picked the second Lee Chen, read %d (told %v)", v, told)
	}
	// New options keep what was picked, without telling anyone.
	n := len(told)
	c.SetOptions([]string{"Lee Chen", "Ana", "Lee Chen"}, []int64{7, 8, 9})
	if v, _ := c.Value(); v != 9 || len(told) != n {
		t.Errorf("after new options: %d, told %v", v, told)
	}
	c.Set(7)
	if v, _ := c.Value(); v != 7 || c.Select.Selected != "Lee Chen" {
		t.Errorf("Set(7) picked %d (%q)", v, c.Select.Selected)
	}
	c.Set(0)
	if _, ok := c.Value(); ok || c.Select.Selected != "" {
		t.Errorf("Set(0) left %q picked", c.Select.Selected)
	}
}
