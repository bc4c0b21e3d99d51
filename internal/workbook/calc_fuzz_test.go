package workbook

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
)

// FuzzCalc computes any formula over calcData: never a panic.
func FuzzCalc(f *testing.F) {
	for _, c := range calcCases {
		f.Add(c)
	}
	f.Add(`{1,2;3,4}*D!A1:B2`)
	f.Add(`SUM(D!A1:A3*{1;2;3})`)
	path := filepath.Join(f.TempDir(), "calc.xlsx")
	if err := fixture.XLSX(path, fixture.XMLSheet{Name: "F", Data: fixture.Row(1, fixture.Num("B1", 1))},
		fixture.XMLSheet{Name: "D", Data: calcData()}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, formula string) {
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if x.SetCellFormula("F", "A1", formula) != nil {
			return
		}
		g := newFormulaGuard(x, nil)
		_, _, _ = (&excelBook{f: x}).compute(g, "F", 1, 1)
	})
}
