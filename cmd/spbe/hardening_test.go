package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// badInputs is the table of README.md's "Bad input" section: each class of
// bad input, the words spbe says, and its exit code. TestBadInputsREADME
// keeps the two equal.
var badInputs = []struct {
	file string // a file of fixture.BadInputs
	says string // a regular expression that stderr must match
	exit int
}{
	{"text.xlsx", `is named .xlsx but is not a workbook`, exitInvalid},
	{"laporan.xlsx", `this is a PDF document, not a workbook`, exitInvalid},
	{"gambar.xlsx", `is named .xlsx but is not a workbook`, exitInvalid},
	{"kosong.xlsx", `the file is empty`, exitInvalid},
	{"terpotong.xlsx", `damaged or truncated zip archive`, exitInvalid},
	{"tanpa-sheet.xlsx", `missing part xl/worksheets/sheet1.xml`, exitInvalid},
	{"sheet-rusak.xlsx", `damaged sheet`, exitInvalid},
	{"lama.xls", `Excel 97-2003 .xls workbook; .* save it as .xlsx`, exitInvalid},
	{"calc.ods", `OpenDocument .ods spreadsheet; .* save it as .xlsx`, exitInvalid},
	{"rahasia.xlsx", `workbook is encrypted; use --password`, exitInvalid},
	{"bom-zip.xlsx", `unpacks to more than 256 MiB; refusing to read it`, exitInvalid},
	{"bom-zip-bohong.xlsx", `damaged sheet`, exitInvalid},
	{"sejuta-baris.xlsx", `^spbe: .*levels from column G`, exitOK},
	{"dimensi-bohong.xlsx", `^spbe: .*levels from column G`, exitOK},
	{"header-jauh.xlsx", `no table found: .* in the first 200 rows`, exitInvalid},
}

// TestBadInputs runs spbe score on each bad input: the exit code and the
// message are as documented, nothing is written to stdout on failure, and
// the input is never changed.
func TestBadInputs(t *testing.T) {
	r, err := rubric.ByID(rubric.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	made := map[string]fixture.Bad{}
	for _, b := range fixture.BadInputs(r) {
		made[b.Name] = b
	}
	for _, tt := range badInputs {
		t.Run(tt.file, func(t *testing.T) {
			b, ok := made[tt.file]
			if !ok {
				t.Fatalf("fixture.BadInputs has no %s", tt.file)
			}
			path := filepath.Join(dir, tt.file)
			if err := b.Write(path); err != nil {
				t.Fatal(err)
			}
			before := fileHash(t, path)
			var out, errOut bytes.Buffer
			code := run([]string{"score", path}, &streams{Out: &out, ErrOut: &errOut})
			if code != tt.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.exit, errOut.String())
			}
			if !regexp.MustCompile(`(?m)` + tt.says).MatchString(errOut.String()) {
				t.Errorf("stderr does not match %q:\n%s", tt.says, errOut.String())
			}
			if !strings.Contains(errOut.String(), path) {
				t.Errorf("stderr does not name the file %s:\n%s", path, errOut.String())
			}
			if code != exitOK && out.Len() > 0 {
				t.Errorf("stdout is not empty on failure:\n%s", out.String())
			}
			if fileHash(t, path) != before {
				t.Errorf("the input was changed")
			}
		})
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
