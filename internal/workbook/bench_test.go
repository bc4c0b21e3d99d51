package workbook

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkRead reads the 47-row benchmark layout. Compare it with
// BenchmarkExcelizeAllCells, which only opens the workbook and reads every
// cell of every row: Read, on the streaming scanner, should stay well below
// it (BenchmarkReadExcelize is the excelize fallback).
func BenchmarkRead(b *testing.B) {
	path := writeXLSX(b, "bench.xlsx", sheetSpec{name: "Penilaian", rows: benchRows()})
	b.ReportAllocs()
	for b.Loop() {
		s, err := ReadSheet(path, Options{Known: known47})
		if err != nil || len(s.Entries) != 47 {
			b.Fatal(err)
		}
	}
}

func BenchmarkExcelizeAllCells(b *testing.B) {
	path := writeXLSX(b, "bench.xlsx", sheetSpec{name: "Penilaian", rows: benchRows()})
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Penilaian")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				b.Fatal(err)
			}
			n += len(cols)
		}
		rows.Close()
		f.Close()
		if n == 0 {
			b.Fatal("no cells")
		}
	}
}
