package rubric

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// DecimalPlaces is the number of decimal places a Decimal holds exactly.
const DecimalPlaces = 6

// decimalUnit is 10^DecimalPlaces: the number of units in 1.
const decimalUnit = 1_000_000

// maxDecimal bounds the magnitude of a parsed Decimal (one million, 10^12
// units). It is not what keeps level x weight sums within an int64: the
// limits of a valid rubric (MaxLevel, MaxWeightSum) are.
const maxDecimal = 1_000_000 * decimalUnit

// Decimal is an exact decimal number with up to six decimal places, stored as
// an integer count of millionths. Weights (1,30 %) and levels (3) are Decimals,
// so weighted sums are exact integers and never binary floating point.
type Decimal int64

// NewDecimal returns the Decimal for a whole number.
func NewDecimal(n int64) Decimal { return Decimal(n * decimalUnit) }

// Units returns d as an integer count of millionths.
func (d Decimal) Units() int64 { return int64(d) }

// IsInteger reports whether d has no fractional part.
func (d Decimal) IsInteger() bool { return int64(d)%decimalUnit == 0 }

// Int returns the integer part of d, truncated toward zero.
func (d Decimal) Int() int64 { return int64(d) / decimalUnit }

// Float64 returns d as a float64, for display and JSON only.
func (d Decimal) Float64() float64 { return float64(d) / decimalUnit }

// String formats d with a decimal point and without trailing zeros ("1.3", "3").
func (d Decimal) String() string {
	s := d.Fixed(DecimalPlaces)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Fixed formats d with exactly places decimal places, rounding half away
// from zero (half-up for the non-negative values SPBE uses).
func (d Decimal) Fixed(places int) string {
	return fixed(int64(d), DecimalPlaces, places)
}

// fixed formats units of 10^-scale with places decimals (clamped to 0 to
// scale), rounding half away from zero: the one formatter of Decimal and
// Level. It works in uint64 so that the most negative value and the
// rounding of the largest cannot overflow.
func fixed(units int64, scale, places int) string {
	places = min(max(places, 0), scale)
	v := uint64(units)
	neg := units < 0
	if neg {
		v = -v
	}
	div := uint64(1)
	for i := places; i < scale; i++ {
		div *= 10
	}
	q := v/div + (v%div+div/2)/div
	s := strconv.FormatUint(q, 10)
	if places > 0 {
		if len(s) <= places {
			s = strings.Repeat("0", places-len(s)+1) + s
		}
		s = s[:len(s)-places] + "." + s[len(s)-places:]
	}
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

// ErrSyntax is wrapped by ParseDecimal errors for text that is not a number.
var ErrSyntax = messagef("not a decimal number")

// ParseDecimal parses a plain decimal number such as "1.30", "1,30", "3" or
// "-4". A comma is read as the decimal separator, as Indonesian documents
// write it. It accepts at most six decimal places and magnitudes up to one
// million; it never rounds.
func ParseDecimal(s string) (Decimal, error) {
	d, _, err := parseDecimal(s)
	return d, err
}

// decimalPlaces returns how many decimal places the text of a number has.
func decimalPlaces(s string) int {
	_, n, _ := parseDecimal(s)
	return n
}

func parseDecimal(s string) (Decimal, int, error) {
	t := strings.TrimSpace(s)
	neg := false
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	intPart, frac, hasPoint := strings.Cut(strings.Replace(t, ",", ".", 1), ".")
	if intPart == "" && frac == "" || !digits(intPart) || !digits(frac) || hasPoint && frac == "" && intPart == "" {
		return 0, 0, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	places := len(frac)
	frac = strings.TrimRight(frac, "0")
	if len(frac) > DecimalPlaces {
		return 0, places, messagef("%q: more than %d decimal places", s, DecimalPlaces)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 7 {
		return 0, places, messagef("%q: too large", s)
	}
	var v int64
	for _, c := range intPart {
		v = v*10 + int64(c-'0')
	}
	v *= decimalUnit
	f := int64(0)
	for i := 0; i < DecimalPlaces; i++ {
		f *= 10
		if i < len(frac) {
			f += int64(frac[i] - '0')
		}
	}
	v += f
	if v > maxDecimal {
		return 0, places, messagef("%q: too large", s)
	}
	if neg {
		v = -v
	}
	return Decimal(v), places, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// UnmarshalYAML reads a Decimal from the exact text of a YAML scalar, so
// that 1.30 never passes through a binary float.
func (d *Decimal) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!str" {
		return &PosError{Line: n.Line, Col: n.Column, Err: messagef("want a number, got %s", describe(n))}
	}
	v, err := ParseDecimal(n.Value)
	if err != nil {
		return &PosError{Line: n.Line, Col: n.Column, Err: err}
	}
	*d = v
	return nil
}

// MarshalJSON writes d as a plain JSON number ("1.3", not its units).
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a Decimal from a JSON number without passing it
// through a binary float.
func (d *Decimal) UnmarshalJSON(b []byte) error { return unmarshalNumber(b, ParseDecimal, d) }

// MarshalYAML writes d as a plain YAML number.
func (d Decimal) MarshalYAML() (any, error) { return yamlNumber(d.String(), d.IsInteger()), nil }

// unmarshalNumber reads a JSON number (not a string, no decimal comma)
// into dst with parse, exactly; null leaves dst as it is.
func unmarshalNumber[T any](b []byte, parse func(string) (T, error), dst *T) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if s == "" || s[0] == '"' || strings.Contains(s, ",") {
		return fmt.Errorf("%s: %w", s, ErrSyntax)
	}
	v, err := parse(s)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// yamlNumber is the YAML node of a number written as text: an int or a
// float, so that it reads back as the same number.
func yamlNumber(text string, integer bool) *yaml.Node {
	tag := "!!float"
	if integer {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}
}
