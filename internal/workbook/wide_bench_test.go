package workbook

import (
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeWideBench writes a wide workbook of n instansi with a streaming
// writer: `Instansi | 1 | ... | 47`, as the shared benchmark generator does.
func writeWideBench(b *testing.B, n int) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	hdr := []any{"Instansi"}
	for i := 1; i <= 47; i++ {
		hdr = append(hdr, strconv.Itoa(i))
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		b.Fatal(err)
	}
	for r := 0; r < n; r++ {
		row := []any{"Instansi " + strconv.Itoa(r)}
		for i := 0; i < 47; i++ {
			row = append(row, (r+i)%5+1)
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	path := b.TempDir() + "/wide.xlsx"
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkReadWide streams a wide workbook of 10,000 instansi; compare
// with BenchmarkExcelizeWide, the excelize floor for the same file.
func BenchmarkReadWide(b *testing.B) {
	path := writeWideBench(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(path, Options{Layout: LayoutWide, Known: known47, Want: 47}, Visitor{Row: func(t *WideTable, r *WideRow) error {
			n++
			return nil
		}})
		if err != nil || n != 10000 {
			b.Fatal(n, err)
		}
	}
}

func BenchmarkExcelizeWide(b *testing.B) {
	path := writeWideBench(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
		}
		rows.Close()
		f.Close()
	}
}

// BenchmarkReadExcelize is Read through excelize (the fallback), for
// comparison with BenchmarkRead on the scanner.
func BenchmarkReadExcelize(b *testing.B) {
	path := writeXLSX(b, "bench.xlsx", sheetSpec{name: "Penilaian", rows: benchRows()})
	b.ReportAllocs()
	for b.Loop() {
		// A password that is not needed forces the excelize path.
		s, err := ReadSheet(path, Options{Known: known47, Password: "x"})
		if err != nil || len(s.Entries) != 47 {
			b.Fatal(err)
		}
	}
}
