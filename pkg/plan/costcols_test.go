package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// plan.CostsFromColumns: one column is every step's cost; four columns (a scale
// from 1 to 5) are each step's; empty rows cost 1; a half-filled row and a
// bad cell are named by their cells, all of them; a number of columns that
// fits no scale is the command line's mistake.
func TestCostsFromColumns(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	cells := func(rows map[string][]string) ([]string, map[string][]plan.CostCell) {
		var ids []string
		m := map[string][]plan.CostCell{}
		for _, id := range []string{"1", "2", "3", "99"} {
			for i, text := range rows[id] {
				if i == 0 {
					ids = append(ids, id)
				}
				m[id] = append(m[id], plan.CostCell{Text: text, Where: string(rune('E'+i)) + id})
			}
		}
		return ids, m
	}

	ids, m := cells(map[string][]string{"1": {" 2,5 "}, "2": {""}, "99": {"7"}})
	c, bad, err := plan.CostsFromColumns(r, 1, ids, m)
	if err != nil || len(bad) != 0 || len(c.Each) != 1 || c.Each["1"] != dec(t, "2.5") || c.Steps != nil {
		t.Errorf("one column: %+v %v %v", c, bad, err)
	}

	ids, m = cells(map[string][]string{"1": {"1", "2", "3", "4"}, "2": {"", "", "", ""}, "3": {"1", "", "x", "4"}})
	c, bad, err = plan.CostsFromColumns(r, 4, ids, m)
	if err != nil || len(c.Steps) != 1 || len(c.Steps["1"]) != 4 || c.Steps["1"][3] != rubric.NewDecimal(4) {
		t.Errorf("four columns: %+v %v", c, err)
	}
	if len(bad) != 1 || bad[0].Where != "E3" || !strings.Contains(bad[0].Error(), "1 of its 4 step costs are empty") {
		t.Errorf("four columns, a half-filled row: %v", bad)
	}

	ids, m = cells(map[string][]string{"1": {"1", "x", "3", "-4"}})
	_, bad, _ = plan.CostsFromColumns(r, 4, ids, m)
	if len(bad) != 2 || bad[0].Where != "F1" || bad[1].Where != "H1" {
		t.Errorf("two bad cells: %v", bad)
	}

	ids, m = cells(map[string][]string{"1": {"1", "2"}})
	if _, _, err := plan.CostsFromColumns(r, 2, ids, m); err == nil || !strings.Contains(err.Error(), "2 columns for indicator 1, whose scale has 4 steps") {
		t.Errorf("two columns: %v", err)
	}
	var ce *plan.CellError
	if _, bad, _ := plan.CostsFromColumns(r, 1, []string{"1"}, map[string][]plan.CostCell{"1": {{"x", "E1"}}}); len(bad) != 1 || !errors.As(error(bad[0]), &ce) || ce.Where != "E1" {
		t.Errorf("a bad cell: %v", bad)
	}
}
