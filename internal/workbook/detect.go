package workbook

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// maxHeaderRow is how many rows from the top are searched for the header.
const maxHeaderRow = 200

// idHeader ranks a header as the id column: 2 for an explicit id header
// (No, Nomor, Kode, ID, No. Indikator ...), 1 for "Indikator", which also
// heads columns of indicator names and only counts when its values are
// ids, 0 otherwise.
func idHeader(h string) int {
	switch {
	case slices.Contains(idHeaders[:], h):
		return 2
	case slices.Contains(idNameHeaders[:], h):
		return 1
	}
	return 0
}

// idHeaders head an id column; idNameHeaders head one when its values
// are ids (see idHeader). Headers are compared normalised (normHeader).
var (
	idHeaders = [...]string{"no", "nomor", "kode", "id", "#", "no indikator", "no. indikator", "nomor indikator",
		"kode indikator", "id indikator", "no urut", "nomor urut"}
	idNameHeaders = [...]string{"indikator", "indikator spbe"}
)

// Level column classes, in the one ranking of evaluation stages that
// both layouts use: the latest stage first. A class above another wins.
const (
	levelNone     = iota
	levelPrevious // a previous round: Nilai Evaluasi Terakhir, Nilai Tahun Lalu (last of all)
	levelMandiri  // self-assessment: Nilai Mandiri, Penilaian Mandiri
	levelGeneric  // Nilai, Level, Tingkat Kematangan, Nilai Indikator ...
	levelYear     // a generic header with a year
	levelDokumen  // the assessors' document review: Nilai Dokumen
	levelAsesor   // the assessors' score: Nilai Asesor
	levelInterviu // after the interview: Nilai Interviu, Wawancara
	levelVisitasi // after the site visit: Nilai Visitasi
	levelFinal    // Nilai Akhir, Final, Nilai Evaluator, Verifikasi
	levelOverride // named by Options.LevelCol
)

// stageWords mark the stages of an evaluation in a level header, latest
// first; a self-assessment ("mandiri", "self") is checked before them.
var stageWords = [...]struct {
	class int
	words []string
}{
	{levelFinal, []string{"akhir", "final", "evaluator", "verifikasi"}},
	{levelVisitasi, []string{"visitasi", "visit"}},
	{levelInterviu, []string{"interviu", "interview", "wawancara"}},
	{levelAsesor, []string{"asesor", "assessor"}},
	{levelDokumen, []string{"dokumen", "document"}},
}

// previousWords mark a level column of a previous round, whole words:
// "Nilai Evaluasi Terakhir" is the latest evaluation before this one, not
// the final stage ("akhir") of this one. They rank below every stage.
var previousWords = [...]string{"terakhir", "sebelumnya", "tahun lalu", "periode lalu", "previous", "last year"}

// notLevelWords mark headers that mention a level but do not hold one.
var notLevelWords = [...]string{"bobot", "indeks", "index", "tertimbang", "target", "penjelasan",
	"keterangan", "kriteria", "deskripsi", "catatan", "dukung", "bukti", "justifikasi", "alasan",
	"predikat", "rekomendasi", "uraian", "nama"}

// levelWords mark a level column: a header that contains one.
var levelWords = [...]string{"kematangan", "nilai", "level", "jawaban", "penilaian", "skor", "score", "tingkat"}

// selfWords mark a self-assessment level column, ranked last.
var selfWords = [...]string{"mandiri", "self"}

// hasWord reports whether h holds one of words (or phrases) as whole
// words: "akhir" is in "nilai akhir" but not in "nilai terakhir".
func hasWord(h string, words []string) bool {
	ws := strings.FieldsFunc(h, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	text := " " + strings.Join(ws, " ") + " "
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(text, " "+w+" ") })
}

// containsAny reports whether h contains one of words.
func containsAny(h string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(h, w) })
}

// levelHeader classifies a normalised header as a level column and returns
// the latest year it mentions (0 if none).
func levelHeader(h string) (class, year int) {
	if h == "" || idHeader(h) > 0 {
		return levelNone, 0
	}
	if !containsAny(h, levelWords[:]) || containsAny(h, notLevelWords[:]) {
		return levelNone, 0
	}
	year = latestYear(h)
	if hasWord(h, previousWords[:]) {
		return levelPrevious, year
	}
	if containsAny(h, selfWords[:]) {
		return levelMandiri, year
	}
	for _, st := range stageWords {
		if hasWord(h, st.words) {
			return st.class, year
		}
	}
	if year > 0 {
		return levelYear, year
	}
	return levelGeneric, 0
}

// latestYear returns the largest four-digit year 1990..2099 standing alone
// in s, or 0.
func latestYear(s string) int {
	best := 0
	for i := 0; i+4 <= len(s); i++ {
		if i > 0 && isDigit(s[i-1]) || i+4 < len(s) && isDigit(s[i+4]) {
			continue
		}
		if s[i] != '1' && s[i] != '2' || !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
			continue
		}
		y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if y >= 1990 && y <= 2099 && y > best {
			best = y
		}
	}
	return best
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// colSpec is an Options.IDCol or Options.LevelCol: header text, and the
// column number when the text is also a valid column letter.
type colSpec struct {
	text string // normalised header text
	col  int    // 1-based column when text is a column name, else 0
	// byLetter is decided per sheet: true when no header cell in the
	// first rows equals text, so the column letter is meant.
	byLetter bool
}

func parseColSpec(s string) *colSpec {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	c := &colSpec{text: normHeader(s)}
	t := strings.ToUpper(strings.TrimSpace(s))
	if len(t) <= 3 && strings.Trim(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		if n, err := excelize.ColumnNameToNumber(t); err == nil {
			c.col = n
		}
	}
	return c
}

// grid is a sheet's cells as text, rows[i] being row i+1.
type grid struct {
	rows   [][]string
	hidden []bool
	// uncached reports whether a cell (1-based row and column) is a
	// formula without a saved value; nil when none is.
	uncached func(row, col int) bool
}

// isUncached reports whether a cell (1-based) is a formula without a
// saved value: its text is "", but it is not empty.
func (g *grid) isUncached(row, col int) bool {
	return g.uncached != nil && g.uncached(row, col)
}

func (g *grid) cell(r, c int) string { // 0-based row, 1-based column
	if r < 0 || r >= len(g.rows) || c < 1 || c > len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c-1]
}

// headerLike reports whether a row could be the header row: it has an id
// column and a level column (by header, or by an Options column letter).
func headerLike(row []string, idSpec, levelSpec *colSpec) bool {
	hasID, hasLevel := idSpec != nil && idSpec.byLetter, levelSpec != nil && levelSpec.byLetter
	for _, v := range row {
		if v == "" {
			continue
		}
		h := normHeader(v)
		if idSpec != nil {
			hasID = hasID || h == idSpec.text
		} else if idHeader(h) > 0 {
			hasID = true
		}
		if levelSpec != nil {
			hasLevel = hasLevel || h == levelSpec.text
		} else if c, _ := levelHeader(h); c != levelNone {
			hasLevel = true
		}
	}
	return hasID && hasLevel
}

// levelCol is a candidate level column.
type levelCol struct {
	col         int
	header      string
	class, year int
	values      int // non-empty cells on id rows
}

// better reports whether a is preferred to b by the documented rule.
func (a *levelCol) better(b *levelCol) bool {
	if a.class != b.class {
		return a.class > b.class
	}
	if a.year != b.year {
		return a.year > b.year
	}
	return a.col > b.col
}

// table is the result of detection on one sheet.
type table struct {
	header      int // 0-based header row, -1 for none
	idCol       int
	idHeader    string
	level       *levelCol
	otherLevels []*levelCol
	nameCol     int // 1-based column of the indicator names, 0 for none
	// idNote says which of two id columns that disagree was read, and
	// why; refuse, when not nil, refuses the table (two readings, see
	// chooseIDColumn).
	idNote fmt.Stringer
	refuse error
}

// findTable looks for the table in g: the first header row (within the
// first maxHeaderRow rows) that has an id column whose values below are
// ids and a level column. It returns nil when there is none.
func findTable(g *grid, idSpec, levelSpec *colSpec) *table {
	if idSpec != nil && idSpec.byLetter && levelSpec != nil && levelSpec.byLetter {
		t := &table{header: -1, idCol: idSpec.col, level: &levelCol{col: levelSpec.col, class: levelOverride}}
		return t
	}
	for h := 0; h < len(g.rows) && h < maxHeaderRow; h++ {
		if !headerLike(g.rows[h], idSpec, levelSpec) {
			continue
		}
		if t := tableAt(g, h, idSpec, levelSpec); t != nil {
			return t
		}
	}
	return nil
}

// headers returns the header text of every column of header row h,
// joined with a sub-header row below it when there is one (a merged
// "Tingkat Kematangan" above "2022 | 2023", or "Nilai" above "Mandiri |
// Akhir").
func headers(g *grid, h int) []string {
	hs := slices.Clone(g.rows[h])
	if h+1 >= len(g.rows) {
		return hs
	}
	sub := g.rows[h+1]
	if columnNumbers(sub) {
		return hs
	}
	for _, v := range sub {
		if _, ok := readID(v); ok {
			return hs // the first data row, not a sub-header
		}
	}
	for c, v := range sub {
		v = fold(v)
		if v == "" {
			continue
		}
		// The parent is the header above, or the nearest one to its left
		// (a merged cell keeps its text in the leftmost column).
		p := c
		for p >= 0 && (p >= len(g.rows[h]) || fold(g.rows[h][p]) == "") {
			p--
		}
		if p < 0 {
			continue
		}
		parent := fold(g.rows[h][p])
		if cl, _ := levelHeader(normHeader(parent)); cl == levelNone {
			continue
		}
		for len(hs) <= c {
			hs = append(hs, "")
		}
		hs[c] = parent + " " + v
	}
	return hs
}

func tableAt(g *grid, h int, idSpec, levelSpec *colSpec) *table {
	hs := headers(g, h)
	var idCols []int
	var levels []*levelCol
	for i, v := range hs {
		c := i + 1
		n := normHeader(v)
		if n == "" {
			continue
		}
		if idSpec != nil {
			if !idSpec.byLetter && n == idSpec.text {
				idCols = append(idCols, c)
				continue
			}
		} else if idHeader(n) > 0 {
			idCols = append(idCols, c)
			continue
		}
		if levelSpec != nil {
			if !levelSpec.byLetter && n == levelSpec.text {
				levels = append(levels, &levelCol{col: c, header: fold(v), class: levelOverride})
			}
		} else if cl, y := levelHeader(n); cl != levelNone {
			levels = append(levels, &levelCol{col: c, header: fold(v), class: cl, year: y})
		}
	}
	if idSpec != nil && idSpec.byLetter {
		idCols = []int{idSpec.col}
	}
	if levelSpec != nil && levelSpec.byLetter {
		levels = []*levelCol{{col: levelSpec.col, header: fold(g.cell(h, levelSpec.col)), class: levelOverride}}
	}
	// The id column: by the meaning of its header, among those with ids
	// below it (chooseIDColumn).
	best, idNote, idErr := chooseIDColumn(g, h, hs, idCols, idSpec != nil && idSpec.byLetter)
	if best == 0 && idErr == nil {
		return nil
	}
	if idErr != nil {
		return &table{header: h, refuse: idErr}
	}
	levels = slices.DeleteFunc(levels, func(l *levelCol) bool { return l.col == best })
	if len(levels) == 0 {
		return nil
	}
	for r := h + 1; r < len(g.rows); r++ {
		if _, ok := readID(g.cell(r, best)); !ok {
			continue
		}
		for _, l := range levels {
			// A formula without a saved value is a value still to compute:
			// a column of them is not an empty column.
			if fold(g.cell(r, l.col)) != "" || g.cell(r, l.col) == "" && g.isUncached(r+1, l.col) {
				l.values++
			}
		}
	}
	// Prefer by class, year and position; a column with no values at all
	// (an evaluator column not filled in yet) only when all are empty.
	slices.SortStableFunc(levels, func(a, b *levelCol) int {
		if (a.values > 0) != (b.values > 0) {
			if a.values > 0 {
				return -1
			}
			return 1
		}
		if a.better(b) {
			return -1
		}
		if b.better(a) {
			return 1
		}
		return 0
	})
	t := &table{header: h, idCol: best, idHeader: fold(at(hs, best-1)), level: levels[0], otherLevels: levels[1:], idNote: idNote}
	for i, v := range hs {
		if i+1 != best && slices.Contains(indicatorNameHeaders[:], normHeader(v)) {
			t.nameCol = i + 1
			break
		}
	}
	return t
}

// describe names a level column for OtherLevelColumns: E "Penilaian Mandiri".
func (l *levelCol) describe() string {
	name, _ := excelize.ColumnNumberToName(l.col)
	if l.header == "" {
		return name
	}
	return fmt.Sprintf("%s %q", name, l.header)
}

// indicatorNameHeaders head a column of indicator names.
var indicatorNameHeaders = [...]string{"indikator", "nama indikator", "uraian indikator", "indikator spbe", "nama indikator spbe", "indicator"}

// sheetYear returns the latest year in the rows above header row h (the
// title), or in the sheet's name, and the cell it is in ("" for the
// sheet's name). The header's own years ("Nilai 2024") say when a column
// was assessed, not which instrument the form is: they do not count.
func sheetYear(g *grid, h int, sheet string) (year int, cell string) {
	see := func(v string, col, row int) {
		if y := latestYear(v); y > year {
			year = y
			cell, _ = excelize.CoordinatesToCellName(col, row)
		}
	}
	for r := 0; r < h && r < len(g.rows); r++ {
		for c, v := range g.rows[r] {
			see(v, c+1, r+1)
		}
	}
	if y := latestYear(sheet); y > year {
		year, cell = y, ""
	}
	return year, cell
}

// instansiLabels are the labels of the instansi name above the table.
var instansiLabels = [...]string{"instansi", "nama instansi", "pemerintah daerah", "nama pemerintah daerah",
	"instansi pemerintah", "nama instansi pemerintah", "instansi pusat/pemerintah daerah", "nama instansi/pemerintah daerah",
	"k/l/d", "nama k/l/d", "kementerian/lembaga/pemerintah daerah"}

func isInstansiLabel(s string) bool {
	s = normHeader(s)
	return slices.Contains(instansiLabels[:], s)
}

// regionLabels are the labels of the region (the province) above the
// table, and the headers of a region column of a wide table.
var regionLabels = [...]string{"provinsi", "nama provinsi", "daerah", "wilayah", "region", "province"}

func isRegionLabel(s string) bool {
	return slices.Contains(regionLabels[:], normHeader(s))
}

// findInstansi looks in the rows above the header for "Instansi: X" in one
// cell, or a label cell "Instansi" with the name in the next non-empty
// cell to its right. It returns the name and its 0-based row and 1-based
// column.
func findInstansi(g *grid, above int) (name string, row, col int) {
	return findLabeled(g, above, isInstansiLabel)
}

// findRegion looks in the rows above the header for the region, as
// findInstansi for the name: "Provinsi: Kalimantan Timur", or a label
// cell "Provinsi", "Daerah" or "Wilayah" with the value to its right.
func findRegion(g *grid, above int) (region string, row, col int) {
	return findLabeled(g, above, isRegionLabel)
}

// findLabeled looks in the rows above the header for "Label: X" in one
// cell, or a label cell with the value in the next non-empty cell to its
// right, the label being one isLabel accepts. It returns the value and
// its 0-based row and 1-based column.
func findLabeled(g *grid, above int, isLabel func(string) bool) (name string, row, col int) {
	for r := 0; r < above && r < len(g.rows); r++ {
		for i, v := range g.rows[r] {
			if v == "" {
				continue
			}
			if label, val, ok := strings.Cut(v, ":"); ok && isLabel(label) {
				if val = fold(val); val != "" {
					return val, r, i + 1
				}
			}
			if !isLabel(v) {
				continue
			}
			for j := i + 1; j < len(g.rows[r]); j++ {
				val := strings.TrimSpace(strings.TrimLeft(fold(g.rows[r][j]), ":"))
				if val != "" {
					return val, r, j + 1
				}
			}
		}
	}
	return "", 0, 0
}

// columnNumbers reports whether row is the row of column numbers many
// reports put under the header: "1 | 2 | 3 | 4" or "(1) | (2) | (3)".
func columnNumbers(row []string) bool {
	n, prev := 0, 0
	for _, v := range row {
		v = strings.Trim(fold(v), "()[]")
		if v == "" {
			continue
		}
		if !digitsOnly(v) || len(v) > 3 {
			return false
		}
		k := 0
		for i := 0; i < len(v); i++ {
			k = k*10 + int(v[i]-'0')
		}
		if n > 0 && k != prev+1 {
			return false
		}
		n, prev = n+1, k
	}
	return n >= 3
}

// at returns s[i], or "" past its end.
func at(s []string, i int) string {
	if i < 0 || i >= len(s) {
		return ""
	}
	return s[i]
}
