package excelout

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/result"
)

// A national report made from a wide table (a row per instansi, a column
// per indicator) verifies against its input, read again the way spbe
// score read it; a level changed in one instansi's row is named by its
// instansi and cell.
func TestVerifyWide(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	names := []string{"Pemerintah Kota Alfa", "Pemerintah Kota Beta", "Pemerintah Kabupaten Gama"}
	level := func(i, id int) int { return 1 + (i+id)%5 }
	header := []string{"Nama Instansi", "Jenis"}
	for id := 1; id <= 47; id++ {
		header = append(header, strconv.Itoa(id))
	}
	rowOf := func(i int) []string {
		row := []string{names[i], "Kota"}
		for id := 1; id <= 47; id++ {
			row = append(row, strconv.Itoa(level(i, id)))
		}
		return row
	}
	// Indicator id is in column id+2 (after the name and the category),
	// instansi i in row i+2 (under the header).
	cellOf := func(i, id int) string {
		c, _ := excelize.CoordinatesToCellName(id+2, i+2)
		return c
	}
	const changed = 1 // Beta
	const changedID = 5
	newLevel := level(changed, changedID)%5 + 1
	for _, tc := range []struct {
		name, file, sheet string
		write             func(path string, rows [][]string)
	}{
		{"csv", "wide.csv", "", func(path string, rows [][]string) {
			var sb strings.Builder
			for _, row := range rows {
				sb.WriteString(strings.Join(row, ";") + "\n")
			}
			if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"xlsx", "wide.xlsx", "Nilai", func(path string, rows [][]string) {
			f := excelize.NewFile()
			defer f.Close()
			if err := f.SetSheetName("Sheet1", "Nilai"); err != nil {
				t.Fatal(err)
			}
			for n, row := range rows {
				vals := make([]any, len(row))
				for i, v := range row {
					if k, err := strconv.Atoi(v); err == nil && n > 0 {
						vals[i] = k
					} else {
						vals[i] = v
					}
				}
				if err := f.SetSheetRow("Nilai", cellName(1, n+1), &vals); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, tc.file)
			rows := [][]string{header}
			for i := range names {
				rows = append(rows, rowOf(i))
			}
			tc.write(in, rows)
			read := batch.Read(in, &batch.Options{Rubric: r, Lang: "en"})
			if len(read.Errs) > 0 || len(read.Evals) != len(names) {
				t.Fatalf("read %s: %d evaluations, errors %v", in, len(read.Evals), read.Errs)
			}
			var evals []*result.Evaluation
			for _, e := range read.Evals {
				full, err := e.Full(r)
				if err != nil {
					t.Fatal(err)
				}
				evals = append(evals, full)
			}
			out := writeReport(t, evals, "en")
			p := provenanceOf(t, out)
			for i, pin := range p.Inputs {
				if pin.Row != i+2 || pin.Instansi != names[i] || pin.Sheet != tc.sheet || pin.Levels[changedID-1].Cell != cellOf(i, changedID) {
					t.Errorf("recorded input %d: row %d, instansi %q, sheet %q, cell of %d %s", i+1, pin.Row, pin.Instansi, pin.Sheet, changedID, pin.Levels[changedID-1].Cell)
				}
			}
			for _, given := range []string{"", in} {
				v, err := Verify(out, given)
				if err != nil || len(v.Diffs) != 0 || len(v.Read) != 1 || v.Read[0] != in || len(v.Missing) != 0 {
					t.Fatalf("fresh report, input %q: %+v, %v; want it to match, its input read once", given, v, err)
				}
			}
			// A report written before the row was recorded: its rows
			// are known by their cells.
			edit(t, out, func(f *excelize.File) {
				got, _ := f.GetRows(ProvenanceSheet)
				for n, row := range got {
					if len(row) > 7 && (row[0] == "input" || row[0] == "record" && row[7] == "row") {
						f.SetCellValue(ProvenanceSheet, cellName(8, n+1), nil)
					}
				}
			})
			if p := provenanceOf(t, out); p.Inputs[0].Row != 0 {
				t.Fatalf("row still recorded: %+v", p.Inputs[0])
			}
			if v, err := Verify(out, ""); err != nil || len(v.Diffs) != 0 || len(v.Read) != 1 {
				t.Fatalf("report without rows: %+v, %v; want it to match", v, err)
			}

			rows[changed+1][changedID+1] = strconv.Itoa(newLevel)
			tc.write(in, rows)
			diffs := verifyDiffs(t, out, "")
			all := ""
			for _, d := range diffs {
				all += d.String() + "\n"
			}
			cell := cellOf(changed, changedID)
			if tc.sheet != "" {
				cell = tc.sheet + "!" + cell
			}
			want := fmt.Sprintf(`input %s: %s: indicator %d (%s) level: report "%d", recomputed "%d"`,
				tc.file, names[changed], changedID, cell, level(changed, changedID), newLevel)
			if len(diffs) != 2 || !strings.Contains(all, "sha256") || !strings.Contains(all, want) {
				t.Errorf("changed input: diffs =\n%s\nwant the hash and %s", all, want)
			}
		})
	}
}
