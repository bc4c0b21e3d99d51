package workbook

import (
	"errors"
	"github.com/spbe-id/spbe/internal/msg"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The long layout: one instansi, a row per indicator (see the package
// documentation). Read collects a sheet's rows into a grid (sheetScan),
// findTable (detect.go) finds the table in it, and build makes the Sheet.

// add appends row (1-based) to the grid, with empty rows for a gap.
func (g *grid) add(row int, cells []string, hidden bool) {
	for len(g.rows) < row-1 {
		g.rows = append(g.rows, nil)
		g.hidden = append(g.hidden, false)
	}
	g.rows = append(g.rows, slices.Clone(cells))
	g.hidden = append(g.hidden, hidden)
}

func noTable(opts Options) error {
	// The columns named by the flags (one left to detection is not named:
	// it was said as id column "detected").
	switch {
	case opts.IDCol != "" && opts.LevelCol != "":
		return classedf(ErrNoTable, "no table found with id column %q and level column %q in the first %d rows", opts.IDCol, opts.LevelCol, maxHeaderRow)
	case opts.LevelCol != "":
		return classedf(ErrNoTable, "no table found with level column %q in the first %d rows", opts.LevelCol, maxHeaderRow)
	case opts.IDCol != "":
		return classedf(ErrNoTable, "no table found with id column %q in the first %d rows", opts.IDCol, maxHeaderRow)
	}
	return classedf(ErrNoTable, "no table found: no header row with an indicator number column (No, Nomor, Kode, ID) "+
		"and a level column (Tingkat Kematangan, Nilai, Level) in the first %d rows", maxHeaderRow)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

func anyHeader(g *grid, opts Options) bool {
	idSpec, levelSpec := sheetSpecs(g, opts)
	if idSpec != nil && idSpec.byLetter && levelSpec != nil && levelSpec.byLetter {
		return true
	}
	for _, r := range g.rows[:min(len(g.rows), maxHeaderRow)] {
		if headerLike(r, idSpec, levelSpec) || butirHeader(r) != nil {
			return true
		}
	}
	return false
}

// sheetSpecs parses the column options for a sheet: a spec that is a
// valid column letter is taken as a letter when no header cell in the
// first rows has that text.
func sheetSpecs(g *grid, opts Options) (idSpec, levelSpec *colSpec) {
	idSpec, levelSpec = parseColSpec(opts.IDCol), parseColSpec(opts.LevelCol)
	for _, s := range []*colSpec{idSpec, levelSpec} {
		if s == nil {
			continue
		}
		s.byLetter = s.col > 0 && !slices.ContainsFunc(g.rows[:min(len(g.rows), maxHeaderRow)], func(row []string) bool {
			return slices.ContainsFunc(row, func(v string) bool { return v != "" && normHeader(v) == s.text })
		})
	}
	return idSpec, levelSpec
}

// maxComputedWarnings is how many computed formulas are warned of one by
// one; the rest are counted in one more warning.
const maxComputedWarnings = 4

// build turns a detected table into a Sheet. Id and level cells that are
// formulas without a saved value (g.isUncached) are computed by compute,
// which returns the value and a warning, or refuses them: build then
// returns every refusal, joined, and no Sheet.
func build(path, sheet string, g *grid, t *table, opts Options, compute func(row, col int) (value, warning string, err error)) (*Sheet, error) {
	if t.refuse != nil {
		return nil, &Error{File: path, Sheet: sheet, Err: t.refuse}
	}
	s := &Sheet{Source: path, Sheet: sheet}
	if t.idNote != nil {
		s.Warnings = append(s.Warnings, quoteSheet(sheet)+": "+msg.Sprintf(opts.Lang, "%s", t.idNote))
	}
	s.IDColumn, _ = excelize.ColumnNumberToName(t.idCol)
	s.LevelColumn, _ = excelize.ColumnNumberToName(t.level.col)
	s.IDHeader, s.LevelHeader = t.idHeader, t.level.header
	for _, l := range t.otherLevels {
		s.OtherLevelColumns = append(s.OtherLevelColumns, l.describe())
	}
	first := t.header + 1
	if first < len(g.rows) && columnNumbers(g.rows[first]) {
		first++
	}
	heads := aspectHeadings(g, first, t.idCol)
	var errs, refused []error
	var hiddenRows, computed []string
	wcol := weightColumn(g, t)
	if wcol > 0 {
		s.WeightColumn, _ = excelize.ColumnNumberToName(wcol)
	}
	// value is the text of a cell (0-based row), computed when it is a
	// formula without a saved value.
	value := func(r, col int) (string, bool) {
		v := g.cell(r, col)
		if v != "" || !g.isUncached(r+1, col) {
			return v, true
		}
		v, warn, err := compute(r+1, col)
		if err != nil {
			refused = append(refused, err)
			return "", false
		}
		computed = append(computed, warn)
		return v, true
	}
	for r := first; r < len(g.rows); r++ {
		rawID, ok := value(r, t.idCol)
		if !ok {
			continue
		}
		id, ok := readID(rawID)
		if !ok || heads[r] || opts.Known != nil && !opts.Known(id) && IsCode(id) {
			continue // a code the rubric does not use: a heading, as before codes
		}
		idCell, _ := excelize.CoordinatesToCellName(t.idCol, r+1)
		if opts.Known != nil && !opts.Known(id) {
			errs = append(errs, &Error{File: path, Sheet: sheet, Cell: idCell,
				Err: classedf(ErrUnknownIndicator, "unknown indicator %q", fold(rawID))})
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(t.level.col, r+1)
		raw, ok := value(r, t.level.col)
		if !ok {
			continue
		}
		if r < len(g.hidden) && g.hidden[r] {
			hiddenRows = append(hiddenRows, strconv.Itoa(r+1))
		}
		e := Entry{ID: id, IDText: fold(rawID), Raw: raw, Cell: cell, IDCell: idCell, Name: fold(g.cell(r, t.nameCol))}
		if wcol > 0 {
			e.Weight = strings.TrimSpace(g.cell(r, wcol))
			e.WeightCell, _ = excelize.CoordinatesToCellName(wcol, r+1)
		}
		s.Entries = append(s.Entries, e)
	}
	if len(computed) > maxComputedWarnings {
		n := len(computed)
		computed = append(computed[:maxComputedWarnings-1:maxComputedWarnings-1], msg.Sprintf(opts.Lang,
			"%s: %d more formulas had no saved value; computed (%d in all)", quoteSheet(sheet), n-maxComputedWarnings+1, n))
	}
	s.Warnings = append(s.Warnings, computed...)
	if len(hiddenRows) > 0 {
		w := msg.Sprintf(opts.Lang, "%s: rows %s are hidden; their levels were read", quoteSheet(sheet), strings.Join(hiddenRows, ", "))
		if len(hiddenRows) == 1 {
			w = msg.Sprintf(opts.Lang, "%s: row %s is hidden; its level was read", quoteSheet(sheet), hiddenRows[0])
		}
		s.Warnings = append(s.Warnings, w)
	}
	if t.header >= 0 {
		s.TitleYear, s.TitleYearCell = sheetYear(g, t.header, sheet)
		if name, r, c := findInstansi(g, t.header); name != "" {
			s.Instansi = name
			s.InstansiCell, _ = excelize.CoordinatesToCellName(c, r+1)
		}
		if region, r, c := findRegion(g, t.header); region != "" {
			s.Region = region
			s.RegionCell, _ = excelize.CoordinatesToCellName(c, r+1)
		}
		if y, r, c := findYear(g, t.header); y != 0 {
			s.Year = y
			s.YearCell, _ = excelize.CoordinatesToCellName(c, r+1)
		}
	}
	if s.Instansi == "" {
		base := filepath.Base(path)
		s.Instansi = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if len(refused) > 0 {
		return nil, errors.Join(refused...)
	}
	if len(s.Entries) == 0 && len(errs) == 0 {
		return nil, &Error{File: path, Sheet: sheet, Err: classedf(ErrNoTable,
			"the table under the header in row %d has no indicator ids in column %s", t.header+1, s.IDColumn)}
	}
	if len(errs) > 0 {
		return s, errors.Join(errs...)
	}
	return s, nil
}

// weightColumn returns the 1-based column of the table's weight column:
// the header cell "Bobot", "Bobot (%)", "Weight" or "Weight (%)" that is
// neither the id nor the level column; 0 when there is none (or no
// header row).
func weightColumn(g *grid, t *table) int {
	if t.header < 0 || t.header >= len(g.rows) {
		return 0
	}
	for i, v := range g.rows[t.header] {
		col := i + 1
		if col == t.idCol || col == t.level.col {
			continue
		}
		switch strings.TrimSpace(strings.ReplaceAll(normHeader(v), "(%)", "")) {
		case "bobot", "weight", "bobot indikator":
			return col
		}
	}
	return 0
}
