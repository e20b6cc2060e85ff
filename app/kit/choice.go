package kit

import (
	"strconv"

	"fyne.io/fyne/v2/widget"
)

// Choice is a select whose options stand for values. What is picked is
// read back as the value at its place in the list, never looked up by its
// label, so two options that read the same (two guests both named Lee
// Chen) stay two: the second is shown with " (2)" after it. Lay out
// Select, the widget itself.
type Choice[T comparable] struct {
	Select *widget.Select
	values []T
}

// NewChoice is an empty choice; onChanged, when set, is told each value
// picked (ok false when the choice is cleared).
func NewChoice[T comparable](placeholder string, onChanged func(v T, ok bool)) *Choice[T] {
	c := &Choice[T]{Select: widget.NewSelect(nil, nil)}
	if placeholder != "" {
		c.Select.PlaceHolder = placeholder
	}
	if onChanged != nil {
		c.Select.OnChanged = func(string) { onChanged(c.Value()) }
	}
	return c
}

// SetOptions offers values under labels (the same length), each label
// made unique. What was picked stays picked while its value is offered,
// without telling onChanged.
func (c *Choice[T]) SetOptions(labels []string, values []T) {
	was, picked := c.Value()
	c.values = append([]T(nil), values...)
	c.Select.Options = UniqueLabels(labels)
	c.Select.Selected = ""
	for i, v := range c.values {
		if picked && v == was {
			c.Select.Selected = c.Select.Options[i]
			break
		}
	}
	c.Select.Refresh()
}

// Value is the value picked, ok false when there is none.
func (c *Choice[T]) Value() (v T, ok bool) {
	i := c.Select.SelectedIndex() // the labels are unique, so this is the place picked
	if i < 0 || i >= len(c.values) {
		return v, false
	}
	return c.values[i], true
}

// Set picks v's option; the zero value, or a value not offered, clears
// the choice.
func (c *Choice[T]) Set(v T) {
	var zero T
	for i, x := range c.values {
		if x == v && v != zero {
			c.Select.SetSelectedIndex(i)
			return
		}
	}
	c.Select.ClearSelected()
}

// UniqueLabels returns labels with a repeated one numbered from its
// second showing on: "Lee Chen", "Lee Chen (2)".
func UniqueLabels(labels []string) []string {
	out := make([]string, len(labels))
	seen := map[string]int{}
	taken := map[string]bool{}
	for _, l := range labels {
		taken[l] = true
	}
	for i, l := range labels {
		seen[l]++
		out[i] = l
		for n := seen[l]; n > 1; n++ {
			if cand := l + " (" + strconv.Itoa(n) + ")"; !taken[cand] {
				out[i], taken[cand] = cand, true
				seen[l] = n
				break
			}
		}
	}
	return out
}

// NewFilter is a list filter: anyLabel ("All states") first and chosen,
// then labels; changed runs on every choice.
func NewFilter(anyLabel string, labels []string, changed func()) *widget.Select {
	s := widget.NewSelect(append([]string{anyLabel}, labels...), func(string) { changed() })
	s.SetSelected(anyLabel)
	return s
}

// NewFilterChoice is a list filter over values: anyLabel first and
// chosen, standing for the zero value; SetOptions adds the others.
func NewFilterChoice[T comparable](anyLabel string, changed func()) *Choice[T] {
	var zero T
	c := NewChoice("", func(T, bool) { changed() })
	c.SetOptions([]string{anyLabel}, []T{zero})
	c.Select.SetSelectedIndex(0)
	return c
}
