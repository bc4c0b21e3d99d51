package main

import (
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// writeButirWorkbooks puts the example butir list of testdata into a
// scenario's folder, and an assessor's workbook with both sheets
// (asesor.xlsx): "Nilai", a table of the 20 indicator values (kode and
// Nilai Akhir), and "Butir", the example's butir list. The table gives
// indicator 1 (1.1) the value 1,4 and indicator 13 (5.1) 3,5 where the
// butir give 1,2 and 3,1666...; every other value is the butir's, and
// the four external indicators are 1.
func writeButirWorkbooks(dir string) error {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pemdi-2026-butir.csv"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "pemdi-2026-butir.csv"), src, 0o644); err != nil {
		return err
	}
	// Stage 2 of the same list: I10-L1-02 accepted, and a butir I10-L3-02
	// that stage 1 did not have.
	var lines []string
	for _, l := range strings.SplitAfter(string(src), "\n") {
		switch {
		case strings.HasPrefix(l, "I10-L1-02;"):
			l = "I10-L1-02;4.2;1;Data dukung 2 level 1 indikator 4.2;Diterima;Diterima;;;Bappeda;I10-L1-02.pdf\n"
		case strings.HasPrefix(l, "I10-L3-01;"):
			lines = append(lines, "I10-L3-02;4.2;3;Data dukung 2 level 3 indikator 4.2;Diterima;Belum Diunggah;;;Diskominfo;\n")
		}
		lines = append(lines, l)
	}
	stage2 := strings.Join(lines, "")
	if strings.Count(stage2, "\n") != strings.Count(string(src), "\n")+1 || !strings.Contains(stage2, "I10-L1-02;4.2;1;Data dukung 2 level 1 indikator 4.2;Diterima;Diterima") {
		return errors.New("writeButirWorkbooks: the example list changed: fix stage 2")
	}
	if err := os.WriteFile(filepath.Join(dir, "tahap2.csv"), []byte(stage2), 0o644); err != nil {
		return err
	}
	rd := csv.NewReader(strings.NewReader(string(src)))
	rd.Comma, rd.FieldsPerRecord = ';', -1
	rows, err := rd.ReadAll()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Nilai"); err != nil {
		return err
	}
	values := map[string]string{
		"1.1": "1.4", "1.2": "1.2142857142857143", "2.1": "1.5", "2.2": "3", "3.1": "1", "3.2": "1", "3.3": "1",
		"3.4": "3.6666666666666667", "4.1": "5", "4.2": "1.25", "4.3": "1", "4.4": "2", "5.1": "3.5",
		"5.2": "3.75", "6.1": "1.5", "6.2": "2.1666666666666667", "6.3": "2.8333333333333333", "6.4": "1",
		"7.1": "4.3333333333333333", "7.2": "1.3333333333333333",
	}
	_ = f.SetSheetRow("Nilai", "A1", &[]any{"Kode", "Nilai Akhir"})
	i := 2
	for _, k := range strings.Fields("1.1 1.2 2.1 2.2 3.1 3.2 3.3 3.4 4.1 4.2 4.3 4.4 5.1 5.2 6.1 6.2 6.3 6.4 7.1 7.2") {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		_ = f.SetSheetRow("Nilai", cell, &[]any{k, values[k]})
		i++
	}
	if _, err := f.NewSheet("Butir"); err != nil {
		return err
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		vals := make([]any, len(row))
		for c, v := range row {
			vals[c] = v
		}
		_ = f.SetSheetRow("Butir", cell, &vals)
	}
	if err := f.SaveAs(filepath.Join(dir, "asesor.xlsx")); err != nil {
		return err
	}
	// asesor16.xlsx: the same, but the assessor's sheet lists only the 16
	// indicators the instansi is scored on, by number (No 1..20 without
	// 5, 6, 7 and 18, which other agencies score), and has no Instansi
	// cell: the name is the butir sheet's "Nama Instansi". Numbers 1..20
	// alone fit the 59/2020 and 5/2018 rubrics too.
	_ = f.SetCellValue("Nilai", "A1", "No")
	for r, k := range strings.Fields("1.1 1.2 2.1 2.2 3.1 3.2 3.3 3.4 4.1 4.2 4.3 4.4 5.1 5.2 6.1 6.2 6.3 6.4 7.1 7.2") {
		_ = f.SetCellValue("Nilai", "A"+strconv.Itoa(r+2), r+1)
		_ = f.SetCellValue("Nilai", "B"+strconv.Itoa(r+2), values[k])
	}
	for _, row := range []int{19, 8, 7, 6} { // ids 18, 7, 6, 5 (id k in row k+1)
		if err := f.RemoveRow("Nilai", row); err != nil {
			return err
		}
	}
	return f.SaveAs(filepath.Join(dir, "asesor16.xlsx"))
}
