package workbook

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		id   int
		code string
		want bool
	}{
		{0, "", false},  // General
		{1, "", false},  // 0
		{2, "", false},  // 0.00
		{14, "", true},  // m/d/yyyy
		{22, "", true},  // m/d/yy h:mm
		{49, "", false}, // @
		{164, "dd/mm/yyyy", true},
		{164, "[$-421]d mmmm yyyy;@", true},
		{164, "h:mm", true},
		{164, "0.0", false},
		{164, "#,##0", false},
		{164, "General", false},
		{164, `0 "hari"`, false},
		{164, `"Level "0`, false},
		{164, `0\d`, false},
		{164, "[Red]0.00", false},
		{164, "0.00E+00", false},
		{164, `0;"d"`, false},
		{164, `"unclosed`, false},
	}
	for _, tt := range tests {
		if got := isDateFormat(tt.id, tt.code); got != tt.want {
			t.Errorf("isDateFormat(%d, %q) = %v, want %v", tt.id, tt.code, got, tt.want)
		}
	}
}

func TestDateText(t *testing.T) {
	tests := []struct {
		v        string
		date1904 bool
		want     string
	}{
		{"45292", false, "2024-01-01"},
		{"45292.5", false, "2024-01-01 12:00:00"},
		{"43830", true, "2024-01-01"},
		{"3", false, "1900-01-03"},
		{"-1", false, "-1"},
		{"1e300", false, "1e300"},
		{"NaN", false, "NaN"},
		{"abc", false, "abc"},
	}
	for _, tt := range tests {
		if got := dateText(tt.v, tt.date1904); got != tt.want {
			t.Errorf("dateText(%q, %v) = %q, want %q", tt.v, tt.date1904, got, tt.want)
		}
	}
}

// bothReaders writes the example workbook with edit applied, once plain
// (read by the streaming scanner) and once encrypted (read by excelize),
// and reads each.
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
		out[map[string]string{"": "scanner", "benar": "excelize"}[password]] = s
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
