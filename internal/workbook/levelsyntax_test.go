package workbook

import (
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// The syntax of a level cell's text (issue 12, item 5): ParseLevel
// accepts only the documented syntaxes, a number with a decimal point or
// comma, spaces around it, full-width digits, "Level"/"Tingkat" before
// it and the level's name after it, and float noise of computed values.
// Go's own number syntax must not leak through: hexadecimal and binary
// floats, exponents, digit separators, signs, infinities and NaN, and
// digits of other scripts are refused.
//
// Rows marked pending fail with today's parse.go, which is being
// rewritten for exact fractional levels: they are skipped until that
// rewrite lands, and must pass once it has (remove the mark then).
func TestLevelSyntax(t *testing.T) {
	const pending = "pending: refused once parse.go's rewrite lands"
	refused := []struct {
		text, skip string
	}{
		{"0x1p0", pending}, // a hexadecimal float, 1
		{"0X1P0", pending},
		{"0x3", ""},
		{"1e0", pending}, // an exponent
		{"1E0", pending},
		{"3e0", pending},
		{"2.5e0", pending},
		{"1_5", pending}, // a digit separator
		{"1_000", pending},
		{"+Inf", ""},
		{"Inf", ""},
		{"infinity", ""},
		{"NaN", ""},
		{"nan", ""},
		{"0b1", ""}, // binary
		{"0o7", ""}, // octal
		{"+3", ""},  // a sign
		{"-1", ""},
		{"1 5", ""}, // two numbers
		{"3,5,0", ""},
		{"1.2.3", ""},
		{"٣", ""},       // ARABIC-INDIC DIGIT THREE
		{"३", ""},       // DEVANAGARI DIGIT THREE
		{"৩", ""},       // BENGALI DIGIT THREE
		{"Ⅲ", ""},       // ROMAN NUMERAL THREE
		{"³", ""},       // SUPERSCRIPT THREE
		{"③", ""},       // CIRCLED DIGIT THREE
		{".5", pending}, // no digit before the point
		{"", ""},
		{"n/a", ""},
		{"3 (Level 4)", ""}, // a digit in the name
	}
	for _, tt := range refused {
		t.Run("refuse "+tt.text, func(t *testing.T) {
			if tt.skip != "" {
				t.Skip(tt.skip)
			}
			if d, err := ParseLevel(tt.text); err == nil {
				t.Errorf("ParseLevel(%q) = %s, want an error", tt.text, d)
			}
		})
	}

	integer := &rubric.Scale{ID: "bulat", Min: rubric.NewDecimal(1), Max: rubric.NewDecimal(5), Integer: true}
	fractional := &rubric.Scale{ID: "pecahan", Min: rubric.NewDecimal(1), Max: rubric.NewDecimal(5)}
	accepted := []struct {
		text, want string
		fractional bool // the level is accepted on a fractional scale only
	}{
		{"3", "3", false},
		{"3.0", "3", false},
		{"3,0", "3", false},
		{" 3 ", "3", false},
		{"\u00a03\u00a0", "3", false},
		{"\t3\n", "3", false},
		{"３", "3", false}, // FULLWIDTH DIGIT THREE
		{"3 (Terdefinisi)", "3", false},
		{"3 - Terdefinisi", "3", false},
		{"3 – Terdefinisi", "3", false},
		{"Level 3", "3", false},
		{"Tingkat 3", "3", false},
		{"Tingkat Kematangan: 3", "3", false},
		{"2.9999999999999996", "3", false}, // float noise of a computed value
		{"1,5", "1.5", true},
		{"1.5", "1.5", true},
		{"4,25", "4.25", true},
		{"２,５", "2.5", true},
	}
	for _, tt := range accepted {
		t.Run("accept "+tt.text, func(t *testing.T) {
			d, err := ParseLevel(tt.text)
			if err != nil {
				t.Fatalf("ParseLevel(%q): %v", tt.text, err)
			}
			if d.String() != tt.want {
				t.Errorf("ParseLevel(%q) = %s, want %s", tt.text, d, tt.want)
			}
			if err := fractional.Check(d); err != nil {
				t.Errorf("on a fractional scale: %v", err)
			}
			if err := integer.Check(d); (err == nil) == tt.fractional {
				t.Errorf("on a whole-number scale: error %v, want one: %v", err, tt.fractional)
			}
		})
	}
}
