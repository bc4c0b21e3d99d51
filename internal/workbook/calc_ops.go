package workbook

import (
	"math"
	"strconv"
	"strings"
)

// The operators of formulas, with Excel's rules (see calc.go).

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
