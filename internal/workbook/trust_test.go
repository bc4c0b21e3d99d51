package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// trustInput writes the input of fixture.TrustInputs named name.
func trustInput(t *testing.T, name string) string {
	t.Helper()
	for _, b := range fixture.TrustInputs(rubric59(t)) {
		if b.Name == name {
			path := filepath.Join(t.TempDir(), name)
			if err := b.Write(path); err != nil {
				t.Fatal(err)
			}
			return path
		}
	}
	t.Fatalf("fixture.TrustInputs has no %s", name)
	return ""
}

// levelsOf reads a long table and returns its levels under r, in rubric
// order, with the sheet's warnings.
func levelsOf(t *testing.T, path string, r *rubric.Rubric) ([]rubric.Level, []string, error) {
	t.Helper()
	s, err := ReadSheet(path, Options{Lang: label.English})
	if err != nil {
		return nil, nil, err
	}
	lv, err := s.Levels(r)
	if err != nil {
		return nil, s.Warnings, err
	}
	var out []rubric.Level
	for _, ind := range r.Indicators() {
		out = append(out, lv[ind.ID])
	}
	return out, s.Warnings, nil
}

func wholeLevels(ls []int) []rubric.Level {
	out := make([]rubric.Level, len(ls))
	for i, l := range ls {
		out[i] = rubric.NewLevel(int64(l))
	}
	return out
}

func equalLevels(a, b []rubric.Level) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Item 1: a running "No" beside the indicator's number. The oracle is the
// levels the table was written from, in rubric order.
func TestIDColumnByMeaning(t *testing.T) {
	pemdi := rubricPemdi(t)
	for _, tt := range []struct {
		file string
		r    *rubric.Rubric
		want []int
		note string
	}{
		{"nomor-urut.xlsx", rubric59(t), fixture.Perekonomian2021, `column B "No Indikator"`},
		{"kode-urut.xlsx", pemdi, fixture.PemdiLevels, `column B "Kode"`},
	} {
		got, warnings, err := levelsOf(t, trustInput(t, tt.file), tt.r)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if !equalLevels(got, wholeLevels(tt.want)) {
			t.Errorf("%s: levels %v, want %v", tt.file, got, tt.want)
		}
		if !strings.Contains(strings.Join(warnings, "\n"), tt.note) {
			t.Errorf("%s: warnings %q do not name %s", tt.file, warnings, tt.note)
		}
	}
	_, err := ReadSheet(trustInput(t, "dua-nomor.xlsx"), Options{Lang: label.English})
	if !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), `A "No" and B "Nomor"`) || !strings.Contains(err.Error(), "--id-col") {
		t.Errorf("dua-nomor.xlsx: %v; want ErrAmbiguous naming both columns and --id-col", err)
	}
	// In Indonesian, the default.
	_, err = ReadSheet(trustInput(t, "dua-nomor.xlsx"), Options{})
	if !errors.Is(err, ErrAmbiguous) || !strings.Contains(msg.Text(label.Indonesian, err), `Penilaian: dua kolom berisi nomor indikator yang tidak sama: A "No" dan B "Nomor"`) {
		t.Errorf("dua-nomor.xlsx in Indonesian: %s", msg.Text(label.Indonesian, err))
	}
	// --id-col chooses, and the other column is then not considered.
	s, err := ReadSheet(trustInput(t, "dua-nomor.xlsx"), Options{IDCol: "Nomor"})
	if err != nil {
		t.Fatal(err)
	}
	lv, err := s.Levels(rubric59(t))
	if err != nil || lv["21"] != rubric.NewLevel(1) || lv["13"] != rubric.NewLevel(5) {
		t.Errorf("--id-col Nomor: %v %v", lv, err)
	}
}

// Item 8: stage words are whole words, and a previous round ranks last.
func TestStageWordsWholeWords(t *testing.T) {
	for _, tt := range []struct {
		header string
		class  int
	}{
		{"nilai akhir", levelFinal},
		{"nilai evaluasi terakhir", levelPrevious},
		{"nilai akhir tahun lalu", levelPrevious},
		{"tingkat kematangan sebelumnya", levelPrevious},
		{"nilai mandiri periode lalu", levelPrevious},
		{"nilai visitasi", levelVisitasi},
		{"nilai", levelGeneric},
	} {
		if got, _ := levelHeader(tt.header); got != tt.class {
			t.Errorf("levelHeader(%q) = %d, want %d", tt.header, got, tt.class)
		}
	}
	// A previous round loses to a generic level column and to a
	// self-assessment: the example's levels are read from "Nilai".
	path := trustInput(t, "evaluasi-terakhir.xlsx")
	s, err := ReadSheet(path, Options{Lang: label.English})
	if err != nil {
		t.Fatal(err)
	}
	if s.LevelHeader != "Nilai" {
		t.Errorf("level column %s %q, want C \"Nilai\"", s.LevelColumn, s.LevelHeader)
	}
	got, _, err := levelsOf(t, path, rubric59(t))
	if err != nil || !equalLevels(got, wholeLevels(fixture.Perekonomian2021)) {
		t.Errorf("levels %v (%v), want the example's", got, err)
	}
	if c, _ := blockClass("Tahun Lalu"); c != levelPrevious {
		t.Errorf("blockClass(Tahun Lalu) = %d, want levelPrevious", c)
	}
}

// Item 6: ½ ¼ ¾ are read exactly, as the decimal they write; other
// vulgar fractions and numbers in the name are not a level.
func TestVulgarFractions(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2 ½", "2.5"}, {"2½", "2.5"}, {"½", "0.5"}, {"1 ¼", "1.25"}, {"3¾ - Terpadu", "3.75"},
		{"2\u00a0½", "2.5"}, {"Level 2 ½", "2.5"},
		{"1 ⅓", ""}, {"2 ⅔", ""}, {"2,5½", ""}, {"2½5", ""}, {"½½", ""}, {"2 ½ ½", ""}, {"3²", ""}, {"a½", ""},
	} {
		got, err := ParseLevel(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseLevel(%q) = %v, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("ParseLevel(%q): %v", tt.in, err)
		case tt.want != "":
			// The oracle: the same level written as a decimal.
			if want, _ := ParseLevel(tt.want); got != want {
				t.Errorf("ParseLevel(%q) = %v, want %v", tt.in, got, want)
			}
		}
	}
}

// Item 7: an unquoted decimal comma whose extra field lands in a trailing
// column of text is refused, in the long and the wide layout; a number in
// a column of numbers, text in a column of text, or another separator is
// not.
func TestCSVDecimalCommaIntoTrailingColumn(t *testing.T) {
	_, err := ReadSheet(trustInput(t, "koma-keterangan.csv"), Options{Lang: label.English})
	if !errors.Is(err, ErrBadLevel) || !strings.Contains(err.Error(), `line 22: indicator 21: level 2 is followed by 5 in column C ("Keterangan")`) {
		t.Errorf("koma-keterangan.csv: %v", err)
	}
	r59 := rubric59(t)
	err = Read(trustInput(t, "koma-keterangan-lebar.csv"), Options{Layout: LayoutWide, Want: 47, Lang: label.English}, Visitor{
		Row: func(t *WideTable, r *WideRow) error { _, err := r.Levels(t, r59, nil); return err },
	})
	if !errors.Is(err, ErrBadLevel) || !strings.Contains(err.Error(), `line 2: Instansi Contoh: the last indicator's level 3 is followed by 3 in column AW ("Keterangan")`) {
		t.Errorf("koma-keterangan-lebar.csv: %v", err)
	}
	// Columns between the level and the text column: the last field shifts
	// into the text column.
	between := longCSV("No,Tingkat Kematangan,Bobot,Keterangan", func(i int, line string) string {
		if i == 21 {
			return "21,2,5,1.3"
		}
		return line + ",1.3"
	})
	_, err = ReadSheet(writeCSV(t, "bobot.csv", between), Options{Lang: label.English})
	if !errors.Is(err, ErrBadLevel) || !strings.Contains(err.Error(), `line 22: indicator 21: column D ("Keterangan"), a column of text, holds the number 1.3`) {
		t.Errorf("bobot.csv: %v", err)
	}
	wide := "Nama Instansi," + strings.Join(ids47(), ",") + ",Indeks,Keterangan\nInstansi Contoh,2,5" + strings.Repeat(",3", 46) + ",3.00\n"
	err = Read(writeCSV(t, "lebar.csv", wide), Options{Layout: LayoutWide, Want: 47, Lang: label.English}, Visitor{
		Row: func(t *WideTable, r *WideRow) error { _, err := r.Levels(t, r59, nil); return err },
	})
	if !errors.Is(err, ErrBadLevel) || !strings.Contains(err.Error(), `column AX ("Keterangan"), a column of text, holds the number 3.00`) {
		t.Errorf("lebar.csv: %v", err)
	}
	for _, text := range []string{
		longCSV("No,Tingkat Kematangan,Bobot,Keterangan", func(i int, line string) string { return line + ",1.3,sudah" }),
		longCSV("No,Tingkat Kematangan,Bobot,Keterangan", func(i int, line string) string { return line + ",1.3," }),
		longCSV("No,Tingkat Kematangan,Bobot", func(i int, line string) string { return line + ",5" }),
		longCSV("No,Tingkat Kematangan,Keterangan", func(i int, line string) string { return line + ",sudah" }),
		strings.ReplaceAll(longCSV("No,Tingkat Kematangan,Keterangan", func(i int, line string) string { return line + ",5" }), ",", ";"),
	} {
		if _, err := ReadSheet(writeCSV(t, "baik.csv", text), Options{Lang: label.English}); err != nil {
			t.Errorf("%.40q...: %v", text, err)
		}
	}
}

// Item 17: aspect headings numbered 1..7 above their kode rows are
// headings; a plain id and a kode of the same indicator elsewhere are
// still a duplicate.
func TestAspectHeadingRows(t *testing.T) {
	pemdi := rubricPemdi(t)
	got, _, err := levelsOf(t, trustInput(t, "aspek-bernomor.xlsx"), pemdi)
	if err != nil || !equalLevels(got, wholeLevels(fixture.PemdiLevels)) {
		t.Errorf("aspek-bernomor.xlsx: levels %v (%v), want %v", got, err, fixture.PemdiLevels)
	}
	// The same as CSV, headings without a level field.
	var sb strings.Builder
	sb.WriteString("Kode;Indikator;Nilai\n")
	aspect := ""
	for i, ind := range pemdi.Indicators() {
		if a, _, _ := strings.Cut(ind.Code, "."); a != aspect {
			aspect = a
			sb.WriteString(a + ";" + ind.Aspect.Name + "\n")
		}
		sb.WriteString(fmt.Sprintf("%s;%s;%d\n", ind.Code, ind.Name, fixture.PemdiLevels[i]))
	}
	got, _, err = levelsOf(t, writeCSV(t, "aspek.csv", sb.String()), pemdi)
	if err != nil || !equalLevels(got, wholeLevels(fixture.PemdiLevels)) {
		t.Errorf("aspek.csv: levels %v (%v)", got, err)
	}
	// "4" not followed by 4.x is indicator 4, which the kode 2.2 names too.
	dup := strings.Replace(sb.String(), "\n3;", "\n4;Kolaborasi;2\n3;", 1)
	_, _, err = levelsOf(t, writeCSV(t, "dup.csv", dup), pemdi)
	if !errors.Is(err, ErrDuplicate) {
		t.Errorf("a plain id beside its kode: %v, want ErrDuplicate", err)
	}
}

// Item 4: a wide Pemdi header with aspect columns 1..7 before the kode
// columns names indicators 1..7 twice: refused without labels, read from
// the kode columns when the label over the aspects says they are no
// levels ("Indeks Aspek").
func TestWideAspectColumns(t *testing.T) {
	pemdi := rubricPemdi(t)
	read := func(path string) ([]rubric.Level, string, error) {
		var got []rubric.Level
		var note string
		err := Read(path, Options{Layout: LayoutWide, Want: 20, Lang: label.English}, Visitor{
			Wide: func(t *WideTable) error {
				err := t.CheckColumns(pemdi)
				note = t.LevelNote
				return err
			},
			Row: func(t *WideTable, r *WideRow) error {
				var err error
				got, err = r.Levels(t, pemdi, nil)
				return err
			},
		})
		return got, note, err
	}
	_, _, err := read(trustInput(t, "aspek-lebar.xlsx"))
	if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), `indicators 1 (B "1", I "1.1")`) {
		t.Errorf("aspek-lebar.xlsx: %v, want ErrDuplicate naming B and I", err)
	}
	above := []any{nil, "Indeks Aspek", nil, nil, nil, nil, nil, nil, "Nilai"}
	hdr := []any{"Nama Instansi"}
	row := []any{"Instansi Contoh"}
	for a := 1; a <= 7; a++ {
		hdr, row = append(hdr, a), append(row, 2.5)
	}
	for i, ind := range pemdi.Indicators() {
		hdr, row = append(hdr, ind.Code), append(row, fixture.PemdiLevels[i])
	}
	path := writeXLSX(t, "aspek-label.xlsx", sheetSpec{name: "Nasional", rows: [][]any{above, hdr, row}})
	got, note, err := read(path)
	if err != nil || !equalLevels(got, wholeLevels(fixture.PemdiLevels)) {
		t.Errorf("with labels: %v (%v), want %v", got, err, fixture.PemdiLevels)
	}
	if !strings.Contains(note, `indicator 1 from I "1.1", not B "1"`) {
		t.Errorf("LevelNote %q does not say which column was read", note)
	}
}

// wideNames reads a wide table and returns the names of the rows handed
// on, and the table.
func wideNames(t *testing.T, path string) ([]string, *WideTable) {
	t.Helper()
	var names []string
	var table *WideTable
	err := Read(path, Options{Layout: LayoutWide, Want: 47, Lang: label.English}, Visitor{
		Wide: func(t *WideTable) error { table = t; return nil },
		Row:  func(_ *WideTable, r *WideRow) error { names = append(names, r.Instansi); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return names, table
}

// Item 3: summary rows under a wide table, by their words or as an
// aggregate of the rows above, are left out and listed; an instansi
// whose levels happen to be the maxima, or a copy of a row, is not.
func TestWideSummaryRows(t *testing.T) {
	names, table := wideNames(t, trustInput(t, "rata-rata.xlsx"))
	if got := strings.Join(names, "|"); got != "Instansi Contoh|Instansi Lain" {
		t.Errorf("rows handed on: %s", got)
	}
	want := `6 "Rata-rata Nasional" (its name)|7 "Nilai Tertinggi" (its name)|8 "Median Jawa Barat" (its name)|9 "Indonesia" (the maximum of the rows above)`
	if got := strings.Join(table.Summaries, "|"); got != want {
		t.Errorf("Summaries:\n%s\nwant\n%s", got, want)
	}
	r := rubric59(t)
	row := func(name string, f func(i int) any) []any {
		out := []any{name}
		for i := range r.Indicators() {
			out = append(out, f(i))
		}
		return out
	}
	hdr := row("Nama Instansi", func(i int) any { return r.Indicators()[i].ID })
	a := row("Instansi A", func(i int) any { return 1 + i%3 })
	b := row("Instansi B", func(i int) any { return 1 + i%5 })
	c := row("Instansi C", func(i int) any { return 2 })
	mean := row("Indonesia", func(i int) any { return strconv.FormatFloat(float64(1+i%3+1+i%5+2)/3, 'f', 2, 64) })
	maxima := row("Pemerintah Kota Puncak", func(i int) any { return max(1+i%3, 1+i%5, 2) })
	copyB := row("Instansi B2", func(i int) any { return 1 + i%5 })
	for _, rw := range [][]any{{"RATA-RATA"}, {"Jumlah Kabupaten"}, {"Nilai Terendah Provinsi Aceh"}, {"Total"}, {"Nasional"}} {
		if !summaryName(rw[0].(string)) {
			t.Errorf("summaryName(%q) = false", rw[0])
		}
	}
	for _, n := range []string{"Instansi Contoh", "Kabupaten Tanah Datar", "Kota Administrasi Jakarta Pusat", "Badan Pusat Statistik"} {
		if summaryName(n) {
			t.Errorf("summaryName(%q) = true", n)
		}
	}
	path := writeXLSX(t, "agregat.xlsx", sheetSpec{name: "Nasional", rows: [][]any{hdr, a, b, c, mean, maxima, copyB}})
	names, table = wideNames(t, path)
	if got := strings.Join(names, "|"); got != "Instansi A|Instansi B|Instansi C|Pemerintah Kota Puncak|Instansi B2" {
		t.Errorf("rows handed on: %s", got)
	}
	if got := strings.Join(table.Summaries, "|"); got != `5 "Indonesia" (the mean of the rows above)` {
		t.Errorf("Summaries: %s", got)
	}
	// A row equal to the maxima of the rows above is a copy of the one row
	// that holds them all: an instansi with the same levels, kept.
	low := row("Instansi Rendah", func(i int) any { return 1 })
	high := row("Instansi Tinggi", func(i int) any { return 2 + i%3 })
	twin := row("Instansi Kembar", func(i int) any { return 2 + i%3 })
	names, table = wideNames(t, writeXLSX(t, "kembar.xlsx", sheetSpec{name: "Nasional", rows: [][]any{hdr, low, high, twin}}))
	if got := strings.Join(names, "|"); got != "Instansi Rendah|Instansi Tinggi|Instansi Kembar" || len(table.Summaries) > 0 {
		t.Errorf("rows handed on: %s; Summaries %q", got, table.Summaries)
	}
}

// Item 2 (the reader's part): the year of the title and the names beside
// the ids are kept as evidence of the instrument; a year in the header
// ("Nilai 2024") is not the form's.
func TestSheetEvidence(t *testing.T) {
	s, err := ReadSheet(trustInput(t, "dua-domain.xlsx"), Options{Lang: label.English})
	if err != nil {
		t.Fatal(err)
	}
	r := rubric59(t)
	if s.TitleYear != 2023 || s.TitleYearCell != "A1" || s.Entries[4].Name != r.Indicator("5").Name {
		t.Errorf("year %d in %q, entry 5 named %q", s.TitleYear, s.TitleYearCell, s.Entries[4].Name)
	}
	path := writeXLSX(t, "tahun.xlsx", sheetSpec{name: "Penilaian", rows: tableRows([]any{"No", "Nilai 2023", "Nilai 2024"}, 47,
		func(i int) []any { return []any{i, 2, 3} })})
	if s, err := ReadSheet(path, Options{Lang: label.English}); err != nil || s.TitleYear != 0 {
		t.Errorf("a header's year taken for the form's: %d (%v)", s.TitleYear, err)
	}
	var table *WideTable
	if err := Read(trustInput(t, "rata-rata.xlsx"), Options{Layout: LayoutWide, Want: 47, Lang: label.English}, Visitor{
		Wide: func(t *WideTable) error { table = t; return nil },
	}); err != nil || table.TitleYear != 2021 || table.TitleYearCell != "A1" {
		t.Errorf("wide: year %d in %q (%v)", table.TitleYear, table.TitleYearCell, err)
	}
}

// Item 1, by the names: a running "No" as the only id column beside the
// indicator names disagrees with them under the rubric; the honest
// tables agree.
func TestCheckNames(t *testing.T) {
	r := rubric59(t)
	s, err := ReadSheet(trustInput(t, "nomor-tunggal.xlsx"), Options{Lang: label.English})
	if err != nil {
		t.Fatal(err)
	}
	err = s.CheckNames(r)
	if !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), "A5 holds id 1, beside the name of indicator 21") || !strings.Contains(err.Error(), "--id-col") {
		t.Errorf("nomor-tunggal.xlsx: %v", err)
	}
	for _, name := range []string{"nomor-urut.xlsx", "dua-domain.xlsx"} {
		s, err := ReadSheet(trustInput(t, name), Options{Lang: label.English})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CheckNames(r); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Tata Kelola Data", "TATA KELOLA DATA.", true},
		{"Tata Kelola Data", "Tata Kelola Data dan Statistik", true},
		{"Integrasi Aplikasi", "Integrasi Aplikasi Nasional", false},
		{"Tata Kelola Data", "Kelola", false},
	} {
		if got := SameName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// english is the language of the messages the tests read (Options.Lang).
const english = label.English
