package workbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
