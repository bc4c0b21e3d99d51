package report

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Diff is one thing a report says that its provenance does not give.
type Diff struct {
	Where      string // Ringkasan!B8, or the input file and cell
	Report     string // what the report (or its provenance) holds
	Recomputed string // what recomputing gives now
}

func (d Diff) String() string {
	return fmt.Sprintf("%s: report %s, recomputed %s", d.Where, show(d.Report), show(d.Recomputed))
}

func show(s string) string {
	if s == "" {
		return "(empty)"
	}
	return strconv.Quote(s)
}

// Verification is what Verify found.
type Verification struct {
	Diffs []Diff
	// Read are the inputs read again and checked; Missing the recorded
	// inputs found neither at their recorded path nor beside the report
	// (moved, or on another machine), whose files were not checked.
	Read, Missing []string
}

// Verify checks a report against its provenance: it reloads the rubric
// (checking its hash), recomputes every evaluation from the recorded
// levels, rebuilds the report and compares every cell of every sheet.
// When input is given, or else when a recorded input is found (at its
// recorded path, or a relative one beside the report), it re-reads the
// input and checks its hash and levels. The error is for a report it
// cannot check.
func Verify(reportPath, input string) (*Verification, error) {
	f, err := excelize.OpenFile(reportPath, excelize.Options{UnzipSizeLimit: workbook.UnzipSizeLimit, UnzipXMLSizeLimit: workbook.UnzipXMLSizeLimit})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", reportPath, err)
	}
	defer f.Close()
	p, err := ReadProvenance(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", reportPath, err)
	}
	var diffs []Diff
	r, err := loadRecordedRubric(p, &diffs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", reportPath, err)
	}
	var evals []*render.Evaluation
	for _, in := range p.Inputs {
		levels := index.Levels{}
		cells := map[string]string{}
		for _, l := range in.Levels {
			levels[l.ID] = l.Level
			cells[l.ID] = l.Cell
		}
		res, err := index.Compute(r, levels)
		if err != nil {
			return nil, fmt.Errorf("%s: recorded levels of %s: %w", reportPath, in.Path, err)
		}
		evals = append(evals, &render.Evaluation{Source: in.Path, Sheet: in.Sheet, Instansi: in.Instansi, Cells: cells, Result: res})
	}
	want, err := Build(evals, p)
	if err != nil {
		return nil, err
	}
	defer want.Close()
	diffs = append(diffs, compareSheets(f, want)...)
	if input != "" && len(p.Inputs) != 1 {
		return nil, fmt.Errorf("%s: records %d inputs; give no input file to check them at their recorded paths", reportPath, len(p.Inputs))
	}
	v := &Verification{}
	for _, in := range p.Inputs {
		path := input
		if path == "" {
			path = findInput(in.Path, reportPath)
		}
		if path == "" {
			v.Missing = append(v.Missing, in.Path) // the numbers were still checked
			continue
		}
		d, err := checkInput(path, in, p, r)
		if err != nil {
			return nil, err
		}
		diffs = append(diffs, d...)
		v.Read = append(v.Read, path)
	}
	v.Diffs = diffs
	return v, nil
}

// findInput returns where a recorded input is: its recorded path, or a
// relative one taken from the report's folder, or "" when neither exists.
func findInput(recorded, reportPath string) string {
	if fileExists(recorded) {
		return recorded
	}
	if !filepath.IsAbs(recorded) {
		if p := filepath.Join(filepath.Dir(reportPath), recorded); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func loadRecordedRubric(p *Provenance, diffs *[]Diff) (*rubric.Rubric, error) {
	var r *rubric.Rubric
	var err error
	if p.RubricSource == Embedded {
		r, err = rubric.ByID(p.RubricID)
	} else {
		r, err = rubric.Load(p.RubricSource)
	}
	if err != nil {
		return nil, fmt.Errorf("rubric recorded in the report: %w", err)
	}
	if r.ID != p.RubricID {
		*diffs = append(*diffs, Diff{Where: "rubric id of " + p.RubricSource, Report: p.RubricID, Recomputed: r.ID})
	}
	if sum := r.SHA256(); sum != p.RubricSHA256 {
		*diffs = append(*diffs, Diff{Where: "rubric " + p.RubricSource + " sha256", Report: p.RubricSHA256, Recomputed: sum})
	}
	return r, nil
}

// compareSheets compares every cell of every sheet of want with got,
// except the provenance sheet.
func compareSheets(got, want *excelize.File) []Diff {
	var diffs []Diff
	gotSheets := map[string]bool{}
	for _, s := range got.GetSheetList() {
		gotSheets[s] = true
	}
	for _, s := range want.GetSheetList() {
		if s == ProvenanceSheet {
			continue
		}
		if !gotSheets[s] {
			diffs = append(diffs, Diff{Where: "sheet " + s, Report: "", Recomputed: "present"})
			continue
		}
		g, _ := got.GetRows(s, excelize.Options{RawCellValue: true})
		w, _ := want.GetRows(s, excelize.Options{RawCellValue: true})
		for row := 0; row < max(len(g), len(w)); row++ {
			gr, wr := at(g, row), at(w, row)
			for col := 0; col < max(len(gr), len(wr)); col++ {
				gv, wv := atS(gr, col), atS(wr, col)
				if !sameValue(gv, wv) {
					diffs = append(diffs, Diff{Where: s + "!" + cell(col+1, row+1), Report: gv, Recomputed: wv})
				}
			}
		}
	}
	return diffs
}

func at(rows [][]string, i int) []string {
	if i < len(rows) {
		return rows[i]
	}
	return nil
}

func atS(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// sameValue compares cell values, numbers as numbers (a report saved
// again by a spreadsheet may write 2.95 as 2.9500000000000002): equal
// within a relative 1e-12, far below any change a hand could make to a
// value shown with a few decimals, far above a re-save's last-bit noise.
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-12*max(math.Abs(x), math.Abs(y))
}

// checkInput re-reads an input and compares its hash and levels with the
// recorded ones.
func checkInput(path string, in Input, p *Provenance, r *rubric.Rubric) ([]Diff, error) {
	var diffs []Diff
	sum, err := HashFile(path)
	if err != nil {
		return nil, err
	}
	if sum != in.SHA256 {
		diffs = append(diffs, Diff{Where: "input " + path + " sha256", Report: in.SHA256, Recomputed: sum})
	}
	sh, err := workbook.ReadSheet(path, workbook.Options{Sheet: in.Sheet, IDCol: p.IDCol, LevelCol: p.LevelCol,
		Known: func(id string) bool { return r.Indicator(id) != nil }})
	if err != nil {
		return nil, err
	}
	levels, lerr := sh.Levels(r)
	cells := map[string]string{}
	for _, e := range sh.Entries {
		cells[e.ID] = e.Cell
	}
	for _, l := range in.Levels {
		where := fmt.Sprintf("input %s: indicator %s", filepath.Base(path), l.ID)
		if sh.Sheet != "" {
			where += " (" + sh.Sheet + "!" + cells[l.ID] + ")"
		}
		now, ok := levels[l.ID]
		switch {
		case !ok:
			diffs = append(diffs, Diff{Where: where + " level", Report: l.Level.String(), Recomputed: "no valid level"})
		case now != l.Level:
			diffs = append(diffs, Diff{Where: where + " level", Report: l.Level.String(), Recomputed: now.String()})
		case cells[l.ID] != l.Cell:
			diffs = append(diffs, Diff{Where: where + " cell", Report: l.Cell, Recomputed: cells[l.ID]})
		}
	}
	if lerr != nil && len(diffs) == 0 {
		return nil, lerr
	}
	return diffs, nil
}
