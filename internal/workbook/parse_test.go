package workbook

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestParseLevel(t *testing.T) {
	tests := []struct {
		raw  string
		want string // "" = error
	}{
		{"3", "3"}, {" 3 ", "3"}, {"3,0", "3"}, {"3.0", "3"}, {"2,5", "2.5"}, {"0", "0"},
		{"Level 3", "3"}, {"level3", "3"}, {"Tingkat 3", "3"}, {"TINGKAT KEMATANGAN 4", "4"},
		{"\u00a03\u00a0", "3"}, {"３", "3"}, {"Level　４", "4"},
		{"3 - Terdefinisi", "3"}, {"3 (Terdefinisi)", "3"}, {"3.", "3"},
		{"2.9999999999999996", "3"}, {"3.0000000000000004", "3"}, {"1E+0", ""},
		{"", ""}, {"  ", ""}, {"n/a", ""}, {"-", ""}, {"-1", ""}, {"2 atau 3", ""}, {"3 5", ""},
		{"Level", ""}, {"1001", ""}, {"1,2,3", ""}, {"NaN", ""}, {"Inf", ""},
		// Levels are read exactly, with every digit stored (issue 13):
		// Excel stores 7/6 as 1.1666666666666667 and shows it as 1,17.
		{"1.1666666666666667", "1.1666666666666667"}, {"2.3333333333333335", "2.3333333333333335"},
		{"1,26", "1.26"}, {"1,3", "1.3"}, {"1,25", "1.25"}, {"2,5", "2.5"}, {"3,25", "3.25"},
		// Exponent notation is no level syntax in typed text (issue 12):
		// the readers write a numeric cell's exponent out (numericText).
		{"1.1666666666666667E+0", ""}, {"1.25e0", ""}, {"0.5e1", ""},
		{"3.33333333", "3.33333333"},           // 8 decimals: exact (it was refused when levels held 6)
		{"4.9999999999999991", "5"},            // one float64 step below 5: noise of a computation
		{"1.0000000000001", "1.0000000000001"}, // 450 steps above 1: a value, read exactly
		{"1.16666666666666674", ""},            // 17 decimals: more than a level holds, refused, not rounded
		{"1.17 - Rintisan", "1.17"},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.raw)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseLevel(%q) = %s, want an error", tt.raw, got)
		case tt.want != "" && err != nil:
			t.Errorf("ParseLevel(%q): %v, want %s", tt.raw, err, tt.want)
		case tt.want != "" && got.String() != tt.want:
			t.Errorf("ParseLevel(%q) = %s, want %s", tt.raw, got, tt.want)
		}
	}
}

func TestCanonicalID(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"1", "1"}, {"01", "1"}, {"1.", "1"}, {" 1 ", "1"}, {"Indikator 1", "1"}, {"INDIKATOR 12", "12"},
		{"I1", "1"}, {"I.1", "1"}, {"i-1", "1"}, {"Ind. 1", "1"}, {"35A", "35a"}, {"35 a", "35a"},
		{"Indikator 35a", "35a"}, {"１２", "12"}, {"\u00a047\u00a0", "47"}, {"48", "48"},
		{"", ""}, {"Domain 1", ""}, {"1.1", ""}, {"Catatan", ""}, {"Total", ""}, {"0", ""},
		{"1234", ""}, {"35ab", ""}, {"Indikator", ""}, {"II", ""}, {"1)", ""}, {"a1", ""},
	}
	for _, tt := range tests {
		got, ok := CanonicalID(tt.raw)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("CanonicalID(%q) = %q, %v; want %q", tt.raw, got, ok, tt.want)
		}
	}
}

func TestLevelHeader(t *testing.T) {
	tests := []struct {
		h           string
		class, year int
	}{
		{"Tingkat Kematangan", levelGeneric, 0},
		{"Nilai Tingkat Kematangan 2023", levelYear, 2023},
		{"Nilai Akhir", levelFinal, 0},
		{"Nilai Evaluator 2024", levelFinal, 2024},
		{"Penilaian Mandiri", levelMandiri, 0},
		{"Jawaban", levelGeneric, 0},
		{"Bobot (%)", levelNone, 0},
		{"Nilai Indeks", levelNone, 0},
		{"Indeks", levelNone, 0},
		{"Penjelasan Tingkat Kematangan", levelNone, 0},
		{"Nilai x Bobot", levelNone, 0},
		{"No", levelNone, 0},
		{"Domain", levelNone, 0},
	}
	for _, tt := range tests {
		c, y := levelHeader(normHeader(tt.h))
		if c != tt.class || y != tt.year {
			t.Errorf("levelHeader(%q) = %d, %d; want %d, %d", tt.h, c, y, tt.class, tt.year)
		}
	}
}

func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"3", "3,0", "Level 3", "３", "2.9999999999999996", "n/a", "1e308", "-0", "3 - x", "3 (Optimum)"} {
		f.Add(s)
	}
	sc := rubric59(f).Indicator("21").LevelScale
	f.Fuzz(func(t *testing.T, s string) {
		d, name, err := parseLevel(s)
		if err == nil && (d < 0 || d > rubric.NewLevel(maxLevel)) {
			t.Errorf("ParseLevel(%q) = %s, outside 0 to %d", s, d, maxLevel)
		}
		if err == nil && checkLevel(s, name, d, sc) == nil && sc.Check(d) != nil {
			t.Errorf("checkLevel(%q) accepted %s, off the scale", s, d)
		}
		if id, ok := CanonicalID(s); ok && (id == "" || len(id) > 4) {
			t.Errorf("CanonicalID(%q) = %q", s, id)
		}
	})
}

func FuzzRead(f *testing.F) {
	seeds := [][]sheetSpec{
		{{name: "Penilaian", rows: benchRows()}},
		{{name: "S", rows: [][]any{{"No", "Indikator", "Nilai 2022", "Nilai 2023"}, {1, "a", 2, 3}, {"Indikator 48", "b", 1, "x"}}}},
		{{name: "S", rows: [][]any{{"No", "Tingkat Kematangan"}, {nil, "2023"}, {"1", "Level 2"}}}},
	}
	for _, s := range seeds {
		data, err := os.ReadFile(writeXLSX(f, "seed.xlsx", s...))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\ufeffNo;Nilai\n1;3\n2;4,0\n"))
	f.Add(odsFile(f))
	dir := f.TempDir()
	r := rubric59(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := ReadSheet(path, Options{Known: knownIn(r)})
		if s == nil {
			if err == nil {
				t.Fatal("nil sheet and nil error")
			}
			return
		}
		checkCells(t, s)
		lv, err := s.Levels(r)
		for id, v := range lv {
			ind := r.Indicator(id)
			if ind == nil {
				t.Fatalf("level for unknown indicator %q", id)
			}
			if cerr := ind.LevelScale.Check(v); cerr != nil {
				t.Fatalf("accepted level %s for %s: %v", v, id, cerr)
			}
		}
		if err == nil && len(lv) != len(r.Indicators()) {
			t.Fatalf("no error but %d levels", len(lv))
		}
	})
}

// FuzzReadCSV feeds arbitrary bytes to Read as a .csv file: no panic, and
// an accepted table names only valid cells and has levels on the scale.
func FuzzReadCSV(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "kabupaten-2018.csv")); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"\ufeffNo;Nilai\n1;3\n2;4,0\n",
		"No,Indikator,Tingkat Kematangan\n1,a,3\n\"2\",\"b, c\",\"4,0\"\n",
		"Instansi\tX\nNo\tLevel\n1\t5\n48\tLevel 2\n",
		"\xff\xfeN\x00o\x00;\x00N\x00i\x00l\x00a\x00i\x00\n\x001\x00;\x003\x00",
		"No;Nilai\r\n1;\"3\r\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	r := rubric59(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := ReadSheet(path, Options{Known: knownIn(r)})
		if s == nil {
			if err == nil {
				t.Fatal("nil sheet and nil error")
			}
			return
		}
		checkCells(t, s)
		lv, _ := s.Levels(r)
		for id, v := range lv {
			ind := r.Indicator(id)
			if ind == nil {
				t.Fatalf("level for unknown indicator %q", id)
			}
			if cerr := ind.LevelScale.Check(v); cerr != nil {
				t.Fatalf("accepted level %s for %s: %v", v, id, cerr)
			}
		}
	})
}

// checkCells fails when an accepted sheet names a cell that is not a
// valid A1 reference, or an entry whose id is not canonical.
func checkCells(t *testing.T, s *Sheet) {
	t.Helper()
	valid := func(what, cell string) {
		t.Helper()
		c, r, err := excelize.CellNameToCoordinates(cell)
		if err != nil {
			t.Fatalf("%s %q is not a cell name: %v", what, cell, err)
		}
		if back, _ := excelize.CoordinatesToCellName(c, r); back != cell {
			t.Fatalf("%s %q is not in canonical A1 form (%q)", what, cell, back)
		}
	}
	for _, e := range s.Entries {
		valid("entry cell", e.Cell)
		valid("entry id cell", e.IDCell)
		if id, ok := CanonicalID(e.ID); !ok || id != e.ID {
			t.Fatalf("entry id %q is not canonical", e.ID)
		}
	}
	if s.InstansiCell != "" {
		valid("instansi cell", s.InstansiCell)
	}
}

// A level's name after its number must not be another level's name.
func TestCheckLevelName(t *testing.T) {
	r := rubric59(t)
	manajemen, layanan := r.Indicator("21").LevelScale, r.Indicator("32").LevelScale
	tests := []struct {
		raw     string
		sc      *rubric.Scale
		wantErr string
	}{
		{"3", manajemen, ""},
		{"3 - Terdefinisi", manajemen, ""},
		{"Level 4 (terpadu dan terukur)", manajemen, ""},
		{"3 (Transaksi)", manajemen, ""}, // a name of the other scale: left alone
		{"3 (sudah diverifikasi)", manajemen, ""},
		{"3 (Transaksi)", layanan, ""},
		{"3 (Optimum)", manajemen, `level "3 (Optimum)": Optimum is the name of level 5; level 3 is Terdefinisi`},
		{"Tingkat 2 - Kolaborasi", layanan, `level "Tingkat 2 - Kolaborasi": Kolaborasi is the name of level 4; level 2 is Interaksi`},
		{"6 (Optimum)", manajemen, "level 6 is outside the scale 1 to 5"},
	}
	for _, tt := range tests {
		lv, name, err := parseLevel(tt.raw)
		if err != nil {
			t.Fatalf("parseLevel(%q): %v", tt.raw, err)
		}
		err = checkLevel(tt.raw, name, lv, tt.sc)
		if got := fmt.Sprint(err); tt.wantErr == "" && err != nil || tt.wantErr != "" && got != tt.wantErr {
			t.Errorf("checkLevel(%q) = %v, want %q", tt.raw, err, tt.wantErr)
		}
	}
}

// A level that Excel shows as 1,17 (two decimals) and stores as
// 1.1666666666666667 (7/6) reaches ParseLevel with every stored digit from
// both readers, and is read exactly.
func TestStoredLevelTextBothReaders(t *testing.T) {
	sheets := bothReaders(t, func(f *excelize.File) error {
		twoDecimals, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
		if err != nil {
			return err
		}
		// Precision 16, as Excel writes these (excelize alone would cut
		// the text to 15 significant digits).
		if err := f.SetCellFloat("Sheet1", "F5", 7.0/6, 16, 64); err != nil {
			return err
		}
		if err := f.SetCellFloat("Sheet1", "F6", 7.0/3, 16, 64); err != nil {
			return err
		}
		return f.SetCellStyle("Sheet1", "F5", "F6", twoDecimals)
	})
	for reader, s := range sheets {
		for i, want := range []string{"1.1666666666666667", "2.3333333333333335"} {
			if got := s.Entries[i].Raw; got != want {
				t.Errorf("%s: raw level = %q, want %q", reader, got, want)
			}
			l, err := ParseLevel(s.Entries[i].Raw)
			if err != nil || l.String() != want {
				t.Errorf("%s: ParseLevel(%q) = %s, %v; want %s", reader, s.Entries[i].Raw, l, err, want)
			}
		}
	}
}
