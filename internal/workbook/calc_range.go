package workbook

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// The functions of formulas over ranges: conditions (COUNTIF, SUMIF),
// lookups and positions (see calc_func.go).

// criterion is the condition of COUNTIF and SUMIF: "1", 1, ">=3", "Ya".
type criterion struct {
	op       string
	fromText bool // the condition is a text ("1", not 1)
	num      float64
	isN      bool
	txt      string
}

// countBlank counts the empty cells of a reference, and those holding an
// empty text.
func countBlank(c *calc, args []expr) (val, error) {
	if err := c.arity("COUNTBLANK", args, 1, 1); err != nil {
		return val{}, err
	}
	g, err := c.reference("COUNTBLANK", args[0])
	if err != nil {
		return val{}, err
	}
	n := g.rows*g.cols - len(g.cells)
	for _, x := range g.cells {
		if x.kind == vEmpty || x.kind == vText && x.str == "" {
			n++
		}
	}
	return number(float64(n)), nil
}

// reference evaluates an argument that must be a reference.
func (c *calc) reference(name string, a expr) (*vgrid, error) {
	v, err := c.eval(a)
	if err != nil {
		return nil, err
	}
	if v.kind != vGrid || !v.vgrid.ref {
		return nil, c.refuseArg(name, "on a value that is not a range")
	}
	return v.vgrid, nil
}

// parseCriterion reads a condition. Refused: wildcards (* ? ~), texts
// compared by order, an empty condition.
func (c *calc) parseCriterion(name string, v val) (criterion, error) {
	switch v.kind {
	case vNum:
		return criterion{op: "=", num: v.num, isN: true}, nil
	case vText:
	default:
		return criterion{}, c.refuseArg(name, "with a condition that is not a number or a text")
	}
	s, op := v.str, "="
	for _, p := range []string{"<=", ">=", "<>", "=", "<", ">"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, op = rest, p
			break
		}
	}
	if x, ok := plainNumber(s); ok {
		return criterion{op: op, num: x, isN: true, fromText: true}, nil
	}
	switch {
	case s == "":
		return criterion{}, c.refuseArg(name, "with an empty condition")
	case strings.ContainsAny(s, "*?~"):
		return criterion{}, c.refuseArg(name, "with a wildcard condition")
	case op != "=" && op != "<>":
		return criterion{}, c.refuseArg(name, "comparing texts by order")
	case strings.ContainsAny(s, "0123456789"):
		return criterion{}, c.refuseArg(name, "with a condition Excel may read as a date or a number by the locale")
	}
	return criterion{op: op, txt: s}, nil
}

// match reports whether a cell meets the criterion: a number condition
// meets numbers, and texts that are plain numbers (Excel counts the text
// "1" for the condition "1"); a text condition meets texts, ignoring
// case. "<>" meets everything else, empty cells included.
func (c *calc) match(k criterion, v val) (bool, error) {
	if k.isN {
		x, ok := 0.0, false
		switch v.kind {
		case vNum:
			x, ok = v.num, true
		case vText:
			x, ok = plainNumber(v.str)
			if ok && (k.op != "=" && k.op != "<>" || !k.fromText) {
				// LibreOffice counts the text "1" for the condition "1"
				// (as Excel does), not for the number 1 nor for ">0".
				return false, refuse("%s compares the text %q with a number in a condition", c.cur.name(c.cur.sheet), v.str)
			}
		case vBool:
			return false, refuse("%s compares the logical value %s with a number in a condition", c.cur.name(c.cur.sheet), strings.ToUpper(strconv.FormatBool(v.num != 0)))
		}
		if !ok {
			return k.op == "<>", nil
		}
		switch k.op {
		case "=":
			return approxEqual(x, k.num), nil
		case "<>":
			return !approxEqual(x, k.num), nil
		case "<":
			return x < k.num && !approxEqual(x, k.num), nil
		case ">":
			return x > k.num && !approxEqual(x, k.num), nil
		case "<=":
			return x < k.num || approxEqual(x, k.num), nil
		}
		return x > k.num || approxEqual(x, k.num), nil
	}
	eq := v.kind == vText && strings.EqualFold(v.str, k.txt)
	return eq == (k.op == "="), nil
}

func countIf(c *calc, args []expr) (val, error) {
	if err := c.arity("COUNTIF", args, 2, 2); err != nil {
		return val{}, err
	}
	g, err := c.reference("COUNTIF", args[0])
	if err != nil {
		return val{}, err
	}
	cv, err := c.scalar(args[1])
	if err != nil {
		return val{}, err
	}
	k, err := c.parseCriterion("COUNTIF", cv)
	if err != nil {
		return val{}, err
	}
	n := 0
	for _, x := range g.cells {
		ok, err := c.match(k, x)
		if err != nil {
			return val{}, err
		}
		if ok {
			n++
		}
	}
	if empty := g.rows*g.cols - len(g.cells); empty > 0 {
		if ok, _ := c.match(k, val{}); ok {
			n += empty
		}
	}
	return number(float64(n)), nil
}

func sumIf(c *calc, args []expr) (val, error) {
	if err := c.arity("SUMIF", args, 2, 3); err != nil {
		return val{}, err
	}
	g, err := c.reference("SUMIF", args[0])
	if err != nil {
		return val{}, err
	}
	sum := g
	if len(args) == 3 {
		if sum, err = c.reference("SUMIF", args[2]); err != nil {
			return val{}, err
		}
		if sum.rows != g.rows || sum.cols != g.cols {
			return val{}, c.refuseArg("SUMIF", "with ranges of different sizes")
		}
	}
	cv, err := c.scalar(args[1])
	if err != nil {
		return val{}, err
	}
	k, err := c.parseCriterion("SUMIF", cv)
	if err != nil {
		return val{}, err
	}
	s := 0.0
	for i := 0; i < g.sr; i++ {
		for j := 0; j < g.sc; j++ {
			ok, err := c.match(k, g.at(i, j))
			if err != nil {
				return val{}, err
			}
			if !ok {
				continue
			}
			switch x := sum.at(i, j); x.kind {
			case vErr:
				return x, nil
			case vNum:
				s = approxAdd(s, x.num)
			}
		}
	}
	return number(s), nil
}

// vlookup is VLOOKUP with an exact match (its fourth argument FALSE or
// 0): the first row whose first cell equals the value (numbers as
// numbers, texts ignoring case; a text never equals a number). The
// approximate match, and wildcards, are refused.
func vlookup(c *calc, args []expr) (val, error) {
	if err := c.arity("VLOOKUP", args, 4, 4); err != nil {
		if len(args) == 3 {
			return val{}, c.refuseArg("VLOOKUP", "without FALSE as its fourth argument (an approximate match)")
		}
		return val{}, err
	}
	exact, err := c.scalar(args[3])
	if err != nil {
		return val{}, err
	}
	if (exact.kind != vBool && exact.kind != vNum) || exact.num != 0 {
		return val{}, c.refuseArg("VLOOKUP", "without FALSE as its fourth argument (an approximate match)")
	}
	x, err := c.scalar(args[0])
	if err != nil || x.kind == vErr {
		return x, err
	}
	switch {
	case x.kind == vText && strings.ContainsAny(x.str, "*?~"):
		return val{}, c.refuseArg("VLOOKUP", "with a wildcard")
	case x.kind != vText && x.kind != vNum:
		return val{}, c.refuseArg("VLOOKUP", "looking up an empty or logical value")
	}
	v, err := c.eval(args[1])
	if err != nil {
		return val{}, err
	}
	if v.kind != vGrid {
		return val{}, c.refuseArg("VLOOKUP", "on a value that is not a range")
	}
	g := v.vgrid
	col, err := c.number1(args[2])
	if err != nil || col.kind == vErr {
		return col, err
	}
	n := int(math.Trunc(col.num))
	switch {
	case n < 1:
		return excelErr("#VALUE!"), nil
	case n > g.cols:
		return val{}, c.refuseArg("VLOOKUP", "with a column past the range (#REF! in Excel, #VALUE! in LibreOffice)")
	}
	for i := 0; i < g.sr; i++ {
		k := g.at(i, 0)
		if k.kind == x.kind && (k.kind == vNum && approxEqual(k.num, x.num) || k.kind == vText && strings.EqualFold(k.str, x.str)) {
			return g.at(i, n-1), nil
		}
	}
	return excelErr("#N/A"), nil
}

// position is ROW and COLUMN: of the cell computed, or of the first cell
// of a reference.
func position(name string, of func(cellKey) int, ofRef func(*vgrid) int) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 0, 1); err != nil {
			return val{}, err
		}
		if len(args) == 0 {
			return number(float64(of(c.cur))), nil
		}
		g, err := c.reference(name, args[0])
		if err != nil {
			return val{}, err
		}
		if g.rows != 1 && name == "ROW" || g.cols != 1 && name == "COLUMN" {
			return val{}, c.refuseArg(name, "on a range of several")
		}
		return number(float64(ofRef(g))), nil
	}
}

// lenFn is LEN: the length of a text in UTF-16 units, as Excel counts it
// (an emoji is 2).
func lenFn(c *calc, args []expr) (val, error) {
	if err := c.arity("LEN", args, 1, 1); err != nil {
		return val{}, err
	}
	v, err := c.scalar(args[0])
	if err != nil || v.kind == vErr {
		return v, err
	}
	s, err := c.toText(v)
	if err != nil {
		return val{}, err
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return number(float64(n)), nil
}
