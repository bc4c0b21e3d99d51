package index

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Value is an exact index: the fraction Num/Den of two integers, as a
// weighted sum of levels divided by a sum of weights. Den is positive.
// The rubric's limits keep both within an int64 and their products with
// 10^precision within 128 bits.
type Value struct {
	Num, Den int64
}

// unit is the number of units in 1 of a rubric.Decimal.
var unit = rubric.NewDecimal(1).Units()

// ratio returns the exact Value a/b for Decimal-scaled a (level x weight
// products, in units²) and b (weights, in units).
func ratio(num, weightUnits int64) Value {
	return Value{Num: num, Den: weightUnits * unit}
}

// Round returns v rounded half-up (half away from zero) to places decimals,
// as an exact Decimal. places is at most rubric.DecimalPlaces.
func (v Value) Round(places int) rubric.Decimal {
	if v.Den == 0 {
		return 0
	}
	scale := uint64(unit) // result in Decimal units: multiply by 10^6 then round to places
	step := uint64(1)
	for i := places; i < rubric.DecimalPlaces; i++ {
		step *= 10
	}
	neg := v.Num < 0
	n := uint64(v.Num)
	if neg {
		n = uint64(-v.Num)
	}
	// q = round(n * 10^places / den), computed in 128 bits.
	mul := scale / step
	hi, lo := bits.Mul64(n, 2*mul)
	lo, carry := bits.Add64(lo, uint64(v.Den), 0)
	hi += carry
	q, _ := bits.Div64(hi, lo, 2*uint64(v.Den))
	d := int64(q * step)
	if neg {
		d = -d
	}
	return rubric.Decimal(d)
}

// Cmp compares v with d: -1 when v < d, 0 when equal, +1 when v > d.
func (v Value) Cmp(d rubric.Decimal) int {
	// compare Num * unit with d * Den in 128 bits, signs first.
	a := mulSigned(v.Num, unit)
	b := mulSigned(d.Units(), v.Den)
	return a.cmp(b)
}

// Compare compares two values exactly: -1 when v < w, 0 when equal, +1
// when v > w.
func (v Value) Compare(w Value) int {
	return mulSigned(v.Num, w.Den).cmp(mulSigned(w.Num, v.Den))
}

type i128 struct {
	neg    bool
	hi, lo uint64
}

func mulSigned(x, y int64) i128 {
	neg := (x < 0) != (y < 0)
	ux, uy := uint64(x), uint64(y)
	if x < 0 {
		ux = uint64(-x)
	}
	if y < 0 {
		uy = uint64(-y)
	}
	hi, lo := bits.Mul64(ux, uy)
	if hi == 0 && lo == 0 {
		neg = false
	}
	return i128{neg, hi, lo}
}

func (a i128) cmp(b i128) int {
	if a.neg != b.neg {
		if a.neg {
			return -1
		}
		return 1
	}
	c := 0
	switch {
	case a.hi != b.hi:
		c = cmpU(a.hi, b.hi)
	default:
		c = cmpU(a.lo, b.lo)
	}
	if a.neg {
		return -c
	}
	return c
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Float64 returns v as a float64, for charts only.
func (v Value) Float64() float64 {
	if v.Den == 0 {
		return 0
	}
	return float64(v.Num) / float64(v.Den)
}

// Exact writes v in full as a decimal ("2.9475"). A fraction whose
// expansion does not end within 12 decimals is cut there and marked with
// "...".
func (v Value) Exact() string {
	if v.Den == 0 {
		return "0"
	}
	n, d := v.Num, v.Den
	var sb strings.Builder
	if n < 0 {
		sb.WriteByte('-')
		n = -n
	}
	sb.WriteString(strconv.FormatInt(n/d, 10))
	r := n % d
	if r == 0 {
		return sb.String()
	}
	sb.WriteByte('.')
	for i := 0; i < 12 && r != 0; i++ {
		hi, lo := bits.Mul64(uint64(r), 10)
		q, rem := bits.Div64(hi, lo, uint64(d))
		sb.WriteByte(byte('0' + q))
		r = int64(rem)
	}
	if r != 0 {
		sb.WriteString("...")
	}
	return sb.String()
}
