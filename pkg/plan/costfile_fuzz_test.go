package plan_test

import (
	"testing"

	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// FuzzParseCosts: a costs file never panics the parser, and what it
// accepts is what Make accepts: indicators of the rubric, costs not
// negative, one cost per step of the scale in every list.
func FuzzParseCosts(f *testing.F) {
	for _, s := range []string{
		"\"21\": 5\n", "3.1: [1, 1, 2, 5]\n\"20\": [\"0,5\", 1, 1, 2.5]\n", "\"1\": [1, 2]\n", "- 1\n",
		"\"1\": -1\n", "\"1\": {a: 1}\n", "\"1\": 1\n1.1: 2\n", "{}", "", "\"1\": [1, [2], 3, 4]\n",
	} {
		f.Add(s)
	}
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := plan.ParseCosts(r, "c.yaml", []byte(src))
		if err != nil {
			return
		}
		for id, d := range c.Each {
			if r.Indicator(id) == nil || d < 0 {
				t.Fatalf("accepted cost %s for %q", d, id)
			}
		}
		for id, steps := range c.Steps {
			ind := r.Indicator(id)
			if ind == nil || len(steps) != 4 {
				t.Fatalf("accepted %d step costs for %q", len(steps), id)
			}
			for _, d := range steps {
				if d < 0 {
					t.Fatalf("accepted step cost %s for %q", d, id)
				}
			}
		}
		var o plan.Options
		c.Apply(&o)
		levels := map[string]rubric.Level{}
		for _, ind := range r.Indicators() {
			levels[ind.ID] = rubric.NewLevel(1)
		}
		if _, err := plan.Budget(r, levels, rubric.NewDecimal(3), o); err != nil {
			t.Fatalf("ParseCosts accepted %q, Budget refused it: %v", src, err)
		}
	})
}
