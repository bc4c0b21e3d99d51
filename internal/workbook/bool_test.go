package workbook

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A true/false cell holds 1 or 0 in the file; neither reader may take it
// for a level.
func TestBooleanIsNotALevel(t *testing.T) {
	for _, password := range []string{"", "benar"} { // the scanner, then excelize
		f := excelize.NewFile()
		for r, row := range benchRows() {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			f.SetSheetRow("Sheet1", cell, &row)
		}
		if err := f.SetCellBool("Sheet1", "F5", true); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "bool.xlsx")
		if err := f.SaveAs(path, excelize.Options{Password: password}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		s, err := Read(path, Options{Known: known47, Password: password})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Entries[0].Raw; got != "TRUE" {
			t.Errorf("password %q: raw level of a TRUE cell = %q, want TRUE", password, got)
		}
	}
}
