package workbook

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func rubricPemdi(t testing.TB) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCanonicalCode(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"1.1", "1.1"}, {" 3.2 ", "3.2"}, {"03.02", "3.2"}, {"3,2", "3.2"}, {"3.2.", "3.2"}, {"Kode 7.2", "7.2"},
		{"１.１", "1.1"}, {"12.10", "12.10"},
		{"1", ""}, {"1.", ""}, {"I1", ""}, {"1.1.1", ""}, {"1.166", ""}, {"Aspek 1.1", ""}, {"0.0", ""}, {"", ""}, {"a.b", ""},
	}
	for _, tt := range tests {
		got, ok := CanonicalCode(tt.raw)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("CanonicalCode(%q) = %q, %v; want %q", tt.raw, got, ok, tt.want)
		}
	}
}

// TestIndicatorByCode: a code names an indicator only under a rubric with
// codes; plain ids work under every rubric.
func TestIndicatorByCode(t *testing.T) {
	p, r59 := rubricPemdi(t), rubric59(t)
	for _, tt := range []struct {
		r      *rubric.Rubric
		id     string
		want   string // "" for none
		tables bool
	}{
		{p, "3.2", "6", true}, {p, "1.1", "1", true}, {p, "7.2", "20", true}, {p, "6", "6", true}, {p, "8.1", "", true}, {p, "21", "", true},
		{r59, "3.2", "", false}, {r59, "21", "21", false},
	} {
		got := ""
		if ind := Indicator(tt.r, tt.id); ind != nil {
			got = ind.ID
		}
		if got != tt.want || HasCodes(tt.r) != tt.tables {
			t.Errorf("%s: Indicator(%q) = %q, HasCodes %v; want %q, %v", tt.r.ID, tt.id, got, HasCodes(tt.r), tt.want, tt.tables)
		}
	}
}

// TestLevelHeaderStages: the one ranking of the evaluation's stages,
// latest first; self-assessment last.
func TestLevelHeaderStages(t *testing.T) {
	order := []string{"Nilai Akhir", "Nilai Visitasi", "Nilai Interviu", "Nilai Asesor", "Nilai Dokumen", "Nilai 2026", "Nilai Indikator", "Nilai Mandiri"}
	prev := levelOverride
	for _, h := range order {
		c, _ := levelHeader(normHeader(h))
		if c == levelNone || c >= prev {
			t.Errorf("levelHeader(%q) = %d, want a class below %d", h, c, prev)
		}
		prev = c
	}
	for h, want := range map[string]int{
		"Penilaian Mandiri": levelMandiri, "Nilai": levelGeneric, "Penilaian Dokumen": levelDokumen,
		"Nilai Wawancara": levelInterviu, "Skor Asesor": levelAsesor, "Nilai Evaluator": levelFinal,
	} {
		if c, _ := levelHeader(normHeader(h)); c != want {
			t.Errorf("levelHeader(%q) = %d, want %d", h, c, want)
		}
	}
}

// pemdiRows are the developer's example (Indeks Pemdi 2,16) in a long
// table with the ids in the form id(i) gives, under the given level
// headers (the first is the one expected to be used; the others hold 5).
func pemdiRows(id func(i int) any, headers ...string) [][]any {
	values := []any{3, 2, 1.1666666666666667, 2, 2, 1, 2, 1.5, 2, 2.3333333333333335, 1, 2, 3, 3.25, 2, 2, 3, 1, 3, 2}
	head := []any{"No", "Indikator"}
	for _, h := range headers[1:] {
		head = append(head, h)
	}
	head = append(head, headers[0])
	rows := [][]any{{"Instansi: Pemerintah Provinsi Contoh"}, head}
	for i, v := range values {
		row := []any{id(i + 1), "indikator"}
		for range headers[1:] {
			row = append(row, 5)
		}
		rows = append(rows, append(row, v))
	}
	return rows
}

var codes = []string{"1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2"}

// TestReadPemdiLayouts reads the layouts of the Pemdi round, without a
// rubric (Known nil), and checks the levels under permenpanrb-8-2026: ids
// 1..20, I1..I20 and kode 1.1..7.2, with every level column name, and the
// latest stage chosen among several.
func TestReadPemdiLayouts(t *testing.T) {
	r := rubricPemdi(t)
	ids := map[string]func(int) any{
		"plain": func(i int) any { return i },
		"I":     func(i int) any { return "I" + itoa(i) },
		"kode":  func(i int) any { return codes[i-1] },
	}
	heads := [][]string{
		{"Nilai"}, {"Nilai Indikator"}, {"Nilai Mandiri"}, {"Penilaian Mandiri"}, {"Nilai Dokumen"}, {"Nilai Interviu"},
		{"Nilai Asesor"}, {"Nilai Akhir"},
		{"Nilai Akhir", "Nilai Mandiri", "Nilai Dokumen", "Nilai Interviu", "Nilai Asesor"},
		{"Nilai Visitasi", "Nilai Mandiri", "Nilai Asesor", "Nilai Interviu"},
		{"Nilai Dokumen", "Penilaian Mandiri"},
	}
	for name, id := range ids {
		for _, hs := range heads {
			rows := pemdiRows(id, hs...)
			path := writeXLSX(t, "pemdi.xlsx", sheetSpec{name: "Penilaian", rows: rows, edit: storedFloats(rows)})
			s, err := ReadSheet(path, Options{})
			if err != nil {
				t.Fatalf("%s %v: %v", name, hs, err)
			}
			if s.LevelHeader != hs[0] || len(s.OtherLevelColumns) != len(hs)-1 {
				t.Errorf("%s %v: level column %q (others %v), want %q", name, hs, s.LevelHeader, s.OtherLevelColumns, hs[0])
			}
			lv, err := s.Levels(r)
			if err != nil {
				t.Fatalf("%s %v: %v", name, hs, err)
			}
			if got := lv["3"].String(); got != "1.1666666666666667" {
				t.Errorf("%s %v: indicator 3 = %s", name, hs, got)
			}
			if got := lv["20"].String(); got != "2" {
				t.Errorf("%s %v: indicator 20 = %s", name, hs, got)
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// storedFloats writes the fractional numbers of rows as Excel stores
// them, with 17 significant digits (1.1666666666666667); SetCellValue
// would cut them to 15.
func storedFloats(rows [][]any) func(f *excelize.File, sheet string) error {
	return func(f *excelize.File, sheet string) error {
		for r, row := range rows {
			for c, v := range row {
				if x, ok := v.(float64); ok {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					_, frac, _ := strings.Cut(strconv.FormatFloat(x, 'f', -1, 64), ".")
					if err := f.SetCellFloat(sheet, cell, x, len(frac), 64); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
}

// TestExternalWithoutValue: indicators 5, 6, 7 and 18 without a value are
// one error naming them and the flag; with AssumeExternal they take the
// rubric's level and are listed as assumed.
func TestExternalWithoutValue(t *testing.T) {
	r := rubricPemdi(t)
	rows := pemdiRows(func(i int) any { return i }, "Nilai")
	rows[2+4][2] = "N/A"                       // 5
	rows[2+5][2] = nil                         // 6
	rows[2+6][2] = "#N/A"                      // 7
	rows = append(rows[:2+17], rows[2+18:]...) // no row for 18
	path := writeXLSX(t, "pemdi.xlsx", sheetSpec{name: "S", rows: rows, edit: storedFloats(rows)})
	s, err := ReadSheet(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.LevelsWith(r, LevelOptions{})
	if !errors.Is(err, ErrExternal) || !strings.Contains(err.Error(), "no value for indicators 5, 6, 7, 18") ||
		!strings.Contains(err.Error(), "--assume-external") || errors.Is(err, ErrMissing) {
		t.Fatalf("err = %v", err)
	}
	lv, assumed, err := s.LevelsWith(r, LevelOptions{AssumeExternal: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(assumed, ",") != "5,6,7,18" || lv["18"].String() != "1" || lv["5"].String() != "1" {
		t.Errorf("assumed %v, levels 5=%s 18=%s", assumed, lv["5"], lv["18"])
	}
	// Another indicator's "N/A" is a bad level, assumption or not.
	rows[2+0][2] = "N/A"
	path = writeXLSX(t, "pemdi2.xlsx", sheetSpec{name: "S", rows: rows})
	s, _ = ReadSheet(path, Options{})
	if _, _, err := s.LevelsWith(r, LevelOptions{AssumeExternal: true}); !errors.Is(err, ErrBadLevel) {
		t.Errorf("indicator 1 N/A: %v", err)
	}
}

// TestCodesUnderRubricWithoutCodes: under 59/2020 a "1.1" row is a
// heading, skipped as before codes; under 8/2026 it is indicator 1.
func TestCodesUnderRubricWithoutCodes(t *testing.T) {
	path := writeXLSX(t, "h.xlsx", sheetSpec{name: "S", rows: [][]any{{"No", "Nilai"}, {"1.1", 9}, {1, 3}}})
	s, err := ReadSheet(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Unknown(rubric59(t)); err != nil {
		t.Errorf("59/2020: %v", err)
	}
	if err := s.Unknown(rubricPemdi(t)); err != nil {
		t.Errorf("8/2026: %v", err)
	}
	_, err = s.Levels(rubricPemdi(t))
	if !errors.Is(err, ErrDuplicate) {
		t.Errorf("8/2026: 1.1 and 1 are one indicator: %v", err)
	}
}

// TestWideStages: a wide header that repeats the indicators under stage
// labels ("Mandiri", "Akhir": read as Nilai Mandiri, Nilai Akhir) takes
// the latest stage's columns, whatever their order.
func TestWideStages(t *testing.T) {
	for _, order := range [][2]string{{"Mandiri", "Akhir"}, {"Akhir", "Dokumen"}} {
		top := []any{nil, order[0]}
		head := []any{"Nama Instansi"}
		row := []any{"Kota Contoh"}
		for k := range 2 {
			if k == 1 {
				top = append(top, make([]any, 19)...)
				top = append(top, order[1])
			}
			for i := range 20 {
				head = append(head, codes[i])
				row = append(row, k+1) // the first run holds 1, the second 2
			}
		}
		path := writeXLSX(t, "w.xlsx", sheetSpec{name: "S", rows: [][]any{top, head, row}})
		var got *WideTable
		err := Read(path, Options{Layout: LayoutWide, Want: 20}, Visitor{Wide: func(w *WideTable) error { got = w; return nil }})
		if err != nil || got == nil {
			t.Fatalf("%v: %v", order, err)
		}
		want, col := "Akhir", "B" // the Akhir run: B..U first, V..AO second
		if order[1] == "Akhir" {
			col = "V"
		}
		if order[0] == "Akhir" {
			col = "B"
		}
		// The columns are chosen by the level-column ranking of the labels
		// above them (pickColumns), which LevelNote names.
		if got.Columns["1.1"] != col || !strings.Contains(got.LevelNote, want) {
			t.Errorf("%v: 1.1 in %s, note %q; want %s under %q", order, got.Columns["1.1"], got.LevelNote, col, want)
		}
	}
}
