package excelout

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/result"
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
	// Rubric is the rubric the report was recomputed with, and
	// RubricSource where it was read from (Embedded or a path). A
	// report may match and still be scored under a rubric that presents
	// itself as an official one but is not: Rubric.Mismatch says so.
	Rubric       *rubric.Rubric
	RubricSource string
}

// Verify checks a report against its provenance: it reloads the rubric
// (checking its hash), recomputes every evaluation from the recorded
// levels, rebuilds the report and compares what a reader sees: the
// sheets, their order and visibility, and every cell of every sheet with
// its number format, hidden rows and columns and merged ranges; and,
// streaming each sheet first (verify_parts.go), the formulas, conditional
// formats and drawings spbe did not write, and cells past the ones it
// writes (such a sheet is one difference, and is not loaded).
// When input is given, or else when a recorded input is found (at its
// recorded path, or a relative one beside the report), it re-reads the
// input and checks its hash and levels. The paths a report records are
// not trusted: only regular files of a bounded size are read, and a
// recorded rubric that does not parse is not echoed. The error is for a
// report it cannot check.
func Verify(reportPath, input string) (*Verification, error) {
	if err := checkRegular(reportPath, maxReportSize); err != nil {
		return nil, err
	}
	// The provenance is read before the report can be recomputed: it is
	// bounded on its own (verify_parts.go).
	prov, err := reportInventory(reportPath, func(s string) int {
		if s == ProvenanceSheet {
			return maxProvenanceCells
		}
		return 0
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", reportPath, err)
	}
	if inv := prov[ProvenanceSheet]; inv != nil && inv.stopped {
		return nil, fmt.Errorf("%s: the sheet %s holds more than %d cells, more than spbe writes; refusing to read it", reportPath, ProvenanceSheet, maxProvenanceCells)
	}
	f, err := excelize.OpenFile(reportPath, excelize.Options{UnzipSizeLimit: workbook.UnzipSizeLimit, UnzipXMLSizeLimit: reportXMLLimit})
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
	var evals []*result.Evaluation
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
		bt, err := recordedButir(r, in, levels, &diffs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", reportPath, err)
		}
		assumed := assumedLevels(r, levels, cells)
		if bt != nil { // an indicator with butir has no cell, and is not assumed
			assumed = slices.DeleteFunc(assumed, func(id string) bool { return bt.Scored.Of(id) != nil })
			if len(assumed) == 0 {
				assumed = nil
			}
		}
		evals = append(evals, &result.Evaluation{Source: in.Path, Sheet: in.Sheet, Instansi: in.Instansi, Region: in.Region, Row: in.Row, Cells: cells, Result: res,
			Assumed: assumed, Butir: bt})
	}
	// Rebuilt with the options the report was written with (its title).
	o := readOptions(f)
	want, err := BuildWith(evals, p, o)
	if err != nil {
		return nil, err
	}
	defer want.Close()
	// The inventory of what spbe writes, from a copy written out: writing
	// a workbook changes what excelize holds of it (its styles).
	written, err := BuildWith(evals, p, o)
	if err != nil {
		return nil, err
	}
	wantInv, err := builtInventory(written)
	written.Close()
	if err != nil {
		return nil, err
	}
	gotInv, err := reportInventory(reportPath, func(s string) int {
		if s == ProvenanceSheet {
			return maxProvenanceCells
		}
		if w := wantInv[s]; w != nil {
			return cellBound(w.cells)
		}
		return 0 // a sheet spbe does not write: compareSheets names it
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", reportPath, err)
	}
	invDiffs, tooLarge := compareInventories(gotInv, wantInv, want.GetSheetList())
	diffs = append(diffs, invDiffs...)
	diffs = append(diffs, compareSheets(f, want, tooLarge)...)
	if input != "" && !oneFile(p.Inputs) {
		return nil, fmt.Errorf("%s: records %d inputs; give no input file to check them at their recorded paths", reportPath, len(p.Inputs))
	}
	v := &Verification{Rubric: r, RubricSource: p.Rubric.Source}
	// The rows of a wide table (one instansi each, Row) are checked in
	// one reading of their file and sheet, at the first of them.
	wide := map[wideKey][]result.ProvenanceInput{}
	for i := range p.Inputs {
		if k, ok := wideOf(&p.Inputs[i]); ok {
			wide[k] = append(wide[k], p.Inputs[i])
		}
	}
	for _, in := range p.Inputs {
		path := input
		if path == "" {
			path = findInput(in.Path, reportPath)
		}
		if path == "" {
			if !slices.Contains(v.Missing, in.Path) {
				v.Missing = append(v.Missing, in.Path) // the numbers were still checked
			}
			continue
		}
		var d []Diff
		var err error
		if k, ok := wideOf(&in); !ok {
			d, err = checkInput(path, in, p, r)
		} else if rows := wide[k]; rows != nil {
			d, err = checkWideInput(path, rows, r)
			wide[k] = nil // checked
		} else {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: input recorded in the report: %w", reportPath, err)
		}
		diffs = append(diffs, d...)
		if !slices.Contains(v.Read, path) {
			v.Read = append(v.Read, path)
		}
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

// The most verify reads of a file whose path the report records (or of
// the report itself): far above any real rubric, workbook or report.
const (
	maxRubricSize = 4 << 20
	maxInputSize  = workbook.UnzipSizeLimit
	maxReportSize = workbook.UnzipSizeLimit
)

// checkRegular refuses what is not a regular file of at most limit
// bytes: a device (/dev/zero never ends), a FIFO (opening it blocks), a
// folder, or a file too large to be what the report says it is.
func checkRegular(path string, limit int64) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file; refusing to read it", path)
	}
	if fi.Size() > limit {
		return fmt.Errorf("%s: %d bytes, more than the %d MiB a verify reads; refusing to read it", path, fi.Size(), limit>>20)
	}
	return nil
}

// readRegular reads a regular file of at most limit bytes (checkRegular),
// never more than limit even when it grows while read.
func readRegular(path string, limit int64) ([]byte, error) {
	if err := checkRegular(path, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: more than the %d MiB a verify reads; refusing to read it", path, limit>>20)
	}
	return data, nil
}

// loadRecordedRubric loads the rubric a report records: the embedded
// one, or the file at the recorded path, read as an untrusted path
// (readRegular). A file that does not parse is named, never quoted: the
// path could be any file on this machine.
func loadRecordedRubric(p *result.Provenance, diffs *[]Diff) (*rubric.Rubric, error) {
	var r *rubric.Rubric
	var err error
	if p.Rubric.Source == Embedded {
		r, err = rubric.ByID(p.Rubric.ID)
	} else {
		var data []byte
		if data, err = readRegular(p.Rubric.Source, maxRubricSize); err == nil {
			if r, err = rubric.Parse(p.Rubric.Source, data); err != nil {
				err = fmt.Errorf("%s is not a valid rubric (spbe rubric validate %s lists its problems)", p.Rubric.Source, p.Rubric.Source)
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("rubric recorded in the report: %w", err)
	}
	if r.ID != p.Rubric.ID {
		*diffs = append(*diffs, Diff{Where: "rubric id of " + p.Rubric.Source, Report: p.Rubric.ID, Recomputed: r.ID})
	}
	if sum := r.SHA256(); sum != p.Rubric.SHA256 {
		*diffs = append(*diffs, Diff{Where: "rubric " + p.Rubric.Source + " sha256", Report: p.Rubric.SHA256, Recomputed: sum})
	}
	differs := ""
	if m := r.Mismatch(); m != nil {
		differs = m.ID
	}
	if differs != p.Rubric.DiffersFromEmbedded {
		*diffs = append(*diffs, Diff{Where: "rubric " + p.Rubric.Source + " differs_from_embedded", Report: p.Rubric.DiffersFromEmbedded, Recomputed: differs})
	}
	return r, nil
}

// compareSheets compares what a reader of got sees with want: the list
// of sheets, their order and which are hidden; and on every sheet but the
// provenance, every cell's value and number format (a format can show
// any text in place of the value), the hidden rows and columns and the
// merged ranges (a merge shows only its first cell).
// Sheets in skip are too large to be read (compareInventories): they
// differ already.
func compareSheets(got, want *excelize.File, skip map[string]bool) []Diff {
	var diffs []Diff
	if g, w := sheetList(got), sheetList(want); g != w {
		diffs = append(diffs, Diff{Where: "sheets", Report: g, Recomputed: w})
	}
	gotSheets := map[string]bool{}
	for _, s := range got.GetSheetList() {
		gotSheets[s] = true
	}
	gotFmt, wantFmt := &numFmts{f: got}, &numFmts{f: want}
	for _, s := range want.GetSheetList() {
		if s == ProvenanceSheet {
			continue
		}
		if !gotSheets[s] {
			diffs = append(diffs, Diff{Where: "sheet " + s, Report: "", Recomputed: "present"})
			continue
		}
		if skip[s] {
			continue
		}
		if g, w := condFormats(got, s), condFormats(want, s); g != w {
			diffs = append(diffs, Diff{Where: s + " conditional format rules", Report: g, Recomputed: w})
		}
		g, _ := got.GetRows(s, excelize.Options{RawCellValue: true})
		w, _ := want.GetRows(s, excelize.Options{RawCellValue: true})
		cols := 0
		for row := 0; row < max(len(g), len(w)); row++ {
			gr, wr := at(g, row), at(w, row)
			cols = max(cols, len(gr), len(wr))
			for col := 0; col < max(len(gr), len(wr)); col++ {
				gv, wv := atS(gr, col), atS(wr, col)
				c := cell(col+1, row+1)
				if !sameValue(gv, wv) {
					diffs = append(diffs, Diff{Where: s + "!" + c, Report: gv, Recomputed: wv})
				}
				if gv == "" && wv == "" {
					continue
				}
				if gf, wf := gotFmt.code(s, c), wantFmt.code(s, c); gf != wf {
					diffs = append(diffs, Diff{Where: s + "!" + c + " number format", Report: gf, Recomputed: wf})
				}
			}
			if gh, wh := rowHidden(got, s, row+1), rowHidden(want, s, row+1); gh != wh {
				diffs = append(diffs, Diff{Where: fmt.Sprintf("%s row %d", s, row+1), Report: hiddenWord(gh), Recomputed: hiddenWord(wh)})
			}
		}
		for col := 1; col <= cols; col++ {
			name, _ := excelize.ColumnNumberToName(col)
			if gh, wh := colHidden(got, s, name), colHidden(want, s, name); gh != wh {
				diffs = append(diffs, Diff{Where: s + " column " + name, Report: hiddenWord(gh), Recomputed: hiddenWord(wh)})
			}
		}
		if gm, wm := mergedRanges(got, s), mergedRanges(want, s); gm != wm {
			diffs = append(diffs, Diff{Where: s + " merged cells", Report: gm, Recomputed: wm})
		}
	}
	return diffs
}

// condFormats describes the conditional formats of a sheet: each range,
// its rules, and of the style each rule applies what can change the text
// a reader sees: its number format (which can show any text) and its font
// colour. The colours of scales and fills are left out: a spreadsheet
// that saves the report again writes them its own way.
func condFormats(f *excelize.File, sheet string) string {
	cfs, err := f.GetConditionalFormats(sheet)
	if err != nil {
		return "(unreadable conditional formats)"
	}
	ranges := make([]string, 0, len(cfs))
	for r := range cfs {
		ranges = append(ranges, r)
	}
	slices.Sort(ranges)
	var sb strings.Builder
	for _, r := range ranges {
		for _, o := range cfs[r] {
			fmt.Fprintf(&sb, "%s %s %s %s %s/%s %s/%s %s/%s", r, o.Type, o.Criteria, o.Value, o.MinType, o.MinValue, o.MidType, o.MidValue, o.MaxType, o.MaxValue)
			if o.Format != nil {
				st, err := f.GetConditionalStyle(*o.Format)
				if err != nil {
					return "(unreadable conditional format style)"
				}
				fmt.Fprintf(&sb, " number format %d", st.NumFmt)
				if st.CustomNumFmt != nil {
					fmt.Fprintf(&sb, " %q", *st.CustomNumFmt)
				}
				if st.Font != nil && st.Font.Color != "" {
					c := strings.ToUpper(st.Font.Color)
					if len(c) == 8 {
						c = c[2:] // the alpha of ARGB
					}
					sb.WriteString(" font " + c)
				}
			}
			sb.WriteString("; ")
		}
	}
	return strings.TrimSuffix(sb.String(), "; ")
}

// sheetList is the sheets of f in order, the hidden ones marked.
func sheetList(f *excelize.File) string {
	var names []string
	for _, s := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(s); err == nil && !v {
			s += " (hidden)"
		}
		names = append(names, s)
	}
	return strings.Join(names, ", ")
}

func rowHidden(f *excelize.File, sheet string, row int) bool {
	v, err := f.GetRowVisible(sheet, row)
	return err == nil && !v
}

func colHidden(f *excelize.File, sheet, col string) bool {
	v, err := f.GetColVisible(sheet, col)
	return err == nil && !v
}

func hiddenWord(hidden bool) string {
	if hidden {
		return "hidden"
	}
	return "shown"
}

func mergedRanges(f *excelize.File, sheet string) string {
	mc, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return "?"
	}
	var rs []string
	for _, m := range mc {
		rs = append(rs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	slices.Sort(rs)
	return strings.Join(rs, " ")
}

// numFmts reads the number format codes of a workbook's cells, each
// style once.
type numFmts struct {
	f     *excelize.File
	codes map[int]string
}

// code is the number format of a cell as a format code ("0.00"); a
// built-in format is given its code, so that a workbook saved again by a
// spreadsheet that writes "0.00" as built-in format 2 still matches.
func (n *numFmts) code(sheet, c string) string {
	idx, err := n.f.GetCellStyle(sheet, c)
	if err != nil {
		return "(unreadable style)"
	}
	if s, ok := n.codes[idx]; ok {
		return s
	}
	code := "General"
	if st, err := n.f.GetStyle(idx); err != nil {
		code = "(unreadable style)"
	} else if st.CustomNumFmt != nil {
		code = *st.CustomNumFmt
	} else if b, ok := builtinNumFmt[st.NumFmt]; ok {
		code = b
	} else {
		code = fmt.Sprintf("built-in format %d", st.NumFmt)
	}
	if n.codes == nil {
		n.codes = map[int]string{}
	}
	n.codes[idx] = code
	return code
}

// builtinNumFmt are the built-in number formats that do not depend on
// the locale (ECMA-376 Part 1, 18.8.30).
var builtinNumFmt = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
	12: "# ?/?", 13: "# ??/??", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0", 49: "@",
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
func checkInput(path string, in result.ProvenanceInput, p *result.Provenance, r *rubric.Rubric) ([]Diff, error) {
	var diffs []Diff
	if err := checkRegular(path, maxInputSize); err != nil {
		return nil, err
	}
	sum, err := hashFile(path, maxInputSize)
	if err != nil {
		return nil, err
	}
	if sum != in.SHA256 {
		diffs = append(diffs, Diff{Where: "input " + path + " sha256", Report: in.SHA256, Recomputed: sum})
	}
	if in.Butir != nil && in.Butir.Simulated {
		d, err := checkButirInput(path, in, p, r)
		return append(diffs, d...), err
	}
	sh, err := workbook.ReadSheet(path, workbook.Options{Sheet: in.Sheet, IDCol: p.IDCol, LevelCol: p.LevelCol,
		Known: func(id string) bool { return workbook.Indicator(r, id) != nil }})
	if err != nil {
		return nil, err
	}
	levels, _, lerr := sh.LevelsWith(r, workbook.LevelOptions{AssumeExternal: true}) // the report records what was assumed
	cells := map[string]string{}
	for _, e := range sh.Entries {
		if ind := workbook.Indicator(r, e.ID); ind != nil && !workbook.NoValue(e.Raw) {
			cells[ind.ID] = e.Cell
		}
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

// assumedLevels are the indicators of a recorded evaluation whose level
// was the rubric's assumption (result.Evaluation.Assumed): scored by
// another agency (rubric.External), with a level but no cell.
func assumedLevels(r *rubric.Rubric, levels index.Levels, cells map[string]string) []string {
	var ids []string
	for _, ind := range r.Indicators() {
		if _, ok := levels[ind.ID]; ok && ind.External != nil && cells[ind.ID] == "" {
			ids = append(ids, ind.ID)
		}
	}
	return ids
}
