package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func readButirCSV(t testing.TB, text string) (*ButirList, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "butir.csv")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var list *ButirList
	err := Read(path, Options{Layout: LayoutAuto}, Visitor{Butir: func(b *ButirList, err error) error {
		list = b
		return err
	}})
	return list, err
}

// A list is found by its status column and its butir codes or repeated
// indicators; a table of levels with a status column is not a list.
func TestButirDetect(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		butir      bool
		status     string
	}{
		{"codes", "Kode,Status\nI13-L1-01,Diterima\n", true, `B "Status"`},
		{"indicator and level", "Indikator,Level,Status\n13,1,Diterima\n13,2,Revisi\n", true, `C "Status"`},
		{"stages ranked", "Kode,Status Mandiri,Status Asesor,Status Akhir\nI13-L1-01,Diterima,Revisi,\n", true, `C "Status Asesor"`},
		{"a table of levels with a status", "No,Indikator,Nilai,Status\n1,Tata Kelola,3,Final\n2,Manajemen,2,Final\n", false, ""},
		{"codes of something else", "Kode,Level,Status\n1.1,3,ok\n", false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			list, _ := readButirCSV(t, tt.text)
			if (list != nil) != tt.butir {
				t.Fatalf("butir list %v, want %v", list != nil, tt.butir)
			}
			if list != nil && list.StatusColumn+" "+`"`+list.StatusHeader+`"` != tt.status {
				t.Errorf("status column %s %q, want %s", list.StatusColumn, list.StatusHeader, tt.status)
			}
		})
	}
}

// FuzzButirCSV: no panic reading any CSV as a butir list; the items of a
// list that checks out against the rubric always score or give an error.
func FuzzButirCSV(f *testing.F) {
	seed, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "pemdi-2026-butir.csv"))
	f.Add(string(seed))
	f.Add("Kode,Status\nI13-L1-01,Diterima\nI13-L1-01,diterima\n")
	f.Add("Indikator,Level,Status,Biaya\n5.1,1,Diterima,-1\n13,9,x,\n")
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		list, err := readButirCSV(t, text)
		if err != nil || list == nil {
			return
		}
		items, err := list.Items(r)
		if err != nil {
			if !strings.Contains(err.Error(), "butir.csv") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		_, _ = butir.Score(r, items)
	})
}

// In a workbook, every bad cell is named with its sheet; a list's items
// carry where they were read.
func TestButirItemsXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "asesor.xlsx")
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "Daftar Butir")
	for i, row := range [][]any{
		{"Instansi: Kota Contoh"},
		{},
		{"Kode Butir", "Indikator", "Level", "Status Mandiri", "Status Asesor", "Catatan Asesor", "PJ", "Biaya"},
		{"I13-L1-01", "5.1", 1, "Diterima", "Diterima", "", "Diskominfo", 2},
		{"I13-L1-02", "5.1", 1, "Diterima", "tolak?", "", "", ""},
		{"I13-L2-01", "13", 3, "Diterima", "Revisi", "", "", "murah"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Daftar Butir", cell, &row)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var list *ButirList
	if err := Read(path, Options{Lang: label.English}, Visitor{Butir: func(b *ButirList, err error) error { list = b; return err }}); err != nil {
		t.Fatal(err)
	}
	if list.Instansi != "Kota Contoh" || list.StatusColumn != "E" || !list.HasCost {
		t.Errorf("instansi %q, status column %s, cost %v", list.Instansi, list.StatusColumn, list.HasCost)
	}
	r, _ := rubric.ByID("permenpanrb-8-2026")
	_, err := list.Items(r)
	want := []string{
		`asesor.xlsx: 'Daftar Butir'!E5: status "tolak?" is not one of`,
		`asesor.xlsx: 'Daftar Butir'!A6: butir I13-L2-01 is of level 2, but column C says "3"`,
		`asesor.xlsx: 'Daftar Butir'!H6: cost "murah" is not a number`,
	}
	for _, w := range want {
		if err == nil || !strings.Contains(err.Error(), filepath.Dir(path)+"/"+w) {
			t.Errorf("error %v\nwant %s", err, w)
		}
	}
}

// butirDocBlock is the part of docs/butir.md made from this package's
// tables: every header word a butir list is read by, and every status
// word. TestButirDoc keeps it equal; SPBE_UPDATE=1 rewrites it.
func butirDocBlock() string {
	words := func(ws []string) string {
		q := make([]string, len(ws))
		for i, w := range ws {
			q[i] = "`" + w + "`"
		}
		return strings.Join(q, ", ")
	}
	text := "Headers are matched as in the long layout (ignoring case, spaces, a trailing `.` or `:`); these\n" +
		"are all the words a butir list is read by:\n\n" +
		"- status: any header that contains `status`, several ranked like level columns by stage;\n" +
		"- butir code: " + words(butirCodeHeaders[:]) + " (a `kode` or `code` column only when it holds codes such as `I13-L1-02`);\n" +
		"- indicator: " + words(butirIndicatorHeaders[:]) + ", or `indikator`, `id`;\n" +
		"- level: " + words(butirLevelHeaders[:]) + ";\n" +
		"- description: " + words(butirTextHeaders[:]) + ";\n" +
		"- assessor's note: a header containing `catatan`, or `note`, `notes`; recommendation: one containing `rekomendasi`, or `recommendation`;\n" +
		"- person or OPD in charge: " + words(butirPJHeaders[:]) + ";\n" +
		"- file or link: " + words(butirFileHeaders[:]) + ";\n" +
		"- cost: " + words(butirCostHeaders[:]) + ";\n" +
		"- status words (any case and spacing): " + words(butir.StatusWords()) + ", and `revisi: <kind>`.\n"
	return wrapBullets(text)
}

func TestButirDoc(t *testing.T) {
	const path = "../../docs/butir.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	begin, end := "<!-- butir-words: begin -->\n", "<!-- butir-words: end -->"
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("docs/butir.md has no %q ... %q section", begin, end)
	}
	want := butirDocBlock()
	if got := text[i+len(begin) : j]; got != want {
		if os.Getenv("SPBE_UPDATE") == "" {
			t.Fatalf("docs/butir.md's butir words differ from the code's tables (SPBE_UPDATE=1 rewrites them):\ngot:\n%s\nwant:\n%s", got, want)
		}
		if err := os.WriteFile(path, []byte(text[:i+len(begin)]+want+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Level 0 is a level outside the bands like 6, named at its cell, and a
// code of level 1 beside it disagrees: "0" was read as "no level" and
// slipped past both checks to an English error without a cell.
func TestButirLevelZero(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, text, want string }{
		{"with a code", "Kode Butir,Indikator,Level,Status\nI13-L1-01,13,0,Diterima\n", `A2: butir I13-L1-01 milik level 1, tetapi kolom C berisi "0"`},
		{"with a code, the range", "Kode Butir,Indikator,Level,Status\nI13-L1-01,13,0,Diterima\n", "C2: level 0 di luar 1 sampai 5"},
		{"without a code", "Indikator,Level,Status\n13,0,Diterima\n13,1,Diterima\n", "B2: level 0 di luar 1 sampai 5"},
		{"level 00", "Indikator,Level,Status\n13,00,Diterima\n13,1,Diterima\n", "B2: level 0 di luar 1 sampai 5"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			list, err := readButirCSV(t, tt.text)
			if err != nil || list == nil {
				t.Fatalf("not read as a butir list: %v", err)
			}
			_, err = list.Items(r)
			if err == nil || !strings.Contains(msg.Text(label.Indonesian, err), tt.want) {
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
		})
	}
}

// Two status columns of the same stage that differ are two readings: the
// list is refused, naming both and --level-col, instead of the rightmost
// winning by position. Columns that agree, or of different stages, or one
// chosen by --level-col, are read.
func TestButirStatusTie(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"two Status", "Kode,Status,Status\nI13-L1-01,Diterima,Diterima\nI13-L1-02,Diterima,Revisi\n",
			`C3: dua kolom status dari tahap yang sama, B "Status" dan C "Status", berbeda (B3 "Diterima", C3 "Revisi"): --level-col`},
		{"two assessors", "Kode,Status Asesor 1,Status Asesor 2\nI13-L1-01,Revisi,Diterima\n",
			`C2: dua kolom status dari tahap yang sama, B "Status Asesor 1" dan C "Status Asesor 2", berbeda`},
		{"agreeing", "Kode,Status,Status\nI13-L1-01,Diterima,diterima\n", ""},
		{"stages", "Kode,Status Mandiri,Status Asesor\nI13-L1-01,Diterima,Revisi\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			list, err := readButirCSV(t, tt.text)
			if tt.want == "" {
				if err != nil || list == nil {
					t.Fatalf("not read: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(msg.Text(label.Indonesian, err), tt.want) {
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
		})
	}
}

// A status column of words spbe does not know, in a long list, gives the
// first problems and counts the rest, not a line per row.
func TestButirManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("Kode,Status\n")
	for i := 1; i <= 99; i++ {
		fmt.Fprintf(&b, "I13-L1-%02d,Sudah OK\n", i)
	}
	list, err := readButirCSV(t, b.String())
	if err != nil || list == nil {
		t.Fatalf("not read as a butir list: %v", err)
	}
	r, _ := rubric.ByID("permenpanrb-8-2026")
	_, err = list.Items(r)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(msg.Text(label.Indonesian, err), "\n")
	if len(lines) != mostButirErrors+1 || !strings.Contains(lines[0], `B2: status "Sudah OK"`) ||
		!strings.HasSuffix(lines[len(lines)-1], "dan 79 masalah lain di daftar butir ini") || !errors.Is(err, ErrButir) {
		t.Errorf("%d lines, first %q, last %q, ErrButir %v", len(lines), lines[0], lines[len(lines)-1], errors.Is(err, ErrButir))
	}
}

// A cost with an unquoted decimal comma in a file separated by commas
// splits in two: the row has more fields than the header, and the list
// is refused naming the line, not read with a cost of 2 for 2,5.
func TestButirCSVExtraFields(t *testing.T) {
	_, err := readButirCSV(t, "Kode,Status,Biaya\nI13-L1-01,Diterima,\"2,5\"\nI13-L1-02,Revisi,2,5\n")
	want := `butir.csv: baris 3: 4 kolom, padahal judul di baris 1 punya 3: angka dengan koma desimal (biaya "2,5") harus diberi tanda kutip`
	if err == nil || !strings.Contains(msg.Text(label.Indonesian, err), want) || !errors.Is(err, ErrButir) {
		t.Errorf("error %v\nwant %s", err, want)
	}
	// Empty fields past the header are no number split in two.
	if _, err := readButirCSV(t, "Kode,Status,Biaya\nI13-L1-01,Diterima,2,,\n"); err != nil {
		t.Errorf("trailing empty fields: %v", err)
	}
}

// A level is a whole number however it is written: "1,00" and "2.00" (a
// list exported with two decimals) are levels 1 and 2; "1,5" is refused.
func TestButirLevelWritten(t *testing.T) {
	for in, want := range map[string]int{"1": 1, "1.0": 1, "1,00": 1, "2.00": 2, "Level 3": 3, "L4": 4, "5,000": 5} {
		if got, err := butirLevel(in); err != nil || got != want {
			t.Errorf("butirLevel(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1,5", "1.25", "satu", ""} {
		if got, err := butirLevel(in); err == nil {
			t.Errorf("butirLevel(%q) = %d, want an error", in, got)
		}
	}
}

// The same butir with its code written two ways (I13-L1-02, i13_l1_2) is
// the same code twice: it was counted as two butir (L1 2 of 3, 1,33,
// instead of 1 of 2, 1,25).
func TestButirSameCodeWrittenTwice(t *testing.T) {
	list, err := readButirCSV(t, "Kode,Status\nI13-L1-01,Revisi\nI13-L1-02,Diterima\ni13_l1_2,Diterima\n")
	if err != nil || list == nil {
		t.Fatalf("not read: %v", err)
	}
	r, _ := rubric.ByID("permenpanrb-8-2026")
	_, err = list.Items(r)
	want := "A4: butir i13_l1_2 muncul dua kali (pertama di A3)"
	if err == nil || !strings.Contains(msg.Text(label.Indonesian, err), want) {
		t.Errorf("error %v\nwant %s", err, want)
	}
}

// An empty status says so, at its cell, instead of calling "" a status
// word it does not know.
func TestButirEmptyStatus(t *testing.T) {
	list, err := readButirCSV(t, "Kode,Indikator,Status\nI13-L1-01,13,Diterima\nI13-L1-02,13,\n")
	if err != nil || list == nil {
		t.Fatalf("not read: %v", err)
	}
	r, _ := rubric.ByID("permenpanrb-8-2026")
	_, err = list.Items(r)
	want := "C3: status kosong: isi diterima, revisi"
	if err == nil || !strings.Contains(msg.Text(label.Indonesian, err), want) {
		t.Errorf("error %v\nwant %s", err, want)
	}
}
