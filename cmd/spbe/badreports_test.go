package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// badReports are the forged reports of the table of bad inputs in
// docs/bad-input.md: spbe verify on a report of spbe score -o, changed so
// that Excel or LibreOffice shows another index than the values say. Each
// must be a difference (exit 1), named on stdout; TestBadInputsDoc writes
// them into the table after badInputs.
var badReports = []struct {
	file, class string
	forge       func(t *testing.T, path string)
	says        string // what stdout must contain
}{
	// Issue 19, item 14.
	{"laporan-format-bersyarat.xlsx", "a report whose index has a conditional format showing `\"4,50\"` (spbe verify)",
		func(t *testing.T, path string) {
			editReport(t, path, func(f *excelize.File) error {
				st, err := f.NewConditionalStyle(&excelize.Style{CustomNumFmt: ptrTo(`"4,50"`)})
				if err != nil {
					return err
				}
				return f.SetConditionalFormat("Ringkasan", "B8", []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: ">", Value: "0", Format: &st}})
			})
		}, `Ringkasan conditional formats: report "1 ranges", recomputed "0 ranges"`},
	// Item 15.
	{"laporan-rumus.xlsx", "a report whose index is a formula `=4.5` that keeps the old value, recalculated on opening (spbe verify)",
		func(t *testing.T, path string) {
			editReport(t, path, func(f *excelize.File) error {
				if err := f.SetCellFormula("Ringkasan", "B8", "4.5"); err != nil {
					return err
				}
				return f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptrTo(true)})
			})
		}, `Ringkasan!B8 formula: report "=4.5", recomputed "no formula"`},
	{"laporan-kotak-teks.xlsx", "a report with a text box `4,50 Memuaskan` over the index (spbe verify)",
		func(t *testing.T, path string) {
			editReport(t, path, func(f *excelize.File) error {
				return f.AddShape("Ringkasan", &excelize.Shape{Cell: "B8", Type: "rect", Width: 80, Height: 20,
					Paragraph: []excelize.RichTextRun{{Text: "4,50 Memuaskan"}}})
			})
		}, `Ringkasan drawings: report`},
	// Item 12.
	{"laporan-padat.xlsx", "a report padded with 100 000 rows (spbe verify: the padded sheet is counted, not loaded)",
		func(t *testing.T, path string) {
			var rows strings.Builder
			for n := 1000; n < 101_000; n++ {
				fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, n, n, n%10)
			}
			rewriteParts(t, path, func(name string, data []byte) []byte {
				if name != "xl/worksheets/sheet2.xml" {
					return data
				}
				i := bytes.Index(data, []byte("</sheetData>"))
				return []byte(string(data[:i]) + rows.String() + string(data[i:]))
			})
		}, `Indikator cells: report "10961 or more cells, values up to`},
}

func ptrTo[T any](v T) *T { return &v }

func editReport(t *testing.T, path string, edit func(*excelize.File) error) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// rewriteParts rewrites the parts of a zip archive through edit.
func rewriteParts(t *testing.T, path string, edit func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err == nil {
			_, err = w.Write(edit(f.Name, data))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestBadReports runs spbe verify on each forged report: a difference
// (exit 1), named on stdout.
func TestBadReports(t *testing.T) {
	dir := t.TempDir()
	in := perekonomianInput(t, dir)
	clean := filepath.Join(dir, "report.xlsx")
	if code, _, stderr := runSPBE(t, "score", in, "-o", clean); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range badReports {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			tt.forge(t, path)
			code, stdout, stderr := runSPBE(t, "verify", path, in)
			if code != exitGate || !strings.Contains(stdout, tt.says) {
				t.Errorf("exit %d, want %d; stdout does not say %q:\n%s\nstderr:\n%s", code, exitGate, tt.says, stdout, stderr)
			}
		})
	}
}
