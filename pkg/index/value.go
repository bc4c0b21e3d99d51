package index

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Value is an exact rational number: an index, a contribution or a gain,
// kept as a fraction so that nothing is rounded before it is shown (see
// Round).
//
// The zero Value is 0. A Value is immutable and safe to copy and to share
// between goroutines. Build one with NewValue, ValueOf or RatValue; Compute
// builds them from a rubric. A Value holds any rational number: small
// fractions as two int64s, larger ones (finer levels or weights, sums past
// 64 bits) in math/big, so no arithmetic on a Value overflows.
//
// Two Values of the same number may differ in form (1/3 and 2/6), so
// compare them with Compare, not ==.
type Value struct {
	// num/den, with den > 0, or den == 0 and num == 0 for the zero Value;
	// unused when r is set.
	num, den int64
	// r, when not nil, is the value; it is never changed once set.
	r *big.Rat
}

// ErrZeroDenominator is returned by NewValue for a zero denominator.
var ErrZeroDenominator = errors.New("zero denominator")

// NewValue returns the exact Value num/den. den may be negative; it may not
// be zero.
func NewValue(num, den int64) (Value, error) {
	switch {
	case den == 0:
		return Value{}, fmt.Errorf("value %d/0: %w", num, ErrZeroDenominator)
	case den < 0 && (num == math.MinInt64 || den == math.MinInt64):
		return RatValue(big.NewRat(num, den)), nil
	case den < 0:
		num, den = -num, -den
	}
	return Value{num: num, den: den}, nil
}

// ValueOf returns the exact Value of d.
func ValueOf(d rubric.Decimal) Value { return Value{num: d.Units(), den: unit} }

// RatValue returns the exact Value of x; later changes to x do not change
// it. A nil x is 0.
func RatValue(x *big.Rat) Value {
	if x == nil {
		return Value{}
	}
	if n, d := x.Num(), x.Denom(); n.IsInt64() && d.IsInt64() {
		return Value{num: n.Int64(), den: d.Int64()}
	}
	return Value{r: new(big.Rat).Set(x)}
}

// Rat returns v as a new big.Rat, in lowest terms.
func (v Value) Rat() *big.Rat {
	if v.r != nil {
		return new(big.Rat).Set(v.r)
	}
	return big.NewRat(v.num, v.d())
}

// d returns the denominator of a small Value: 1 for the zero Value.
func (v Value) d() int64 {
	if v.den == 0 {
		return 1
	}
	return v.den
}

// unit is the number of units in 1 of a rubric.Decimal.
var unit = rubric.NewDecimal(1).Units()

// Sign returns -1, 0 or +1 as v is negative, zero or positive.
func (v Value) Sign() int {
	if v.r != nil {
		return v.r.Sign()
	}
	switch {
	case v.num < 0:
		return -1
	case v.num > 0:
		return 1
	}
	return 0
}

// Add returns v + w, exactly.
func (v Value) Add(w Value) Value {
	if v.r == nil && w.r == nil {
		if v.d() == w.d() {
			if s, ok := add64(v.num, w.num); ok {
				return Value{num: s, den: v.d()}
			}
		}
		return fromWide(mul64(v.num, w.d()).add(mul64(w.num, v.d())), mul64(v.d(), w.d()))
	}
	return RatValue(new(big.Rat).Add(v.Rat(), w.Rat()))
}

// Sub returns v - w, exactly.
func (v Value) Sub(w Value) Value { return v.Add(w.Neg()) }

// Neg returns -v.
func (v Value) Neg() Value {
	if v.r == nil && v.num != math.MinInt64 {
		return Value{num: -v.num, den: v.den}
	}
	return RatValue(new(big.Rat).Neg(v.Rat()))
}

// add64 returns a + b and whether it did not overflow.
func add64(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

// Round returns v rounded half-up (half away from zero) to places
// decimals, as an exact Decimal: 2.635 gives 2.64.
//
// Places must be from 0 to rubric.DecimalPlaces, the most a Decimal holds;
// Round panics on any other, as strings.Repeat does on a negative count: it
// is a programming error, never a property of an input, because a valid
// rubric's Precision is at most rubric.MaxPrecision and callers round to
// it or to it plus two. Exact or Rat give v in full. A Value beyond the
// range of a Decimal (about ±9.2 x 10^12; no index of a valid rubric comes
// near) gives the Decimal of that sign farthest from zero.
func (v Value) Round(places int) rubric.Decimal {
	if places < 0 || places > rubric.DecimalPlaces {
		panic(fmt.Sprintf("index: Value.Round(%d): places must be from 0 to %d", places, rubric.DecimalPlaces))
	}
	step := uint64(1) // 10^(DecimalPlaces-places): Decimal units per last place
	for i := places; i < rubric.DecimalPlaces; i++ {
		step *= 10
	}
	mul := uint64(unit) / step // 10^places
	if v.r == nil {
		neg := v.num < 0
		n := uint64(v.num)
		if neg {
			n = -n
		}
		den := uint64(v.d())
		// q = round(n x 10^places / den) = floor((2 n 10^places + den) / (2 den)),
		// in 128 bits; the quotient fits 64 bits when hi < 2 den.
		hi, lo := bits.Mul64(n, 2*mul)
		lo, carry := bits.Add64(lo, den, 0)
		hi += carry
		if hi < 2*den {
			q, _ := bits.Div64(hi, lo, 2*den)
			return decimalOf(neg, q, step)
		}
	}
	x := v.Rat()
	n := new(big.Int).Abs(x.Num())
	n.Mul(n, big.NewInt(int64(2*mul)))
	n.Add(n, x.Denom())
	q := n.Quo(n, new(big.Int).Lsh(x.Denom(), 1))
	if !q.IsUint64() {
		return decimalOf(x.Sign() < 0, math.MaxUint64, step)
	}
	return decimalOf(x.Sign() < 0, q.Uint64(), step)
}

// decimalOf returns the Decimal ±q x step, or the farthest from zero of
// that sign that is a multiple of step.
func decimalOf(neg bool, q, step uint64) rubric.Decimal {
	if lim := uint64(math.MaxInt64) / step; q > lim {
		q = lim
	}
	d := int64(q * step)
	if neg {
		d = -d
	}
	return rubric.Decimal(d)
}

// Cmp compares v with d: -1 when v < d, 0 when equal, +1 when v > d.
func (v Value) Cmp(d rubric.Decimal) int { return v.Compare(ValueOf(d)) }

// Compare compares two values exactly: -1 when v < w, 0 when equal, +1
// when v > w.
func (v Value) Compare(w Value) int {
	if v.r == nil && w.r == nil {
		// v.num x w.den against w.num x v.den, in 128 bits.
		return mul64(v.num, w.d()).cmp(mul64(w.num, v.d()))
	}
	return v.Rat().Cmp(w.Rat())
}

// Float64 returns the float64 nearest to v, for charts only.
func (v Value) Float64() float64 {
	if v.r != nil {
		f, _ := v.r.Float64()
		return f
	}
	return float64(v.num) / float64(v.d())
}

// String returns Exact.
func (v Value) String() string { return v.Exact() }

// Exact writes v in full as a decimal ("2.9475"). A fraction whose
// expansion does not end within 12 decimals is cut there and marked with
// "...".
func (v Value) Exact() string {
	var sb strings.Builder
	if v.Sign() < 0 {
		sb.WriteByte('-')
	}
	if v.r == nil {
		n, d := uint64(v.num), uint64(v.d())
		if v.num < 0 {
			n = -n
		}
		sb.WriteString(strconv.FormatUint(n/d, 10))
		r := n % d
		if r != 0 {
			sb.WriteByte('.')
		}
		for i := 0; i < 12 && r != 0; i++ {
			hi, lo := bits.Mul64(r, 10)
			var q uint64
			q, r = bits.Div64(hi, lo, d)
			sb.WriteByte(byte('0' + q))
		}
		if r != 0 {
			sb.WriteString("...")
		}
		return sb.String()
	}
	n, d := new(big.Int).Abs(v.r.Num()), v.r.Denom()
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	sb.WriteString(q.String())
	if r.Sign() != 0 {
		sb.WriteByte('.')
	}
	ten := big.NewInt(10)
	for i := 0; i < 12 && r.Sign() != 0; i++ {
		r.Mul(r, ten)
		q.QuoRem(r, d, r)
		sb.WriteByte(byte('0' + q.Int64()))
	}
	if r.Sign() != 0 {
		sb.WriteString("...")
	}
	return sb.String()
}

// i128 is a signed 128-bit integer in two's complement: enough for any sum
// of level x weight products of a rubric and for the product of two int64s,
// so that Compute and Compare never overflow.
type i128 struct {
	hi int64
	lo uint64
}

// mul64 returns x x y.
func mul64(x, y int64) i128 {
	ux, uy := uint64(x), uint64(y)
	if x < 0 {
		ux = -ux
	}
	if y < 0 {
		uy = -uy
	}
	hi, lo := bits.Mul64(ux, uy)
	p := i128{int64(hi), lo}
	if (x < 0) != (y < 0) {
		p = p.neg()
	}
	return p
}

func (a i128) neg() i128 {
	lo, borrow := bits.Sub64(0, a.lo, 0)
	return i128{-a.hi - int64(borrow), lo}
}

// add returns a + b; the sums Compute makes stay far within 127 bits.
func (a i128) add(b i128) i128 {
	lo, carry := bits.Add64(a.lo, b.lo, 0)
	return i128{a.hi + b.hi + int64(carry), lo}
}

func (a i128) cmp(b i128) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

// int64 returns a and whether it fits an int64.
func (a i128) int64() (int64, bool) {
	return int64(a.lo), a.hi == int64(a.lo)>>63
}

func (a i128) big() *big.Int {
	neg := a.hi < 0
	if neg {
		a = a.neg()
	}
	b := new(big.Int).SetUint64(uint64(a.hi))
	b.Lsh(b, 64).Or(b, new(big.Int).SetUint64(a.lo))
	if neg {
		b.Neg(b)
	}
	return b
}

// fromWide returns num/den for den > 0: two int64s when they fit, else a
// big.Rat.
func fromWide(num, den i128) Value {
	n, okN := num.int64()
	d, okD := den.int64()
	if okN && okD {
		return Value{num: n, den: d}
	}
	return Value{r: new(big.Rat).SetFrac(num.big(), den.big())}
}
