package main

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// writeBatchWorkbooks writes the workbooks of the batch and compare
// scenarios:
//
//	batch/   a.xlsx (Perekonomian 2021, 2,95), b.xlsx (all 4: 4,00),
//	         c.csv (the same levels as a.xlsx: a tie), d.xlsx (all 2: 2,00)
//	bad/     the same plus bad.csv with the level 9 for indicator 21, and notes.txt
//	wide.xlsx   four instansi in one sheet, with a Kategori column
//	sheets.xlsx two instansi on two sheets and a sheet of notes
//	y2022.xlsx  Perekonomian with some levels changed, for compare
func writeBatchWorkbooks(dir string) error {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		return err
	}
	n := len(r.Indicators())
	eko := fixture.Perekonomian2021
	for _, sub := range []string{"batch", "bad"} {
		d := filepath.Join(dir, sub)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		steps := []error{
			fixture.Report(filepath.Join(d, "a.xlsx"), "Hasil Evaluasi SPBE", "Kementerian Koordinator Bidang Perekonomian", r, eko),
			fixture.Report(filepath.Join(d, "b.xlsx"), "Hasil Evaluasi SPBE", "Pemerintah Provinsi Contoh", r, fixture.Uniform(n, 4)),
			fixture.CSV(filepath.Join(d, "c.csv"), "Pemerintah Kota Contoh", r, eko),
			fixture.Report(filepath.Join(d, "d.xlsx"), "Hasil Evaluasi SPBE", "Pemerintah Kabupaten Contoh", r, fixture.Uniform(n, 2)),
		}
		for _, err := range steps {
			if err != nil {
				return err
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bad", "notes.txt"), []byte("not a workbook\n"), 0o644); err != nil {
		return err
	}
	bad := fixture.Uniform(n, 3)
	bad[20] = 9 // indicator 21, cell D24
	if err := fixture.CSV(filepath.Join(dir, "bad", "bad.csv"), "Pemerintah Kota Rusak", r, bad); err != nil {
		return err
	}
	wide := []fixture.WideRow{
		{Instansi: "Kementerian Contoh", Category: "Kementerian", Levels: eko},
		{Instansi: "Pemerintah Kota Satu", Category: "Kota", Levels: fixture.Uniform(n, 3)},
		{Instansi: "Pemerintah Kota Dua", Category: "Kota", Levels: fixture.Uniform(n, 4)},
		{Instansi: "Pemerintah Kabupaten Tiga", Category: "Kabupaten", Levels: fixture.Uniform(n, 3)},
	}
	if err := fixture.Wide(filepath.Join(dir, "wide.xlsx"), r, wide); err != nil {
		return err
	}
	if err := fixture.Sheets(filepath.Join(dir, "sheets.xlsx"), r, []string{"Pemerintah Kota Satu", "Pemerintah Kota Dua"},
		[][]int{fixture.Uniform(n, 3), eko}); err != nil {
		return err
	}
	y2022 := slices.Clone(eko)
	y2022[20], y2022[21], y2022[12], y2022[0] = 3, 2, 4, 4 // 21 and 22 up, 13 down, 1 up
	return fixture.Report(filepath.Join(dir, "y2022.xlsx"), "Hasil Evaluasi SPBE Tahun 2022",
		"Kementerian Koordinator Bidang Perekonomian", r, y2022)
}
