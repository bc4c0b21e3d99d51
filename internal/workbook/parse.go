package workbook

import (
	"github.com/spbe-id/spbe/internal/msg"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// maxLevel bounds the levels ParseLevel accepts (the most a rubric.Level
// holds); SPBE scales stop at 5, so anything larger is certainly a
// mistake, reported against the scale later.
const maxLevel = 922

// fold makes cell text comparable: full-width letters and digits become
// ASCII, non-breaking and other unusual spaces become plain spaces, runs of
// white space become one space, and the ends are trimmed. ASCII text that
// needs none of this is returned as is, without allocating.
func fold(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ' ' && (i+1 < len(s) && s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = width.Fold.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f', 0xa0, 0x2007, 0x202f, 0x2002, 0x2003, 0x2009, 0x200a, 0x3000, 0xfeff, 0x200b:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// normHeader makes header text comparable: folded, lower case, without
// trailing "." or ":".
func normHeader(s string) string {
	s = strings.ToLower(fold(s))
	return strings.TrimSpace(strings.TrimRight(s, ".: "))
}

// ParseLevel reads a maturity level from the text of a cell: a number
// with a decimal point or comma ("3", " 3 ", "3,0", "3.0", "2.5", "1,26"),
// with full-width digits ("３") or non-breaking spaces, optionally after
// the word "Level", "Tingkat" or "Tingkat Kematangan" ("Level 3", "Tingkat
// 3"), and optionally followed by the level's name ("3 - Terdefinisi", "3
// (Terdefinisi)") as long as that contains no digit or other number
// ("⅓", "²"). A whole number and one of the vulgar fractions ½ ¼ ¾ ("2
// ½", "2½", "½") is read exactly as the decimal (2.5, 0.5); no other
// fraction has an exact decimal, and is refused (see vulgarFraction).
//
// The level is read exactly, with every digit the cell stores: a value
// Excel shows as 1,17 and stores as 1.1666666666666667 (7/6) is that
// number, never rounded; a number with more than rubric.LevelPlaces
// decimals is refused. The one exception is the noise of binary floating
// point in a computed value: a number within four units in the last place
// (of a float64) of a number with at most six decimals is that number, so
// 2.9999999999999996 and 3.0000000000000004 are 3 (a difference below
// 10^-15, which no assessor writes). An accepted level is between 0 and
// 922; whether it is on the rubric's scale is for the caller to check.
func ParseLevel(raw string) (rubric.Level, error) {
	d, _, err := parseLevel(raw)
	return d, err
}

// parseLevel is ParseLevel that also returns the level's name when the
// text has one after the number ("terdefinisi" in "3 - Terdefinisi"),
// folded to lower case.
func parseLevel(raw string) (d rubric.Level, name string, err error) {
	s := strings.ToLower(fold(raw))
	if s == "" {
		return 0, "", msg.Errorf("level is empty")
	}
	for _, p := range [...]string{"tingkat kematangan", "tingkat", "level", "lvl"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimLeft(rest, " :.-")
			break
		}
	}
	if i := strings.IndexAny(s, "½¼¾"); i >= 0 {
		v, ok := vulgarFraction(s, i)
		if !ok {
			return 0, "", msg.Errorf("%q is not a number", raw)
		}
		s = v
	}
	// The number: digits, at most one '.' or ',', then maybe the name.
	end := 0
	point := false
	for end < len(s) {
		c := s[end]
		if c >= '0' && c <= '9' {
			end++
			continue
		}
		if (c == '.' || c == ',') && !point && end > 0 && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9' {
			point = true
			end++
			continue
		}
		break
	}
	num, rest := s[:end], s[end:]
	if num == "" {
		return 0, "", msg.Errorf("%q is not a number", raw)
	}
	if rest != "" && !levelSuffix(rest) {
		return 0, "", msg.Errorf("%q is not a number", raw)
	}
	name = strings.Trim(rest, " -–—:().")
	d, err = exactLevel(raw, num)
	return d, name, err
}

// exactLevel reads the plain decimal text num ("2.5", "1,5") of the cell
// raw exactly, snapping float noise (see ParseLevel).
func exactLevel(raw, num string) (rubric.Level, error) {
	l, err := rubric.ParseLevel(num)
	if d, ok := floatNoise(num); ok {
		l, err = d, nil
	}
	if err != nil {
		if _, frac, _ := strings.Cut(strings.Replace(num, ",", ".", 1), "."); len(strings.TrimRight(frac, "0")) > rubric.LevelPlaces {
			return 0, msg.Errorf("%q is not a level: more than %d decimals; a level is read exactly, never rounded", raw, rubric.LevelPlaces)
		}
		return 0, msg.Errorf("%q is not a level", raw)
	}
	if l < 0 || l > rubric.NewLevel(maxLevel) {
		return 0, msg.Errorf("%q is too large to be a level", raw)
	}
	return l, nil
}

// floatNoise returns the number with at most six decimals that the
// decimal text num is float noise of: text with more than six decimals
// whose float64 lies within four units in the last place of that number's
// float64.
func floatNoise(num string) (rubric.Level, bool) {
	t := strings.Replace(num, ",", ".", 1)
	if _, frac, _ := strings.Cut(t, "."); len(strings.TrimRight(frac, "0")) <= rubric.DecimalPlaces {
		return 0, false
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > maxLevel {
		return 0, false
	}
	units := math.Round(f * 1e6)
	near, err := strconv.ParseFloat(strconv.FormatFloat(units, 'f', 0, 64)+"e-6", 64)
	if err != nil {
		return 0, false
	}
	if d := int64(math.Float64bits(f)) - int64(math.Float64bits(near)); d < -4 || d > 4 {
		return 0, false
	}
	l, ok := rubric.LevelOf(rubric.Decimal(int64(units)))
	return l, ok
}

// checkLevel checks a parsed level against the indicator's scale, and
// the name the cell gives after the number (from parseLevel) against the
// scale's names: "3 (Optimum)" is refused, since Optimum is level 5. A
// name the scale does not have is left alone: it may be a note.
func checkLevel(raw, name string, lv rubric.Level, sc *rubric.Scale) error {
	if err := sc.Check(lv); err != nil || name == "" {
		return err
	}
	own := sc.LevelName(lv) // on a fractional scale, of the whole level reached
	if own == "" {
		return nil
	}
	for k, n := range sc.Levels {
		if int64(k) != lv.Floor() && strings.ToLower(fold(n)) == name {
			return msg.Errorf("level %q: %s is the name of level %d; level %s is %s", raw, n, k, lv, own)
		}
	}
	return nil
}

// vulgarFraction writes a level with a vulgar fraction (½ ¼ ¾ at byte i
// of s) as a decimal: "2 ½" and "2½" are "2.5", "½" is "0.5", "3 ¾ -
// Terpadu" is "3.75 - terpadu". A whole number, at most one space, the
// fraction, then nothing or a separator: anything else ("2,5½", "2½5",
// "½½") is not a level. Other fractions (⅓, ⅔, ⅛, ...) have no exact
// decimal and are refused as not a number (levelSuffix).
func vulgarFraction(s string, i int) (string, bool) {
	whole := strings.TrimSuffix(s[:i], " ")
	if whole != "" && (!digitsOnly(whole) || len(whole) > 3) {
		return "", false
	}
	if whole == "" {
		whole = "0"
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	rest := s[i+size:]
	if rest != "" && (isDigit(rest[0]) || strings.ContainsAny(rest, "½¼¾")) {
		return "", false
	}
	frac := map[rune]string{'½': ".5", '¼': ".25", '¾': ".75"}[r]
	return whole + frac + rest, true
}

// levelSuffix reports whether rest, the text after a level's number, is a
// level name such as " - Terdefinisi" or " (Terdefinisi)": it starts with
// a separator and holds letters but no digits.
func levelSuffix(rest string) bool {
	switch rest[0] {
	case ' ', '-', ':', '(', '.', ')':
	default:
		if !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "—") {
			return false
		}
	}
	letters := false
	for _, c := range rest {
		if c >= '0' && c <= '9' || unicode.IsNumber(c) {
			return false // a digit, or ⅓, ², ... : not a name
		}
		if c >= 'a' && c <= 'z' || c >= utf8.RuneSelf {
			letters = true
		}
	}
	return letters || strings.Trim(rest, " .") == ""
}

// CanonicalID reads an indicator id from the text of an id cell and
// returns it in the rubric's form: 1, "1", "01", "1.", " 1 ", "Indikator 1",
// "Ind. 1", "I1", "I.1", "I-1" give "1"; "35A", "35 a", "Indikator 35a"
// give "35a". Full-width characters and non-breaking spaces are folded.
// It reports false for text that does not look like an id (notes,
// "Domain 1", "1.1", names): such rows are not part of the table.
func CanonicalID(raw string) (string, bool) {
	s := fold(raw)
	if s == "" || len(s) > 24 {
		return "", false
	}
	// Fast path: plain digits, as most id cells are.
	if s[0] >= '1' && s[0] <= '9' && len(s) <= 3 && digitsOnly(s) {
		return s, true
	}
	s = strings.ToLower(s)
	for _, p := range [...]string{"indikator", "ind.", "ind", "i"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = strings.TrimLeft(rest, " .-:")
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				s = rest
			}
			break
		}
	}
	s = strings.TrimSuffix(s, ".")
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 {
		return "", false
	}
	num, rest := strings.TrimLeft(s[:n], "0"), s[n:]
	if num == "" || len(num) > 3 {
		return "", false
	}
	switch {
	case rest == "":
		return num, true
	case len(rest) == 1 && rest[0] >= 'a' && rest[0] <= 'z':
		return num + rest, true
	case len(rest) == 2 && (rest[0] == ' ' || rest[0] == '-' || rest[0] == '.') && rest[1] >= 'a' && rest[1] <= 'z':
		return num + rest[1:], true
	}
	return "", false
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// CanonicalCode reads an indicator's code, the assessors' "kode"
// aspect.indicator of PermenPANRB 8/2026 ("1.1", "3.2", "7.2"), from the
// text of an id cell and returns it without leading zeros: "3.2", " 3.2 ",
// "03.02", "3,2" (a number cell shown with a decimal comma), "3.2." and
// "Kode 3.2" give "3.2". Each part has one or two digits. It reports
// false for anything else, plain ids included (see CanonicalID). A code
// names an indicator only under a rubric that gives its indicators codes
// (see Indicator).
func CanonicalCode(raw string) (string, bool) {
	s := fold(raw)
	if s == "" || len(s) > 16 {
		return "", false
	}
	s = strings.ToLower(s)
	if rest, ok := strings.CutPrefix(s, "kode"); ok {
		s = strings.TrimLeft(rest, " .:")
	}
	s = strings.TrimSuffix(s, ".")
	a, b, ok := strings.Cut(s, ".")
	if !ok {
		a, b, ok = strings.Cut(s, ",")
	}
	if !ok {
		return "", false
	}
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if a == "" || b == "" || len(a) > 2 || len(b) > 2 || !digitsOnly(a) || !digitsOnly(b) {
		return "", false
	}
	return a + "." + b, true
}

// readID reads the id of an id cell: a plain id (CanonicalID) or a code
// (CanonicalCode).
func readID(raw string) (string, bool) {
	if id, ok := CanonicalID(raw); ok {
		return id, true
	}
	return CanonicalCode(raw)
}

// IsCode reports whether id, as Read returns it in Entry.ID or
// WideTable.Columns, is a code ("3.2") rather than a plain id ("6").
func IsCode(id string) bool { return strings.IndexByte(id, '.') >= 0 }

// Indicator returns the indicator of r that id names, as Read returns
// it: a plain id names the indicator with that id; a code ("3.2") names
// the indicator whose Code it is (indicator 6 of permenpanrb-8-2026). It
// is (*rubric.Rubric).Lookup, and returns nil where Lookup fails (no such
// indicator, or an id of one that is the code of another).
func Indicator(r *rubric.Rubric, id string) *rubric.Indicator {
	ind, err := r.Lookup(id)
	if err != nil {
		return nil
	}
	return ind
}

// HasCodes reports whether r gives its indicators codes: under a rubric
// without them, a code in an id column is not an indicator but a heading
// (an aspect "1.1" above its indicators), skipped as text.
func HasCodes(r *rubric.Rubric) bool {
	for _, ind := range r.Indicators() {
		if ind.Code != "" {
			return true
		}
	}
	return false
}
