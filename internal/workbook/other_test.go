package workbook

import (
	"slices"
	"testing"
)

// Read of the first sheet with a table names, through Visitor.Other, the
// later sheets that hold a table too: long or wide, hidden too; not a
// sheet of notes, nor a header without ids under it.
func TestReadOtherSheets(t *testing.T) {
	wide := [][]any{{"Instansi", "1", "2", "3"}, {"Kota A", 1, 2, 3}}
	path := writeXLSX(t, "kl.xlsx",
		sheetSpec{name: "Petunjuk", rows: [][]any{{"Isi lembar berikut."}}},
		sheetSpec{name: "Kota A", rows: benchRows()},
		sheetSpec{name: "Kota B", rows: benchRows()},
		sheetSpec{name: "Kosong", rows: [][]any{{"No", "Tingkat Kematangan"}}},
		sheetSpec{name: "Nasional", rows: wide},
		sheetSpec{name: "Arsip", rows: benchRows(), hidden: true},
	)
	read := func(opts Options) (tables, others []string) {
		err := Read(path, opts, Visitor{
			Long:  func(s *Sheet, _ error) error { tables = append(tables, s.Sheet); return nil },
			Wide:  func(t *WideTable) error { tables = append(tables, t.Sheet); return nil },
			Other: func(sheet string) { others = append(others, sheet) },
		})
		if err != nil {
			t.Fatal(err)
		}
		return tables, others
	}
	tables, others := read(Options{Layout: LayoutAuto, Want: 3})
	if want := []string{"Kota A"}; !slices.Equal(tables, want) {
		t.Errorf("read %q, want %q", tables, want)
	}
	if want := []string{"Kota B", "Nasional", "Arsip"}; !slices.Equal(others, want) {
		t.Errorf("other sheets %q, want %q", others, want)
	}
	// A sheet named, or every sheet: no other sheets to speak of.
	if _, others := read(Options{Layout: LayoutAuto, Want: 3, Sheet: "Kota B"}); others != nil {
		t.Errorf("--sheet: other sheets %q, want none", others)
	}
	if _, others := read(Options{Layout: LayoutAuto, Want: 3, AllSheets: true}); others != nil {
		t.Errorf("--all-sheets: other sheets %q, want none", others)
	}
}
