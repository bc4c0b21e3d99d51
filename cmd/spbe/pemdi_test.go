package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
)

// pemdiExample are the developer's example values of indicators 1..20
// (Indeks Pemdi 2,16 Cukup).
var pemdiExample = []float64{3, 2, 7.0 / 6, 2, 2, 1, 2, 1.5, 2, 7.0 / 3, 1, 2, 3, 3.25, 2, 2, 3, 1, 3, 2}

var pemdiCodes = []string{"1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2",
	"6.1", "6.2", "6.3", "6.4", "7.1", "7.2"}

// pemdiAspects is what the text output shows of the example.
const pemdiAspects = `Indeks Pemdi  2,16  Cukup

Aspek / Indikator                                             Bobot  Indeks
A1 Tata Kelola dan Manajemen                                  10,00    2,50
A2 Penyelenggara                                              10,00    1,58
A3 Data                                                       15,00    1,67
A4 Keamanan Pemerintah Digital                                15,00    1,89
A5 Teknologi Pemerintah Digital                               10,00    3,13
A6 Keterpaduan Layanan Digital Pemerintah                     15,00    2,07
A7 Kepuasan Pengguna Layanan Digital Pemerintah               25,00    2,40
`

// setStored writes a number as Excel stores it: the shortest text that
// reads back as the same float64, up to 17 significant digits
// (1.1666666666666667); excelize's SetCellValue would cut it to 15.
func setStored(t *testing.T, f *excelize.File, sheet, cell string, x float64) {
	t.Helper()
	_, frac, _ := strings.Cut(strconv.FormatFloat(x, 'f', -1, 64), ".")
	if err := f.SetCellFloat(sheet, cell, x, len(frac), 64); err != nil {
		t.Fatal(err)
	}
}

func set(t *testing.T, f *excelize.File, sheet string, col, row int, v any) {
	t.Helper()
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if x, ok := v.(float64); ok {
		setStored(t, f, sheet, cell, x)
		return
	}
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

func save(t *testing.T, f *excelize.File, path string) {
	t.Helper()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// pemdiLong writes the example as an assessors' sheet: a title, then
// id | Indikator | Nilai Mandiri | Nilai Dokumen | Nilai Akhir, ids as
// id(i) gives them.
func pemdiLong(t *testing.T, path, idHeader string, id func(i int) any) {
	f := excelize.NewFile()
	const sh = "Penilaian"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	set(t, f, sh, 1, 1, "Hasil Evaluasi Kinerja Pemerintah Digital 2026")
	set(t, f, sh, 1, 2, "Instansi: Pemerintah Provinsi Kalimantan Timur")
	for c, h := range []string{idHeader, "Indikator", "Nilai Mandiri", "Nilai Dokumen", "Nilai Akhir"} {
		set(t, f, sh, c+1, 4, h)
	}
	for i, v := range pemdiExample {
		set(t, f, sh, 1, 5+i, id(i+1))
		set(t, f, sh, 2, 5+i, "indikator "+pemdiCodes[i])
		set(t, f, sh, 3, 5+i, 5.0)
		set(t, f, sh, 4, 5+i, 4.0)
		set(t, f, sh, 5, 5+i, v)
	}
	save(t, f, path)
}

func runSpbe(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &streams{Out: &out, ErrOut: &errOut})
	return out.String(), errOut.String(), code
}

// TestPemdiWorkbooks scores .xlsx workbooks of the Pemdi round without
// --rubric: long sheets with ids 1..20, I1..I20, kode as text and as
// numbers (a cell 1.1), and wide sheets of Pemdi rows; values stored as
// Excel stores them. Each gives the example's 2,16, and stderr says which
// rubric and why, and which level column.
func TestPemdiWorkbooks(t *testing.T) {
	dir := t.TempDir()
	long := []struct {
		name, header, ids string
		id                func(i int) any
	}{
		{"ids.xlsx", "No", "1..20", func(i int) any { return i }},
		{"i.xlsx", "No", "1..20", func(i int) any { return "I" + strconv.Itoa(i) }},
		{"kode.xlsx", "Kode", "1.1..7.2", func(i int) any { return pemdiCodes[i-1] }},
		{"kode-angka.xlsx", "Kode", "1.1..7.2", func(i int) any { x, _ := strconv.ParseFloat(pemdiCodes[i-1], 64); return x }},
	}
	for _, tt := range long {
		path := filepath.Join(dir, tt.name)
		pemdiLong(t, path, tt.header, tt.id)
		out, errOut, code := runSpbe(t, "score", path)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tt.name, code, errOut)
		}
		if !strings.Contains(out, pemdiAspects) {
			t.Errorf("%s: output:\n%s", tt.name, out)
		}
		for _, want := range []string{
			"spbe: " + path + ": rubric permenpanrb-8-2026 (Indeks Pemdi, PermenPANRB 8/2026): its 20 indicators match (ids " + tt.ids + "); --rubric chooses another\n",
			`levels from column E "Nilai Akhir" (also found: D "Nilai Dokumen", C "Nilai Mandiri")`,
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr does not say %q:\n%s", tt.name, want, errOut)
			}
		}
		out, _, _ = runSpbe(t, "score", path, "--format", "json")
		if !strings.Contains(out, `"level": 1.1666666666666667,`) || !strings.Contains(out, `"cell": "E7"`) {
			t.Errorf("%s: JSON does not hold the stored value or its cell", tt.name)
		}
	}

	for _, header := range [][]string{pemdiCodes, nil} {
		f := excelize.NewFile()
		const sh = "Nasional"
		if err := f.SetSheetName("Sheet1", sh); err != nil {
			t.Fatal(err)
		}
		set(t, f, sh, 1, 1, "Nama Instansi")
		for i := range pemdiExample {
			h := any(i + 1)
			if header != nil {
				h = header[i]
			}
			set(t, f, sh, 2+i, 1, h)
			set(t, f, sh, 2+i, 2, pemdiExample[i])
			set(t, f, sh, 2+i, 3, 4.0)
		}
		set(t, f, sh, 1, 2, "Pemerintah Provinsi Kalimantan Timur")
		set(t, f, sh, 1, 3, "Pemerintah Kota Contoh")
		path := filepath.Join(dir, "wide.xlsx")
		save(t, f, path)
		out, errOut, code := runSpbe(t, "score", path, "--format", "csv")
		if code != exitOK {
			t.Fatalf("wide %v: exit %d: %s", header != nil, code, errOut)
		}
		if !strings.Contains(out, "\n2,"+path+",Nasional,Pemerintah Provinsi Kalimantan Timur,Provinsi,2.16,Cukup,2.50,1.58,1.67,1.89,3.13,2.07,2.40\n") ||
			!strings.Contains(out, "\n1,"+path+",Nasional,Pemerintah Kota Contoh,Kota,4.00,Memuaskan,") {
			t.Errorf("wide %v:\n%s", header != nil, out)
		}
		if !strings.Contains(errOut, "rubric permenpanrb-8-2026 (Indeks Pemdi, PermenPANRB 8/2026): its 20 indicators match") {
			t.Errorf("wide: stderr:\n%s", errOut)
		}
	}
}

// TestPemdiLibreOffice scores a workbook written by LibreOffice
// (soffice --headless --convert-to xlsx of a CSV, at test time): kode ids,
// the stored values of 7/6 and 7/3. It needs soffice (./test.sh installs
// it): with CI set, a missing soffice fails the test.
func TestPemdiLibreOffice(t *testing.T) {
	soffice := fixture.NeedTool(t, "soffice")
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("Kode,Indikator,Nilai Akhir\n")
	for i, v := range pemdiExample {
		csv.WriteString(pemdiCodes[i] + ",indikator," + strconv.FormatFloat(v, 'f', -1, 64) + "\n")
	}
	src := filepath.Join(dir, "kaltim.csv")
	if err := os.WriteFile(src, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, src)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	path := filepath.Join(out, "kaltim.xlsx")
	stdout, errOut, code := runSpbe(t, "score", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, pemdiAspects) {
		t.Errorf("output:\n%s", stdout)
	}
	if !strings.Contains(errOut, "rubric permenpanrb-8-2026 (Indeks Pemdi, PermenPANRB 8/2026): its 20 indicators match (ids 1.1..7.2)") {
		t.Errorf("stderr:\n%s", errOut)
	}
	stdout, _, _ = runSpbe(t, "score", path, "--format", "json")
	if !strings.Contains(stdout, `"level": 1.1666666666666667,`) && !strings.Contains(stdout, `"level": 1.16666666666667,`) {
		t.Errorf("the stored value of 7/6 is not read as stored:\n%s", stdout)
	}
}
