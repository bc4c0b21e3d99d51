package workbook

import (
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// A wide header can name one indicator twice in ways only the rubric
// tells apart: a plain id and a kode (a Pemdi header with aspect columns
// 1..7 before the indicator columns 1.1..7.2 names indicators 1..7 by
// both). pickColumns sees "1" and "1.1" as two ids; under the rubric they
// are one indicator with two columns, chosen among as pickColumns does
// (by the label above each block), or refused (issue 19, item 4).

// columnsOf returns the 0-based column of each indicator of r (in rubric
// order) in the table, by Indicator: a column headed "3.2" is indicator 6
// of a rubric with codes. -1 marks an indicator without a column. An
// indicator with several columns gets the one its label ranks first, or
// -1 when two rank alike (see duplicates).
func (t *WideTable) columnsOf(r *rubric.Rubric) []int {
	cols, _, _ := t.duplicates(r)
	return cols
}

// duplicates is columnsOf with what it decided: a note naming the
// columns read and not read when an indicator has several, and an error
// (ErrDuplicate) naming the indicators whose columns rank alike.
func (t *WideTable) duplicates(r *rubric.Rubric) (cols []int, note string, err error) {
	inds := r.Indicators()
	cols = make([]int, len(inds))
	pos := make(map[*rubric.Indicator]int, len(inds))
	for i, ind := range inds {
		pos[ind] = i
		cols[i] = -1
	}
	all := make([][]int, len(inds))
	for c, id := range t.ids {
		if id == "" {
			continue
		}
		if ind := Indicator(r, id); ind != nil {
			all[pos[ind]] = append(all[pos[ind]], c)
		}
	}
	var tied, chosen []string
	letter := func(c int) string {
		l, _ := excelize.ColumnNumberToName(c + 1)
		return fmt.Sprintf("%s %q", l, t.ids[c])
	}
	for i, cs := range all {
		switch len(cs) {
		case 0:
			continue
		case 1:
			cols[i] = cs[0]
			continue
		}
		cands := make([]*levelCol, len(cs))
		for k, c := range cs {
			cl, y := blockClass(at(t.labels, c))
			cands[k] = &levelCol{col: c, header: at(t.labels, c), class: cl, year: y}
		}
		slices.SortStableFunc(cands, func(a, b *levelCol) int {
			switch {
			case a.better(b):
				return -1
			case b.better(a):
				return 1
			}
			return 0
		})
		names := make([]string, len(cs))
		for k, c := range cs {
			names[k] = letter(c)
		}
		if best, next := cands[0], cands[1]; best.class == next.class && best.year == next.year {
			tied = append(tied, fmt.Sprintf("%s (%s)", inds[i].ID, strings.Join(names, ", ")))
			continue
		}
		cols[i] = cands[0].col
		var others []string
		for _, l := range cands[1:] {
			others = append(others, letter(l.col))
		}
		chosen = append(chosen, msg.Sprintf(t.lang, "%s from %s, not %s", inds[i].ID, letter(cands[0].col), strings.Join(others, ", ")))
	}
	if len(chosen) > 0 {
		note = msg.Sprintf(t.lang, "indicator %s (a plain id and a kode name the same indicator; the label above chose)", strings.Join(chosen, "; "))
	}
	if len(tied) > 0 {
		const most = 6
		var list fmt.Stringer = msg.List(tied)
		if len(tied) > most {
			list = msg.New("%s and %d more", msg.List(tied[:most]), len(tied)-most)
		}
		err = classedf(ErrDuplicate, "the header in row %d has two columns for %s %s: a plain id and a kode name the same "+
			"indicator under %s (aspect columns before the indicator columns?); remove the columns not to score, or put "+
			"a label such as \"Indeks Aspek\" or \"Nilai\" over each block in the row above the header", t.HeaderRow,
			msg.Plural(len(tied), "indicator", "indicators"), list, r.ID)
	}
	return cols, note, err
}
