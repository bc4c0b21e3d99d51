package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// badInputs is the table of docs/bad-input.md: each class of
// bad input, the words spbe says, and its exit code. TestBadInputsDoc
// keeps the two equal.
var badInputs = []struct {
	file string // a file of fixture.BadInputs, CellInputs, FormulaInputs, HostileInputs, LayoutInputs, XMLInputs or TrustInputs
	says string // what stderr must contain ("" for nothing in particular)
	exit int
}{
	{"text.xlsx", "the file is named .xlsx but is not a workbook", exitInvalid},
	{"laporan.xlsx", "this is a PDF document, not a workbook", exitInvalid},
	{"gambar.xlsx", "the file is named .xlsx but is not a workbook", exitInvalid},
	{"kosong.xlsx", "the file is empty", exitInvalid},
	{"terpotong.xlsx", "damaged or truncated zip archive", exitInvalid},
	{"tanpa-sheet.xlsx", "missing part xl/worksheets/sheet1.xml", exitInvalid},
	{"sheet-rusak.xlsx", "damaged sheet", exitInvalid},
	{"lama.xls", "this is an Excel 97-2003 .xls workbook; open it in Excel or LibreOffice and save it as .xlsx", exitInvalid},
	{"calc.ods", "this is an OpenDocument .ods spreadsheet; open it in LibreOffice or Excel and save it as .xlsx", exitInvalid},
	{"rahasia.xlsx", "workbook is encrypted; use --password", exitInvalid},
	{"bom-zip.xlsx", "the workbook unpacks to more than 256 MiB; refusing to read it", exitInvalid},
	{"bom-zip-bohong.xlsx", "damaged sheet", exitInvalid},
	{"sejuta-baris.xlsx", "", exitOK},
	{"dimensi-bohong.xlsx", "", exitOK},
	{"header-jauh.xlsx", "no table found: no header row with an indicator number column (No, Nomor, Kode, ID) and a level column (Tingkat Kematangan, Nilai, Level) in the first 200 rows", exitInvalid},

	// Level cells (indicator 21, level 1, in Penilaian!G25) written otherwise.
	{"spasi.xlsx", "", exitOK},
	{"nbsp.xlsx", "", exitOK},
	{"lebar.xlsx", "", exitOK},
	{"koma.xlsx", "", exitOK},
	{"tingkat.xlsx", "", exitOK},
	{"nama.xlsx", "", exitOK},
	{"nama-lain.xlsx", `Penilaian!G25: indicator 21: level "1 (Optimum)": Optimum is the name of level 5; level 1 is Rintisan`, exitInvalid},
	{"romawi.xlsx", `Penilaian!G25: indicator 21: level "I" is not a number from 1 to 5`, exitInvalid},
	{"boolean.xlsx", `Penilaian!G25: indicator 21: level "TRUE" is not a number from 1 to 5`, exitInvalid},
	{"tanggal.xlsx", `Penilaian!G25: indicator 21: level "2024-01-01" is not a number from 1 to 5`, exitInvalid},
	{"galat.xlsx", "Penilaian!G25: formula =NA() had no saved value and could not be computed: #N/A", exitInvalid},
	{"rumus.xlsx", `warning: Penilaian!G25: formula =F25-1 had no saved value; computed "1"`, exitOK},
	{"gabung.xlsx", "Penilaian!G26: indicator 22: level is empty; want a number from 1 to 5", exitInvalid},
	{"baris-tersembunyi.xlsx", "warning: Penilaian: row 25 is hidden; its level was read", exitOK},
	{"formulir-kosong.xlsx", `Penilaian: no level is filled in: the level column G ("Nilai Akhir") is empty on all 47 indicator rows`, exitInvalid},
	{"sheet-tersembunyi.xlsx", `warning: sheet "Penilaian" is hidden; it was read because no visible sheet holds a table`, exitOK},

	// Formulas without a saved value (fixture.FormulaInputs).
	{"skor-mentah.xlsx", `warning: Penilaian!D2: formula =C2+2 had no saved value; computed "3"`, exitOK},
	{"rumus-berbagi.xlsx", `warning: Penilaian!D3: formula =C3+2 had no saved value; computed "3"`, exitOK},
	{"rumus-larik.xlsx", `warning: Penilaian!D3: formula ={C2:C48+2} (the array formula of D2) had no saved value; computed "3"`, exitOK},
	{"rumus-melingkar.xlsx", "Penilaian!G25: formula =G25+4 had no saved value and could not be computed: circular reference G25 -> G25", exitInvalid},
	{"rumus-acak.xlsx", "Penilaian!G25: formula =RANDBETWEEN(1,5) had no saved value and could not be computed: G25 uses RANDBETWEEN, a volatile function: its value changes at every recalculation", exitInvalid},
	{"rumus-waktu.xlsx", "Penilaian!G25: formula =NOW() had no saved value and could not be computed: G25 uses NOW, a volatile function", exitInvalid},
	{"rumus-rept.xlsx", "could not be computed: G25 uses REPT, which spbe does not compute", exitInvalid},
	{"rumus-kosong.xlsx", `warning: Penilaian!G25: formula =IF(H25="",1,F25) had no saved value; computed "1"`, exitOK},
	{"rumus-lokal.xlsx", `Penilaian!G25: formula =H25*1 had no saved value and could not be computed: G25 reads the text "1,0" as a number, which Excel does by the computer's locale`, exitInvalid},
	{"rumus-rentang.xlsx", `warning: Penilaian!G25: formula =SUM(H1:Q100000)+1 had no saved value; computed "1"`, exitOK},
	{"rumus-rantai.xlsx", "Penilaian!G25: formula =Rantai!A1 had no saved value and could not be computed: it depends on a chain of more than 100 formulas (G25 to Rantai!A100)", exitInvalid},

	// CSV exports.
	{"bom.csv", "", exitOK},
	{"titik-koma.csv", "", exitOK},
	{"utf16.csv", "", exitOK},

	// Text a terminal would act on (printsBack).
	{"nama-berbahaya.xlsx", "", exitOK},
	{"nama-berbahaya.csv", "", exitOK},

	// CSV records that do not match their header, and CSV text past what
	// a sheet holds or merely large.
	{"koma-desimal.csv", `koma-desimal.csv: line 22: indicator 21: 3 fields where the header in line 1 has 2: a level with a decimal comma must be quoted ("2,5") in a file separated by commas`, exitInvalid},
	{"kolom-kurang.csv", `kolom-kurang.csv: line 22: indicator 21: 1 field where the header in line 1 has 2: no level in column B ("Tingkat Kematangan")`, exitInvalid},
	{"koma-desimal-lebar.csv", "koma-desimal-lebar.csv: line 2: Instansi Contoh: 49 fields where the header in line 1 has 48: a level with a decimal comma must be quoted", exitInvalid},
	{"baris-cr.csv", "", exitOK},
	{"tanpa-akhir-baris.csv", "", exitOK},
	{"baris-koma.csv", "", exitOK},
	{"baris-kosong.csv", "", exitOK},
	{"sejuta-kolom.csv", "sejuta-kolom.csv: line 49: unsupported file format: more than 16384 fields, the columns a sheet holds", exitInvalid},
	{"sel-raksasa.csv", "sel-raksasa.csv: line 49: unsupported file format: a field of more than 32767 characters, the most a cell holds", exitInvalid},

	// Wide tables (a batch of their rows: see wideBad).
	{"dua-tahun.xlsx", `dua-tahun.xlsx: Nasional: levels from the indicator columns under "2024" (AX to CR); also found: under "2023" (C to AW)`, exitOK},
	{"dua-blok.xlsx", "dua-blok.xlsx: Nasional: the header in row 3 has more than one column for indicators 1 (C, AX), 2 (D, AY)", exitInvalid},
	{"kolom-ganda.csv", "kolom-ganda.csv: the header in line 1 has more than one column for indicator 21 (V, AW), and nothing tells which holds the levels to score", exitInvalid},
	{"templat-kosong.csv", "templat-kosong.csv: warning: the wide table under the header in row 1 has no instansi rows", exitInvalid},
	{"templat-kosong.xlsx", "templat-kosong.xlsx: warning: Nasional: the wide table under the header in row 3 has no instansi rows", exitInvalid},

	// XML read as XML (fixture.XMLInputs).
	{"komentar-xml.xlsx", "", exitOK},
	{"xml-lain.xlsx", "", exitOK},
	{"doctype.xlsx", "a DOCTYPE or other <! declaration is not allowed in a workbook part", exitInvalid},
	{"baris-acak.xlsx", "row 25 comes after row 53; rows must be in order", exitInvalid},
	{"string-rusak.xlsx", "damaged part (xl/sharedStrings.xml)", exitInvalid},
	{"tanpa-relasi.xlsx", `Penilaian: missing part: xl/workbook.xml gives the sheet the relationship "rId1", which xl/_rels/workbook.xml.rels does not have`, exitInvalid},
	{"latin1.xlsx", "", exitOK},

	// Memory follows the table, not the sheet's extent (fixture.XMLInputs).
	{"xfd-jarang.xlsx", "", exitOK},
	{"xfd-rumus.xlsx", "Penilaian!G25: formula =F25-1 had no saved value and could not be computed: the sheet spans", exitInvalid},
	{"xfd-header.xlsx", "", exitOK},
	{"padat.xlsx", "Penilaian: more than 100000 rows hold cells in the table's columns below row 200", exitInvalid},
	{"sel-terjauh.xlsx", "", exitOK},
	{"string-kosong.xlsx", "", exitOK},
	{"sel-raksasa.xlsx", "Penilaian!B60: unsupported file format: damaged sheet (xl/worksheets/sheet1.xml): the cell holds more than the 32767 characters a cell can hold", exitInvalid},
	{"bersarang.xlsx", "elements nested more than 256 deep", exitInvalid},
	{"banyak-sheet.xlsx", "damaged part (xl/workbook.xml): more than 10000 sheets", exitInvalid},

	// Two plausible readings (fixture.TrustInputs, issue 19): decided by
	// meaning and said, or refused naming both.
	{"nomor-urut.xlsx", `the indicator ids were read from column B "No Indikator", whose header names the indicator; column A "No" holds other numbers`, exitOK},
	{"dua-nomor.xlsx", `two columns hold indicator numbers that disagree: A "No" and B "Nomor" (A5 is "1", B5 is "21"); one may be a running number: --id-col chooses the indicator column`, exitInvalid},
	{"nomor-tunggal.xlsx", `Penilaian: the ids in column A ("No") and the indicator names beside them disagree: A5 holds id 1, beside the name of indicator 21;`, exitInvalid},
	{"kode-urut.xlsx", `the indicator ids were read from column B "Kode"`, exitOK},
	{"aspek-bernomor.xlsx", "", exitOK},
	{"aspek-lebar.xlsx", `Nasional: the header in row 3 has two columns for indicators 1 (B "1", I "1.1"), 2 (C "2", J "1.2")`, exitInvalid},
	{"dua-domain.xlsx", `rubric permenpanrb-59-2020 (Indeks SPBE, PermenPANRB 59/2020): its ids are all the indicators of permenpanrb-8-2026 and 20 of the 47 of this rubric, chosen by the year 2023 (Domain 1-2!A1) and the indicator names (20 of 20 are those of permenpanrb-59-2020)`, exitInvalid},
	{"tahun-lain.xlsx", "its ids fit permenpanrb-8-2026, permenpanrb-59-2020 and permenpanrb-5-2018, and the workbook disagrees on which: the year 2023 (Penilaian!A1): permenpanrb-59-2020, the indicator names (20 of 20 are those of permenpanrb-8-2026): permenpanrb-8-2026: give --rubric", exitInvalid},
	{"rata-rata.xlsx", `warning: Nasional: rows left out as summaries, not instansi: 6 "Rata-rata Nasional" (its name), 7 "Nilai Tertinggi" (its name), 8 "Median Jawa Barat" (its name), 9 "Indonesia" (the maximum of the rows above)`, exitOK},
	{"lebar-tersembunyi.xlsx", "warning: Nasional: row 5 is hidden; its levels were read", exitOK},
	{"sepertiga.xlsx", `Penilaian!G25: indicator 21: level "1 ⅓" is not a number from 1 to 5`, exitInvalid},
	{"setengah.xlsx", "Penilaian!G25: indicator 21: level 1.5 is not a whole number from 1 to 5", exitInvalid},
	{"koma-keterangan.csv", `koma-keterangan.csv: line 22: indicator 21: level 2 is followed by 5 in column C ("Keterangan"), a column of text: an unquoted decimal comma (2,5)`, exitInvalid},
	{"koma-keterangan-lebar.csv", `koma-keterangan-lebar.csv: line 2: Instansi Contoh: the last indicator's level 3 is followed by 3 in column AW ("Keterangan"), a column of text`, exitInvalid},
	{"evaluasi-terakhir.xlsx", `levels from column C "Nilai" (also found: D "Nilai Evaluasi Terakhir")`, exitOK},
}

// scores are what stdout shows of the accepted inputs that do not score
// the example's 2,95: Indeks Pemdi inputs, and a level written otherwise.
var scores = map[string]string{
	"kode-urut.xlsx":      "Indeks Pemdi  2,11",
	"aspek-bernomor.xlsx": "Indeks Pemdi  2,11",
}

// wideBad are the inputs of badInputs read as wide tables: a batch of
// their rows, whose ranking (empty when no row could be scored) is
// printed even when the exit is not 0, and in which the example is a row.
var wideBad = map[string]bool{
	"koma-desimal-lebar.csv": true, "dua-tahun.xlsx": true, "templat-kosong.csv": true, "templat-kosong.xlsx": true,
	"rata-rata.xlsx": true, "lebar-tersembunyi.xlsx": true, "koma-keterangan-lebar.csv": true, "aspek-lebar.xlsx": true,
}

// badFixtures are the inputs of badInputs, by name.
func badFixtures(r *rubric.Rubric) map[string]fixture.Bad {
	made := map[string]fixture.Bad{}
	for _, b := range slices.Concat(fixture.BadInputs(r), fixture.CellInputs(r), fixture.FormulaInputs(r), fixture.HostileInputs(r), fixture.LayoutInputs(r), fixture.XMLInputs(r), fixture.TrustInputs(r)) {
		made[b.Name] = b
	}
	return made
}

// printsBack is what stdout must show of the inputs that carry text a
// terminal would act on: the text, escaped.
var printsBack = map[string]string{
	"nama-berbahaya.xlsx": `Kota \x1b[31mMerah\x1b[0m <script>alert(1)</script>\x1b[2J`,
	"nama-berbahaya.csv":  `Kota \x1b[31mMerah\x1b[0m <script>alert(1)</script>\x1b[2J`,
}

// TestBadInputs runs spbe score on each bad input: the exit code and the
// message are as documented, nothing is written to stdout on failure, and
// the input is never changed.
func TestBadInputs(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	made := badFixtures(r)
	for _, tt := range badInputs {
		t.Run(tt.file, func(t *testing.T) {
			if why := slowBad[tt.file]; why != "" {
				fixture.Slow(t, why)
			}
			if _, ok := made[tt.file]; !ok {
				t.Fatalf("fixture.BadInputs has no %s", tt.file)
			}
			path := writeBad(t, dir, tt.file)
			before := fileHash(t, path)
			var out, errOut bytes.Buffer
			code := run([]string{"score", path}, &streams{Out: &out, ErrOut: &errOut})
			if code != tt.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.exit, errOut.String())
			}
			if !strings.Contains(errOut.String(), tt.says) {
				t.Errorf("stderr does not say %q:\n%s", tt.says, errOut.String())
			}
			if errOut.Len() > 0 && !strings.Contains(errOut.String(), path) {
				t.Errorf("stderr does not name the file %s:\n%s", path, errOut.String())
			}
			switch {
			case wideBad[tt.file]:
				if code == exitOK && !regexp.MustCompile(`Instansi Contoh +2,95  Baik`).MatchString(out.String()) {
					t.Errorf("the example's row must score 2,95 Baik:\n%s", out.String())
				}
			case code != exitOK && out.Len() > 0:
				t.Errorf("stdout is not empty on failure:\n%s", out.String())
			case code == exitOK && scores[tt.file] != "":
				if !strings.Contains(out.String(), scores[tt.file]) {
					t.Errorf("stdout does not show %q:\n%s", scores[tt.file], out.String())
				}
			case code == exitOK && !strings.Contains(out.String(), "Indeks SPBE  2,95  Baik"):
				t.Errorf("an accepted variant must score 2,95 Baik like the original:\n%s", out.String())
			}
			if !strings.Contains(out.String(), printsBack[tt.file]) {
				t.Errorf("stdout does not print %q:\n%s", printsBack[tt.file], out.String())
			}
			if strings.ContainsAny(out.String()+errOut.String(), "\x1b\r") {
				t.Errorf("a control character reaches the terminal:\nstdout %q\nstderr %q", out.String(), errOut.String())
			}
			if fileHash(t, path) != before {
				t.Errorf("the input was changed")
			}
		})
	}
}

// The unzip limit is a flag: a large but honest workbook can be read.
func TestMaxUnzipSize(t *testing.T) {
	fixture.Slow(t, "reads all of bom-zip.xlsx, past 256 MiB unpacked")
	path := writeBad(t, t.TempDir(), "bom-zip.xlsx")
	var out, errOut bytes.Buffer
	if code := run([]string{"score", path, "--max-unzip-size", "400"}, &streams{Out: &out, ErrOut: &errOut}); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "Indeks SPBE  2,95  Baik") {
		t.Errorf("want 2,95 Baik:\n%s", out.String())
	}
}

// slowBad are the bad inputs whose run takes seconds: TestBadInputs reads
// them in the full tier only (TestCorpusEveryCommand too runs there).
var slowBad = map[string]string{
	"bom-zip.xlsx":       "unpacks a zip bomb up to the 256 MiB limit",
	"string-kosong.xlsx": "50 million empty shared strings",
}

// badBytes holds each bad input of badFixtures, written once per test
// binary (the zip bomb, a million rows) and kept as bytes: each test that
// reads it writes the bytes to a folder of its own.
var badBytes = sync.OnceValue(func() map[string]func() ([]byte, error) {
	m := map[string]func() ([]byte, error){}
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		panic(err)
	}
	for name, b := range badFixtures(r) {
		m[name] = sync.OnceValues(func() ([]byte, error) {
			dir, err := os.MkdirTemp("", "spbe-fixture-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(dir)
			path := filepath.Join(dir, name)
			if err := b.Write(path); err != nil {
				return nil, err
			}
			return os.ReadFile(path)
		})
	}
	return m
})

// writeBad writes the bad input name (a fixture of badFixtures) to dir
// and returns its path.
func writeBad(t *testing.T, dir, name string) string {
	t.Helper()
	get, ok := badBytes()[name]
	if !ok {
		t.Fatalf("no bad input %s", name)
	}
	data, err := get()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestBadInputsDoc keeps the table of bad inputs in docs/bad-input.md
// equal to the table above, so that every row of it is a test. SPBE_UPDATE=1 rewrites it.
func TestBadInputsDoc(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	class := map[string]string{}
	for name, b := range badFixtures(r) {
		class[name] = b.Class
	}
	var sb strings.Builder
	sb.WriteString("| input | what spbe says (stderr) | exit |\n|---|---|---|\n")
	for _, tt := range badInputs {
		says := "scores it (2,95 for the example)"
		if p := printsBack[tt.file]; p != "" {
			says = "scores it, and prints the name escaped: `" + p + "`"
		}
		if tt.says != "" {
			says = "`" + tt.says + "`"
			if tt.exit == exitOK {
				says += ", and scores it"
			}
		}
		fmt.Fprintf(&sb, "| %s (`%s`) | %s | %d |\n", class[tt.file], tt.file, strings.ReplaceAll(says, "|", `\|`), tt.exit)
	}
	for _, tt := range badReports {
		fmt.Fprintf(&sb, "| %s (`%s`) | a difference, on stdout: `%s` | %d |\n", tt.class, tt.file, strings.ReplaceAll(tt.says, "|", `\|`), exitGate)
	}
	const begin, end = "<!-- bad-inputs: begin -->\n", "<!-- bad-inputs: end -->"
	doc, err := os.ReadFile(badInputDoc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", badInputDoc, begin, end)
	}
	got := text[i+len(begin) : j]
	if got == sb.String() {
		return
	}
	if os.Getenv("SPBE_UPDATE") != "" {
		text = text[:i+len(begin)] + sb.String() + text[j:]
		if err := os.WriteFile(badInputDoc, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the table of bad inputs differs from badInputs (SPBE_UPDATE=1 rewrites it):\ngot:\n%s\nwant:\n%s", badInputDoc, got, sb.String())
}
