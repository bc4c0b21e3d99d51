package workbook

import (
	"regexp"
	"strconv"
	"strings"
)

// Rows hands fn the rows of one sheet as text, the first to the last
// (opts.Sheet, else the first visible sheet; a CSV file's one table),
// opened as Read opens a file: the format recognised from the content,
// the unpacked size bounded, an encrypted workbook decrypted with
// opts.Password, a CSV file's separator detected. It is for tables that
// are not evaluations, such as a table of published results (spbe
// trend); a row's cells are as Read sees them (index 0 is column A), a
// formula without a saved value "". fn returns false to stop.
func Rows(path string, opts Options, fn func(sheet string, row int, cells []string) bool) error {
	r := &reader{path: path, opts: opts}
	defer r.close()
	b, err := r.open()
	if err != nil {
		return err
	}
	order, err := r.pick(b)
	if err != nil {
		return err
	}
	if len(order) == 0 {
		return &Error{File: path, Err: noTable(opts)}
	}
	sh := order[0]
	return b.rows(sh, func(row int, cells []string, _ bool) bool { return fn(sh.name, row, cells) })
}

// yearText finds "Tahun 2025" (or "Tahun: 2025", "TA 2025", "T.A. 2025")
// in a title.
var yearText = regexp.MustCompile(`(?i)\b(?:tahun(?:\s+anggaran)?|t\.?\s?a\.?)\s*:?\s*((?:19|20)\d\d)\b`)

// yearLabels are the label cells of a year with the year in the next
// non-empty cell to the right.
var yearLabels = [...]string{"tahun", "tahun evaluasi", "tahun penilaian", "tahun anggaran", "year"}

// findYear looks in the rows above the header for the year of the
// evaluation: a title such as "Evaluasi SPBE Tahun 2025" or "Tahun: 2025"
// in one cell, or a label cell "Tahun" with the year in the next non-empty
// cell to its right. It returns the year and its 0-based row and 1-based
// column, or 0 when no cell gives one, or when two cells give different
// years (ambiguous, so the caller looks elsewhere).
func findYear(g *grid, above int) (year, row, col int) {
	for r := 0; r < above && r < len(g.rows); r++ {
		for i, v := range g.rows[r] {
			y, at := 0, i
			if m := yearText.FindStringSubmatch(fold(v)); m != nil {
				y, _ = strconv.Atoi(m[1])
			} else if isYearLabel(v) {
				for j := i + 1; j < len(g.rows[r]); j++ {
					val := strings.TrimSpace(strings.TrimLeft(fold(g.rows[r][j]), ":"))
					if val == "" {
						continue
					}
					if n, err := strconv.Atoi(val); err == nil && n >= 1900 && n < 2100 {
						y, at = n, j
					}
					break
				}
			}
			switch {
			case y == 0:
			case year == 0:
				year, row, col = y, r, at+1
			case year != y:
				return 0, 0, 0
			}
		}
	}
	return year, row, col
}

func isYearLabel(s string) bool {
	s = normHeader(s)
	for _, l := range yearLabels {
		if s == l {
			return true
		}
	}
	return false
}

// ShownNumber is the text of a workbook cell from Rows with a number as
// Excel shows it, to 15 significant digits (formatNumber): Excel saves a
// typed 3,405 as 3.4049999999999998, the float's 17 digits, and shows
// 3,405. Other text is returned as it is. It is for workbook cells, not
// CSV text, whose digits are what was written.
func ShownNumber(s string) string {
	if x, ok := plainNumber(s); ok {
		return formatNumber(x)
	}
	return s
}
