package workbook

import (
	"errors"
	"github.com/spbe-id/spbe/internal/msg"
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
// Its message is of the catalog (internal/msg).
type refusal struct{ m msg.Message }

func (r *refusal) Error() string { return r.m.String() }

// Message is the refusal's message, in the language of messages (msg.Text).
func (r *refusal) Message() msg.Message { return r.m }

func refuse(format string, args ...any) error { return &refusal{msg.New(format, args...)} }

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
