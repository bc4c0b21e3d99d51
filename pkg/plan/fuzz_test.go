package plan_test

import (
	"testing"

	"github.com/spbe-id/spbe/pkg/plan"
)

// Accepted changes always apply: WhatIf never rejects what ParseChanges
// returns.
func FuzzParseChanges(f *testing.F) {
	for _, s := range []string{"21=3,22=3,29..31=2", "1..47=5", "21=3,5", "31..29=2", "21=6", " ; ,", "9..12=4.0", "1=1;2=2 3=3"} {
		f.Add(s)
	}
	r := mustRubric(f, "permenpanrb-59-2020")
	ls := uniform(r, 3)
	f.Fuzz(func(t *testing.T, s string) {
		ch, err := plan.ParseChanges(r, s)
		if err != nil {
			return
		}
		if len(ch) == 0 {
			t.Fatalf("%q: no changes and no error", s)
		}
		if _, err := plan.WhatIf(r, ls, ch); err != nil {
			t.Fatalf("%q: accepted, but WhatIf: %v", s, err)
		}
	})
}

// An accepted target is always within the rubric's index range, and a
// plan for it never fails.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"4.2", "4,74", "Memuaskan", "sangat baik", "5.01", "", "Very good", "1"} {
		f.Add(s)
	}
	r := mustRubric(f, "permenpanrb-59-2020")
	ls := uniform(r, 2)
	f.Fuzz(func(t *testing.T, s string) {
		target, err := plan.ParseTarget(r, s)
		if err != nil {
			return
		}
		p, err := plan.Make(r, ls, target, plan.Options{})
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if !p.Reachable {
			t.Fatalf("%q: target %s unreachable from 2,00 without constraints", s, target)
		}
	})
}
