package workbook

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/butir"
)

// The butir layout: a list of evidence items (butir data dukung), a row per
// butir with its indicator, level, code and the assessor's status (see
// ButirList and the package documentation). It is read from the same grid
// as the long layout, and found before it: a butir list also has an
// indicator column and a level column.

// ErrButir: a row of a butir list is invalid: an unknown status, a level
// outside the scale's bands, a code that disagrees with its indicator or
// level columns, the same code twice, or no indicator.
var ErrButir = errors.New("invalid butir")

// ButirList is a butir list read from one sheet or CSV file, before it is
// checked against a rubric (see Items).
type ButirList struct {
	Source string // the path given to Read
	Sheet  string // "" for CSV
	// Instansi and InstansiCell are as in Sheet.
	Instansi, InstansiCell string
	// HeaderRow is the 1-based header row.
	HeaderRow int
	// Columns names the columns read, as letter and header, in column
	// order: B "Kode Butir".
	Columns []string
	// StatusColumn and StatusHeader are the status column used;
	// OtherStatusColumns the others (stages of the evaluation), best
	// first, as letter and header, ranked as level columns are.
	StatusColumn, StatusHeader string
	OtherStatusColumns         []string
	// HasCost is set when the list has a cost column.
	HasCost  bool
	Rows     []ButirRow
	Warnings []string
}

// ButirRow is one butir as text, each value with its cell ("" for a
// column the list does not have).
type ButirRow struct {
	Row                                  int
	Code, Indicator, Level, Status, Cost string
	CodeCell, IndicatorCell, LevelCell   string
	StatusCell, CostCell                 string
	Text, Note, Recommendation, PJ, File string
	// Other holds the status of each other status column, in the order of
	// OtherStatusColumns ("" for an empty cell).
	Other []string
}

// butirCols are the columns of a butir header row (1-based, 0 for none).
type butirCols struct {
	header                       int // 0-based row
	code, indicator, level, cost int
	text, note, rec, pj, file    int
	otherStatus                  []*levelCol
	headers                      []string
	indicatorRank                int
}

// Headers of a butir list, normalised (normHeader). A status column is
// any header with "status" in it (Status, Status Asesor, Status Mandiri),
// ranked by stage as level columns are.
var (
	butirCodeHeaders = [...]string{"kode butir", "kode data dukung", "butir", "kode", "id butir", "no butir",
		"nomor butir", "kode dokumen", "kode bukti", "code"}
	butirIndicatorHeaders = [...]string{"no indikator", "no. indikator", "nomor indikator", "kode indikator",
		"id indikator", "indicator"}
	butirLevelHeaders = [...]string{"level", "tingkat", "tingkat kematangan", "level kematangan", "lvl", "no level"}
	butirTextHeaders  = [...]string{"uraian", "nama butir", "butir data dukung", "data dukung", "deskripsi", "uraian butir",
		"nama data dukung", "description", "evidence"}
	butirPJHeaders   = [...]string{"pj", "penanggung jawab", "pic", "opd", "pj/opd", "pj / opd", "opd pengampu", "unit", "unit kerja", "person in charge"}
	butirFileHeaders = [...]string{"file", "nama file", "link", "tautan", "url", "berkas", "dokumen", "link dokumen", "file/link"}
	butirCostHeaders = [...]string{"biaya", "cost", "anggaran", "perkiraan biaya"}
)

// butirHeader reads a row as a butir header: it needs a status column
// and either a code column or an indicator and a level column.
func butirHeader(row []string) *butirCols {
	c := &butirCols{headers: row}
	for i, v := range row {
		col := i + 1
		h := normHeader(v)
		switch {
		case h == "":
		case strings.Contains(h, "status"):
			cl, year := levelHeader(strings.Replace(h, "status", "nilai", 1))
			if cl == levelNone {
				cl = levelGeneric
			}
			c.otherStatus = append(c.otherStatus, &levelCol{col: col, header: fold(v), class: cl, year: year})
		case slices.Contains(butirCodeHeaders[:], h):
			if c.code == 0 {
				c.code = col
			}
		case slices.Contains(butirIndicatorHeaders[:], h):
			if c.indicatorRank < 2 {
				c.indicator, c.indicatorRank = col, 2
			}
		case h == "indikator" || h == "id":
			if c.indicatorRank < 1 {
				c.indicator, c.indicatorRank = col, 1
			}
		case slices.Contains(butirLevelHeaders[:], h):
			if c.level == 0 {
				c.level = col
			}
		case strings.Contains(h, "catatan") || h == "note" || h == "notes":
			if c.note == 0 {
				c.note = col
			}
		case strings.Contains(h, "rekomendasi") || h == "recommendation":
			if c.rec == 0 {
				c.rec = col
			}
		case slices.Contains(butirPJHeaders[:], h):
			if c.pj == 0 {
				c.pj = col
			}
		case slices.Contains(butirFileHeaders[:], h):
			if c.file == 0 {
				c.file = col
			}
		case slices.Contains(butirCostHeaders[:], h):
			if c.cost == 0 {
				c.cost = col
			}
		case slices.Contains(butirTextHeaders[:], h):
			if c.text == 0 {
				c.text = col
			}
		}
	}
	if len(c.otherStatus) == 0 || c.code == 0 && (c.indicator == 0 || c.level == 0) {
		return nil
	}
	return c
}

// findButir looks for a butir header in the first maxHeaderRow rows of g
// whose rows are butir: a code column holds butir codes (I13-L1-02), or an
// indicator appears on two rows (a table of indicator levels with a
// status column has each indicator once, and is not a butir list).
func findButir(g *grid) *butirCols {
	for h := 0; h < len(g.rows) && h < maxHeaderRow; h++ {
		c := butirHeader(g.rows[h])
		if c == nil {
			continue
		}
		c.header = h
		codes, seen, twice := 0, map[string]bool{}, false
		for r := h + 1; r < len(g.rows); r++ {
			if c.code > 0 && isButirCode(g.cell(r, c.code)) {
				codes++
			}
			if c.indicator > 0 {
				if id, ok := readID(g.cell(r, c.indicator)); ok {
					twice = twice || seen[id]
					seen[id] = true
				}
			}
		}
		if codes == 0 && c.code > 0 {
			c.code = 0 // a "Kode" column of something else
		}
		if codes > 0 || twice && c.level > 0 {
			return c
		}
	}
	return nil
}

// isButirCode reports whether a cell holds a butir code such as I13-L1-02.
func isButirCode(s string) bool {
	_, _, _, ok := butir.ParseCode(fold(s))
	return ok
}

// chooseStatus makes the status column that spec (Options.LevelCol: a
// header text or a column letter) names the one read, ahead of the
// ranking. It reports false when spec names none of the status columns:
// the sheet is then not read as a butir list. An empty spec keeps the
// ranking.
func (c *butirCols) chooseStatus(spec string) bool {
	cs := parseColSpec(spec)
	if cs == nil {
		return true
	}
	for _, s := range c.otherStatus {
		if normHeader(s.header) == cs.text {
			s.class = levelOverride
			return true
		}
	}
	for _, s := range c.otherStatus {
		if cs.col > 0 && s.col == cs.col {
			s.class = levelOverride
			return true
		}
	}
	return false
}

// width is the last column a butir list uses.
func (c *butirCols) width() int {
	w := max(c.code, c.indicator, c.level, c.cost, c.text, c.note, c.rec, c.pj, c.file)
	for _, s := range c.otherStatus {
		w = max(w, s.col)
	}
	return w
}

// buildButir reads the rows under a butir header. Cells that are formulas
// without a saved value are computed by compute, or refused.
func buildButir(path, sheet string, g *grid, c *butirCols, compute func(row, col int) (value, warning string, err error)) (*ButirList, error) {
	b := &ButirList{Source: path, Sheet: sheet, HeaderRow: c.header + 1, HasCost: c.cost > 0}
	var refused []error
	value := func(r, col int) string {
		if col == 0 {
			return ""
		}
		v := g.cell(r, col)
		if v != "" || !g.isUncached(r+1, col) {
			return fold(v)
		}
		v, warn, err := compute(r+1, col)
		if err != nil {
			refused = append(refused, err)
			return ""
		}
		b.Warnings = append(b.Warnings, warn)
		return fold(v)
	}
	// The status column: by the ranking of level columns, an empty one
	// only when every one is.
	for _, s := range c.otherStatus {
		for r := c.header + 1; r < len(g.rows); r++ {
			if value(r, s.col) != "" {
				s.values++
			}
		}
	}
	all := slices.Clone(c.otherStatus)
	slices.SortStableFunc(all, func(a, x *levelCol) int {
		if (a.values > 0) != (x.values > 0) {
			if a.values > 0 {
				return -1
			}
			return 1
		}
		if a.better(x) {
			return -1
		}
		if x.better(a) {
			return 1
		}
		return 0
	})
	st := all[0]
	if len(all) > 1 && all[1].values > 0 && st.class == all[1].class && st.year == all[1].year && st.class != levelOverride {
		// Two status columns of the same stage: the rightmost would win
		// by position alone. Refuse when they say different things.
		o := all[1]
		for r := c.header + 1; r < len(g.rows); r++ {
			if strings.EqualFold(value(r, st.col), value(r, o.col)) {
				continue
			}
			a, _ := excelize.ColumnNumberToName(st.col)
			x, _ := excelize.ColumnNumberToName(o.col)
			return nil, &Error{File: path, Sheet: sheet, Cell: fmt.Sprintf("%s%d", a, r+1), Err: classedf(ErrButir,
				"two status columns of the same stage, %s %q and %s %q, differ (%s%d %q, %s%d %q): --level-col chooses one (its letter or header)",
				x, o.header, a, st.header, x, r+1, value(r, o.col), a, r+1, value(r, st.col))}
		}
	}
	b.StatusColumn, _ = excelize.ColumnNumberToName(st.col)
	b.StatusHeader = st.header
	for _, o := range all[1:] {
		b.OtherStatusColumns = append(b.OtherStatusColumns, o.describe())
	}
	for col := 1; col <= c.width(); col++ {
		if col-1 < len(c.headers) && fold(c.headers[col-1]) != "" && slices.Contains([]int{c.code, c.indicator, c.level, st.col, c.cost, c.text, c.note, c.rec, c.pj, c.file}, col) {
			letter, _ := excelize.ColumnNumberToName(col)
			b.Columns = append(b.Columns, fmt.Sprintf("%s %q", letter, fold(c.headers[col-1])))
		}
	}
	cell := func(col, r int) string {
		if col == 0 {
			return ""
		}
		n, _ := excelize.CoordinatesToCellName(col, r+1)
		return n
	}
	for r := c.header + 1; r < len(g.rows); r++ {
		row := ButirRow{Row: r + 1,
			Code: value(r, c.code), Indicator: value(r, c.indicator), Level: value(r, c.level),
			Status: value(r, st.col), Cost: value(r, c.cost),
			Text: value(r, c.text), Note: value(r, c.note), Recommendation: value(r, c.rec), PJ: value(r, c.pj), File: value(r, c.file),
		}
		if row.Code == "" && row.Status == "" {
			continue // a blank row or a heading
		}
		if row.Status == "" && row.Indicator == "" && row.Level == "" {
			continue // a heading in the code column ("Indikator 13")
		}
		row.CodeCell, row.IndicatorCell, row.LevelCell = cell(c.code, r), cell(c.indicator, r), cell(c.level, r)
		row.StatusCell, row.CostCell = cell(st.col, r), cell(c.cost, r)
		for _, o := range all[1:] {
			row.Other = append(row.Other, value(r, o.col))
		}
		b.Rows = append(b.Rows, row)
	}
	if name, r, col := findInstansi(g, c.header); name != "" {
		b.Instansi = name
		b.InstansiCell, _ = excelize.CoordinatesToCellName(col, r+1)
	} else {
		base := filepath.Base(path)
		b.Instansi = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if len(refused) > 0 {
		return nil, errors.Join(refused...)
	}
	if len(b.Rows) == 0 {
		return nil, &Error{File: path, Sheet: sheet, Err: classedf(ErrNoTable, "the butir list under the header in row %d has no butir", b.HeaderRow)}
	}
	return b, nil
}
