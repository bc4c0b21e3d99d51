package workbook

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// kind is the type of a formula value.
type kind uint8

const (
	vEmpty kind = iota // an empty cell
	vNum
	vText
	vBool
	vErr  // #N/A, #DIV/0! ...: str holds it
	vGrid // a range or an array
)

// val is a value in a formula.
type val struct {
	kind  kind
	num   float64
	str   string
	vgrid *vgrid
}

// vgrid is the value of a reference or an array: rows x cols cells, of
// which the first sr x sc are held (a reference past the sheet's last
// cell holds only what is there: the rest are empty).
type vgrid struct {
	rows, cols int
	sr, sc     int
	cells      []val
	ref        bool // a reference, not an array: aggregates skip its text
	row, col   int  // the first cell of a reference
}

func (g *vgrid) at(i, j int) val {
	if i < g.sr && j < g.sc {
		return g.cells[i*g.sc+j]
	}
	return val{}
}

func number(x float64) val { return val{kind: vNum, num: x} }
func text(s string) val    { return val{kind: vText, str: s} }
func boolean(b bool) val {
	if b {
		return val{kind: vBool, num: 1}
	}
	return val{kind: vBool}
}
func excelErr(code string) val { return val{kind: vErr, str: code} }

// refusal is why a formula is not computed: Excel's result could differ
// from what spbe would compute.
type refusal struct{ msg string }

func (r *refusal) Error() string { return r.msg }

func refuse(format string, args ...any) error { return &refusal{fmt.Sprintf(format, args...)} }

// calc evaluates formulas of one workbook with excelize as its store of
// cells; the formulaGuard has checked each target before.
type calc struct {
	g      *formulaGuard
	memo   map[cellKey]val
	arrays map[cellKey]*vgrid // the results of array formulas, by first cell
	cur    cellKey            // the cell being computed (ROW(), COLUMN())
	array  bool               // computing an array formula: ranges are arrays
}

func newCalc(g *formulaGuard) *calc {
	return &calc{g: g, memo: map[cellKey]val{}, arrays: map[cellKey]*vgrid{}}
}

// cellText computes a formula cell and gives its value as text, as Excel
// saves it: a number with 15 significant digits, TRUE or FALSE; an error
// value is an error.
func (c *calc) cellText(k cellKey) (string, error) {
	v, err := c.cell(k)
	if err != nil {
		return "", err
	}
	switch v.kind {
	case vNum, vEmpty:
		return formatNumber(v.num), nil
	case vText:
		return v.str, nil
	case vBool:
		return strings.ToUpper(strconv.FormatBool(v.num != 0)), nil
	case vErr:
		return "", errors.New(v.str)
	}
	return "", refuse("its value is a range")
}

// formatNumber writes a number as Excel shows it in the General format,
// 15 significant digits.
func formatNumber(x float64) string {
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'g', 15, 64)
}

// cell is the value of a cell: a formula cell is computed (a saved value
// on the way is computed again, as Excel recalculating does); an empty
// formula result is 0.
func (c *calc) cell(k cellKey) (val, error) {
	if v, ok := c.memo[k]; ok {
		return v, nil
	}
	name, _ := excelize.CoordinatesToCellName(k.col, k.row)
	f := c.g.f
	formula, _ := f.GetCellFormula(k.sheet, name)
	master, inArray := c.g.arrayAt(k)
	if formula != "" && c.g.isArrayMaster(k) {
		master, inArray = k, true
	}
	var v val
	switch {
	case inArray:
		a, err := c.arrayResult(master)
		if err != nil {
			return val{}, err
		}
		v = pick(a, k.row-master.row, k.col-master.col)
	case formula != "":
		e, err := parseFormula(formula)
		if err != nil {
			return val{}, refuse("%s: %v", k.name(c.cur.sheet), err)
		}
		saved, savedArray := c.cur, c.array
		c.cur, c.array = k, false
		v, err = c.scalar(e)
		c.cur, c.array = saved, savedArray
		if err != nil {
			return val{}, err
		}
	default:
		// A value is read again when wanted again: memo holds formulas
		// only, not every cell of the ranges read.
		return c.stored(k.sheet, name)
	}
	if v.kind == vEmpty {
		v = number(0)
	}
	c.memo[k] = v
	return v, nil
}

// stored is the value a cell without a formula holds.
func (c *calc) stored(sheet, name string) (val, error) {
	f := c.g.f
	raw, err := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
	if err != nil {
		return val{}, refuse("%s: %v", cellRef(sheet, name), err)
	}
	t, _ := f.GetCellType(sheet, name)
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return text(raw), nil
	case excelize.CellTypeBool:
		// LibreOffice holds a logical as the number 1 or 0: SUM counts
		// it, & writes 1; Excel passes it over and writes TRUE.
		return val{}, refuse("%s holds a logical value, which Excel and LibreOffice compute with differently", cellRef(sheet, name))
	case excelize.CellTypeError:
		return excelErr(raw), nil
	case excelize.CellTypeDate:
		return val{}, refuse("%s is a date cell, which spbe does not compute with", cellRef(sheet, name))
	}
	if raw == "" {
		return val{}, nil
	}
	x, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return val{}, refuse("%s holds %q, not a number", cellRef(sheet, name), raw)
	}
	return number(x), nil
}

// arrayResult computes the array formula whose first cell is master.
func (c *calc) arrayResult(master cellKey) (*vgrid, error) {
	if a, ok := c.arrays[master]; ok {
		return a, nil
	}
	name, _ := excelize.CoordinatesToCellName(master.col, master.row)
	formula, _ := c.g.f.GetCellFormula(master.sheet, name)
	e, err := parseFormula(formula)
	if err != nil {
		return nil, refuse("%s: %v", master.name(c.cur.sheet), err)
	}
	saved, savedArray := c.cur, c.array
	c.cur, c.array = master, true
	v, err := c.eval(e)
	c.cur, c.array = saved, savedArray
	if err != nil {
		return nil, err
	}
	a := v.vgrid
	if v.kind != vGrid {
		a = &vgrid{rows: 1, cols: 1, sr: 1, sc: 1, cells: []val{v}}
	}
	c.arrays[master] = a
	return a, nil
}

// pick is the value of an array formula's result in the cell (i, j) of
// its range, as Excel spreads it: a single row or column is repeated,
// and a cell past the result is #N/A.
func pick(a *vgrid, i, j int) val {
	if a.rows == 1 {
		i = 0
	}
	if a.cols == 1 {
		j = 0
	}
	if i >= a.rows || j >= a.cols {
		return excelErr("#N/A")
	}
	return a.at(i, j)
}

// scalar evaluates e where one value is wanted: a one-cell range is its
// cell; a larger one is refused outside an array formula (Excel would
// take the cell in the formula's row or column, or spill the range).
func (c *calc) scalar(e expr) (val, error) {
	v, err := c.eval(e)
	if err != nil {
		return val{}, err
	}
	return c.one(v)
}

func (c *calc) one(v val) (val, error) {
	if v.kind != vGrid {
		return v, nil
	}
	if v.vgrid.rows == 1 && v.vgrid.cols == 1 {
		return v.vgrid.at(0, 0), nil
	}
	if c.array {
		return v, nil
	}
	return val{}, refuse("%s uses a range where one value is wanted, which Excel reads by the formula's position", c.cur.name(c.cur.sheet))
}

// eval evaluates an expression.
func (c *calc) eval(e expr) (val, error) {
	switch e := e.(type) {
	case numLit:
		return number(float64(e)), nil
	case textLit:
		return text(string(e)), nil
	case boolLit:
		return boolean(bool(e)), nil
	case errLit:
		return excelErr(string(e)), nil
	case refExpr:
		return c.ref(string(e))
	case arrayLit:
		return c.arrayConst(e)
	case unaryOp:
		return c.elementwise1(e.x, func(x val) (val, error) {
			n, err := c.toNumber(x)
			if err != nil || n.kind == vErr {
				return n, err
			}
			return number(-n.num), nil
		})
	case percent:
		return c.elementwise1(e.x, func(x val) (val, error) {
			n, err := c.toNumber(x)
			if err != nil || n.kind == vErr {
				return n, err
			}
			return number(n.num / 100), nil
		})
	case binaryOp:
		return c.binary(e)
	case call:
		return c.call(e)
	}
	return val{}, refuse("cannot compute %T", e)
}

// ref is the value of a reference: its cells, up to the last cell of the
// sheet (past it, every cell is empty).
func (c *calc) ref(ref string) (val, error) {
	sheet, area := c.cur.sheet, ref
	if i := strings.LastIndexByte(ref, '!'); i >= 0 {
		sheet, area = strings.Trim(ref[:i], "'"), ref[i+1:]
	}
	r1, c1, r2, c2, ok := parseArea(area)
	if !ok {
		target, err := c.g.definedName(sheet, ref)
		if err != nil {
			return val{}, refuse("%v", err)
		}
		return c.ref(target)
	}
	sf := c.g.facts[sheet]
	if sf == nil {
		return val{}, refuse("%s refers to a sheet the workbook does not have", ref)
	}
	g := &vgrid{rows: r2 - r1 + 1, cols: c2 - c1 + 1, ref: true, row: r1, col: c1}
	g.sr, g.sc = max(0, min(r2, sf.maxRow)-r1+1), max(0, min(c2, sf.maxCol)-c1+1)
	g.cells = make([]val, 0, g.sr*g.sc)
	for r := r1; r < r1+g.sr; r++ {
		for col := c1; col < c1+g.sc; col++ {
			v, err := c.cell(cellKey{sheet, r, col})
			if err != nil {
				return val{}, err
			}
			g.cells = append(g.cells, v)
		}
	}
	return val{kind: vGrid, vgrid: g}, nil
}

func (c *calc) arrayConst(a arrayLit) (val, error) {
	g := &vgrid{rows: len(a.rows)}
	for _, row := range a.rows {
		if g.cols == 0 {
			g.cols = len(row)
		}
		if len(row) != g.cols {
			return val{}, refuse("an array constant with rows of different lengths")
		}
		for _, x := range row {
			v, err := c.eval(x)
			if err != nil {
				return val{}, err
			}
			g.cells = append(g.cells, v)
		}
	}
	g.sr, g.sc = g.rows, g.cols
	return val{kind: vGrid, vgrid: g}, nil
}

// elementwise1 applies op to a value, or to each element of an array in
// an array formula.
func (c *calc) elementwise1(x expr, op func(val) (val, error)) (val, error) {
	v, err := c.scalar(x)
	if err != nil {
		return val{}, err
	}
	if v.kind != vGrid {
		return op(v)
	}
	g := &vgrid{rows: v.vgrid.rows, cols: v.vgrid.cols, sr: v.vgrid.rows, sc: v.vgrid.cols}
	for i := 0; i < g.rows; i++ {
		for j := 0; j < g.cols; j++ {
			r, err := op(v.vgrid.at(i, j))
			if err != nil {
				return val{}, err
			}
			g.cells = append(g.cells, r)
		}
	}
	return val{kind: vGrid, vgrid: g}, nil
}

// binary applies an infix operator, element by element in an array
// formula (a single row or column is repeated; past the smaller array,
// #N/A).
func (c *calc) binary(e binaryOp) (val, error) {
	l, err := c.scalar(e.l)
	if err != nil {
		return val{}, err
	}
	r, err := c.scalar(e.r)
	if err != nil {
		return val{}, err
	}
	if l.kind != vGrid && r.kind != vGrid {
		return c.apply(e.op, l, r)
	}
	lg, rg := asGrid(l), asGrid(r)
	g := &vgrid{rows: max(lg.rows, rg.rows), cols: max(lg.cols, rg.cols)}
	g.sr, g.sc = g.rows, g.cols
	if g.rows*g.cols > maxArrayCells {
		return val{}, refuse("an array of more than %d cells", maxArrayCells)
	}
	for i := 0; i < g.rows; i++ {
		for j := 0; j < g.cols; j++ {
			v, err := c.apply(e.op, pick(lg, i, j), pick(rg, i, j))
			if err != nil {
				return val{}, err
			}
			g.cells = append(g.cells, v)
		}
	}
	return val{kind: vGrid, vgrid: g}, nil
}

func asGrid(v val) *vgrid {
	if v.kind == vGrid {
		return v.vgrid
	}
	return &vgrid{rows: 1, cols: 1, sr: 1, sc: 1, cells: []val{v}}
}

// apply applies an infix operator to two values.
func (c *calc) apply(op string, l, r val) (val, error) {
	if l.kind == vErr {
		return l, nil
	}
	if r.kind == vErr {
		return r, nil
	}
	switch op {
	case "&":
		a, err := c.toText(l)
		if err != nil {
			return val{}, err
		}
		b, err := c.toText(r)
		if err != nil {
			return val{}, err
		}
		if len(a)+len(b) > maxFormulaText {
			return val{}, refuse("a text of more than %d bytes", maxFormulaText)
		}
		return text(a + b), nil
	case "=", "<>", "<", ">", "<=", ">=":
		return c.compare(op, l, r)
	}
	a, err := c.toNumber(l)
	if err != nil || a.kind == vErr {
		return a, err
	}
	b, err := c.toNumber(r)
	if err != nil || b.kind == vErr {
		return b, err
	}
	x, y := a.num, b.num
	var z float64
	switch op {
	case "+":
		z = approxAdd(x, y)
	case "-":
		z = approxAdd(x, -y)
	case "*":
		z = x * y
	case "/":
		if y == 0 {
			return excelErr("#DIV/0!"), nil
		}
		z = x / y
	case "^":
		if x == 0 && y == 0 {
			return val{}, refuse("%s computes 0^0, which is #NUM! in Excel and 1 in LibreOffice", c.cur.name(c.cur.sheet))
		}
		z = math.Pow(x, y)
	}
	if math.IsInf(z, 0) || math.IsNaN(z) {
		return excelErr("#NUM!"), nil
	}
	return number(z), nil
}

// approxAdd adds as Excel and LibreOffice do: a sum that cancels to
// within the last bits of its terms is 0 (0,1+0,2-0,3 is 0).
func approxAdd(x, y float64) float64 {
	z := x + y
	if (x < 0) != (y < 0) && math.Abs(z) < math.Abs(x)*0x1p-47 {
		return 0
	}
	return z
}

// toNumber converts a value for arithmetic, as Excel does: empty is 0, a
// logical 1 or 0, a text that is a plain number that number; a text with
// no digit is #VALUE!, and any other text (a date, a percentage, "2,5")
// is refused: Excel reads it by the computer's locale.
func (c *calc) toNumber(v val) (val, error) {
	switch v.kind {
	case vNum, vEmpty, vBool:
		return number(v.num), nil
	case vErr:
		return v, nil
	case vText:
		if x, ok := plainNumber(v.str); ok {
			return number(x), nil
		}
		if !strings.ContainsAny(v.str, "0123456789") {
			return excelErr("#VALUE!"), nil
		}
		return val{}, refuse("%s reads the text %q as a number, which Excel does by the computer's locale", c.cur.name(c.cur.sheet), v.str)
	}
	return val{}, refuse("%s uses a range where one value is wanted", c.cur.name(c.cur.sheet))
}

// plainNumber reads a text that is a number in any locale: digits, at
// most one point, a sign, an exponent; spaces around.
func plainNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, ",_xXpPiInN") {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

// toText converts a value for &, as Excel does.
func (c *calc) toText(v val) (string, error) {
	switch v.kind {
	case vEmpty:
		return "", nil
	case vNum:
		return formatNumber(v.num), nil
	case vText:
		return v.str, nil
	case vBool:
		return "", refuse("%s joins a logical value as text: TRUE in Excel, 1 in LibreOffice", c.cur.name(c.cur.sheet))
	}
	return "", refuse("%s joins a range as text", c.cur.name(c.cur.sheet))
}

// compare compares two values as Excel does: an empty cell is 0, "" or
// FALSE beside the other side; numbers come before texts, texts before
// logicals; texts compare ignoring case. Texts compared by order are
// refused: Excel orders them by the computer's collation.
func (c *calc) compare(op string, l, r val) (val, error) {
	if l.kind == vEmpty {
		l = emptyLike(r)
	}
	if r.kind == vEmpty {
		r = emptyLike(l)
	}
	var cmp int
	switch {
	case l.kind != r.kind:
		cmp = rank(l.kind) - rank(r.kind)
	case l.kind == vText:
		if op != "=" && op != "<>" && !strings.EqualFold(l.str, r.str) {
			return val{}, refuse("%s compares the texts %q and %q by order, which Excel does by the computer's collation",
				c.cur.name(c.cur.sheet), l.str, r.str)
		}
		if !strings.EqualFold(l.str, r.str) {
			cmp = 1
		}
	default:
		switch {
		case approxEqual(l.num, r.num):
		case l.num < r.num:
			cmp = -1
		default:
			cmp = 1
		}
	}
	switch op {
	case "=":
		return boolean(cmp == 0), nil
	case "<>":
		return boolean(cmp != 0), nil
	case "<":
		return boolean(cmp < 0), nil
	case ">":
		return boolean(cmp > 0), nil
	case "<=":
		return boolean(cmp <= 0), nil
	}
	return boolean(cmp >= 0), nil
}

func emptyLike(v val) val {
	switch v.kind {
	case vText:
		return text("")
	case vBool:
		return boolean(false)
	}
	return number(0)
}

func rank(k kind) int {
	switch k {
	case vNum:
		return 0
	case vText:
		return 1
	}
	return 2
}

// approxEqual is equality to within the last bits, as Excel compares
// (0,1+0,2 = 0,3 is TRUE).
func approxEqual(x, y float64) bool {
	if x == y {
		return true
	}
	return math.Abs(x-y) <= math.Max(math.Abs(x), math.Abs(y))*0x1p-48
}
