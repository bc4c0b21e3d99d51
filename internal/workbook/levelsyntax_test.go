package workbook

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/xlsx"
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
// A number stored in exponent notation in a numeric cell is another
// matter: the readers hand it over as plain decimal text (numericText;
// TestNumericCellsInExponentNotation).
func TestLevelSyntax(t *testing.T) {
	refused := []struct {
		text, skip string
	}{
		{"0x1p0", ""}, // a hexadecimal float, 1
		{"0X1P0", ""},
		{"0x3", ""},
		{"1e0", ""}, // an exponent
		{"1E0", ""},
		{"3e0", ""},
		{"2.5e0", ""},
		{"1_5", ""}, // a digit separator
		{"1_000", ""},
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
		{"٣", ""},  // ARABIC-INDIC DIGIT THREE
		{"३", ""},  // DEVANAGARI DIGIT THREE
		{"৩", ""},  // BENGALI DIGIT THREE
		{"Ⅲ", ""},  // ROMAN NUMERAL THREE
		{"³", ""},  // SUPERSCRIPT THREE
		{"③", ""},  // CIRCLED DIGIT THREE
		{".5", ""}, // no digit before the point
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

// A number some writers store in exponent notation is the number it
// stands for, read exactly, in both readers; the same text typed into a
// text cell is no level.
func TestNumericCellsInExponentNotation(t *testing.T) {
	for _, tt := range []struct{ stored, want string }{
		{"1.1666666666666667E+0", "1.1666666666666667"},
		{"1.25e0", "1.25"},
		{"3.25E-0", "3.25"},
		{"0.5e1", "5"},
		{"125e-2", "1.25"},
		{"3", "3"},
	} {
		if got := xlsx.NumericText(tt.stored); got != tt.want {
			t.Errorf("NumericText(%q) = %q, want %q", tt.stored, got, tt.want)
		}
	}
	path := filepath.Join(t.TempDir(), "e.xlsx")
	sheet := formulaSheet(fixture.Num("B2", "1.1666666666666667E+0"),
		fixture.Row(3, fixture.Num("A3", 2), fixture.Text("B3", "1e0")))
	if err := fixture.XLSX(path, sheet); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSheet(path, Options{Known: known47})
	if err != nil {
		t.Fatal(err)
	}
	if got := entries(s); !slices.Equal(got, []string{"1=1.1666666666666667@B2", "2=1e0@B3"}) {
		t.Errorf("fast reader: entries %q", got)
	}
	x, err := openExcel(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.close()
	var rows [][]string
	if err := x.rows(sheetRef{name: "S"}, func(_ int, cells []string, _ bool) bool {
		rows = append(rows, slices.Clone(cells))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || rows[1][1] != "1.1666666666666667" || rows[2][1] != "1e0" {
		t.Errorf("excelize reader: rows %q", rows)
	}
	if _, err := ParseLevel("1e0"); err == nil {
		t.Error(`ParseLevel("1e0") is a level`)
	}
}
