package workbook

import (
	"fmt"
	"strconv"

	"github.com/xuri/efp"
)

// The formulas spbe computes are parsed into expressions and evaluated
// here (calc.go, calc_func.go), with Excel's rules for the functions and
// operators spbe knows; anything else is refused, naming the cell and
// the function, never computed with other rules.

// expr is a parsed formula.
type expr interface{}

type (
	numLit   float64
	textLit  string
	boolLit  bool
	errLit   string
	refExpr  string // a reference as the formula writes it: A1, 'S'!A1:B2, a defined name
	unaryOp  struct{ x expr }
	percent  struct{ x expr }
	binaryOp struct {
		op   string
		l, r expr
	}
	call struct {
		name string
		args []expr // nil for an empty argument: IF(A1,,2)
	}
	arrayLit struct{ rows [][]expr }
)

// precedence of infix operators, Excel's: comparison, &, + -, * /, ^.
var precedence = map[string]int{"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5}

// parser reads efp's tokens of one formula.
type parser struct {
	toks []efp.Token
	i    int
}

// parseFormula parses a formula (without its leading =).
func parseFormula(formula string) (expr, error) {
	ps := efp.ExcelParser()
	var toks []efp.Token
	for _, t := range ps.Parse(formula) {
		if t.TType != efp.TokenTypeWhitespace {
			toks = append(toks, t)
		}
	}
	p := &parser{toks: toks}
	e, err := p.expr(1)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		return nil, fmt.Errorf("cannot read the formula at %q", p.toks[p.i].TValue)
	}
	return e, nil
}

func (p *parser) peek() *efp.Token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

// expr reads operators of at least precedence min, left to right.
func (p *parser) expr(min int) (expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t == nil || t.TType != efp.TokenTypeOperatorInfix {
			return l, nil
		}
		prec, ok := precedence[t.TValue]
		if !ok {
			return nil, fmt.Errorf("the operator %q, which spbe does not compute", t.TValue)
		}
		if prec < min {
			return l, nil
		}
		p.i++
		r, err := p.expr(prec + 1)
		if err != nil {
			return nil, err
		}
		l = binaryOp{t.TValue, l, r}
	}
}

// unary reads a prefix sign (which binds tighter than ^ in Excel: -2^2
// is 4), a primary and its % signs.
func (p *parser) unary() (expr, error) {
	t := p.peek()
	if t != nil && t.TType == efp.TokenTypeOperatorPrefix {
		p.i++
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		if t.TValue == "-" {
			return unaryOp{x}, nil
		}
		return binaryOp{"+", numLit(0), x}, nil // +x is x, as a number
	}
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for t := p.peek(); t != nil && t.TType == efp.TokenTypeOperatorPostfix; t = p.peek() {
		p.i++
		x = percent{x}
	}
	return x, nil
}

func (p *parser) primary() (expr, error) {
	t := p.peek()
	if t == nil {
		return nil, fmt.Errorf("the formula ends too early")
	}
	p.i++
	switch {
	case t.TType == efp.TokenTypeOperand:
		switch t.TSubType {
		case efp.TokenSubTypeNumber:
			v, err := strconv.ParseFloat(t.TValue, 64)
			if err != nil {
				return nil, fmt.Errorf("cannot read the number %q", t.TValue)
			}
			return numLit(v), nil
		case efp.TokenSubTypeText:
			return textLit(t.TValue), nil
		case efp.TokenSubTypeLogical:
			return boolLit(t.TValue == "TRUE"), nil
		case efp.TokenSubTypeError:
			return errLit(t.TValue), nil
		case efp.TokenSubTypeRange:
			return refExpr(t.TValue), nil
		}
	case t.TType == efp.TokenTypeSubexpression && t.TSubType == efp.TokenSubTypeStart:
		x, err := p.expr(1)
		if err != nil {
			return nil, err
		}
		if s := p.peek(); s == nil || s.TType != efp.TokenTypeSubexpression || s.TSubType != efp.TokenSubTypeStop {
			return nil, fmt.Errorf("a parenthesis is not closed")
		}
		p.i++
		return x, nil
	case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStart:
		name := formulaFunction(t.TValue)
		args, err := p.args()
		if err != nil {
			return nil, err
		}
		if name == "ARRAY" {
			a := arrayLit{}
			for _, row := range args {
				c, ok := row.(call)
				if !ok || c.name != "ARRAYROW" {
					return nil, fmt.Errorf("cannot read an array constant")
				}
				a.rows = append(a.rows, c.args)
			}
			return a, nil
		}
		return call{name, args}, nil
	}
	return nil, fmt.Errorf("cannot read the formula at %q", t.TValue)
}

// args reads the arguments of a function up to its closing parenthesis.
func (p *parser) args() ([]expr, error) {
	var args []expr
	if t := p.peek(); t != nil && t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStop {
		p.i++
		return nil, nil
	}
	for {
		var a expr
		if t := p.peek(); t != nil && (t.TType == efp.TokenTypeArgument || t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStop) {
			a = nil // an empty argument
		} else {
			x, err := p.expr(1)
			if err != nil {
				return nil, err
			}
			a = x
		}
		args = append(args, a)
		t := p.peek()
		switch {
		case t == nil:
			return nil, fmt.Errorf("a function is not closed")
		case t.TType == efp.TokenTypeArgument:
			p.i++
		case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStop:
			p.i++
			return args, nil
		default:
			return nil, fmt.Errorf("cannot read the formula at %q", t.TValue)
		}
	}
}
