package workbook

import (
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The id column of a long table, chosen by meaning (issue 19, item 1): a
// table sorted by level has a running "No" (1..n) beside the indicator's
// own number ("No Indikator", or "Kode" in Indeks Pemdi), and the two
// give different numbers. Of the columns whose header can head ids and
// whose values are ids, the one whose header names the indicator wins
// (idMeaning); when two of the best meaning disagree on a row, the table
// is refused, naming both and --id-col.

// Meanings of an id column's header, the strongest last.
const (
	idRunning   = 1 // "No Urut", "Nomor Urut": a running number, or ids only when alone
	idPlain     = 2 // "No", "Nomor", "#": a running number or the indicator's number
	idIndicator = 3 // "No Indikator", "Kode", "ID", "Indikator" (with ids): the indicator's own
)

// idMeaning ranks a normalised id header by what it says of its values
// (see the constants above); 0 when it heads no id column.
func idMeaning(h string) int {
	switch h {
	case "no urut", "nomor urut":
		return idRunning
	case "no", "nomor", "#":
		return idPlain
	}
	if idHeader(h) > 0 {
		return idIndicator
	}
	return 0
}

// idColumn is a candidate id column of a header row.
type idColumn struct {
	col     int // 1-based
	header  string
	meaning int
	ids     map[int]string // 0-based row -> id
}

// describe names the column: B "No Indikator".
func (c *idColumn) describe() string {
	name, _ := excelize.ColumnNumberToName(c.col)
	return fmt.Sprintf("%s %q", name, c.header)
}

// chooseIDColumn chooses the id column of the table under header row h
// among cols (1-based, each heading ids), and returns it with a note for
// stderr when another column also holds ids that disagree, or an error
// (ErrAmbiguous) when two columns of the same meaning disagree. It
// returns 0 when no column holds an id.
func chooseIDColumn(g *grid, h int, hs []string, cols []int, byLetter bool) (best int, note fmt.Stringer, err error) {
	var cands []*idColumn
	most := 0
	for _, c := range cols {
		ic := &idColumn{col: c, ids: map[int]string{}}
		if c-1 < len(hs) {
			ic.header = fold(hs[c-1])
			ic.meaning = idMeaning(normHeader(hs[c-1]))
		}
		for r := h + 1; r < len(g.rows); r++ {
			if id, ok := readID(g.cell(r, c)); ok {
				ic.ids[r] = id
			}
		}
		most = max(most, len(ic.ids))
		cands = append(cands, ic)
	}
	if most == 0 {
		return 0, nil, nil
	}
	if byLetter || len(cands) == 1 {
		return cands[0].col, nil, nil
	}
	// The column the ids alone choose: the most ids, then an explicit
	// id header over "Indikator", then the leftmost. When every other
	// column agrees with it, it is the one.
	slices.SortStableFunc(cands, func(a, b *idColumn) int {
		if len(a.ids) != len(b.ids) {
			return len(b.ids) - len(a.ids)
		}
		return idHeader(normHeader(b.header)) - idHeader(normHeader(a.header))
	})
	legacy := cands[0].col
	// A column with far fewer ids than another is not the table's.
	cands = slices.DeleteFunc(cands, func(c *idColumn) bool { return len(c.ids)*2 < most })
	slices.SortStableFunc(cands, func(a, b *idColumn) int { return b.meaning - a.meaning })
	win := cands[0]
	for _, o := range cands[1:] {
		row, ok := agree(win, o)
		if ok {
			continue
		}
		a, b := win.describe(), o.describe()
		if win.col > o.col {
			a, b = b, a
		}
		if o.meaning == win.meaning {
			cell := func(c *idColumn) string { n, _ := excelize.CoordinatesToCellName(c.col, row+1); return n }
			wc, wv, oc, ov := cell(win), g.cell(row, win.col), cell(o), g.cell(row, o.col)
			return 0, nil, classedf(ErrAmbiguous, "two columns hold indicator numbers that disagree: %s and %s (%s is %q, %s is %q); "+
				"one may be a running number: --id-col chooses the indicator column", a, b, wc, wv, oc, ov)
		}
		note = msg.New("the indicator ids were read from column %s, whose header names the indicator; column %s "+
			"holds other numbers (a running number), not read; --id-col chooses", win.describe(), o.describe())
	}
	if note == nil {
		return legacy, nil, nil
	}
	return win.col, note, nil
}

// agree reports whether two id columns give the same reading, and if not
// the first row where they differ. Plain ids agree when equal on every
// row where both have one. A plain id and a code ("3" beside "2.1") are
// compared by order: they agree when the codes rise with the numbers, as
// in a table in rubric order; a table sorted by level mixes them.
func agree(a, b *idColumn) (row int, ok bool) {
	rows := make([]int, 0, len(a.ids))
	for r := range a.ids {
		if _, ok := b.ids[r]; ok {
			rows = append(rows, r)
		}
	}
	slices.Sort(rows)
	var prev []string
	for _, r := range rows {
		x, y := a.ids[r], b.ids[r]
		if IsCode(x) == IsCode(y) {
			if x != y {
				return r, false
			}
			continue
		}
		if IsCode(x) {
			x, y = y, x // x plain, y code
		}
		if prev != nil && (idLess(x, prev[0]) != codeLess(y, prev[1]) || x == prev[0] || y == prev[1]) {
			return r, false
		}
		prev = []string{x, y}
	}
	return 0, true
}

// idLess orders plain ids: 2 before 10, 35 before 35a.
func idLess(a, b string) bool {
	na, sa := splitID(a)
	nb, sb := splitID(b)
	if na != nb {
		return na < nb
	}
	return sa < sb
}

func splitID(id string) (int, string) {
	i := 0
	for i < len(id) && isDigit(id[i]) {
		i++
	}
	n, _ := strconv.Atoi(id[:i])
	return n, id[i:]
}

// codeLess orders codes: 1.2 before 1.10, 1.10 before 2.1.
func codeLess(a, b string) bool {
	a1, a2, _ := strings.Cut(a, ".")
	b1, b2, _ := strings.Cut(b, ".")
	x1, _ := strconv.Atoi(a1)
	y1, _ := strconv.Atoi(b1)
	if x1 != y1 {
		return x1 < y1
	}
	x2, _ := strconv.Atoi(a2)
	y2, _ := strconv.Atoi(b2)
	return x2 < y2
}

// aspectHeadings returns the rows (0-based, from first) of an id column
// col that are headings, not indicators: a plain number N whose next id
// below is a kode "N.x" (Indeks Pemdi forms number their aspects 1..7
// above the kode rows 1.1, 1.2, ...). Read as ids, they would name
// indicators 1..7 a second time (issue 19, item 17).
func aspectHeadings(g *grid, first, col int) map[int]bool {
	var heads map[int]bool
	prev, prevRow := "", -1 // the last plain id seen, and its row
	for r := first; r < len(g.rows); r++ {
		id, ok := readID(g.cell(r, col))
		if !ok {
			continue
		}
		if prevRow >= 0 && IsCode(id) && strings.HasPrefix(id, prev+".") {
			if heads == nil {
				heads = map[int]bool{}
			}
			heads[prevRow] = true
		}
		prev, prevRow = id, -1
		if !IsCode(id) && digitsOnly(id) {
			prevRow = r
		}
	}
	return heads
}
