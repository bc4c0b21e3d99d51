package xlsx

import (
	"strconv"
	"strings"
)

// NumericText is the text of a numeric cell's stored value as a level is
// read from it: a value some writers store in exponent notation
// ("1.1666666666666667E+0", "1E-3") as plain decimal text, exactly. Only
// the readers call it, for cells stored as numbers: typed text such as
// "1e0" is no level (ParseLevel refuses it).
func NumericText(v string) string {
	if !strings.ContainsAny(v, "eE") {
		return v
	}
	if t, ok := expandExponent(strings.ToLower(strings.TrimSpace(v))); ok {
		return t
	}
	return v
}

// expandExponent rewrites a number in exponent notation ("1.25e0",
// "3E+0", "1.1666666666666667E+0") as plain decimal text, exactly, by
// moving the decimal point; ok is false for anything else.
func expandExponent(s string) (string, bool) {
	mant, exp, ok := strings.Cut(s, "e")
	if !ok || mant == "" || exp == "" {
		return "", false
	}
	e, err := strconv.Atoi(exp)
	if err != nil || e < -40 || e > 40 {
		return "", false
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" || !digitsOnly(intPart) || !digitsOnly(frac) {
		return "", false
	}
	digits := intPart + frac
	point := len(intPart) + e
	var out string
	switch {
	case point <= 0:
		return "0." + strings.Repeat("0", -point) + digits, true
	case point >= len(digits):
		out = digits + strings.Repeat("0", point-len(digits))
	default:
		out = digits[:point] + "." + digits[point:]
	}
	// No leading zeros ("0.5e1" is 5, not 05), but one before a point.
	out = strings.TrimLeft(out, "0")
	if out == "" || out[0] == '.' {
		out = "0" + out
	}
	return out, true
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
