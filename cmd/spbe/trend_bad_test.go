package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badTrendInputs is the table of docs/trend.md's "Bad input" section: the
// inputs of spbe trend that are wrong (or doubtful), what spbe says, and
// its exit code. TestBadTrendInputsDocs keeps the two equal.
var badTrendInputs = []struct {
	what   string   // the class, for the docs
	file   string   // the input's name
	text   string   // its content
	args   []string // more arguments
	says   string   // what stderr must contain ("" for nothing in particular)
	prints string   // what stdout must contain when the exit is 0
	exit   int
}{
	{"a table with no year column", "tanpa-tahun.csv", "Instansi;Indeks;D1\nKota A;3,10;3\n", nil,
		`tanpa-tahun.csv: row 1 has an instansi column ("Instansi") and an index column ("Indeks") but no year column (Tahun, Year or Tahun Evaluasi)`, "", exitInvalid},
	{"a year that is two years", "dua-tahun.csv", "Instansi;Tahun;Indeks\nKota A;2025/2026;3,10\n", nil,
		`dua-tahun.csv: B2: year "2025/2026" is not a year (1990-2099)`, "", exitInvalid},
	{"a year of no instrument", "tahun-2020.csv", "Instansi;Tahun;Indeks\nKota A;2020;3,10\n", nil,
		"tahun-2020.csv: B2: 2020 is a year of no embedded instrument", "", exitInvalid},
	{"an index that is not a number", "indeks-teks.csv", "Instansi;Tahun;Indeks\nKota A;2025;tiga\n", nil,
		`indeks-teks.csv: C2: index "tiga": not a number`, "", exitInvalid},
	{"an index with a decimal comma, unquoted, in a file separated by commas", "koma.csv", "Instansi,Tahun,Indeks\nKota A,2025,3,10\n", nil,
		`koma.csv row 2: 4 fields where the header in row 1 has 3: a number with a decimal comma must be quoted ("3,10")`, "", exitInvalid},
	{"the same, quoted", "koma-kutip.csv", "Instansi,Tahun,Indeks\nKota A,2025,\"3,10\"\n", nil,
		"", "2025   PermenPANRB 59/2020  3,10", exitOK},
	{"an instansi and year twice with different values", "ganda.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota A;2025;3,20\n", nil,
		"ganda.csv row 3 gives 3.20 (permenpanrb-59-2020); give one input per year", "", exitInvalid},
	{"an instansi and year twice with the same value", "ganda-sama.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota A;2025;3,10\n", nil,
		"ganda-sama.csv row 3 gives the same index as ", "2025   PermenPANRB 59/2020  3,10", exitOK},
	{"a peer twice in the year with different values", "ganda-pembanding.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota B;2025;3,00\nKota B;2025;2,00\n", []string{"--instansi", "Kota A"},
		"ganda-pembanding.csv row 4 gives 2.00 (permenpanrb-59-2020); give one input per year", "", exitInvalid},
	{"an empty file", "kosong.csv", "", nil,
		"kosong.csv: unsupported file format: the file is empty", "", exitInvalid},
	{"a JSON export whose indeks is a float's digits", "ekspor-float.json", `[{"kode": "6200", "tahun": 2025, "nama_instansi": "Provinsi Kalimantan Tengah", "kategori": "Provinsi", "daerah": "Kalimantan", "nilai": {"indeks": 3.4050000000000002, "D2001": null, "D2002": null, "D2003": null, "D2004": null}}]`, []string{"--format", "json"},
		"", `"index_exact": "3.4050000000000002"`, exitOK},
	{"a JSON object, not the export's array", "ekspor-objek.json", `{"data": []}`, nil,
		"ekspor-objek.json: not the export of the monitoring application: it is an array of records, this is a JSON object", "", exitInvalid},
	{"a JSON record of another shape", "ekspor-lain.json", `[{"kode": "6300", "tahun": 2025, "nama_instansi": "Provinsi Kalimantan Selatan", "kategori": "Provinsi", "daerah": "Kalimantan", "skor": 3.1}]`, nil,
		"ekspor-lain.json: record 1 (kode 6300): not a record of the export of the monitoring application: no nilai; unknown skor", "", exitInvalid},
	{"a JSON array of numbers", "ekspor-angka.json", `[1, 2]`, nil,
		"ekspor-angka.json: record 1: not a record of the export of the monitoring application: a JSON number, where a record is an object", "", exitInvalid},
	{"`--peer` naming nobody of the year", "pembanding.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota B;2025;3,00\n", []string{"--instansi", "Kota A", "--peer", "Kota C"},
		`--peer "Kota C" is not among the 2 instansi of 2025`, "", exitUsage},
	{"`--peer` naming the instansi itself", "diri.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota B;2025;3,00\n", []string{"--instansi", "Kota A", "--peer", "Kota A"},
		`--peer "Kota A" is Kota A itself: name another instansi to measure the gap to`, "", exitUsage},
	{"`--year` of no row", "tahun-lain.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota B;2025;3,00\n", []string{"--instansi", "Kota A", "--year", "2019"},
		"--year 2019: no table holds an instansi of 2019", "", exitUsage},
	{"`--year` in which the instansi has no row", "tahun-tanpa.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\nKota B;2025;3,00\nKota B;2024;2,00\nKota C;2024;2,50\n", []string{"--instansi", "Kota A", "--year", "2024"},
		`instansi "Kota A" is not among the 2 instansi of 2024`, "", exitUsage},
	{"`--peer` with no table of many", "satu.csv", "Instansi;Tahun;Indeks\nKota A;2025;3,10\n", []string{"--peer", "Kota C"},
		"--peer and --group-col need a table of many instansi in a year of the instansi", "", exitUsage},
}

// TestBadTrendInputs runs spbe trend on each: the exit code and the
// message are as documented and name the file (unless a flag is wrong),
// nothing is on stdout on failure, and the input is never changed.
func TestBadTrendInputs(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range badTrendInputs {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			before := fileHash(t, path)
			stdout, stderr, code := runSpbe(t, append([]string{"trend", path}, tt.args...)...)
			if code != tt.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.exit, stderr)
			}
			if !strings.Contains(stderr, tt.says) {
				t.Errorf("stderr does not say %q:\n%s", tt.says, stderr)
			}
			if code == exitInvalid && !strings.Contains(stderr, path) {
				t.Errorf("stderr does not name the file %s:\n%s", path, stderr)
			}
			if code != exitOK && stdout != "" {
				t.Errorf("stdout is not empty on failure:\n%s", stdout)
			}
			if !strings.Contains(stdout, tt.prints) {
				t.Errorf("stdout does not print %q:\n%s", tt.prints, stdout)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "Go value") {
				t.Errorf("stderr speaks Go:\n%s", stderr)
			}
			if fileHash(t, path) != before {
				t.Error("the input was changed")
			}
		})
	}
}

// TestBadTrendInputsDocs keeps docs/trend.md's table of bad inputs equal
// to badTrendInputs, so that every row of it is a test. SPBE_UPDATE=1
// rewrites it.
func TestBadTrendInputsDocs(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("| input | what spbe says (stderr) | exit |\n|---|---|---|\n")
	for _, tt := range badTrendInputs {
		says := "reads it"
		if tt.says != "" {
			says = "`" + tt.says + "`"
			if tt.exit == exitOK {
				says += ", and reads it"
			}
		}
		if tt.prints != "" {
			says += "; prints `" + tt.prints + "`"
		}
		args := ""
		if len(tt.args) > 0 {
			args = " `" + strings.Join(tt.args, " ") + "`"
		}
		fmt.Fprintf(&sb, "| %s (`%s`%s) | %s | %d |\n", tt.what, tt.file, args, strings.ReplaceAll(says, "|", `\|`), tt.exit)
	}
	const doc, begin, end = "../../docs/trend.md", "<!-- trend-bad-inputs: begin -->\n", "<!-- trend-bad-inputs: end -->"
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", doc, begin, end)
	}
	if got := text[i+len(begin) : j]; got != sb.String() {
		if os.Getenv("SPBE_UPDATE") != "" {
			if err := os.WriteFile(doc, []byte(text[:i+len(begin)]+sb.String()+text[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s's table of bad inputs differs from badTrendInputs (SPBE_UPDATE=1 rewrites it):\ngot:\n%s\nwant:\n%s", doc, got, sb.String())
	}
}
