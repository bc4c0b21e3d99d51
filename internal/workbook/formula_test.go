package workbook

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
)

// formulaSheet is a long table "No | Nilai" whose level cell B2 (indicator
// 1) is level, written as XML, with more rows from row 3.
func formulaSheet(level string, more ...string) fixture.XMLSheet {
	return fixture.XMLSheet{Name: "S", Data: fixture.Row(1, fixture.Text("A1", "No"), fixture.Text("B1", "Nilai")) +
		fixture.Row(2, fixture.Num("A2", 1), level) + strings.Join(more, "")}
}

// chainRows is column C from row 3: C3 = C4+0, ..., and the last a value.
func chainRows(n int) string {
	var b strings.Builder
	for i := 3; i < n+2; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="C%d"><f>C%d+0</f></c></row>`, i, i, i+1)
	}
	fmt.Fprintf(&b, `<row r="%d"><c r="C%d"><v>3</v></c></row>`, n+2, n+2)
	return b.String()
}

// xfdRows is n rows from row first, each with one cell at column XFD.
func xfdRows(first, n int) string {
	var b strings.Builder
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, i, i)
	}
	return b.String()
}

// A formula without a saved value is computed, or refused naming the
// cell, never read as empty; a saved value is read as saved.
func TestFormulas(t *testing.T) {
	tests := []struct {
		name   string
		sheets []fixture.XMLSheet
		names  [][2]string
		want   string // the level read, when accepted
		warn   string // the warning, when computed
		err    string // the refusal, else ""
		slow   string // why it runs in the full tier only, else ""
	}{
		{name: "empty saved value, as openpyxl writes it",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C2+2</f><v></v></c><c r="C2"><v>2</v></c>`)},
			want:   "4", warn: `S!B2: formula =C2+2 had no saved value; computed "4"`},
		{name: "no saved value",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C2+2</f></c><c r="C2"><v>2</v></c>`)},
			want:   "4", warn: `S!B2: formula =C2+2 had no saved value; computed "4"`},
		{name: "self-closing empty value, a boolean type",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2" t="b"><f>C2+2</f><v/></c><c r="C2"><v>2</v></c>`)},
			want:   "4", warn: `S!B2: formula =C2+2 had no saved value; computed "4"`},
		{name: "empty text result is computed again",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2" t="str"><f>"3"</f><v></v></c>`)},
			want:   "3", warn: `S!B2: formula ="3" had no saved value; computed "3"`},
		{name: "saved text result",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2" t="str"><f>"3"</f><v>2</v></c>`)},
			want:   "2"},
		{name: "saved value of a volatile function is read as saved",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>RANDBETWEEN(1,5)</f><v>3</v></c>`)},
			want:   "3"},
		{name: "cached cells on the way are computed again",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C2+1</f></c><c r="C2"><f>1+1</f><v>7</v></c>`)},
			want:   "3", warn: `S!B2: formula =C2+1 had no saved value; computed "3"`},
		{name: "whole-column lookup",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>VLOOKUP("b",D:E,2,FALSE)</f></c>`,
				fixture.Row(3, fixture.Text("D3", "a"), fixture.Num("E3", 1)), fixture.Row(4, fixture.Text("D4", "b"), fixture.Num("E4", 4)))},
			want: "4", warn: `S!B2: formula =VLOOKUP("b",D:E,2,FALSE) had no saved value; computed "4"`},
		{name: "another sheet and a defined name",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>SUM(Skor)+'Data Lain'!A1</f></c>`),
				{Name: "Data Lain", Data: fixture.Row(1, fixture.Num("A1", 1), fixture.Num("B1", 2))}},
			names: [][2]string{{"Skor", "'Data Lain'!$B$1"}},
			want:  "3", warn: `S!B2: formula =SUM(Skor)+'Data Lain'!A1 had no saved value; computed "3"`},
		{name: "a chain of 99 formulas",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C3</f></c>`, chainRows(98))},
			want:   "3", warn: `S!B2: formula =C3 had no saved value; computed "3"`},
		{name: "ROW() in a formula",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>ROW()+1</f></c>`)},
			want:   "3", warn: `S!B2: formula =ROW()+1 had no saved value; computed "3"`},

		{name: "circular, itself",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>B2+4</f></c>`)},
			err:    "S!B2: formula =B2+4 had no saved value and could not be computed: circular reference B2 -> B2"},
		{name: "circular, through cached cells",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C2</f></c><c r="C2"><f>D2</f><v>1</v></c><c r="D2"><f>C2</f><v>1</v></c>`)},
			err:    "circular reference C2 -> D2 -> C2"},
		{name: "circular, through another sheet",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>Lain!A1</f></c>`),
				{Name: "Lain", Data: fixture.Row(1, `<c r="A1"><f>S!B2</f></c>`)}},
			err: "circular reference B2 -> Lain!A1 -> B2"},
		{name: "RANDBETWEEN", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>RANDBETWEEN(1,5)</f></c>`)},
			err: "S!B2: formula =RANDBETWEEN(1,5) had no saved value and could not be computed: B2 uses RANDBETWEEN, a volatile function: its value changes at every recalculation"},
		{name: "NOW", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>IF(NOW()&gt;0,3,2)</f></c>`)},
			err: "B2 uses NOW, a volatile function"},
		{name: "TODAY", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>today()</f></c>`)}, err: "B2 uses TODAY, a volatile function"},
		{name: "OFFSET", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>OFFSET(C2,0,1)</f></c>`)}, err: "B2 uses OFFSET, a volatile function"},
		{name: "INDIRECT", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>INDIRECT("C2")</f></c>`)}, err: "B2 uses INDIRECT, a volatile function"},
		{name: "RANDARRAY with its prefix", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>_xlfn.RANDARRAY(1)</f></c>`)}, err: "B2 uses RANDARRAY, a volatile function"},
		{name: "CELL", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>CELL("row")</f></c>`)}, err: "B2 uses CELL, a volatile function"},
		{name: "INFO", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>INFO("osversion")</f></c>`)}, err: "B2 uses INFO, a volatile function"},
		{name: "volatile on the way, even when cached",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C2+1</f></c><c r="C2"><f>RAND()</f><v>0.5</v></c>`)},
			err:    "S!B2: formula =C2+1 had no saved value and could not be computed: C2 uses RAND, a volatile function"},
		{name: "REPT bomb", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>LEN(REPT(REPT("x",100000),100000))</f></c>`)},
			err: "B2 uses REPT, which spbe does not compute"},
		{name: "SUBSTITUTE", sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>SUBSTITUTE(C2,"a",C2)</f></c>`)},
			err: "B2 uses SUBSTITUTE, which spbe does not compute"},
		{name: "a chain of 100 000 formulas",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C3</f></c>`, chainRows(100_000))},
			err:    "S!B2: formula =C3 had no saved value and could not be computed: it depends on a chain of more than 100 formulas (B2 to C102)",
			slow:   "a workbook of 100 000 formulas (about 8 s)"},
		{name: "text that doubles",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>LEN(F3)</f></c>`,
				fixture.Row(3, `<c r="C3"><f>"`+strings.Repeat("x", 8000)+`"</f></c>`,
					`<c r="D3"><f>C3&amp;C3&amp;C3&amp;C3&amp;C3&amp;C3&amp;C3&amp;C3</f></c>`,
					`<c r="E3"><f>D3&amp;D3&amp;D3&amp;D3&amp;D3&amp;D3&amp;D3&amp;D3</f></c>`,
					`<c r="F3"><f>E3&amp;E3&amp;E3&amp;E3&amp;E3&amp;E3&amp;E3&amp;E3</f></c>`),
			)},
			err: "could build a text of more than 1048576 bytes"},
		{name: "ranges too large",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>SUM(C1:Z19000,C1:Z19000,C1:Z19000)</f></c>`,
				fixture.Row(19000, fixture.Num("Z19000", 1)))},
			err: "computing it reads more than 1000000 cells (C1:Z19000)"},
		// Issue 19, item 5: Excel's rules, not excelize's (which gave 3, 7
		// and 1): AVERAGE passes over the text "4" of a range, an empty
		// cell equals "", COUNTIF's "1" counts the texts "1".
		{name: "AVERAGE over a text that looks like a number",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>AVERAGE(C3:C5)</f></c>`,
				fixture.Row(3, fixture.Num("C3", 1)), fixture.Row(4, fixture.Text("C4", "4")), fixture.Row(5, fixture.Num("C5", 4)))},
			want: "2.5", warn: `S!B2: formula =AVERAGE(C3:C5) had no saved value; computed "2.5"`},
		{name: "an empty cell equals an empty text",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>IF(G6="",1,F6)</f></c>`, fixture.Row(6, fixture.Num("F6", 3)))},
			want:   "1", warn: `S!B2: formula =IF(G6="",1,F6) had no saved value; computed "1"`},
		{name: "COUNTIF over text flags",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>COUNTIF(C:E,"1")</f></c>`,
				fixture.Row(3, fixture.Text("C3", "1"), fixture.Text("D3", "1"), fixture.Text("E3", "0")),
				fixture.Row(4, fixture.Text("C4", "1"), fixture.Text("D4", "1"), fixture.Text("E4", "x")))},
			want: "4", warn: `S!B2: formula =COUNTIF(C:E,"1") had no saved value; computed "4"`},
		{name: "a function spbe does not compute",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>MEDIAN(C3:C5)</f></c>`)},
			err:    "S!B2: formula =MEDIAN(C3:C5) had no saved value and could not be computed: B2 uses MEDIAN, which spbe does not compute"},
		{name: "a text read by the locale",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C3*2</f></c>`, fixture.Row(3, fixture.Text("C3", "1,5")))},
			err:    `S!B2: formula =C3*2 had no saved value and could not be computed: B2 reads the text "1,5" as a number, which Excel does by the computer's locale`},
		// Issue 19, item 10: a range is read up to the sheet's last cell.
		{name: "a range far past the sheet's last cell",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>SUM(E1:N100000)+1</f></c>`, fixture.Row(3, fixture.Num("E3", 1)))},
			want:   "2", warn: `S!B2: formula =SUM(E1:N100000)+1 had no saved value; computed "2"`},
		{name: "a whole column",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>COUNTBLANK(E:E)-1048570</f></c>`, fixture.Row(3, fixture.Num("E3", 1)))},
			want:   "5", warn: `S!B2: formula =COUNTBLANK(E:E)-1048570 had no saved value; computed "5"`},
		{name: "an array formula over a whole sheet",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>C2+1</f></c>`,
				fixture.Row(3, `<c r="D3"><f t="array" ref="D3:XFD1048576">1</f><v>1</v></c>`))},
			err: "the workbook's array formulas cover more than 100000 cells"},
		{name: "nested too deep",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>` + strings.Repeat("(", 65) + "1" + strings.Repeat(")", 65) + `</f></c>`)},
			err:    "B2 nests more than 64 functions or parentheses"},
		{name: "too long",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>1` + strings.Repeat("+1", 4096) + `</f></c>`)},
			err:    "B2 has a formula of more than 8192 characters"},
		{name: "another workbook",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>[1]Sheet1!A1</f></c>`)},
			err:    "[1]Sheet1!A1 refers to another workbook or a table"},
		{name: "a defined name that is a formula",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>Acak+1</f></c>`)},
			names:  [][2]string{{"Acak", "RANDBETWEEN(1,5)"}},
			err:    "the defined name Acak is RANDBETWEEN(1,5), not a plain range"},
		{name: "an error value",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>NA()</f></c>`)},
			err:    "S!B2: formula =NA() had no saved value and could not be computed: #N/A"},
		// excelize holds a sheet with every row filled up to its last
		// cell: past maxHandOver cells, it does not read the sheet.
		{name: "the sheet read is too large for excelize",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>1+2</f></c>`, xfdRows(3, 40))},
			err:    "S!B2: formula =1+2 had no saved value and could not be computed: the sheet spans 655406 cells and 0 shared strings, more than spbe computes formulas in (500000)"},
		{name: "another sheet too large for excelize",
			sheets: []fixture.XMLSheet{formulaSheet(`<c r="B2"><f>Besar!A1+1</f></c>`), {Name: "Besar", Data: xfdRows(1, 40)}},
			err:    "S!B2: formula =Besar!A1+1 had no saved value and could not be computed: Besar!A1 is in a sheet that spans 655400 cells, more than spbe computes formulas in (500000)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.slow != "" {
				fixture.Slow(t, tt.slow)
			}
			path := filepath.Join(t.TempDir(), "f.xlsx")
			if err := fixture.XLSXWithNames(path, tt.names, tt.sheets...); err != nil {
				t.Fatal(err)
			}
			s, err := ReadSheet(path, Options{Known: known47, Lang: english})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrFormula) {
					t.Fatalf("got %v, want ErrFormula saying %q", err, tt.err)
				}
				if s != nil {
					t.Errorf("a sheet with a refused formula: %+v", s)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := entries(s); !slices.Equal(got, []string{"1=" + tt.want + "@B2"}) {
				t.Errorf("entries: got %q, want 1=%s@B2", got, tt.want)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			if !slices.Equal(s.Warnings, want) {
				t.Errorf("warnings: got %q, want %q", s.Warnings, want)
			}
		})
	}
}

// Shared and array formulas: the cells that hold no formula text of
// their own are computed from the first.
func TestFormulaSharedAndArray(t *testing.T) {
	for _, tt := range []struct{ name, b2, b3, warn3 string }{
		{"shared", `<c r="B2"><f t="shared" ref="B2:B3" si="0">C2+1</f><v></v></c>`, `<c r="B3"><f t="shared" si="0"/><v></v></c>`,
			`S!B3: formula =C3+1 had no saved value; computed "5"`},
		{"array", `<c r="B2"><f t="array" ref="B2:B3">C2:C3+1</f></c>`, ``,
			`S!B3: formula ={C2:C3+1} (the array formula of B2) had no saved value; computed "5"`},
		{"array, empty cells written", `<c r="B2"><f t="array" ref="B2:B3">C2:C3+1</f><v></v></c>`, `<c r="B3"/>`,
			`S!B3: formula ={C2:C3+1} (the array formula of B2) had no saved value; computed "5"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.xlsx")
			sheet := formulaSheet(tt.b2+fixture.Num("C2", 2), fixture.Row(3, fixture.Num("A3", 2), tt.b3, fixture.Num("C3", 4)))
			if err := fixture.XLSX(path, sheet); err != nil {
				t.Fatal(err)
			}
			s, err := ReadSheet(path, Options{Known: known47, Lang: english})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := entries(s), []string{"1=3@B2", "2=5@B3"}; !slices.Equal(got, want) {
				t.Errorf("entries: got %q, want %q", got, want)
			}
			if len(s.Warnings) != 2 || s.Warnings[1] != tt.warn3 {
				t.Errorf("warnings: got %q, want the second %q", s.Warnings, tt.warn3)
			}
		})
	}
}

// Issue 12, item 1: No | Indikator | Skor Mentah | Nilai Akhir, Nilai
// Akhir = Skor Mentah + 2 saved by openpyxl without values. The level
// column stays Nilai Akhir and its formulas are computed: 4 everywhere,
// not Skor Mentah's 2.
func TestFormulaLevelColumnNotEmpty(t *testing.T) {
	r := rubric59(t)
	raw := make([]int, len(r.Indicators()))
	for i := range raw {
		raw[i] = 2
	}
	path := filepath.Join(t.TempDir(), "skor.xlsx")
	if err := fixture.RawScores(path, r, raw, fixture.FormulaCell("C#+2")); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSheet(path, Options{Known: knownIn(r), Lang: english})
	if err != nil {
		t.Fatal(err)
	}
	if s.LevelColumn != "D" || s.LevelHeader != "Nilai Akhir" {
		t.Errorf("level column %s %q, want D \"Nilai Akhir\"", s.LevelColumn, s.LevelHeader)
	}
	for _, e := range s.Entries {
		if e.Raw != "4" {
			t.Errorf("%s: %q, want 4", e.Cell, e.Raw)
		}
	}
	if len(s.Entries) != 47 {
		t.Errorf("%d entries, want 47", len(s.Entries))
	}
	want := []string{`Penilaian!D2: formula =C2+2 had no saved value; computed "4"`,
		`Penilaian!D3: formula =C3+2 had no saved value; computed "4"`,
		`Penilaian!D4: formula =C4+2 had no saved value; computed "4"`,
		`Penilaian: 44 more formulas had no saved value; computed (47 in all)`}
	if !slices.Equal(s.Warnings, want) {
		t.Errorf("warnings:\n got %q\nwant %q", s.Warnings, want)
	}
	levels, err := s.Levels(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(levels) != 47 {
		t.Errorf("%d levels", len(levels))
	}
}

// Id cells that are formulas without a saved value (=ROW()-1) are
// computed too.
func TestFormulaIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.xlsx")
	data := fixture.Row(1, fixture.Text("A1", "No"), fixture.Text("B1", "Nilai")) +
		fixture.Row(2, fixture.Num("A2", 1), fixture.Num("B2", 3)) +
		fixture.Row(3, `<c r="A3"><f>ROW()-1</f><v></v></c>`, fixture.Num("B3", 4))
	if err := fixture.XLSX(path, fixture.XMLSheet{Name: "S", Data: data}); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSheet(path, Options{Known: known47, Lang: english})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entries(s), []string{"1=3@B2", "2=4@B3"}; !slices.Equal(got, want) {
		t.Errorf("entries: got %q, want %q", got, want)
	}
}

// A sheet in ISO-8859-1 (the scanner decodes it; excelize, computing,
// decodes it too) computes the same formulas and refuses the same ones.
func TestFormulasExcelizePath(t *testing.T) {
	for _, tt := range []struct{ name, b2, want, err string }{
		{"empty value", `<c r="B2"><f>C2+2</f><v></v></c><c r="C2"><v>2</v></c>`, "4", ""},
		{"no value", `<c r="B2"><f>C2+2</f></c><c r="C2"><v>2</v></c>`, "4", ""},
		{"saved", `<c r="B2"><f>C2+2</f><v>3</v></c><c r="C2"><v>2</v></c>`, "3", ""},
		{"circular", `<c r="B2"><f>B2+4</f></c>`, "", "circular reference B2 -> B2"},
		{"volatile", `<c r="B2"><f>RAND()</f></c>`, "", "B2 uses RAND, a volatile function"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.xlsx")
			if err := fixture.XLSX(path, formulaSheet(tt.b2)); err != nil {
				t.Fatal(err)
			}
			rezip(t, path, func(name string, data []byte) []byte {
				if name == "xl/worksheets/sheet1.xml" {
					return latin1(t, data)
				}
				return data
			})
			s, err := ReadSheet(path, Options{Known: known47, Lang: english})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := entries(s); !slices.Equal(got, []string{"1=" + tt.want + "@B2"}) {
				t.Errorf("entries: got %q, want 1=%s@B2", got, tt.want)
			}
		})
	}
}

// Wide tables compute their formula cells without a saved value too, and
// refuse what they cannot compute.
func TestFormulasWide(t *testing.T) {
	header := fixture.Row(1, fixture.Text("A1", "Nama Instansi"), fixture.Num("B1", 1), fixture.Num("C1", 2))
	for _, tt := range []struct{ name, row, want, err string }{
		{"computed", fixture.Row(2, `<c r="A2" t="str"><f>"Kota "&amp;"X"</f><v></v></c>`, `<c r="B2"><f>C2+1</f><v></v></c>`, fixture.Num("C2", 2)),
			"Kota X 3 2", ""},
		{"refused", fixture.Row(2, fixture.Text("A2", "Kota X"), `<c r="B2"><f>B2+1</f></c>`, fixture.Num("C2", 2)),
			"", "S!B2: formula =B2+1 had no saved value and could not be computed: circular reference B2 -> B2"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.xlsx")
			if err := fixture.XLSX(path, fixture.XMLSheet{Name: "S", Data: header + tt.row}); err != nil {
				t.Fatal(err)
			}
			var got []string
			err := Read(path, Options{Layout: LayoutWide, Known: known47, Want: 2, Lang: english}, Visitor{Row: func(_ *WideTable, r *WideRow) error {
				got = append(got, r.Instansi)
				got = append(got, r.cells[1:]...)
				return nil
			}})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, ErrFormula) {
					t.Fatalf("got %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkFormulaChain reads a level cell that depends on a chain of
// 100 000 formulas without saved values: refused, without recursion.
func BenchmarkFormulaChain(b *testing.B) {
	path := filepath.Join(b.TempDir(), "f.xlsx")
	if err := fixture.XLSX(path, formulaSheet(`<c r="B2"><f>C3</f></c>`, chainRows(100_000))); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ReadSheet(path, Options{Known: known47, Lang: english}); !errors.Is(err, ErrFormula) {
			b.Fatal(err)
		}
	}
}

// Issue 19, item 10: =SUM(E1:N100000) in a small workbook reads the
// cells there are, not a million: excelize held about a kilobyte a cell
// (a gigabyte).
func TestFormulaRangeMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.xlsx")
	if err := fixture.XLSX(path, formulaSheet(`<c r="B2"><f>SUM(E1:N100000)+1</f></c>`, fixture.Row(3, fixture.Num("E3", 1)))); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := ReadSheet(path, Options{Known: known47, Lang: english})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if got := entries(s); !slices.Equal(got, []string{"1=2@B2"}) {
		t.Errorf("entries %q, want 1=2@B2", got)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("reading it allocated %d MiB", alloc>>20)
	}
}
