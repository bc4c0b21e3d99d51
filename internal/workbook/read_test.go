package workbook

import (
	"strconv"
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestReadBenchLayout(t *testing.T) {
	path := writeXLSX(t, "kaltim.xlsx", sheetSpec{name: "Penilaian", rows: benchRows()})
	s, err := ReadSheet(path, Options{Known: known47})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Entries), 47; got != want {
		t.Fatalf("entries: got %d, want %d", got, want)
	}
	checks := []struct{ name, got, want string }{
		{"sheet", s.Sheet, "Penilaian"},
		{"instansi", s.Instansi, "Pemerintah Provinsi Kalimantan Timur"},
		{"instansi cell", s.InstansiCell, "A2"},
		{"id column", s.IDColumn, "A"},
		{"level column", s.LevelColumn, "F"},
		{"id header", s.IDHeader, "No"},
		{"level header", s.LevelHeader, "Tingkat Kematangan"},
		{"first entry", s.Entries[0].ID + " " + s.Entries[0].Raw + " " + s.Entries[0].Cell + " " + s.Entries[0].IDCell, "1 1 F5 A5"},
		{"last entry", s.Entries[46].ID + " " + s.Entries[46].Raw + " " + s.Entries[46].Cell, "47 2 F51"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	lv, err := s.Levels(rubric59(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 47; i++ {
		if got, want := lv[strconv.Itoa(i)], rubric.NewLevel(int64((i-1)%5+1)); got != want {
			t.Errorf("level %d: got %s, want %s", i, got, want)
		}
	}
	if len(s.OtherLevelColumns) != 0 || len(s.Warnings) != 0 {
		t.Errorf("other columns %q, warnings %q: want none", s.OtherLevelColumns, s.Warnings)
	}
}
