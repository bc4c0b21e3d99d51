package main

import (
	"bytes"
	"strings"
	"testing"
)

// The reader's warnings and refusals of workbooks (internal/workbook)
// follow the language of messages: Indonesian by default (SPBE_LANG
// unset), English with --lang en. The inputs are fixtures of TestBadInputs
// that only a workbook can hold (a hidden row, a hidden sheet, a formula
// without a saved value, computed or refused); lang.txtar checks the CSV ones.
func TestReaderMessagesFollowLang(t *testing.T) {
	t.Setenv(langEnv, "")
	dir := t.TempDir()
	for _, tt := range []struct {
		file     string
		id, en   string
		exitCode int
	}{
		{"baris-tersembunyi.xlsx",
			"peringatan: Penilaian: baris 25 tersembunyi; tingkatnya tetap dibaca",
			"warning: Penilaian: row 25 is hidden; its level was read", exitOK},
		{"sheet-tersembunyi.xlsx",
			`peringatan: sheet "Penilaian" tersembunyi; sheet itu dibaca karena tidak ada sheet tampak yang berisi tabel`,
			`warning: sheet "Penilaian" is hidden; it was read because no visible sheet holds a table`, exitOK},
		{"rumus.xlsx",
			`peringatan: Penilaian!G25: rumus =F25-1 tidak punya nilai tersimpan; dihitung "1"`,
			`warning: Penilaian!G25: formula =F25-1 had no saved value; computed "1"`, exitOK},
		{"galat.xlsx",
			"Penilaian!G25: rumus =NA() tidak punya nilai tersimpan dan tidak dapat dihitung: #N/A",
			"Penilaian!G25: formula =NA() had no saved value and could not be computed: #N/A", exitInvalid},
		{"rumus-acak.xlsx",
			"Penilaian!G25: rumus =RANDBETWEEN(1,5) tidak punya nilai tersimpan dan tidak dapat dihitung: G25 memakai RANDBETWEEN, fungsi volatil: nilainya berubah setiap penghitungan ulang",
			"Penilaian!G25: formula =RANDBETWEEN(1,5) had no saved value and could not be computed: G25 uses RANDBETWEEN, a volatile function: its value changes at every recalculation", exitInvalid},
		{"header-jauh.xlsx",
			"tidak ada tabel: tidak ada baris judul dengan kolom nomor indikator (No, Nomor, Kode, ID) dan kolom nilai (Tingkat Kematangan, Nilai, Level) dalam 200 baris pertama",
			"no table found: no header row with an indicator number column (No, Nomor, Kode, ID) and a level column (Tingkat Kematangan, Nilai, Level) in the first 200 rows", exitInvalid},
	} {
		t.Run(tt.file, func(t *testing.T) {
			path := writeBad(t, dir, tt.file)
			for _, c := range []struct {
				args []string
				want string
				not  string
			}{
				{[]string{"score", path}, tt.id, tt.en},
				{[]string{"score", path, "--lang", "en"}, tt.en, tt.id},
			} {
				var out, errOut bytes.Buffer
				code := run(c.args, &streams{Out: &out, ErrOut: &errOut})
				if code != tt.exitCode {
					t.Errorf("%v: exit %d, want %d; stderr:\n%s", c.args[2:], code, tt.exitCode, errOut.String())
				}
				if !strings.Contains(errOut.String(), path+": "+c.want) {
					t.Errorf("%v: stderr does not say %q:\n%s", c.args[2:], path+": "+c.want, errOut.String())
				}
				if strings.Contains(errOut.String(), c.not) {
					t.Errorf("%v: stderr says %q, in the other language:\n%s", c.args[2:], c.not, errOut.String())
				}
			}
		})
	}
}
