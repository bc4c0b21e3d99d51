package workbook

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// bothReaders writes the example workbook with edit applied, once plain
// and once encrypted (decrypted, then read by the scanner as well), and
// reads each. That excelize's reader marks cells alike is held by
// internal/xlsx's differential test.
func bothReaders(t *testing.T, edit func(f *excelize.File) error) map[string]*Sheet {
	t.Helper()
	out := map[string]*Sheet{}
	for _, password := range []string{"", "benar"} {
		f := excelize.NewFile()
		for r, row := range benchRows() {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			f.SetSheetRow("Sheet1", cell, &row)
		}
		if err := edit(f); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "cells.xlsx")
		if err := f.SaveAs(path, excelize.Options{Password: password}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		s, err := ReadSheet(path, Options{Known: known47, Password: password})
		if err != nil {
			t.Fatal(err)
		}
		out[map[string]string{"": "plain", "benar": "encrypted"}[password]] = s
	}
	return out
}

// A true/false cell holds 1 or 0 in the file; neither reader may take it
// for a level.
func TestBooleanIsNotALevel(t *testing.T) {
	sheets := bothReaders(t, func(f *excelize.File) error { return f.SetCellBool("Sheet1", "F5", true) })
	for reader, s := range sheets {
		if got := s.Entries[0].Raw; got != "TRUE" {
			t.Errorf("%s: raw level of a TRUE cell = %q, want TRUE", reader, got)
		}
	}
}

// A date in a level cell is read as the date it shows, by both readers;
// a number in a number format stays a number.
func TestDateIsNotALevel(t *testing.T) {
	sheets := bothReaders(t, func(f *excelize.File) error {
		custom := "dd/mm/yyyy"
		dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
		if err != nil {
			return err
		}
		twoDecimals, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
		if err != nil {
			return err
		}
		return errors.Join(
			f.SetCellValue("Sheet1", "F5", 45292),
			f.SetCellStyle("Sheet1", "F5", "F5", dateStyle),
			f.SetCellStyle("Sheet1", "F6", "F6", twoDecimals))
	})
	for reader, s := range sheets {
		if got := s.Entries[0].Raw; got != "2024-01-01" {
			t.Errorf("%s: raw level of a date cell = %q, want 2024-01-01", reader, got)
		}
		if got := s.Entries[1].Raw; got != "2" {
			t.Errorf("%s: raw level of 2 shown as 2.00 = %q, want 2", reader, got)
		}
	}
}
