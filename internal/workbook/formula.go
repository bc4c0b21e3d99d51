package workbook

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/xlsx"
	"github.com/xuri/efp"
	"github.com/xuri/excelize/v2"
)

// Formulas. A formula cell whose saved value is missing or empty (`<v>`
// absent, `<v></v>` as openpyxl writes it, in any cell type) is a formula
// without a value, wherever it is: a level, an id, an instansi name, in a
// long or a wide table. It is computed with excelize, or refused with an
// *Error naming the cell (ErrFormula); it is never read as empty, and a
// level column of such cells is never passed over as empty. Cells of an
// array formula's range other than its first are formulas too.
//
// A saved value is read as saved, whatever the formula: it is what the
// author saw when the workbook was saved, the same on every run, volatile
// functions included.
//
// Before excelize computes a cell (its CalcCellValue recurses once per
// formula in a chain, and holds every range it reads in memory), a
// formulaGuard walks what the formula depends on, without recursion, and
// refuses:
//
//   - a circular reference (G25 = G25+4);
//   - a volatile function (volatileFunctions): its value changes at every
//     recalculation;
//   - a function outside computedFunctions: those that can build large
//     texts or arrays (REPT, SUBSTITUTE, TEXTJOIN, SEQUENCE ...), and any
//     other spbe has not vetted;
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

// computedFunctions are the functions spbe lets excelize compute: their
// work and their result grow at most with the size of their arguments.
var computedFunctions = []string{
	"ABS", "AND", "AVERAGE", "AVERAGEA", "AVERAGEIF", "AVERAGEIFS", "CEILING", "CHOOSE", "COLUMN", "COLUMNS", "CONCAT",
	"CONCATENATE", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF", "COUNTIFS", "EXACT", "FALSE", "FIND",
	"FLOOR", "HLOOKUP", "IF", "IFERROR", "IFNA", "IFS", "INDEX", "INT", "ISBLANK", "ISERR", "ISERROR",
	"ISLOGICAL", "ISNA", "ISNUMBER", "ISTEXT", "LARGE", "LEFT", "LEN", "LOOKUP", "LOWER", "MATCH", "MAX",
	"MAXA", "MEDIAN", "MID", "MIN", "MINA", "MOD", "MROUND", "N", "NA", "NOT", "NUMBERVALUE", "OR",
	"PRODUCT", "RANK", "RANK.EQ", "RIGHT", "ROUND", "ROUNDDOWN", "ROUNDUP", "ROW", "ROWS", "SEARCH", "SIGN", "SMALL",
	"SQRT", "SUM", "SUMIF", "SUMIFS", "SUMPRODUCT", "SWITCH", "T", "TRIM", "TRUE", "TRUNC", "UPPER",
	"VALUE", "VLOOKUP", "XLOOKUP", "XOR",
}

// formulaFunction is a function name as a formula spells it, without the
// prefix newer functions are saved with.
func formulaFunction(name string) string {
	name = strings.ToUpper(name)
	for _, p := range []string{"_XLFN._XLWS.", "_XLFN.", "_XLWS."} {
		name = strings.TrimPrefix(name, p)
	}
	return name
}

// cellKey is a cell of a sheet; row and col are 1-based.
type cellKey struct {
	sheet    string
	row, col int
}

func (k cellKey) name(from string) string {
	c, _ := excelize.CoordinatesToCellName(k.col, k.row)
	if k.sheet == from {
		return c
	}
	return cellRef(k.sheet, c)
}

// arrayFormula is the range of an array formula and its first cell, where
// the formula is written.
type arrayFormula struct {
	r1, c1, r2, c2 int
	master         cellKey
}

// sheetFacts is what the guard needs of a sheet beyond excelize's API:
// its array formulas, and the last row and column that hold a cell, to
// which excelize cuts whole-column and whole-row references.
type sheetFacts struct {
	arrays         []arrayFormula
	maxRow, maxCol int
	// span is how many cells excelize holds for the sheet once it reads
	// it (every row up to its last cell, every row up to the last): past
	// maxHandOver, no cell of the sheet is read with excelize.
	span int
}

// formulaGuard checks formulas before excelize computes them, for one
// workbook; it remembers the cells it has checked.
type formulaGuard struct {
	f     *excelize.File
	facts map[string]*sheetFacts // by sheet name
	// refuse, when set, refuses every formula (why the workbook's array
	// formulas cannot be checked).
	refuse error
	names  []excelize.DefinedName
	size   map[cellKey]int64 // checked cells: a bound on the size of their value
	work   int
}

// newFormulaGuard reads the facts of every worksheet of f from its parts.
// parts maps sheet names to part names, or is nil when they are not known
// (an encrypted workbook): then any array formula refuses every formula.
func newFormulaGuard(f *excelize.File, parts map[string]string) *formulaGuard {
	g := &formulaGuard{f: f, facts: map[string]*sheetFacts{}, size: map[cellKey]int64{}}
	if parts == nil {
		for _, name := range f.GetSheetList() {
			// Loading a sheet puts its XML in f.Pkg when it was too
			// large to be kept there on opening.
			_, _ = f.GetCellFormula(name, "A1")
		}
	}
	total := 0
	read := func(sheet, part string) bool {
		data := pkgPart(f, part)
		if data == nil && sheet != "" {
			_, _ = f.GetCellFormula(sheet, "A1")
			data = pkgPart(f, part)
		}
		if data == nil {
			return true // not a worksheet excelize can read
		}
		sf := scanFacts(data, sheet)
		for _, a := range sf.arrays {
			total += (a.r2 - a.r1 + 1) * (a.c2 - a.c1 + 1)
		}
		if total > maxArrayCells {
			g.refuse = fmt.Errorf("the workbook's array formulas cover more than %d cells", maxArrayCells)
			return false
		}
		if parts == nil && len(sf.arrays) > 0 {
			g.refuse = errors.New("the workbook has array formulas, which spbe cannot check in an encrypted workbook")
			return false
		}
		if sheet != "" {
			g.facts[sheet] = sf
		}
		return true
	}
	if parts != nil {
		for sheet, part := range parts {
			if !read(sheet, part) {
				break
			}
		}
		return g
	}
	f.Pkg.Range(func(k, _ any) bool {
		name, _ := k.(string)
		if !strings.HasPrefix(strings.ToLower(name), "xl/worksheets/") {
			return true
		}
		return read("", name)
	})
	return g
}

// pkgPart returns the bytes of a part of the workbook as excelize holds
// them, the name matched ignoring case as the scanner does; nil when
// there is none.
func pkgPart(f *excelize.File, name string) []byte {
	if v, ok := f.Pkg.Load(name); ok {
		b, _ := v.([]byte)
		return b
	}
	var found []byte
	f.Pkg.Range(func(k, v any) bool {
		if n, _ := k.(string); strings.EqualFold(n, name) {
			found, _ = v.([]byte)
			return false
		}
		return true
	})
	return found
}

// scanFacts reads a worksheet's XML for its array formulas and extent.
func scanFacts(data []byte, sheet string) *sheetFacts {
	e := xlsx.ReadExtent(data)
	sf := &sheetFacts{maxRow: e.MaxRow, maxCol: e.MaxCol, span: e.Span}
	for _, a := range e.Arrays {
		sf.arrays = append(sf.arrays, arrayFormula{a.R1, a.C1, a.R2, a.C2, cellKey{sheet, a.Row, a.Col}})
	}
	return sf
}

// arrayAt returns the first cell of the array formula whose range holds
// k, other than that first cell itself.
func (g *formulaGuard) arrayAt(k cellKey) (cellKey, bool) {
	if sf := g.facts[k.sheet]; sf != nil {
		for _, a := range sf.arrays {
			if k.row >= a.r1 && k.row <= a.r2 && k.col >= a.c1 && k.col <= a.c2 && k != a.master {
				return a.master, true
			}
		}
	}
	return cellKey{}, false
}

// node is a cell being checked: what it depends on (with repetition) and
// the size of its own text.
type node struct {
	key  cellKey
	deps []cellKey
	next int
	own  int64
	sum  int64
}

// check walks the cells that target depends on. It returns nil when
// excelize may compute target, else why not.
func (g *formulaGuard) check(target cellKey) error {
	if g.refuse != nil {
		return g.refuse
	}
	if _, ok := g.size[target]; ok {
		return nil
	}
	from := target.sheet
	var stack []*node
	onStack := map[cellKey]bool{}
	// enter returns the node of a formula cell, nil for a value.
	enter := func(k cellKey) (*node, error) {
		if sf := g.facts[k.sheet]; sf != nil && sf.span > maxHandOver {
			return nil, fmt.Errorf("%s is in a sheet that spans %d cells, more than spbe computes formulas in (%d); "+
				"open the workbook in Excel or LibreOffice and save it, so that the formula has its value", k.name(from), sf.span, maxHandOver)
		}
		n, err := g.node(k, from)
		if err != nil || n == nil {
			return nil, err
		}
		if len(stack) >= maxFormulaDepth {
			return nil, fmt.Errorf("it depends on a chain of more than %d formulas (%s to %s)",
				maxFormulaDepth, stack[0].key.name(from), k.name(from))
		}
		onStack[k] = true
		stack = append(stack, n)
		return n, nil
	}
	if _, err := enter(target); err != nil {
		return err
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		if n.next < len(n.deps) {
			d := n.deps[n.next]
			n.next++
			if s, ok := g.size[d]; ok {
				n.sum += s
				continue
			}
			if onStack[d] {
				return circular(stack, d, from)
			}
			if _, err := enter(d); err != nil {
				return err
			}
			continue
		}
		stack = stack[:len(stack)-1]
		delete(onStack, n.key)
		s := n.own + n.sum
		if s > maxFormulaText {
			return fmt.Errorf("%s could build a text of more than %d bytes", n.key.name(from), maxFormulaText)
		}
		g.size[n.key] = s
		if len(stack) > 0 {
			stack[len(stack)-1].sum += s
		}
	}
	return nil
}

func circular(stack []*node, d cellKey, from string) error {
	i := slices.IndexFunc(stack, func(n *node) bool { return n.key == d })
	var path []string
	for _, n := range stack[i:] {
		path = append(path, n.key.name(from))
	}
	path = append(path, d.name(from))
	return fmt.Errorf("circular reference %s", strings.Join(path, " -> "))
}

// node reads a cell for check: a value cell is recorded with its size and
// gives nil; a formula cell gives its node.
func (g *formulaGuard) node(k cellKey, from string) (*node, error) {
	cell, _ := excelize.CoordinatesToCellName(k.col, k.row)
	formula, err := g.f.GetCellFormula(k.sheet, cell)
	if err != nil || formula == "" {
		if m, ok := g.arrayAt(k); ok {
			// A cell of an array formula: excelize computes it from the
			// formula in the first cell.
			return &node{key: k, deps: []cellKey{m}}, nil
		}
		v, _ := g.f.GetCellValue(k.sheet, cell, excelize.Options{RawCellValue: true})
		g.size[k] = int64(len(v))
		return nil, nil
	}
	at := k.name(from)
	if len(formula) > maxFormulaLen {
		return nil, fmt.Errorf("%s has a formula of more than %d characters", at, maxFormulaLen)
	}
	n := &node{key: k, own: int64(len(formula))}
	depth := 0
	ps := efp.ExcelParser()
	for _, t := range ps.Parse(formula) {
		switch {
		case t.TSubType == efp.TokenSubTypeStart:
			if depth++; depth > maxFormulaNest {
				return nil, fmt.Errorf("%s nests more than %d functions or parentheses", at, maxFormulaNest)
			}
			if t.TType != efp.TokenTypeFunction {
				continue
			}
			fn := formulaFunction(t.TValue)
			switch {
			case fn == "ARRAY" || fn == "ARRAYROW": // an array constant {1,2;3,4}
			case slices.Contains(volatileFunctions, fn):
				return nil, fmt.Errorf("%s uses %s, a volatile function: its value changes at every recalculation", at, fn)
			case !slices.Contains(computedFunctions, fn):
				return nil, fmt.Errorf("%s uses %s, which spbe does not compute", at, fn)
			}
		case t.TSubType == efp.TokenSubTypeStop:
			depth--
		case t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeRange:
			deps, err := g.refCells(k.sheet, t.TValue)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", at, err)
			}
			n.deps = append(n.deps, deps...)
		}
	}
	return n, nil
}

// refCells returns the cells a reference in a formula of sheet names.
func (g *formulaGuard) refCells(sheet, ref string) ([]cellKey, error) {
	if strings.ContainsAny(ref, "[]") {
		return nil, fmt.Errorf("%s refers to another workbook or a table, which spbe does not compute", ref)
	}
	area := ref
	if i := strings.LastIndexByte(ref, '!'); i >= 0 {
		sheet, area = strings.Trim(ref[:i], "'"), ref[i+1:]
		if strings.Contains(sheet, ":") {
			return nil, fmt.Errorf("%s refers to several sheets, which spbe does not compute", ref)
		}
	}
	r1, c1, r2, c2, ok := parseArea(area)
	if !ok {
		target, err := g.definedName(sheet, ref)
		if err != nil {
			return nil, err
		}
		return g.refCells(sheet, target)
	}
	sf := g.facts[sheet]
	if sf == nil {
		sf = &sheetFacts{maxRow: maxRows, maxCol: maxCols}
	}
	if r1 == 1 && r2 == maxRows { // A:A, as excelize cuts it
		r2 = max(1, min(r2, sf.maxRow))
	}
	if c1 == 1 && c2 == maxCols { // 1:1
		c2 = max(1, min(c2, sf.maxCol))
	}
	cells := (r2 - r1 + 1) * (c2 - c1 + 1)
	if g.work+cells > maxFormulaWork {
		return nil, fmt.Errorf("computing it reads more than %d cells (%s)", maxFormulaWork, ref)
	}
	g.work += cells
	out := make([]cellKey, 0, cells)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			out = append(out, cellKey{sheet, r, c})
		}
	}
	return out, nil
}

// definedName returns what a defined name refers to when that is a plain
// range.
func (g *formulaGuard) definedName(sheet, name string) (string, error) {
	if g.names == nil {
		g.names = g.f.GetDefinedName()
	}
	found := ""
	for _, d := range g.names {
		if !strings.EqualFold(d.Name, name) {
			continue
		}
		if d.Scope == sheet || found == "" && (d.Scope == "" || d.Scope == "Workbook") {
			found = strings.TrimPrefix(d.RefersTo, "=")
		}
	}
	if found == "" {
		return "", fmt.Errorf("%s is not a cell reference or a defined name spbe knows", name)
	}
	area := found
	if i := strings.LastIndexByte(found, '!'); i >= 0 {
		area = found[i+1:]
	}
	if _, _, _, _, ok := parseArea(area); !ok || strings.ContainsAny(found, "[](),") {
		return "", fmt.Errorf("the defined name %s is %s, not a plain range, which spbe does not compute", name, found)
	}
	return found, nil
}

// parseArea reads A1, $A$1, A1:B2, A:B or 1:2 into 1-based bounds.
func parseArea(s string) (r1, c1, r2, c2 int, ok bool) {
	from, to, two := strings.Cut(strings.ReplaceAll(s, "$", ""), ":")
	if !two {
		to = from
	}
	pr1, pc1, ok1 := parseRefPart(from)
	pr2, pc2, ok2 := parseRefPart(to)
	if !ok1 || !ok2 {
		return 0, 0, 0, 0, false
	}
	switch {
	case pr1 > 0 && pc1 > 0 && pr2 > 0 && pc2 > 0:
	case two && pr1 == 0 && pr2 == 0 && pc1 > 0 && pc2 > 0: // A:B
		pr1, pr2 = 1, maxRows
	case two && pc1 == 0 && pc2 == 0 && pr1 > 0 && pr2 > 0: // 1:2
		pc1, pc2 = 1, maxCols
	default:
		return 0, 0, 0, 0, false
	}
	return min(pr1, pr2), min(pc1, pc2), max(pr1, pr2), max(pc1, pc2), true
}

// parseRefPart reads "B12", "B" or "12"; 0 stands for a part absent.
func parseRefPart(s string) (row, col int, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		i++
	}
	if i > 3 {
		return 0, 0, false
	}
	if i > 0 {
		n, err := excelize.ColumnNameToNumber(s[:i])
		if err != nil {
			return 0, 0, false
		}
		col = n
	}
	if i < len(s) {
		n, err := strconv.Atoi(s[i:])
		if err != nil || n < 1 || n > maxRows || !digitsOnly(s[i:]) {
			return 0, 0, false
		}
		row = n
	}
	return row, col, i > 0 || row > 0
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
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("excelize failed: %v", p)
		}
	}()
	value, err = x.f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
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
			Err: classed(ErrFormula, fmt.Sprintf("formula =%s had no saved value and could not be computed: "+
				"the sheet spans %d cells and %d shared strings, more than spbe computes formulas in (%d); "+
				"open the workbook in Excel or LibreOffice and save it, so that the formula has its value",
				shownFormula(formula), s.Span(), s.SharedStrings(), maxHandOver))}
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
			Err: classed(ErrFormula, fmt.Sprintf("formula =%s had no saved value and could not be computed: %v", formula, err))}
	}
	return value, fmt.Sprintf("%s: formula =%s had no saved value; computed %q", cellRef(sheet, cell), formula, value), nil
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
