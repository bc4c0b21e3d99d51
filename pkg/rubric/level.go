package rubric

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// LevelPlaces is the number of decimal places a Level holds exactly: enough
// for any level a spreadsheet stores (a double written with up to 17
// significant digits, such as 1.1666666666666667 for 7/6, has at most 16
// decimals for a level of 1 or more).
const LevelPlaces = 16

// levelUnit is 10^LevelPlaces: the number of units in a level of 1.
const levelUnit int64 = 1e16

// decimalToLevel is the number of Level units in one Decimal unit.
const decimalToLevel = levelUnit / decimalUnit

// maxLevelUnits bounds the magnitude of a Level: the largest whole number
// of levels an int64 of units holds (922).
const maxLevelUnits = math.MaxInt64 / levelUnit * levelUnit

// Level is the exact level an instansi reached on an indicator: a decimal
// number with up to 16 decimal places, stored as an integer count of
// 10^-16. It holds every level from -922 to 922, and so every level of a valid
// rubric (see MaxLevel). Levels are read from text without rounding, so a
// cell that stores 1.1666666666666667 is that number, not 1.17.
//
// Weights, scale bounds, predicate bands and published indices stay
// Decimals; Cmp compares a Level with them.
type Level int64

// NewLevel returns the Level of a whole number, which must be within ±922.
func NewLevel(n int64) Level { return Level(n * levelUnit) }

// LevelOf returns the Level of d exactly; ok is false when d is beyond the
// range of a Level (±922).
func LevelOf(d Decimal) (l Level, ok bool) {
	if d > Decimal(maxLevelUnits/decimalToLevel) || d < -Decimal(maxLevelUnits/decimalToLevel) {
		return 0, false
	}
	return Level(int64(d) * decimalToLevel), true
}

// Units returns l as an integer count of 10^-16.
func (l Level) Units() int64 { return int64(l) }

// Decimal returns l as a Decimal; ok is false when l has more than
// DecimalPlaces decimals (and so no exact Decimal).
func (l Level) Decimal() (d Decimal, ok bool) {
	if int64(l)%decimalToLevel != 0 {
		return 0, false
	}
	return Decimal(int64(l) / decimalToLevel), true
}

// IsInteger reports whether l is a whole number.
func (l Level) IsInteger() bool { return int64(l)%levelUnit == 0 }

// Floor returns the whole level l has reached: the greatest whole number
// not above l (1 for 1.26, 2 for 2.5, 3 for 3).
func (l Level) Floor() int64 {
	q := int64(l) / levelUnit
	if int64(l)%levelUnit < 0 {
		q--
	}
	return q
}

// Ceil returns the next whole level: the least whole number not below l.
func (l Level) Ceil() int64 {
	q := int64(l) / levelUnit
	if int64(l)%levelUnit > 0 {
		q++
	}
	return q
}

// Cmp compares l with d exactly: -1 when l < d, 0 when equal, +1 when l > d.
func (l Level) Cmp(d Decimal) int {
	// d x 10^10 may pass an int64 (a Decimal goes to about 9.2 x 10^12),
	// but every Level lies within ±(MaxInt64 / 10^10) Decimal units: a d
	// beyond that is beyond every Level.
	const bound = Decimal(math.MaxInt64 / decimalToLevel)
	switch {
	case d > bound:
		return -1
	case d < -bound:
		return 1
	}
	return cmp.Compare(int64(l), int64(d)*decimalToLevel)
}

// Float64 returns l as a float64, for charts and spreadsheets only.
func (l Level) Float64() float64 {
	f, _ := strconv.ParseFloat(l.String(), 64)
	return f
}

// String writes l exactly, with a decimal point and without trailing zeros
// ("3", "2.5", "1.1666666666666667").
func (l Level) String() string {
	s := l.Fixed(LevelPlaces)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Fixed formats l with places decimal places (0 to LevelPlaces), rounding
// half away from zero (half-up for levels, which are not negative): for
// display only.
func (l Level) Fixed(places int) string { return fixed(int64(l), LevelPlaces, places) }

// ParseLevel parses the exact text of a level: "3", "2.5", "1,5" (a comma
// is a decimal separator), "1.1666666666666667". It never rounds: text
// with more than LevelPlaces decimals (other than trailing zeros), or a
// magnitude beyond 922, is an error.
func ParseLevel(s string) (Level, error) {
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
		return 0, fmt.Errorf("%q: %w", s, ErrSyntax)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > LevelPlaces {
		return 0, messagef("%q: more than %d decimal places; a level holds %d exactly", s, LevelPlaces, LevelPlaces)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 3 {
		return 0, messagef("%q: too large for a level", s)
	}
	var v int64
	for _, c := range intPart {
		v = v*10 + int64(c-'0')
	}
	if v > maxLevelUnits/levelUnit {
		return 0, messagef("%q: too large for a level", s)
	}
	v *= levelUnit
	f := int64(0)
	for i := 0; i < LevelPlaces; i++ {
		f *= 10
		if i < len(frac) {
			f += int64(frac[i] - '0')
		}
	}
	v += f
	if v > maxLevelUnits {
		return 0, messagef("%q: too large for a level", s)
	}
	if neg {
		v = -v
	}
	return Level(v), nil
}

// MarshalJSON writes l exactly as a plain JSON number ("1.1666666666666667").
func (l Level) MarshalJSON() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalJSON reads a Level from a JSON number exactly.
func (l *Level) UnmarshalJSON(b []byte) error { return unmarshalNumber(b, ParseLevel, l) }

// MarshalYAML writes l exactly as a plain YAML number.
func (l Level) MarshalYAML() (any, error) { return yamlNumber(l.String(), l.IsInteger()), nil }
