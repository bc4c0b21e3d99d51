package plan

import (
	"strings"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// CostCell is a cell of a cost column (spbe plan --cost-col): its text and
// where it is (a cell name, "F12").
type CostCell struct{ Text, Where string }

// CellError is a cost cell that cannot be read: where it is, and why.
type CellError struct {
	Where string
	Err   error
}

func (e *CellError) Error() string { return e.Where + ": " + e.Err.Error() }
func (e *CellError) Unwrap() error { return e.Err }

// CostsFromColumns makes the costs of level steps from columns of cost
// cells, read like the level column: cells holds each indicator's cells
// (ids in the order of the table; an id r does not know is passed over), one
// per column. One column is the cost of every step of an indicator; as many
// columns as the steps of its scale (4 on a scale from 1 to 5) are the cost
// of each step, lowest first. Empty cells cost 1, like indicators missing
// from a costs file; with several columns, a row's cells are all empty or
// all filled.
//
// The problems of cells are the *CellErrors, every one; err is a number of
// columns that fits no scale (a mistake of the command line).
func CostsFromColumns(r *rubric.Rubric, columns int, ids []string, cells map[string][]CostCell) (c Costs, bad []*CellError, err error) {
	c = Costs{Each: map[string]rubric.Decimal{}}
	for _, id := range ids {
		row := cells[id]
		ind, _ := Lookup(r, id)
		empty := 0
		for i := range row {
			row[i].Text = strings.TrimSpace(row[i].Text)
			if row[i].Text == "" {
				empty++
			}
		}
		if ind == nil || empty == len(row) {
			continue
		}
		steps := scaleSteps(ind.LevelScale)
		switch {
		case columns == 1:
			d, err := ParseCost(row[0].Text)
			if err != nil {
				bad = append(bad, &CellError{row[0].Where, messagef("indicator %s: %w", id, err)})
				continue
			}
			c.Each[ind.ID] = d
		case len(row) != columns || empty > 0:
			bad = append(bad, &CellError{row[0].Where, messagef("indicator %s: %d of its %d step costs are empty: give all of them, or none", id, empty, columns)})
		case columns != steps:
			return c, nil, messagef("%d columns for indicator %s, whose scale has %d steps (%s): give one column, or one per step", columns, ind.ID, steps, StepNames(ind))
		default:
			var each []rubric.Decimal
			for _, x := range row {
				d, err := ParseCost(x.Text)
				if err != nil {
					bad = append(bad, &CellError{x.Where, messagef("indicator %s: %w", id, err)})
					continue
				}
				each = append(each, d)
			}
			if len(each) == columns {
				if c.Steps == nil {
					c.Steps = map[string][]rubric.Decimal{}
				}
				c.Steps[ind.ID] = each
			}
		}
	}
	return c, bad, nil
}
