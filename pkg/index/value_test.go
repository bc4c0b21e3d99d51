package index_test

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func frac(t testing.TB, num, den int64) index.Value {
	t.Helper()
	v, err := index.NewValue(num, den)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// rat parses a fraction such as "7/6" or a decimal such as "-2.5".
func rat(t testing.TB, s string) index.Value {
	t.Helper()
	x, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("bad rational %q", s)
	}
	return index.RatValue(x)
}

func TestNewValue(t *testing.T) {
	if _, err := index.NewValue(1, 0); !errors.Is(err, index.ErrZeroDenominator) || err.Error() != "value 1/0: zero denominator" {
		t.Errorf("NewValue(1, 0) error = %v, want value 1/0: zero denominator", err)
	}
	tests := []struct {
		num, den int64
		want     string
	}{
		{3, 4, "0.75"},
		{3, -4, "-0.75"},
		{-3, -4, "0.75"},
		{0, -5, "0"},
		{math.MinInt64, -1, "9223372036854775808"},
		{1, math.MinInt64, "-0.000000000000..."},
		{math.MinInt64, 1, "-9223372036854775808"},
		{-7, 6, "-1.166666666666..."},
	}
	for _, tt := range tests {
		v := frac(t, tt.num, tt.den)
		if got := v.Exact(); got != tt.want {
			t.Errorf("NewValue(%d, %d) = %s, want %s", tt.num, tt.den, got, tt.want)
		}
		if got, want := v.Rat(), big.NewRat(tt.num, tt.den); got.Cmp(want) != 0 {
			t.Errorf("NewValue(%d, %d).Rat() = %s, want %s", tt.num, tt.den, got, want)
		}
	}
}

// The zero Value is 0: it compares, rounds, adds and prints as 0.
func TestZeroValue(t *testing.T) {
	var z index.Value
	checks := []struct {
		what      string
		got, want any
	}{
		{"Exact", z.Exact(), "0"},
		{"Sign", z.Sign(), 0},
		{"Round", z.Round(2), rubric.Decimal(0)},
		{"Float64", z.Float64(), 0.0},
		{"Cmp(0)", z.Cmp(0), 0},
		{"Cmp(1)", z.Cmp(rubric.NewDecimal(1)), -1},
		{"Cmp(-1)", z.Cmp(rubric.NewDecimal(-1)), 1},
		{"Compare(1/3)", z.Compare(frac(t, 1, 3)), -1},
		{"1/3 Compare", frac(t, 1, 3).Compare(z), 1},
		{"Compare(-1/3)", z.Compare(frac(t, -1, 3)), 1},
		{"Compare(0/7)", z.Compare(frac(t, 0, 7)), 0},
		{"Add", z.Add(frac(t, 1, 3)).Exact(), "0.333333333333..."},
		{"Sub", z.Sub(frac(t, 1, 4)).Exact(), "-0.25"},
		{"Rat", z.Rat().String(), "0/1"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("zero Value: %s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

// TestValueRoundRefuses: places a Decimal cannot hold are refused, never
// clamped in silence.
func TestValueRoundRefuses(t *testing.T) {
	for _, places := range []int{-1, rubric.DecimalPlaces + 1, 17} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Round(%d) did not refuse", places)
				}
			}()
			rat(t, "7/6").Round(places)
		}()
	}
}

func TestValueRound(t *testing.T) {
	tests := []struct {
		v      string
		places int
		want   string
	}{
		{"2.635", 2, "2.64"},
		{"2.6349999", 2, "2.63"},
		{"-2.635", 2, "-2.64"},
		{"7/6", 0, "1"},
		{"7/6", 4, "1.1667"},
		{"7/6", 6, "1.166667"},
		{"1/2", 0, "1"},
		{"-1/2", 0, "-1"},
		// Past a Decimal's range: the Decimal of that sign farthest
		// from zero, never a panic.
		{"9223372036854775807", 2, "9223372036854.77"},
		{"-9223372036854775807", 2, "-9223372036854.77"},
		{"100000000000000000000000000000/3", 0, "9223372036854"},
		{"-100000000000000000000000000000/7", 6, "-9223372036854.775807"},
		// Beyond int64 in the numerator or the denominator.
		{"100000000000000000000000000001/100000000000000000000000000000", 2, "1.00"},
		{"1166666666666666666666667/1000000000000000000000000", 6, "1.166667"},
	}
	for _, tt := range tests {
		v := rat(t, tt.v)
		if got := v.Round(tt.places).Fixed(tt.places); got != tt.want {
			t.Errorf("%s.Round(%d) = %s, want %s", tt.v, tt.places, got, tt.want)
		}
	}
	// The most negative int64 over 1, and the largest numerator over a
	// tiny denominator: the fast path must not overflow.
	for _, v := range []index.Value{frac(t, math.MinInt64, 1), frac(t, math.MaxInt64, 1), frac(t, math.MaxInt64, 3)} {
		for p := 0; p <= rubric.DecimalPlaces; p++ {
			want := v.Sign()
			if got := v.Round(p).Units(); (got > 0) != (want > 0) || got == 0 {
				t.Errorf("%s.Round(%d) = %d units", v, p, got)
			}
		}
	}
}

// Values past 64 bits keep working exactly through every method.
func TestValueWide(t *testing.T) {
	big1 := rat(t, "100000000000000000000000000001/3")
	big2 := rat(t, "100000000000000000000000000000/3")
	if got := big1.Compare(big2); got != 1 {
		t.Errorf("Compare = %d, want 1", got)
	}
	if got := big1.Sub(big2).Exact(); got != "0.333333333333..." {
		t.Errorf("difference = %s, want 1/3", got)
	}
	if got := big1.Sub(big2).Compare(frac(t, 1, 3)); got != 0 {
		t.Errorf("difference Compare 1/3 = %d, want 0", got)
	}
	if got := big2.Exact(); got != "33333333333333333333333333333.333333333333..." {
		t.Errorf("Exact = %s", got)
	}
	if got := big2.Neg().Cmp(rubric.NewDecimal(-1_000_000)); got != -1 {
		t.Errorf("Cmp = %d, want -1", got)
	}
	if got := big2.Float64(); got != 1e29/3 {
		t.Errorf("Float64 = %v, want %v", got, 1e29/3)
	}
	// int64 sums that overflow, and different denominators.
	max := frac(t, math.MaxInt64, 1)
	if got, want := max.Add(max).Rat(), new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(math.MaxInt64), 1)); got.Cmp(want) != 0 {
		t.Errorf("MaxInt64 + MaxInt64 = %s, want %s", got, want)
	}
	if got := frac(t, math.MinInt64, 1).Neg().Exact(); got != "9223372036854775808" {
		t.Errorf("-MinInt64 = %s", got)
	}
	if got := frac(t, 1, math.MaxInt64).Add(frac(t, 1, math.MaxInt64-1)).Rat(); got.Cmp(new(big.Rat).Add(big.NewRat(1, math.MaxInt64), big.NewRat(1, math.MaxInt64-1))) != 0 {
		t.Errorf("1/(2^63-1) + 1/(2^63-2) = %s", got)
	}
	// A RatValue is a copy.
	x := big.NewRat(1, 3)
	v := index.RatValue(x)
	x.SetInt64(5)
	if v.Exact() != "0.333333333333..." {
		t.Errorf("RatValue changed with its argument: %s", v)
	}
}

func ExampleValue() {
	v, err := index.NewValue(2635, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v, v.Round(2).Fixed(2), v.Cmp(rubric.NewDecimal(3)))
	// Output: 2.635 2.64 -1
}
