package workbook

import (
	"github.com/spbe-id/spbe/internal/msg"
	"math"
	"slices"
	"strconv"
)

// function computes a call of one function.
type function func(c *calc, args []expr) (val, error)

// functions are the functions spbe computes, with Excel's rules; each is
// tested against LibreOffice's recalculation (TestCalcLibreOffice). A
// case where Excel's rule depends on the computer (a text read as a
// number by the locale, texts ordered by the collation) or that spbe does
// not implement is refused, naming the cell and the function.
var functions map[string]function

// computedFunctions are the functions spbe computes, sorted.
var computedFunctions []string

// functionRules says how each function is computed and what is refused,
// for docs/formulas.md (TestFormulaDocs keeps it there).
var functionRules = map[string]string{
	"SUM":        "numbers of ranges and arrays (texts, empty cells passed over), numbers given directly; refused: a text or logical given directly",
	"AVERAGE":    "as SUM, divided by the count of numbers; none: #DIV/0!",
	"MIN":        "as SUM; none: 0",
	"MAX":        "as SUM; none: 0",
	"COUNT":      "numbers of ranges, arrays and arguments",
	"COUNTA":     "cells and values that are not empty; refused: an empty text",
	"COUNTBLANK": "empty cells and empty texts of a range, the whole range counted",
	"COUNTIF":    "a number or a text condition, with = <> < > <= >=; `\"1\"` counts the number 1 and the text \"1\"; refused: wildcards, texts by order, a number-like text beside a number condition",
	"SUMIF":      "as COUNTIF, summing the numbers of the sum range (same size)",
	"ROUND":      "half away from zero, on the number shown with 15 digits (ROUND(2.675;2) is 2,68)",
	"ROUNDUP":    "away from zero, as ROUND",
	"ROUNDDOWN":  "toward zero, as ROUND",
	"INT":        "down to a whole number",
	"ABS":        "the absolute value",
	"IF":         "only the branch taken is computed; an empty cell is FALSE; refused: a text condition",
	"IFERROR":    "the second value on an error",
	"AND":        "logicals and numbers of ranges and arguments; none: #VALUE!",
	"OR":         "as AND",
	"NOT":        "of a logical, a number or an empty cell",
	"TRUE":       "TRUE",
	"FALSE":      "FALSE",
	"NA":         "#N/A (refused as a level)",
	"ISBLANK":    "an empty cell; refused: an empty text",
	"ISNUMBER":   "a number",
	"ISTEXT":     "a text",
	"ISERROR":    "any error value",
	"ISNA":       "#N/A",
	"ROW":        "of the cell, or of a reference",
	"COLUMN":     "of the cell, or of a reference",
	"VLOOKUP":    "exact match only (FALSE or 0), texts ignoring case, a text never equals a number; refused: an approximate match, wildcards, a column past the range",
	"LEN":        "characters in UTF-16 units, as Excel counts them",
}

func init() {
	functions = map[string]function{
		"SUM": func(c *calc, a []expr) (val, error) {
			return c.aggregate("SUM", a, func(xs []float64) val {
				s := 0.0
				for _, x := range xs {
					s = approxAdd(s, x)
				}
				return number(s)
			})
		},
		"AVERAGE": func(c *calc, a []expr) (val, error) {
			return c.aggregate("AVERAGE", a, func(xs []float64) val {
				if len(xs) == 0 {
					return excelErr("#DIV/0!")
				}
				s := 0.0
				for _, x := range xs {
					s = approxAdd(s, x)
				}
				return number(s / float64(len(xs)))
			})
		},
		"MIN": func(c *calc, a []expr) (val, error) {
			return c.aggregate("MIN", a, func(xs []float64) val {
				if len(xs) == 0 {
					return number(0)
				}
				return number(slices.Min(xs))
			})
		},
		"MAX": func(c *calc, a []expr) (val, error) {
			return c.aggregate("MAX", a, func(xs []float64) val {
				if len(xs) == 0 {
					return number(0)
				}
				return number(slices.Max(xs))
			})
		},
		"COUNT":      countFn("COUNT", func(v val) bool { return v.kind == vNum }),
		"COUNTA":     countA,
		"COUNTBLANK": countBlank,
		"COUNTIF":    countIf,
		"SUMIF":      sumIf,
		"ROUND":      roundFn("ROUND", math.Round),
		"ROUNDUP":    roundFn("ROUNDUP", func(x float64) float64 { return math.Copysign(math.Ceil(math.Abs(x)), x) }),
		"ROUNDDOWN":  roundFn("ROUNDDOWN", math.Trunc),
		"INT":        numFn("INT", math.Floor),
		"ABS":        numFn("ABS", math.Abs),
		"IF":         ifFn,
		"IFERROR":    ifError,
		"AND":        logicFn("AND", func(all, any bool) bool { return all }),
		"OR":         logicFn("OR", func(all, any bool) bool { return any }),
		"NOT": func(c *calc, a []expr) (val, error) {
			if err := c.arity("NOT", a, 1, 1); err != nil {
				return val{}, err
			}
			v, err := c.scalar(a[0])
			if err != nil || v.kind == vErr {
				return v, err
			}
			b, err := c.toBool("NOT", v)
			if err != nil || b.kind == vErr {
				return b, err
			}
			return boolean(b.num == 0), nil
		},
		"TRUE":     constFn("TRUE", boolean(true)),
		"FALSE":    constFn("FALSE", boolean(false)),
		"NA":       constFn("NA", excelErr("#N/A")),
		"ISBLANK":  isBlank,
		"ISNUMBER": isFn("ISNUMBER", func(v val, _ bool) bool { return v.kind == vNum }),
		"ISTEXT":   isFn("ISTEXT", func(v val, _ bool) bool { return v.kind == vText }),
		"ISERROR":  isFn("ISERROR", func(v val, _ bool) bool { return v.kind == vErr }),
		"ISNA":     isFn("ISNA", func(v val, _ bool) bool { return v.kind == vErr && v.str == "#N/A" }),
		"ROW":      position("ROW", func(k cellKey) int { return k.row }, func(g *vgrid) int { return g.row }),
		"COLUMN":   position("COLUMN", func(k cellKey) int { return k.col }, func(g *vgrid) int { return g.col }),
		"VLOOKUP":  vlookup,
		"LEN":      lenFn,
	}
	for n := range functions {
		computedFunctions = append(computedFunctions, n)
	}
	slices.Sort(computedFunctions)
}

func (c *calc) call(e call) (val, error) {
	fn := functions[e.name]
	if fn == nil {
		return val{}, refuse("%s uses %s, which spbe does not compute", c.cur.name(c.cur.sheet), e.name)
	}
	for _, a := range e.args {
		if a == nil && e.name != "IF" {
			return val{}, refuse("%s gives %s an empty argument, which spbe does not compute", c.cur.name(c.cur.sheet), e.name)
		}
	}
	return fn(c, e.args)
}

func (c *calc) arity(name string, a []expr, lo, hi int) error {
	if len(a) < lo || len(a) > hi {
		return refuse("%s gives %s %d arguments", c.cur.name(c.cur.sheet), name, len(a))
	}
	return nil
}

func (c *calc) refuseArg(name, why string) error {
	return refuse("%s uses %s %s, which spbe does not compute", c.cur.name(c.cur.sheet), name, msg.Word(why))
}

// aggregate gathers the numbers of SUM, AVERAGE, MIN and MAX as Excel
// does: of a reference or an array, the numbers only (texts, logicals and
// empty cells are passed over; an error is the result); a number given
// directly. A text or a logical given directly is refused: Excel reads
// "4" as 4 there, by the locale.
func (c *calc) aggregate(name string, args []expr, f func([]float64) val) (val, error) {
	if err := c.arity(name, args, 1, 255); err != nil {
		return val{}, err
	}
	var xs []float64
	for _, a := range args {
		v, err := c.eval(a)
		if err != nil {
			return val{}, err
		}
		switch v.kind {
		case vGrid:
			g := v.vgrid
			for _, x := range g.cells {
				switch x.kind {
				case vErr:
					return x, nil
				case vNum:
					xs = append(xs, x.num)
				}
			}
		case vNum:
			xs = append(xs, v.num)
		case vErr:
			return v, nil
		case vEmpty:
			xs = append(xs, 0)
		default:
			return val{}, c.refuseArg(name, "with a text or a logical value given directly")
		}
	}
	return f(xs), nil
}

// countFn counts the cells of references and arrays, and the values
// given directly, that count says.
func countFn(name string, count func(val) bool) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 1, 255); err != nil {
			return val{}, err
		}
		n := 0
		for _, a := range args {
			v, err := c.eval(a)
			if err != nil {
				return val{}, err
			}
			if v.kind != vGrid {
				if v.kind == vText || v.kind == vBool {
					return val{}, c.refuseArg(name, "with a text or a logical value given directly")
				}
				if count(v) {
					n++
				}
				continue
			}
			for _, x := range v.vgrid.cells {
				if count(x) {
					n++
				}
			}
		}
		return number(float64(n)), nil
	}
}

// number1 evaluates one numeric argument.
func (c *calc) number1(a expr) (val, error) {
	v, err := c.scalar(a)
	if err != nil {
		return val{}, err
	}
	return c.toNumber(v)
}

func numFn(name string, f func(float64) float64) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 1, 1); err != nil {
			return val{}, err
		}
		x, err := c.number1(args[0])
		if err != nil || x.kind == vErr {
			return x, err
		}
		return number(f(x.num)), nil
	}
}

// roundFn rounds to a number of digits as Excel does: on the number as
// shown with 15 significant digits, so that ROUND(2,675;2) is 2,68 though
// the binary 2,675 is a little less.
func roundFn(name string, f func(float64) float64) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 2, 2); err != nil {
			return val{}, err
		}
		x, err := c.number1(args[0])
		if err != nil || x.kind == vErr {
			return x, err
		}
		d, err := c.number1(args[1])
		if err != nil || d.kind == vErr {
			return d, err
		}
		digits := math.Trunc(d.num)
		if math.Abs(digits) > 15 {
			return val{}, c.refuseArg(name, "to more than 15 digits")
		}
		p := math.Pow(10, digits)
		y, _ := strconv.ParseFloat(strconv.FormatFloat(x.num*p, 'g', 15, 64), 64)
		return number(f(y) / p), nil
	}
}

func (c *calc) toBool(name string, v val) (val, error) {
	switch v.kind {
	case vNum, vBool, vEmpty:
		return boolean(v.num != 0), nil
	case vErr:
		return v, nil
	}
	return val{}, c.refuseArg(name, "on a text")
}

// ifFn is IF(condition, then, else): only the branch taken is computed; a
// missing else is FALSE.
func ifFn(c *calc, args []expr) (val, error) {
	if err := c.arity("IF", args, 2, 3); err != nil {
		return val{}, err
	}
	if args[0] == nil {
		return val{}, c.refuseArg("IF", "with an empty condition")
	}
	cond, err := c.scalar(args[0])
	if err != nil {
		return val{}, err
	}
	if cond.kind == vGrid {
		return val{}, c.refuseArg("IF", "with a range as its condition")
	}
	b, err := c.toBool("IF", cond)
	if err != nil || b.kind == vErr {
		return b, err
	}
	branch := 1
	if b.num == 0 {
		branch = 2
	}
	if branch >= len(args) {
		return boolean(false), nil
	}
	if args[branch] == nil {
		return val{}, c.refuseArg("IF", "with an empty argument")
	}
	return c.eval(args[branch])
}

func ifError(c *calc, args []expr) (val, error) {
	if err := c.arity("IFERROR", args, 2, 2); err != nil {
		return val{}, err
	}
	v, err := c.scalar(args[0])
	if err != nil {
		return val{}, err
	}
	if v.kind == vGrid {
		return val{}, c.refuseArg("IFERROR", "on a range")
	}
	if v.kind == vErr {
		return c.scalar(args[1])
	}
	return v, nil
}

// logicFn is AND and OR: logicals and numbers count, texts and empty
// cells of a reference are passed over; none at all is #VALUE!.
func logicFn(name string, f func(all, any bool) bool) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 1, 255); err != nil {
			return val{}, err
		}
		all, some, n := true, false, 0
		add := func(v val) {
			n++
			all = all && v.num != 0
			some = some || v.num != 0
		}
		for _, a := range args {
			v, err := c.eval(a)
			if err != nil {
				return val{}, err
			}
			switch v.kind {
			case vErr:
				return v, nil
			case vGrid:
				for _, x := range v.vgrid.cells {
					switch x.kind {
					case vErr:
						return x, nil
					case vNum, vBool:
						add(x)
					}
				}
			case vNum, vBool:
				add(v)
			default:
				return val{}, c.refuseArg(name, "with a text or an empty value given directly")
			}
		}
		if n == 0 {
			return excelErr("#VALUE!"), nil
		}
		return boolean(f(all, some)), nil
	}
}

func constFn(name string, v val) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 0, 0); err != nil {
			return val{}, err
		}
		return v, nil
	}
}

// isFn is ISBLANK, ISNUMBER ...: of one cell or one value.
func isFn(name string, f func(v val, ref bool) bool) function {
	return func(c *calc, args []expr) (val, error) {
		if err := c.arity(name, args, 1, 1); err != nil {
			return val{}, err
		}
		v, err := c.eval(args[0])
		if err != nil {
			return val{}, err
		}
		ref := false
		if v.kind == vGrid {
			if v.vgrid.rows != 1 || v.vgrid.cols != 1 {
				return val{}, c.refuseArg(name, "on a range")
			}
			// A formula cell is never blank: its empty result was made 0.
			ref, v = v.vgrid.ref, v.vgrid.at(0, 0)
		}
		return boolean(f(v, ref)), nil
	}
}

// emptyText is the refusal of an empty text where Excel and LibreOffice
// differ: Excel counts it as a value, LibreOffice as an empty cell.
func (c *calc) emptyText(name string) error {
	return c.refuseArg(name, "on an empty text (a value for Excel, an empty cell for LibreOffice)")
}

// countA is COUNTA: the cells and values that are not empty.
func countA(c *calc, args []expr) (val, error) {
	var empty bool
	v, err := countFn("COUNTA", func(v val) bool {
		empty = empty || v.kind == vText && v.str == ""
		return v.kind != vEmpty
	})(c, args)
	if err == nil && empty {
		err = c.emptyText("COUNTA")
	}
	return v, err
}

// isBlank is ISBLANK: an empty cell.
func isBlank(c *calc, args []expr) (val, error) {
	var empty bool
	v, err := isFn("ISBLANK", func(v val, ref bool) bool {
		empty = v.kind == vText && v.str == ""
		return ref && v.kind == vEmpty
	})(c, args)
	if err == nil && empty {
		err = c.emptyText("ISBLANK")
	}
	return v, err
}
