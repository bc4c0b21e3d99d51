package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The field-count guards of a CSV file's records. A comma CSV with an
// unquoted decimal comma has one field too many: "21,2,5" under
// "No,Tingkat Kematangan" (checkLong, and wideState.checkFields). Under a header
// that ends in a column of text, "No,Tingkat Kematangan,Keterangan", the
// extra field lands in that column and the count is right: the level reads
// 2 and the note "5". shiftedInto catches that: the column after the level
// (or after the last indicator of a wide table) is a text column, and
// holds a bare number, beside a whole level.

// textColumnWords head a column of text, not numbers.
var textColumnWords = [...]string{"keterangan", "catatan", "penjelasan", "uraian", "deskripsi", "dukung", "bukti",
	"justifikasi", "alasan", "rekomendasi", "komentar", "note", "remark", "comment", "explanation"}

// textColumn reports whether a header heads a column of text: one of
// textColumnWords, or no header at all.
func textColumn(header string) bool {
	h := normHeader(header)
	return h == "" || slices.ContainsFunc(textColumnWords[:], func(w string) bool { return hasWord(h, []string{w}) })
}

// shiftedInto returns the message for a record whose level field lv is
// whole and whose next field, next, in a text column (header), is a
// number of one to three digits: the two are an unquoted decimal comma;
// nil otherwise.
func (c *csvBook) shiftedInto(lv, next string, col int, header string) fmt.Stringer {
	lv, next = fold(lv), fold(next)
	if c.sep != ',' || lv == "" || next == "" || !digitsOnly(lv) || !digitsOnly(next) || len(next) > 3 || !textColumn(header) {
		return nil
	}
	name, _ := excelize.ColumnNumberToName(col)
	if header = fold(header); header != "" {
		name += fmt.Sprintf(" (%q)", header)
	}
	return msg.New("level %s is followed by %s in column %s, a column of text: an unquoted decimal comma (%s,%s) "+
		"would give the field count the header has; quote the level (\"%s,%s\"), or write it with a point", lv, next, name, lv, next, lv, next)
}

// trailingNumber returns the message for a record whose last header
// column, after column after (0-based), is a column of text that holds a
// bare number ("1.3", "5"): an unquoted decimal comma further left shifts
// every field after it by one, the last into that column; nil otherwise.
// The column right after is shiftedInto's.
func (c *csvBook) trailingNumber(cells, header []string, after int) fmt.Stringer {
	last := len(header) - 1
	for last >= 0 && fold(header[last]) == "" {
		last--
	}
	if c.sep != ',' || last <= after+1 || last >= len(cells) || !textColumn(header[last]) {
		return nil
	}
	v := fold(cells[last])
	whole, frac, _ := strings.Cut(v, ".")
	if v == "" || len(v) > 8 || !digitsOnly(whole) || whole == "" || !digitsOnly(frac) {
		return nil
	}
	name, _ := excelize.ColumnNumberToName(last + 1)
	return msg.New("column %s (%q), a column of text, holds the number %s: an unquoted decimal comma to its left shifts "+
		"every field after it by one and gives the field count the header has; quote decimal commas (\"2,5\"), or write them with a point",
		name, fold(header[last]), v)
}

// tooMany is the message of a record with n fields where the header in
// line hline has width: in a file separated by commas, with the hint that
// a decimal comma must be quoted.
func (c *csvBook) tooMany(n, hline, width int) fmt.Stringer {
	if c.sep != ',' {
		return msg.New("%s where the header in line %d has %d", fieldsWord(n), hline, width)
	}
	return msg.New(`%s where the header in line %d has %d: a level with a decimal comma must be quoted ("2,5") in a file separated by commas`,
		fieldsWord(n), hline, width)
}

// checkLong checks the number of fields of the indicator rows of a long
// table read from the CSV file: more fields than the header (an unquoted
// decimal comma, 2,5, in a file separated by commas, read as level 2), or
// too few to reach the level column. Every such row is an error naming
// its line.
func (c *csvBook) checkLong(g *grid, t *table, opts Options) error {
	hline, width := 0, 0
	first := 0
	var hs []string
	if t.header >= 0 {
		hline, width = c.record(t.header + 1)
		hs = headers(g, t.header)
		width = max(width, len(hs))
		first = t.header + 1
	}
	level, _ := excelize.ColumnNumberToName(t.level.col)
	if t.level.header != "" {
		level += fmt.Sprintf(" (%q)", t.level.header)
	}
	var errs []error
	heads := aspectHeadings(g, first, t.idCol)
	for r := first; r < len(g.rows); r++ {
		id, ok := readID(g.cell(r, t.idCol))
		if !ok || heads[r] || opts.Known != nil && !opts.Known(id) {
			continue
		}
		line, n := c.record(r + 1)
		var why fmt.Stringer
		switch {
		case t.header >= 0 && len(g.rows[r]) > width:
			why = c.tooMany(n, hline, width)
		case n < t.level.col && t.header >= 0:
			why = msg.New("%s where the header in line %d has %d: no level in column %s", fieldsWord(n), hline, width, level)
		case n < t.level.col:
			why = msg.New("%s: no level in column %s", fieldsWord(n), level)
		case t.header >= 0:
			why = c.shiftedInto(g.cell(r, t.level.col), g.cell(r, t.level.col+1), t.level.col+1, at(hs, t.level.col))
			if why == nil {
				why = c.trailingNumber(g.rows[r], hs, t.level.col-1)
			}
		}
		if why == nil {
			continue
		}
		errs = append(errs, &Error{File: c.path, Err: classedf(ErrBadLevel, "line %d: indicator %s: %s", line, id, why)})
	}
	return errors.Join(errs...)
}

func fieldsWord(n int) fmt.Stringer {
	if n == 1 {
		return msg.New("1 field")
	}
	return msg.New("%d fields", n)
}

// checkButir checks the rows of a butir list read from the CSV file for
// fields past its header's: an unquoted decimal comma (a cost 2,5 in a
// file separated by commas) splits a number in two and shifts no column
// the list reads, so the cost would be read as 2. Every such row is an
// error naming its line, the first mostButirErrors of them.
func (c *csvBook) checkButir(g *grid, bc *butirCols) error {
	hline, width := c.record(bc.header + 1)
	width = max(width, len(headers(g, bc.header)))
	var errs []error
	bad := 0
	for r := bc.header + 1; r < len(g.rows); r++ {
		extra := false
		for _, v := range g.rows[r][min(width, len(g.rows[r])):] {
			extra = extra || fold(v) != ""
		}
		if !extra {
			continue
		}
		if bad++; bad > mostButirErrors {
			continue
		}
		line, n := c.record(r + 1)
		why := msg.New("%s where the header in line %d has %d", fieldsWord(n), hline, width)
		if c.sep == ',' {
			why = msg.New(`%s where the header in line %d has %d: a number with a decimal comma (a cost "2,5") must be quoted in a file separated by commas`,
				fieldsWord(n), hline, width)
		}
		errs = append(errs, &Error{File: c.path, Err: classedf(ErrButir, "line %d: %s", line, why)})
	}
	if bad > mostButirErrors {
		errs = append(errs, &Error{File: c.path, Err: classedf(ErrButir, "and %d more such lines", bad-mostButirErrors)})
	}
	return errors.Join(errs...)
}
