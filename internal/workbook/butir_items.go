package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Items checks the list against a rubric and returns its butir, in list
// order, each Where naming its row's first cell. Every problem is an
// error naming its cell (ErrButir), all at once: a status that is not one
// of butir.ParseStatus's, a level that is not a whole number on the
// scale's bands, an indicator that is not in the rubric, a code that is
// not a butir code or that disagrees with the indicator or level column,
// a row without an indicator or level (and no code to take them from),
// the same code twice, a negative or unreadable cost. The indicator column
// holds an id (13) or a code of the rubric (5.1).
func (b *ButirList) Items(r *rubric.Rubric) ([]*butir.Item, error) {
	var errs []error
	// fail records the problem of a cell: a message of the catalog.
	fail := func(cell, format string, args ...any) {
		errs = append(errs, &Error{File: b.Source, Sheet: b.Sheet, Cell: cell, Err: classedf(ErrButir, format, args...)})
	}
	first := map[string]string{} // code -> its cell
	var items []*butir.Item
	for _, row := range b.Rows {
		it := &butir.Item{Code: row.Code, Text: row.Text, Note: row.Note, Recommendation: row.Recommendation, PJ: row.PJ, File: row.File}
		it.Where = b.where(row)
		ok := true
		var fromCode *rubric.Indicator
		codeLevel := 0
		if row.Code != "" {
			id, l, n, isCode := butir.ParseCode(row.Code)
			switch {
			case !isCode:
				fail(row.CodeCell, "butir code %q is not a code such as I13-L1-02 (indicator 13, level 1, item 2)", row.Code)
				ok = false
			case r.Indicator(id) == nil:
				fail(row.CodeCell, "butir %s: indicator %s is not in the rubric %s", row.Code, id, r.ID)
				ok = false
			default:
				fromCode, codeLevel = r.Indicator(id), l
			}
			if isCode {
				// The butir, however its code is written: I01-L1-01 and
				// I1-L1-1 are one.
				k := fmt.Sprintf("%s/%d/%d", id, l, n)
				if c, dup := first[k]; dup {
					fail(row.CodeCell, "butir %s appears twice (first at %s)", row.Code, c)
					ok = false
				} else {
					first[k] = row.CodeCell
				}
			}
		}
		var ind *rubric.Indicator
		switch {
		case row.Indicator != "":
			if id, isID := readID(row.Indicator); isID {
				ind = Indicator(r, id)
			}
			if ind == nil {
				fail(row.IndicatorCell, "indicator %q is not an indicator of the rubric %s (an id such as 13 or a code such as 5.1)", row.Indicator, r.ID)
				ok = false
			} else if fromCode != nil && fromCode != ind {
				fail(row.CodeCell, "butir %s is of indicator %s, but column %s says %q (indicator %s)", row.Code, fromCode.ID, colOf(row.IndicatorCell), row.Indicator, ind.ID)
				ok = false
			}
		case fromCode != nil:
			ind = fromCode
		case row.Code == "":
			fail(firstCell(row.IndicatorCell, row.StatusCell), "butir without an indicator: give the indicator column or a code such as I13-L1-02")
			ok = false
		}
		level, haveLevel := 0, false // level 0 is read, and refused below
		switch {
		case row.Level != "":
			l, err := butirLevel(row.Level)
			if err != nil {
				fail(row.LevelCell, "%v", err)
				ok = false
				break
			}
			if codeLevel != 0 && l != codeLevel {
				fail(row.CodeCell, "butir %s is of level %d, but column %s says %q", row.Code, codeLevel, colOf(row.LevelCell), row.Level)
				ok = false
			}
			level, haveLevel = l, true
		case codeLevel != 0:
			level, haveLevel = codeLevel, true
		case row.Code == "":
			fail(firstCell(row.LevelCell, row.StatusCell), "butir without a level: give the level column or a code such as I13-L1-02")
			ok = false
		}
		if ind != nil && haveLevel {
			bands := ind.LevelScale.Bands
			if len(bands) == 0 {
				fail(firstCell(row.LevelCell, row.CodeCell), "indicator %s: the rubric gives no level bands for its scale, so butir cannot be scored", ind.ID)
				ok = false
			} else if ind.LevelScale.BandOf(level) == nil {
				fail(firstCell(row.LevelCell, row.CodeCell), "level %d is outside %d to %d", level, bands[0].Level, bands[len(bands)-1].Level)
				ok = false
			}
		}
		st, err := butir.ParseStatus(row.Status)
		switch {
		case strings.TrimSpace(row.Status) == "":
			fail(row.StatusCell, "no status: give diterima, revisi, tidak tepat, belum diunggah, ditolak or ditolak otomatis")
			ok = false
		case err != nil:
			fail(row.StatusCell, "status %q is not one of diterima, revisi, tidak tepat, belum diunggah, ditolak, ditolak otomatis (English: accepted, rejected, missing)", row.Status)
			ok = false
		}
		if row.Cost != "" {
			c, err := rubric.ParseDecimal(row.Cost)
			switch {
			case err != nil:
				fail(row.CostCell, "cost %q is not a number", row.Cost)
				ok = false
			case c < 0:
				fail(row.CostCell, "cost %s is negative", c)
				ok = false
			default:
				it.Cost = &c
			}
		}
		if !ok {
			continue
		}
		it.Indicator, it.Level, it.Status = ind.ID, level, st
		items = append(items, it)
	}
	if len(errs) > mostButirErrors {
		// A column of unknown words in a list of thousands of rows would
		// give thousands of lines: the first ones tell what is wrong.
		n := len(errs) - mostButirErrors
		errs = append(errs[:mostButirErrors], &Error{File: b.Source, Sheet: b.Sheet, Err: classedf(ErrButir, "and %d more problems in this butir list", n)})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return items, nil
}

// mostButirErrors is how many problems of a butir list are told one by
// one; the rest are counted.
const mostButirErrors = 20

// where names a row for messages: the file and its first cell.
func (b *ButirList) where(row ButirRow) string {
	e := &Error{File: b.Source, Sheet: b.Sheet, Cell: firstCell(row.CodeCell, row.IndicatorCell, row.StatusCell)}
	return strings.TrimSuffix(e.Error(), ": ")
}

// butirLevel reads a butir's level: a whole number ("1", "1.0", "Level
// 1", "L1").
func butirLevel(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"level", "tingkat", "l"} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			t = strings.TrimSpace(rest)
			break
		}
	}
	if n, err := strconv.Atoi(t); err == nil {
		return n, nil
	}
	// A whole number written with decimals: "1.0", or "1,00" as a list
	// exported with Indonesian number formats writes it.
	d, err := rubric.ParseDecimal(t)
	if err != nil || !d.IsInteger() {
		return 0, msg.Errorf("level %q is not a whole number such as 1 to 5", s)
	}
	return int(d.Int()), nil
}

func firstCell(cells ...string) string {
	for _, c := range cells {
		if c != "" {
			return c
		}
	}
	return ""
}

// colOf returns the column letters of a cell name.
func colOf(cell string) string {
	return strings.TrimRight(cell, "0123456789")
}
