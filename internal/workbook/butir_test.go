package workbook

import (
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
