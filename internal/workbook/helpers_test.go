package workbook

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// sheetSpec is a sheet of a test workbook: rows of cell values written
// from A1 down, plus optional extras applied after.
type sheetSpec struct {
	name   string
	rows   [][]any
	hidden bool
	edit   func(f *excelize.File, sheet string) error
}

// writeXLSX builds a workbook in a temporary directory and returns its path.
func writeXLSX(t testing.TB, name string, sheets ...sheetSpec) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		if s.edit != nil {
			if err := s.edit(f, s.name); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// known47 knows the ids of PermenPANRB 59/2020: "1".."47".
func known47(id string) bool {
	n, err := strconv.Atoi(id)
	return err == nil && n >= 1 && n <= 47 && strconv.Itoa(n) == id
}

// benchRows is the layout of the benchmark workbook: two title rows, a
// blank row, the header `No, Domain, Aspek, Indikator, Bobot (%),
// Tingkat Kematangan` and 47 rows with level (i % 5) + 1.
func benchRows() [][]any {
	rows := [][]any{
		{"Hasil Evaluasi SPBE Tahun 2024"},
		{"Instansi: Pemerintah Provinsi Kalimantan Timur"},
		nil,
		{"No", "Domain", "Aspek", "Indikator", "Bobot (%)", "Tingkat Kematangan"},
	}
	for i := 1; i <= 47; i++ {
		rows = append(rows, []any{i, "Domain " + strconv.Itoa((i-1)/10+1), "Aspek", "Indikator " + strconv.Itoa(i), 2.1, (i-1)%5 + 1})
	}
	return rows
}

func rubric59(t testing.TB) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func rubric2018(t testing.TB) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID("permenpanrb-5-2018")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func knownIn(r *rubric.Rubric) func(string) bool {
	return func(id string) bool { return r.Indicator(id) != nil }
}
