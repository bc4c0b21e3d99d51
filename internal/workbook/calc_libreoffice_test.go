package workbook

import (
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
)

// calcData is the sheet D the formulas of calcCases read: numbers, texts
// that look like numbers, texts, logicals, empty cells and errors.
func calcData() string {
	return fixture.Row(1, fixture.Num("A1", 1), fixture.Text("B1", "Ya"), fixture.Text("C1", "1"), fixture.Text("D1", "1"), fixture.Num("E1", 1), fixture.Num("F1", 3), `<c r="G1" t="b"><v>1</v></c>`) +
		fixture.Row(2, fixture.Text("A2", "4"), fixture.Text("B2", "ya"), fixture.Text("C2", "0"), fixture.Num("D2", 5), fixture.Text("E2", "x"), fixture.Num("F2", 2.675)) +
		fixture.Row(3, fixture.Num("A3", 4), fixture.Text("B3", "Tidak"), fixture.Num("C3", 1), fixture.Text("D3", "2,5"), fixture.Text("E3", "y"), fixture.Num("F3", -2.5)) +
		fixture.Row(4, fixture.Text("B4", ""), `<c r="C4" t="e"><v>#N/A</v></c>`, fixture.Num("F4", 0.1)) +
		fixture.Row(5, fixture.Num("A5", 2.5), fixture.Text("B5", "b"), fixture.Num("C5", 7), fixture.Num("F5", 0.2)) +
		fixture.Row(6, fixture.Num("F6", 7))
}

// calcCases are formulas over calcData, each computed by spbe (or
// refused) and by LibreOffice. Together they call every function of
// functions where spbe computes it.
var calcCases = []string{
	// Issue 19, item 5: excelize gave 3, 7 and 1 here.
	`AVERAGE(D!A1:A3)`, `IF(D!G6="",1,D!F6)`, `COUNTIF(D!C1:E3,"1")`,

	`SUM(D!A1:A5)`, `SUM(D!A:A)`, `SUM(D!A1:A5,10)`, `SUM(D!A2)`, `SUM("4")`, `SUM(TRUE,1)`, `SUM(D!A1:C4)`, `SUM(D!F4:F5)-0.3`,
	`AVERAGE(D!A1:A5)`, `AVERAGE(D!B1:B3)`, `AVERAGE(D!A2,2)`, `AVERAGE(D!F1:F6)`,
	`MIN(D!A1:A5)`, `MAX(D!A1:A5)`, `MIN(D!B1:B3)`, `MAX(D!F1:F6,8)`,
	`COUNT(D!A1:F6)`, `COUNT(D!A:A)`, `COUNTA(D!A1:F6)`, `COUNTA(D!A:A)`, `COUNTBLANK(D!A1:F6)`, `COUNTBLANK(D!G:G)`, `COUNTBLANK(D!B4)`,
	`COUNTIF(D!C1:E3,1)`, `COUNTIF(D!B1:B5,"ya")`, `COUNTIF(D!B1:B5,"<>ya")`, `COUNTIF(D!A1:A6,">=2.5")`, `COUNTIF(D!A1:A6,"<>1")`,
	`COUNTIF(D!A:A,"<>1")`, `COUNTIF(D!C1:C3,">0")`, `COUNTIF(D!B1:B5,"y*")`, `COUNTIF(D!A1:A5,"")`,
	`SUMIF(D!A1:A5,">1")`, `SUMIF(D!B1:B5,"ya",D!F1:F5)`, `SUMIF(D!C1:C3,"1",D!F1:F3)`,
	`ROUND(D!F2,2)`, `ROUND(D!F3,0)`, `ROUND(2.345,2)`, `ROUND(1234.5,-2)`, `ROUND(D!F4+D!F5,1)`, `ROUND(-0.5,0)`,
	`ROUNDUP(D!F2,1)`, `ROUNDUP(-2.1,0)`, `ROUNDUP(D!F4*3,1)`, `ROUNDDOWN(D!F2,1)`, `ROUNDDOWN(-2.9,0)`, `ROUNDDOWN(2.9999999999999996,0)`,
	`INT(D!F3)`, `INT(2.7)`, `INT(D!A2)`, `ABS(D!F3)`, `ABS(D!G1)`, `SUM(D!G1,1)`, `SUM(D!F1:G1)`, `COUNTA(D!A1:A5)`, `COUNTA(D!B1:B5)`, `TRUE&"x"`, `(1=1)+1`,
	`IF(D!A1,"ya","tidak")`, `IF(D!G6,1,2)`, `IF(D!A1>3,1)`, `IF(D!B1="YA",D!F1,D!F2)`, `IF(D!B4="",1,2)`, `IF(D!A2,1,2)`, `IF(D!C4,1,2)`, `IF(TRUE,D!G6)`,
	`IFERROR(1/0,5)`, `IFERROR(D!C4,"x")`, `IFERROR(D!A1,2)`,
	`AND(D!A1:A5)`, `AND(D!A1,0)`, `AND(D!B1:B3)`, `OR(D!A1:A5)`, `OR(0,FALSE)`, `OR(D!G1:G3)`, `NOT(D!A1)`, `NOT(D!G6)`, `NOT(D!B1)`,
	`TRUE()`, `FALSE()`, `NA()`,
	`ISBLANK(D!G6)`, `ISBLANK(D!B4)`, `ISBLANK(D!A1)`, `ISNUMBER(D!A2)`, `ISNUMBER(D!A3)`, `ISTEXT(D!A2)`, `ISERROR(D!C4)`, `ISERROR(1/0)`, `ISNA(D!C4)`, `ISNA(1/0)`,
	`ROW()`, `ROW(D!C5)`, `COLUMN()`, `COLUMN(D!C5)`,
	`VLOOKUP("YA",D!B1:F5,5,FALSE)`, `VLOOKUP(4,D!A1:F5,6,0)`, `VLOOKUP("4",D!A1:F5,6,FALSE)`, `VLOOKUP("z",D!B1:F5,2,FALSE)`, `VLOOKUP(1,D!A1:F5,9,FALSE)`, `VLOOKUP(3,D!F1:F6,1)`,
	`LEN(D!B3)`, `LEN(D!F2)`, `LEN("")`, `LEN(D!G6)`,
	// Operators.
	`D!A2+1`, `D!A2=4`, `D!A2="4"`, `D!G6=0`, `D!G6=""`, `D!G6=FALSE`, `D!A3>"a"`, `D!B1<"b"`, `D!B1="YA"`, `D!G1=TRUE`, `D!G1+1`,
	`-2^2`, `2^3^2`, `2*3+4`, `2+3*4`, `(2+3)*4`, `50%`, `1/3`, `5/3`, `D!F4+D!F5`, `D!F4+D!F5=0.3`, `0.1+0.2-0.3`, `1/0`, `0^0`, `D!E2*1`, `"3"+1`, `D!D3*1`,
	`"a"&"b"`, `1/3&""`, `D!G1&"x"`, `D!G6&"x"`, `D!A1:A3+1`,
	`ROUND(D!F1/7,2)*7`, `SUM(D!F1:F3)/COUNT(D!F1:F3)`,
}

// TestCalcLibreOffice computes calcCases with spbe and lets LibreOffice
// recalculate the same workbook (soffice --convert-to xlsx stores the
// values): every value spbe computes is LibreOffice's; the rest are
// refused. Every function spbe lists is computed in some case. It needs
// soffice (libreoffice-calc-nogui): with CI set, a missing soffice fails
// the test.
func TestCalcLibreOffice(t *testing.T) {
	soffice := fixture.NeedTool(t, "soffice")
	dir := t.TempDir()
	path := filepath.Join(dir, "calc.xlsx")
	var rows strings.Builder
	for i, f := range calcCases {
		rows.WriteString(fixture.Row(i+1, fmt.Sprintf(`<c r="A%d"><f>%s</f></c>`, i+1, html.EscapeString(f))))
	}
	if err := fixture.XLSX(path, fixture.XMLSheet{Name: "F", Data: rows.String()}, fixture.XMLSheet{Name: "D", Data: calcData()}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, path)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	lo, err := excelize.OpenFile(filepath.Join(out, "calc.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer lo.Close()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := newFormulaGuard(f, nil)
	x := &excelBook{f: f}
	computed := map[string]bool{}
	refused := 0
	for i, formula := range calcCases {
		cell := fmt.Sprintf("A%d", i+1)
		want, _ := lo.GetCellValue("F", cell, excelize.Options{RawCellValue: true})
		typ, _ := lo.GetCellType("F", cell)
		if typ == excelize.CellTypeBool {
			want = map[string]string{"1": "TRUE", "0": "FALSE"}[want]
		}
		_, got, err := x.compute(g, "F", i+1, 1)
		var r *refusal
		switch {
		case errors.As(err, &r) || err != nil && !strings.HasPrefix(err.Error(), "#"):
			refused++
			t.Logf("=%s: refused: %v (LibreOffice: %q)", formula, err, want)
			continue
		case err != nil:
			got = err.Error() // an error value
		}
		if !sameCalc(got, want) {
			t.Errorf("=%s: spbe %q, LibreOffice %q", formula, got, want)
		}
		for _, fn := range computedFunctions {
			if strings.Contains(formula, fn+"(") {
				computed[fn] = true
			}
		}
	}
	for _, fn := range computedFunctions {
		if !computed[fn] {
			t.Errorf("%s is computed in no case", fn)
		}
	}
	for i, want := range []string{"2.5", "1", "4"} { // by hand (Excel gives the same)
		if v, _ := lo.GetCellValue("F", fmt.Sprintf("A%d", i+1), excelize.Options{RawCellValue: true}); v != want {
			t.Errorf("=%s: LibreOffice %q, want %s (Excel's)", calcCases[i], v, want)
		}
		if _, got, err := x.compute(g, "F", i+1, 1); err != nil || got != want {
			t.Errorf("=%s: spbe %q %v, want %s", calcCases[i], got, err, want)
		}
	}
	t.Logf("%d cases, %d refused", len(calcCases), refused)
	if refused > len(calcCases)/3 {
		t.Errorf("%d of %d cases refused", refused, len(calcCases))
	}
}

// sameCalc compares a value of spbe with LibreOffice's: numbers to 15
// significant digits, the rest as text.
func sameCalc(got, want string) bool {
	if got == want {
		return true
	}
	x, err1 := strconv.ParseFloat(got, 64)
	y, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && (x == y || math.Abs(x-y) <= 1e-14*max(math.Abs(x), math.Abs(y)))
}
