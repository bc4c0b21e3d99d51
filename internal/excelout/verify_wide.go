package excelout

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// wideKey is the file and sheet of a wide table.
type wideKey struct{ path, sheet string }

// wideOf reports whether a recorded input is an instansi row of a wide
// table, and which table.
// A report written before the row was recorded (Row 0) is taken as a
// wide row when its recorded cells are on one row in more than one
// column: a long table's are in one column.
func wideOf(in *result.ProvenanceInput) (wideKey, bool) {
	if in.Butir != nil && in.Butir.Simulated {
		return wideKey{}, false
	}
	if in.Row <= 0 {
		in.Row = recordedRow(in.Levels)
	}
	if in.Row <= 0 {
		return wideKey{}, false
	}
	return wideKey{in.Path, in.Sheet}, true
}

// recordedRow is the one row of cells in more than one column, else 0.
func recordedRow(levels []result.CellLevel) int {
	row, col := 0, 0
	cols := false
	for _, l := range levels {
		if l.Cell == "" {
			continue
		}
		c, r, err := excelize.CellNameToCoordinates(l.Cell)
		if err != nil || row != 0 && r != row {
			return 0
		}
		if col != 0 && c != col {
			cols = true
		}
		row, col = r, c
	}
	if !cols {
		return 0
	}
	return row
}

// oneFile reports whether every recorded input is the same file (a
// workbook of one instansi, or the rows of one wide table), which an
// input given to verify stands for.
func oneFile(ins []result.ProvenanceInput) bool {
	for _, in := range ins {
		if in.Path != ins[0].Path {
			return false
		}
	}
	return len(ins) > 0
}

// errStop stops reading a wide table once every recorded row is read.
var errStop = errors.New("every recorded row read")

// checkWideInput re-reads the wide table of a file that ins, rows of
// one sheet, were read from, as spbe score read it (workbook.Read in the
// wide layout), and compares its hash once and each recorded row's
// instansi, levels and cells.
func checkWideInput(path string, ins []result.ProvenanceInput, r *rubric.Rubric) ([]Diff, error) {
	var diffs []Diff
	if err := checkRegular(path, maxInputSize); err != nil {
		return nil, err
	}
	sum, err := hashFile(path, maxInputSize)
	if err != nil {
		return nil, err
	}
	if sum != ins[0].SHA256 {
		diffs = append(diffs, Diff{Where: "input " + path + " sha256", Report: ins[0].SHA256, Recomputed: sum})
	}
	byRow := make(map[int]result.ProvenanceInput, len(ins))
	for _, in := range ins {
		byRow[in.Row] = in
	}
	seen := map[int]bool{}
	base := filepath.Base(path)
	var letters []string
	inds := r.Indicators()
	var dst []rubric.Level
	err = workbook.Read(path, workbook.Options{Layout: workbook.LayoutWide, Sheet: ins[0].Sheet, Want: len(inds)}, workbook.Visitor{
		Wide: func(t *workbook.WideTable) error {
			if letters != nil {
				return errStop // the first wide table was the one read
			}
			if err := t.CheckColumns(r); err != nil {
				return err
			}
			letters = t.ColumnLetters(r)
			return nil
		},
		Row: func(t *workbook.WideTable, row *workbook.WideRow) error {
			in, ok := byRow[row.Row]
			if !ok {
				return nil
			}
			seen[row.Row] = true
			where := fmt.Sprintf("input %s: row %d", base, row.Row)
			if row.Instansi != in.Instansi {
				diffs = append(diffs, Diff{Where: where + " instansi", Report: in.Instansi, Recomputed: row.Instansi})
			}
			var lerr error
			dst, _, lerr = row.LevelsWith(t, r, workbook.LevelOptions{AssumeExternal: true}, dst) // the report records what was assumed
			bad := map[string]bool{}                                                              // the cells whose level is not valid
			for _, e := range flattenErrs(lerr) {
				var we *workbook.Error
				if errors.As(e, &we) {
					bad[we.Cell] = true
				}
			}
			levels, cells := map[string]rubric.Level{}, map[string]string{}
			for i, ind := range inds {
				c := ""
				if letters[i] != "" {
					c = letters[i] + strconv.Itoa(row.Row)
				}
				if bad[c] {
					continue
				}
				levels[ind.ID], cells[ind.ID] = dst[i], c
			}
			for _, l := range in.Levels {
				w := fmt.Sprintf("input %s: %s: indicator %s (%s%s)", base, in.Instansi, l.ID, sheetPrefix(t.Sheet), l.Cell)
				now, ok := levels[l.ID]
				switch {
				case !ok:
					diffs = append(diffs, Diff{Where: w + " level", Report: l.Level.String(), Recomputed: "no valid level"})
				case now != l.Level:
					diffs = append(diffs, Diff{Where: w + " level", Report: l.Level.String(), Recomputed: now.String()})
				case cells[l.ID] != l.Cell:
					diffs = append(diffs, Diff{Where: w + " cell", Report: l.Cell, Recomputed: cells[l.ID]})
				}
			}
			if len(seen) == len(byRow) {
				return errStop
			}
			return nil
		},
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	for _, in := range ins {
		if !seen[in.Row] {
			diffs = append(diffs, Diff{Where: fmt.Sprintf("input %s: row %d instansi", base, in.Row), Report: in.Instansi, Recomputed: ""})
		}
	}
	return diffs, nil
}

// sheetPrefix is "Sheet!" for a cell of a sheet, "" for a CSV file's.
func sheetPrefix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return sheet + "!"
}

// flattenErrs splits an errors.Join into its errors.
func flattenErrs(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flattenErrs(e)...)
		}
		return out
	}
	return []error{err}
}
