package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// summaryInfo returns the lines of information of a report's summary
// sheet (column A's label, column B's value, from row 3 down to the
// index), and the row of the index (its label is indexLabel).
func summaryInfo(t *testing.T, f *excelize.File, sheet, indexLabel string) (info [][2]string, idxRow int) {
	t.Helper()
	for r := 3; r <= 20; r++ {
		a, _ := f.GetCellValue(sheet, fmt.Sprintf("A%d", r))
		b, _ := f.GetCellValue(sheet, fmt.Sprintf("B%d", r))
		if a == indexLabel {
			return info, r
		}
		if a != "" {
			info = append(info, [2]string{a, b})
		}
	}
	t.Fatalf("%s: no %q in A3:A20", sheet, indexLabel)
	return nil, 0
}

// labels are the labels of info, in order.
func labels(info [][2]string) []string {
	var ls []string
	for _, kv := range info {
		ls = append(ls, kv[0])
	}
	return ls
}

// The region stands on the summary of a report when the input says it
// (a "Provinsi: ..." cell above the table, a provinsi's own name), under
// the instansi, in both languages, and nowhere when it is not known (a
// kabupaten's name says nothing of its province). The index is the
// official 2,95 in every case, at B8 unless the lines above need the row,
// and spbe verify rebuilds every report (the region is in its provenance).
func TestReportRegion(t *testing.T) {
	r59, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cellRegion := kaltimVariant(t, dir, "kaltim.xlsx", "", func(f *excelize.File) {
		if err := f.SetCellStr("Penilaian", "A3", "Provinsi: Kalimantan Timur"); err != nil {
			t.Fatal(err)
		}
	})
	labelRegion := kaltimVariant(t, dir, "kaltim-label.xlsx", "", func(f *excelize.File) {
		for cell, v := range map[string]string{"D2": "Wilayah", "E2": "Kalimantan Timur"} {
			if err := f.SetCellStr("Penilaian", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	})
	province := filepath.Join(dir, "provinsi.xlsx")
	if err := fixture.Report(province, "Evaluasi SPBE", "Pemerintah Provinsi Kalimantan Timur", r59, fixture.Perekonomian2021); err != nil {
		t.Fatal(err)
	}
	kabupaten := filepath.Join(dir, "berau.xlsx")
	if err := fixture.Report(kabupaten, "Evaluasi SPBE", "Pemerintah Kabupaten Berau", r59, fixture.Perekonomian2021); err != nil {
		t.Fatal(err)
	}
	words := map[string]map[string]string{
		"id": {"summary": "Ringkasan", "instansi": "Instansi", "region": "Wilayah", "year": "Tahun", "rubric": "Rubrik", "index": "Indeks SPBE"},
		"en": {"summary": "Summary", "instansi": "Instansi", "region": "Region", "year": "Year", "rubric": "Rubric", "index": "SPBE index"},
	}
	for _, c := range []struct {
		name, in, title string
		instansi        string
		region          string // "" for none
		year            string
	}{
		{"cell", cellRegion, "", "Kementerian Koordinator Bidang Perekonomian", "Kalimantan Timur", ""},
		{"label", labelRegion, "", "Kementerian Koordinator Bidang Perekonomian", "Kalimantan Timur", ""},
		{"cell and title", cellRegion, "Indeks SPBE Kalimantan Timur 2024", "Kementerian Koordinator Bidang Perekonomian", "Kalimantan Timur", "2024"},
		{"provinsi", province, "", "Pemerintah Provinsi Kalimantan Timur", "Kalimantan Timur", ""},
		{"kabupaten", kabupaten, "", "Pemerintah Kabupaten Berau", "", ""},
		{"none", perekonomianInput(t, t.TempDir()), "", "Kementerian Koordinator Bidang Perekonomian", "", ""},
	} {
		for _, lang := range []string{"id", "en"} {
			t.Run(c.name+"-"+lang, func(t *testing.T) {
				w := words[lang]
				out := filepath.Join(t.TempDir(), "report.xlsx")
				args := []string{"score", c.in, "-o", out, "--lang", lang}
				if c.title != "" {
					args = append(args, "--title", c.title)
				}
				if code, _, stderr := runSPBE(t, args...); code != exitOK {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				f, err := excelize.OpenFile(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				info, idxRow := summaryInfo(t, f, w["summary"], w["index"])
				want := [][2]string{{w["instansi"], c.instansi}}
				if c.region != "" {
					want = append(want, [2]string{w["region"], c.region})
				}
				if c.year != "" {
					want = append(want, [2]string{w["year"], c.year})
				}
				if len(info) < len(want)+1 || !slices.Equal(info[:len(want)], want) || info[len(want)][0] != w["rubric"] {
					t.Errorf("summary lines %q, want %q then %s", info, want, w["rubric"])
				}
				if n := len(info); idxRow <= 3+n-1 || (n <= 5 && idxRow != 8) {
					t.Errorf("index in row %d under %d lines from row 3", idxRow, n)
				}
				if got, _ := f.GetCellValue(w["summary"], fmt.Sprintf("B%d", idxRow)); got != "2.95" {
					t.Errorf("index %q, want the official 2.95", got)
				}
				if c.region == "" && slices.Contains(labels(info), w["region"]) {
					t.Errorf("a region with none known: %q", info)
				}
				if code, stdout, stderr := runSPBE(t, "verify", out); code != exitOK {
					t.Errorf("verify: exit %d\n%s%s", code, stdout, stderr)
				}
			})
		}
	}
}

// A national report: each instansi's sheet names its region when known,
// from a Provinsi column of a wide table, and from nothing else; with the
// year of the title and the rank, every line stands (the index moves
// down rather than over the rank).
func TestReportRegionWide(t *testing.T) {
	r59, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("No,Nama Instansi,Provinsi")
	for _, ind := range r59.Indicators() {
		sb.WriteString("," + ind.ID)
	}
	sb.WriteString("\n")
	for i, row := range [][2]string{{"Pemerintah Kabupaten Berau", "Kalimantan Timur"}, {"Pemerintah Kota Bandung", ""}} {
		fmt.Fprintf(&sb, "%d,%s,%s", i+1, row[0], row[1])
		for _, l := range fixture.Perekonomian2021 {
			fmt.Fprintf(&sb, ",%d", l)
		}
		sb.WriteString("\n")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "nasional.csv")
	if err := os.WriteFile(in, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.xlsx")
	if code, _, stderr := runSPBE(t, "score", in, "-o", out, "--lang", "en", "--title", "Indeks SPBE Nasional 2024"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := map[string][][2]string{}
	for _, sh := range f.GetSheetList() {
		if a3, _ := f.GetCellValue(sh, "A3"); a3 != "Instansi" {
			continue
		}
		info, idxRow := summaryInfo(t, f, sh, "SPBE index")
		found[info[0][1]] = info
		if got, _ := f.GetCellValue(sh, fmt.Sprintf("B%d", idxRow)); got != "2.95" {
			t.Errorf("%s: index %q, want 2.95", sh, got)
		}
		if ls := labels(info); ls[len(ls)-1] != "Rank" {
			t.Errorf("%s: lines %q, want the rank last, over no other line", sh, ls)
		}
	}
	if got := found["Pemerintah Kabupaten Berau"]; len(got) < 3 || got[1] != [2]string{"Region", "Kalimantan Timur"} || got[2] != [2]string{"Year", "2024"} {
		t.Errorf("Berau's sheet: %q, want Region Kalimantan Timur and Year 2024 under the instansi", got)
	}
	if got := found["Pemerintah Kota Bandung"]; got == nil || slices.Contains(labels(got), "Region") {
		t.Errorf("Bandung's sheet (no region in its row): %q", got)
	}
	// The report rebuilt from its provenance, regions included (verify
	// does not read a wide input again: the input is moved away).
	if err := os.Remove(in); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runSPBE(t, "verify", out); code != exitOK {
		t.Errorf("verify: exit %d\n%s%s", code, stdout, stderr)
	}
}
