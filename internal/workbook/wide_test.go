package workbook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
)

// wideCSV is a wide CSV: an optional row of block labels, the header
// `Nama Instansi,1..47` repeated blocks times (plus extra header cells),
// and one row for Kota A whose level in block b is levels[b].
func wideCSV(labels string, blocks int, extra string, levels ...string) string {
	var sb strings.Builder
	if labels != "" {
		sb.WriteString(labels + "\n")
	}
	sb.WriteString("Nama Instansi")
	for b := 0; b < blocks; b++ {
		for i := 1; i <= 47; i++ {
			sb.WriteString("," + strconv.Itoa(i))
		}
	}
	sb.WriteString(extra + "\nKota A")
	for _, l := range levels {
		sb.WriteString(strings.Repeat(","+l, 47))
	}
	sb.WriteString("\n")
	return sb.String()
}

// blockLabels is a row above the header: label i over block i's first
// column (column B, then AW, ...).
func blockLabels(labels ...string) string {
	cells := make([]string, 1+47*len(labels))
	for i, l := range labels {
		cells[1+47*i] = l
	}
	return strings.Join(cells, ",")
}

type wideResult struct {
	level   string // the level read for indicator 1
	col     string // its column
	note    string
	rows    int
	readErr error
	rowErr  error
}

func readWideCSV(t *testing.T, text string) wideResult {
	t.Helper()
	path := writeCSV(t, "nasional.csv", text)
	var res wideResult
	r := rubric59(t)
	res.readErr = Read(path, Options{Layout: LayoutWide, Known: knownIn(r), Want: 47, Lang: english}, Visitor{
		Wide: func(wt *WideTable) error {
			res.note, res.col = wt.LevelNote, wt.Columns["1"]
			return nil
		},
		Row: func(wt *WideTable, row *WideRow) error {
			res.rows++
			levels, err := row.Levels(wt, r, nil)
			if err != nil {
				res.rowErr = err
				return nil
			}
			res.level = levels[0].String()
			return nil
		},
	})
	return res
}

// Indicator columns that appear more than once are told apart by the
// label above their block, ranked as the long layout ranks level
// columns; equal ranks are refused.
func TestWideDuplicateColumns(t *testing.T) {
	tests := []struct {
		name, text string
		level, col string
		note       string // "" for none
		err        string // "" for none
	}{
		{"two years", wideCSV(blockLabels("2023", "2024"), 2, "", "2", "4"), "4", "AW",
			`levels from the indicator columns under "2024" (AW to CQ); also found: under "2023" (B to AV)`, ""},
		{"years in the other order", wideCSV(blockLabels("Tahun 2024", "Tahun 2023"), 2, "", "4", "2"), "4", "B",
			`levels from the indicator columns under "Tahun 2024" (B to AV); also found: under "Tahun 2023" (AW to CQ)`, ""},
		{"evaluator over self-assessment", wideCSV(blockLabels("Nilai Evaluator", "Penilaian Mandiri"), 2, "", "3", "5"), "3", "B",
			`levels from the indicator columns under "Nilai Evaluator" (B to AV); also found: under "Penilaian Mandiri" (AW to CQ)`, ""},
		{"final over a later year", wideCSV(blockLabels("Nilai Akhir 2023", "Nilai 2024"), 2, "", "3", "5"), "3", "B",
			`levels from the indicator columns under "Nilai Akhir 2023" (B to AV)`, ""},
		{"unlabelled over self-assessment", wideCSV(blockLabels("", "Penilaian Mandiri"), 2, "", "3", "5"), "3", "B",
			`levels from the indicator columns without a label above (B to AV); also found: under "Penilaian Mandiri" (AW to CQ)`, ""},
		{"a target is not a level", wideCSV(blockLabels("Nilai 2024", "Target 2025"), 2, "", "3", "5"), "3", "B",
			`also found: under "Target 2025" (AW to CQ)`, ""},
		{"no labels", wideCSV("", 2, "", "2", "4"), "", "", "",
			"nasional.csv: the header in line 1 has more than one column for indicators 1 (B, AW), 2 (C, AX), 3 (D, AY), 4 (E, AZ), 5 (F, BA), 6 (G, BB) and 41 more, and nothing tells which holds the levels to score"},
		{"the same label", wideCSV(blockLabels("2024", "2024"), 2, "", "2", "4"), "", "", "",
			"more than one column for indicators 1 (B, AW)"},
		{"one column twice", wideCSV("", 1, ",21", "3"), "", "", "",
			"nasional.csv: the header in line 1 has more than one column for indicator 21 (V, AW), and nothing tells which"},
		{"one column", wideCSV("", 1, "", "3"), "3", "B", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readWideCSV(t, tt.text)
			if tt.err != "" {
				if got.readErr == nil || !strings.Contains(got.readErr.Error(), tt.err) || !errors.Is(got.readErr, ErrDuplicate) {
					t.Fatalf("error %v, want ErrDuplicate with %q", got.readErr, tt.err)
				}
				if got.rows != 0 {
					t.Errorf("%d rows read after the error", got.rows)
				}
				return
			}
			if got.readErr != nil || got.rowErr != nil {
				t.Fatalf("errors %v, %v", got.readErr, got.rowErr)
			}
			if got.level != tt.level || got.col != tt.col {
				t.Errorf("indicator 1: level %s from %s, want %s from %s", got.level, got.col, tt.level, tt.col)
			}
			if tt.note == "" && got.note != "" || !strings.Contains(got.note, tt.note) {
				t.Errorf("note %q, want %q", got.note, tt.note)
			}
		})
	}
}

// The same rule holds in a workbook, where the label is a merged cell
// over the block.
func TestWideDuplicateColumnsXLSX(t *testing.T) {
	label := []any{nil, "Penilaian Mandiri"}
	header := []any{"Nama Instansi"}
	row := []any{"Kota A"}
	for b, l := range []int{5, 2} {
		for i := 1; i <= 47; i++ {
			header = append(header, i)
			row = append(row, l)
		}
		if b == 0 {
			for i := 1; i < 47; i++ {
				label = append(label, nil)
			}
			label = append(label, "Nilai Akhir")
		}
	}
	path := writeXLSX(t, "nasional.xlsx", sheetSpec{name: "Nasional", rows: [][]any{label, header, row}})
	r := rubric59(t)
	var note string
	var got []string
	err := Read(path, Options{Layout: LayoutAuto, Known: knownIn(r), Want: 47, Lang: english}, Visitor{
		Wide: func(wt *WideTable) error { note = wt.LevelNote; return nil },
		Row: func(wt *WideTable, row *WideRow) error {
			levels, err := row.Levels(wt, r, nil)
			if err != nil {
				return err
			}
			got = append(got, levels[0].String(), levels[46].String())
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "2 2" {
		t.Errorf("levels %q, want the evaluator's 2 2", got)
	}
	if want := `levels from the indicator columns under "Nilai Akhir" (AW to CQ); also found: under "Penilaian Mandiri" (B to AV)`; note != want {
		t.Errorf("note %q, want %q", note, want)
	}
}

// A wide table of more instansi rows than MaxWideRows is refused at the
// first row past it, after handing on the rows before it.
func TestWideTooManyRows(t *testing.T) {
	fixture.Slow(t, "a CSV of MaxWideRows+1 rows")
	var sb strings.Builder
	sb.WriteString("Nama Instansi," + strings.Join(ids47(), ",") + "\n")
	row := strings.Repeat(",3", 47) + "\n"
	for i := 0; i <= MaxWideRows; i++ {
		sb.WriteString("Kota " + strconv.Itoa(i) + row)
	}
	path := writeCSV(t, "nasional.csv", sb.String())
	rows := 0
	err := Read(path, Options{Layout: LayoutWide, Known: known47, Want: 47}, Visitor{
		Row: func(*WideTable, *WideRow) error { rows++; return nil },
	})
	want := fmt.Sprintf("nasional.csv: A%d: the wide table under the header in row 1 has more than %d instansi rows", MaxWideRows+2, MaxWideRows)
	if err == nil || !strings.Contains(err.Error(), want) || rows != MaxWideRows {
		t.Errorf("%d rows, error %v; want %d rows and %q", rows, err, MaxWideRows, want)
	}
}
