package workbook

import (
	"errors"
	"github.com/spbe-id/spbe/internal/msg"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Formulas. A formula cell whose saved value is missing or empty (`<v>`
// absent, `<v></v>` as openpyxl writes it, in any cell type) is a formula
// without a value, wherever it is: a level, an id, an instansi name, in a
// long or a wide table. It is computed by spbe (calc.go), with Excel's
// rules for the functions it knows (functions, each tested against
// LibreOffice's recalculation), or refused with an *Error naming the cell
// and the function (ErrFormula): where Excel's result depends on the
// computer (a text read as a number by the locale, texts ordered by the
// collation), where Excel and LibreOffice differ (logical cells, empty
// texts, 0^0), or a function spbe does not compute; it is never read as empty, and a
// level column of such cells is never passed over as empty. Cells of an
// array formula's range other than its first are formulas too.
//
// A saved value is read as saved, whatever the formula: it is what the
// author saw when the workbook was saved, the same on every run, volatile
// functions included.
//
// A range is read up to the last row and column of its sheet that hold a
// cell: past them every cell is empty, so =SUM(E1:N100000) in a small
// sheet reads the cells there are (excelize's CalcCellValue held a
// million, about a gigabyte). Before spbe computes a cell, a formulaGuard
// walks what the formula depends on, without recursion, and
// refuses:
//
//   - a circular reference (G25 = G25+4);
//   - a volatile function (volatileFunctions): its value changes at every
//     recalculation;
//   - a function outside computedFunctions: those that can build large
//     texts or arrays (REPT, SUBSTITUTE, TEXTJOIN, SEQUENCE ...), and any
//     other whose Excel rules spbe does not implement;
//   - references to another workbook, to a table column or to a defined
//     name that is not a plain range;
//   - a chain of more than maxFormulaDepth formula cells, a formula longer
//     than maxFormulaLen characters or nested deeper than maxFormulaNest,
//     more than maxFormulaWork cells read for the workbook, a text that
//     could grow past maxFormulaText bytes, and array formulas over more
//     than maxArrayCells cells in all (excelize lays them all out before
//     it computes any formula).

// ErrFormula: a formula cell has no saved value and spbe does not compute
// it (see the package documentation).
var ErrFormula = errors.New("formula not computed")

// The bounds of computing formulas.
const (
	maxFormulaDepth = 100       // formula cells in one chain of references
	maxFormulaLen   = 8192      // characters of one formula (Excel's own limit)
	maxFormulaNest  = 64        // nested functions and parentheses (Excel's own limit)
	maxFormulaWork  = 1_000_000 // cells read, ranges included, for one workbook
	maxFormulaText  = 1 << 20   // bytes of text a formula may build
	maxArrayCells   = 100_000   // cells in the ranges of all array formulas
	maxShownFormula = 200       // characters of a formula shown in a message
)

// volatileFunctions give a new value at every recalculation.
var volatileFunctions = []string{"RAND", "RANDBETWEEN", "RANDARRAY", "NOW", "TODAY", "OFFSET", "INDIRECT", "CELL", "INFO"}

// formulaFunction is a function name as a formula spells it, without the
// prefix newer functions are saved with.
func formulaFunction(name string) string {
	name = strings.ToUpper(name)
	for _, p := range []string{"_XLFN._XLWS.", "_XLFN.", "_XLWS."} {
		name = strings.TrimPrefix(name, p)
	}
	return name
}

// compute returns the value of a formula cell without a saved value,
// computed by excelize within the bounds of the guard, and its formula;
// or an error saying why it is not computed.
func (x *excelBook) compute(g *formulaGuard, sheet string, row, col int) (formula, value string, err error) {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	k := cellKey{sheet, row, col}
	formula, _ = x.f.GetCellFormula(sheet, cell)
	if formula == "" {
		if m, ok := g.arrayAt(k); ok {
			mc, _ := excelize.CoordinatesToCellName(m.col, m.row)
			f, _ := x.f.GetCellFormula(m.sheet, mc)
			formula = "{" + f + "} (the array formula of " + m.name(sheet) + ")"
		}
	}
	if err := g.check(k); err != nil {
		return formula, "", err
	}
	if g.calc == nil {
		g.calc = newCalc(g)
	}
	value, err = g.calc.cellText(k)
	return formula, value, err
}

// computeCell computes a formula cell without a saved value (1-based row
// and column) of the sheet being read, with excelize opened on first
// need. It returns the value, and the warning to give; or an *Error
// naming the cell (ErrFormula).
//
// A sheet the scanner reads that is too large for excelize to hold
// (maxHandOver) is not opened with excelize: the formula is refused.
func (r *reader) computeCell(b book, sheet string, row, col int) (value, warning string, err error) {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if s, ok := b.(*scanBook); ok && (s.Span() > maxHandOver || s.SharedStrings() > maxHandOver) {
		formula, saved := s.Uncached(row, col)
		switch {
		case !saved:
			formula = "(in the range of an array formula)"
		case formula == "":
			formula = "(a shared formula)"
		}
		return "", "", &Error{File: r.path, Sheet: sheet, Cell: cell,
			Err: classedf(ErrFormula, "formula =%s had no saved value and could not be computed: "+
				"the sheet spans %d cells and %d shared strings, more than spbe computes formulas in (%d); "+
				"open the workbook in Excel or LibreOffice and save it, so that the formula has its value",
				shownFormula(formula), s.Span(), s.SharedStrings(), maxHandOver)}
	}
	x, ok := b.(*excelBook)
	if !ok {
		if x, err = r.excel(); err != nil {
			return "", "", err
		}
	}
	if r.guard == nil {
		var parts map[string]string
		if r.scan != nil {
			parts = map[string]string{}
			for _, s := range r.scan.sheets() {
				parts[s.name] = s.part
			}
		}
		r.guard = newFormulaGuard(x.f, parts)
	}
	formula, value, err := x.compute(r.guard, sheet, row, col)
	formula = shownFormula(formula)
	if err != nil {
		return "", "", &Error{File: r.path, Sheet: sheet, Cell: cell,
			Err: classedf(ErrFormula, "formula =%s had no saved value and could not be computed: %v", formula, err)}
	}
	return value, msg.Sprintf(r.opts.Lang, "%s: formula =%s had no saved value; computed %q", cellRef(sheet, cell), formula, value), nil
}

// shownFormula is a formula as a message shows it: at most
// maxShownFormula bytes, cut at a character.
func shownFormula(formula string) string {
	if n := maxShownFormula; len(formula) > n {
		for n > 0 && !utf8.RuneStart(formula[n]) {
			n--
		}
		formula = formula[:n] + "..."
	}
	return formula
}

// pending reports whether a cell of the sheet last streamed is a formula
// without a saved value (see xlsx.Book.Pending).
func (b *scanBook) pending(_ string, row, col int) bool { return b.Pending(row, col) }

// fillWide computes the cells of a wide table's row (1-based row, cells
// from column A) that are formulas without a saved value: the instansi
// name, the category and the levels. It returns the row's cells, with the
// computed values, or the refusals joined.
func (r *reader) fillWide(b book, sheet string, row int, cells []string, t *WideTable) ([]string, error) {
	var errs []error
	copied := false
	fill := func(c int) { // 0-based
		if c < 0 || c < len(cells) && cells[c] != "" || !b.pending(sheet, row, c+1) {
			return
		}
		v, _, err := r.computeCell(b, sheet, row, c+1)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if !copied {
			cells, copied = slices.Clone(cells), true
		}
		for len(cells) <= c {
			cells = append(cells, "")
		}
		cells[c] = v
	}
	fill(t.nameCol)
	fill(t.catCol)
	for c, id := range t.ids {
		if id != "" {
			fill(c)
		}
	}
	return cells, errors.Join(errs...)
}
