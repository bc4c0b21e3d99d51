package batch

import (
	"archive/zip"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/trend"
)

func TestFileYear(t *testing.T) {
	for name, want := range map[string]int{
		"kalteng-2025.xlsx": 2025, "2024_kaltim.csv": 2024, "hasil 2023 final.xlsx": 2023,
		"kalteng.xlsx": 0, "kalteng-20251.xlsx": 0, "2024-vs-2025.xlsx": 0, "dir/2019/kalteng.xlsx": 0,
	} {
		if got := FileYear(name); got != want {
			t.Errorf("FileYear(%q) = %d, want %d", name, got, want)
		}
	}
}

func TestTrendKeyAndKind(t *testing.T) {
	same := [][]string{
		{"Provinsi Jawa Barat", "Jawa Barat", "Prov. Jawa Barat", "PEMPROV JAWA BARAT", "Pemerintah Provinsi Jawa Barat"},
		{"Kota Bogor", "Pemkot Bogor"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if TrendKey(n) != TrendKey(names[0]) {
				t.Errorf("TrendKey(%q) = %q, TrendKey(%q) = %q: want one", n, TrendKey(n), names[0], TrendKey(names[0]))
			}
		}
	}
	if TrendKey("Kota Bogor") == TrendKey("Kabupaten Bogor") {
		t.Error("Kota Bogor and Kabupaten Bogor have one key")
	}
	for name, want := range map[string]string{
		"Jawa Barat": "Provinsi", "Provinsi Papua Pegunungan": "Provinsi", "Kota Bogor": "Kota",
		"Kabupaten Bogor": "Kabupaten", "Kab. Kapuas": "Kabupaten", "Bogor": "",
	} {
		if got := Kind(name); got != want {
			t.Errorf("Kind(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParseExact(t *testing.T) {
	for s, want := range map[string]string{"3,405": "3.405", "3.405": "3.405", " 4 ": "4", "1e-2": "0.01", "3.4049999999999998": "3.4049999999999998"} {
		v, err := ParseExact(s)
		w, _ := new(big.Rat).SetString(want)
		if err != nil || v.Rat().Cmp(w) != 0 {
			t.Errorf("ParseExact(%q) = %s %v, want %s", s, v.Exact(), err, want)
		}
	}
	for _, s := range []string{"", "3,4,5", "1.234,5", "tiga", "0x10", "Inf", "1e-999999999", "1e999", "1" + strings.Repeat("0", 64)} {
		if _, err := ParseExact(s); err == nil {
			t.Errorf("ParseExact(%q): no error", s)
		}
	}
}

// TestReadPublished: the accepted columns (by id, by name, by the
// monitoring code, aspects), a summary row skipped, an evaluation
// workbook not taken for a table, and bad cells named.
func TestReadPublished(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := []struct {
		name, text string
		parts      int
		aspects    bool
	}{
		{"ids.csv", "Nama Instansi;Tahun;Indeks;D1;D2;D3;D4\nKota A;2025;;3,50;2,70;2,73;4,01\nRata-rata;2025;3;;;;\n", 4, false},
		{"names.csv", "instansi,year,Kebijakan Internal SPBE,Tata Kelola SPBE,Manajemen SPBE,Layanan SPBE\nKota A,2024,3.5,2.7,2.73,4.01\n", 4, false},
		{"codes.csv", "nama_instansi;tahun;indeks;D2001;D2002;D2003;D2004\nKota A;2023;3,41;3,5;2,7;2,73;4,01\n", 4, false},
		{"aspects.csv", "Instansi;Tahun;A1;A2;A3;A4;A5;A6;A7\nKota A;2026;3;3;3;3;3;3;3\n", 7, true},
	}
	for _, c := range ok {
		p, err := ReadPublished(write(c.name, c.text), &Options{}, "")
		if err != nil || p == nil || len(p.Obs) != 1 {
			t.Errorf("%s: %v %v", c.name, p, err)
			continue
		}
		o := p.Obs[0]
		if len(o.Parts) != c.parts || o.Aspects != c.aspects || o.Group != "Kota" || o.Key != "kota a" {
			t.Errorf("%s: %d parts (aspects %v), group %q key %q", c.name, len(o.Parts), o.Aspects, o.Group, o.Key)
		}
	}
	// A workbook: numbers as Excel stores them, a title row above the
	// header, the year a number.
	f := excelize.NewFile()
	for i, row := range [][]any{{"Hasil Evaluasi SPBE Nasional"}, {}, {"Nama Instansi", "Tahun", "Indeks SPBE", "Kategori"},
		{"Pemerintah Provinsi Jawa Barat", 2025, 4.04, "Provinsi"}, {"Kab. Bogor", 2025, 3.405, "Kabupaten"}} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	xlsx := filepath.Join(dir, "hasil.xlsx")
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}
	f.Close()
	p, err := ReadPublished(xlsx, &Options{}, "")
	if err != nil || p == nil || len(p.Obs) != 2 {
		t.Fatalf("hasil.xlsx: %v %v", p, err)
	}
	if o := p.Obs[1]; o.Index.Exact() != "3.405" || o.Group != "Kabupaten" || o.Key != "kabupaten bogor" || o.Source != xlsx+": Sheet1 row 5" {
		t.Errorf("hasil.xlsx row 5: %s %q %q %q", o.Index.Exact(), o.Group, o.Key, o.Source)
	}
	if o := p.Obs[0]; o.Key != "jawa barat" {
		t.Errorf("hasil.xlsx row 4: key %q, want jawa barat", o.Key)
	}
	for name, text := range map[string]string{
		"eval.csv": "No;Tingkat Kematangan\n1;3\n",
		"wide.csv": "Instansi;Tahun;1;2;3\nKota A;2025;3;3;3\n",
	} {
		if p, err := ReadPublished(write(name, text), &Options{}, ""); p != nil || err != nil {
			t.Errorf("%s: an evaluation taken for a table: %v %v", name, p, err)
		}
	}
	for named, want := range map[string]string{"59/2020": "permenpanrb-59-2020", "PermenPANRB Nomor 8 Tahun 2026": "permenpanrb-8-2026",
		"permenpanrb-5-2018": "permenpanrb-5-2018", "PermenPANRB 5/2018": "permenpanrb-5-2018"} {
		if r, err := yearRubric(2020, named); err != nil || r.ID != want {
			t.Errorf("instrument %q: %v %v, want %s", named, r, err, want)
		}
	}
	if _, err := yearRubric(2025, "9/2020"); err == nil {
		t.Error("instrument 9/2020 taken")
	}
	bad := []struct{ name, text, want string }{
		{"year.csv", "Instansi;Tahun;Indeks\nKota A;dua;3\n", "bad-year.csv: B2: year \"dua\" is not a year"},
		{"index.csv", "Instansi;Tahun;Indeks\nKota A;2025;tiga\n", "bad-index.csv: C2: index \"tiga\": not a number"},
		{"none.csv", "Instansi;Tahun;Indeks\nKota A;2025;\n", "no index and no domain values"},
		{"instrument.csv", "Instansi;Tahun;Indeks\nKota A;2020;3\n", "2020 is a year of no embedded instrument"},
		{"group.csv", "Instansi;Tahun;Indeks\nKota A;2025;3\n", "--group-by \"Wilayah\": no such column"},
		{"noyear.csv", "Instansi;Indeks;D1\nKota A;3,10;3\n", `bad-noyear.csv: row 1 has an instansi column ("Instansi") and an index column ("Indeks") but no year column (Tahun, Year or Tahun Evaluasi)`},
		{"comma.csv", "Instansi,Tahun,Indeks\nKota A,2025,3,10\n", "bad-comma.csv row 2: 4 fields where the header in row 1 has 3: a number with a decimal comma must be quoted"},
		{"comma-parts.csv", "Instansi,Tahun,D1,D2,D3,D4,\nKota A,2025,3,5,2.7,2.73,4.01\n", "bad-comma-parts.csv row 2: 7 fields where the header in row 1 has 6"},
	}
	for _, c := range bad {
		groupBy := ""
		if c.name == "group.csv" {
			groupBy = "Wilayah"
		}
		_, err := ReadPublished(write("bad-"+c.name, c.text), &Options{}, groupBy)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// FuzzReadPublished: no panic on any CSV text, and an accepted table has
// a name, a year of 1990-2099 and an index or parts in every row, whose
// index can be resolved.
func FuzzReadPublished(f *testing.F) {
	f.Add([]byte("Instansi;Tahun;Indeks;D1;D2;D3;D4\nKota A;2025;;3,50;2,70;2,73;4,01\nRata-rata;2025;3;;;;\n"))
	f.Add([]byte("nama_instansi,tahun,indeks,D2001,D2002,D2003,D2004,Status\nProvinsi Jawa Barat,2024,4.04,,,,,sementara\n"))
	f.Add([]byte("Instansi;Tahun;A1;A2;A3;A4;A5;A6;A7;Instrumen\nKota A;2026;3;3;3;3;3;3;3;8/2026\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		pub, err := ReadPublished(p, &Options{}, "")
		if err != nil || pub == nil {
			return
		}
		for _, o := range pub.Obs {
			if o.Instansi == "" || o.Year < 1990 || o.Year > 2099 || o.Rubric == nil || o.Index == nil && o.Parts == nil {
				t.Fatalf("accepted %+v", o)
			}
		}
	})
}

// Workbooks of two instansi make no trend, whatever --instansi says: the
// message says so and does not send the user to --instansi, which cannot
// help.
func TestTrendSelectTwoInstansi(t *testing.T) {
	ti := &TrendInputs{
		Workbooks: []trend.Observation{
			{Instansi: "Kota A", Key: TrendKey("Kota A"), Year: 2024, Source: "a-2024.xlsx"},
			{Instansi: "Kota B", Key: TrendKey("Kota B"), Year: 2025, Source: "b-2025.xlsx"},
		},
		Named: []bool{true, true},
	}
	_, _, err := ti.Select("")
	if err == nil || !strings.Contains(err.Error(), "give the workbooks of one instansi") || strings.Contains(err.Error(), "--instansi names") {
		t.Errorf("no --instansi: %v", err)
	}
	_, _, err = ti.Select("Kota A")
	if err == nil || !strings.Contains(err.Error(), `b-2025.xlsx: the evaluation of "Kota B", not of "Kota A" (--instansi): a trend is of one instansi`) {
		t.Errorf("--instansi Kota A: %v", err)
	}
}

// Excel saves a typed 3,405 as the float's 17 digits, 3.4049999999999998,
// and shows 3,405: a table of published results in a workbook is read as
// Excel shows it, Kalimantan Tengah's 2025 index 3,41 (not 3,40), while
// the same digits in a CSV file are what was written.
func TestReadPublishedExcelFloat(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "Instansi", "B1": "Tahun", "C1": "Indeks", "A2": "Provinsi Kalimantan Tengah", "B2": 2025, "C2": 3.405} {
		f.SetCellValue("Sheet1", cell, v)
	}
	plain := filepath.Join(dir, "plain.xlsx")
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// As Excel writes it: the same double in 17 digits.
	noisy := filepath.Join(dir, "excel.xlsx")
	rewriteZip(t, plain, noisy, "xl/worksheets/sheet1.xml", "<v>3.405</v>", "<v>3.4049999999999998</v>")
	p, err := ReadPublished(noisy, &Options{}, "")
	if err != nil || len(p.Obs) != 1 {
		t.Fatalf("%v %v", p, err)
	}
	if got := p.Obs[0].Index.Exact(); got != "3.405" {
		t.Errorf("the workbook's 3.4049999999999998 read as %s, want 3.405 as Excel shows it", got)
	}
	csv := filepath.Join(dir, "export.csv")
	os.WriteFile(csv, []byte("Instansi,Tahun,Indeks\nProvinsi Kalimantan Tengah,2025,3.4049999999999998\n"), 0o644)
	if p, err := ReadPublished(csv, &Options{}, ""); err != nil || p.Obs[0].Index.Exact() != "3.404999999999..." {
		t.Errorf("CSV text: %v %v, want every digit kept", p, err)
	}
}

// rewriteZip copies the zip from to to with old replaced by new in name.
func rewriteZip(t *testing.T, from, to, name, old, new string) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	replaced := false
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
		if f.Name == name {
			replaced = strings.Contains(string(data), old)
			data = []byte(strings.Replace(string(data), old, new, 1))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !replaced {
		t.Fatalf("%s: no %s in %s", from, old, name)
	}
}
