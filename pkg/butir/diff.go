package butir

import (
	"fmt"
)

// Change is a butir whose status differs between two lists of the same
// instansi (self-assessment and assessor, stage 1 and stage 2).
type Change struct {
	// Old and New are the butir on each side; one of them is nil for a
	// butir on one side only.
	Old, New *Item
}

// Item returns the butir of the change: the new side's, else the old.
func (c Change) Item() *Item {
	if c.New != nil {
		return c.New
	}
	return c.Old
}

// Diff returns the butir whose status changed from old to new, and those
// on one side only, in the order of the new list, then the old. Butir are
// matched by code (ignoring case); butir without a code by indicator,
// level and their place among the butir of that level.
func Diff(old, new []*Item) []Change {
	keys := func(items []*Item) ([]string, map[string]*Item) {
		ks := make([]string, len(items))
		m := map[string]*Item{}
		n := map[string]int{}
		for i, it := range items {
			k := CodeKey(it.Code)
			if k == "" {
				p := fmt.Sprintf("%s/%d", it.Indicator, it.Level)
				n[p]++
				k = fmt.Sprintf("#%s/%d", p, n[p])
			}
			ks[i], m[k] = k, it
		}
		return ks, m
	}
	oldKeys, olds := keys(old)
	newKeys, news := keys(new)
	var out []Change
	for i, it := range new {
		if o := olds[newKeys[i]]; o == nil || o.Status != it.Status {
			out = append(out, Change{Old: o, New: it})
		}
	}
	for i, it := range old {
		if news[oldKeys[i]] == nil {
			out = append(out, Change{Old: it})
		}
	}
	return out
}
