package workbook

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// rows streams the rows of a sheet to fn (see rowFunc) with a byte-level
// scan of the sheet's XML. Formula cells give their saved value; those
// without one give "" and are noted in b.uncached. A sheet or shared
// strings part in an encoding other than UTF-8 is errHandOver, before any
// row; a sheet cut short or otherwise damaged is ErrUnsupportedFormat.
func (b *scanBook) rows(sh sheetRef, fn rowFunc) error {
	clear(b.uncached)
	b.arrays = b.arrays[:0]
	strs, err := b.sharedStrings()
	if err != nil {
		return err
	}
	rc, err := b.open(sh.part)
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLScan(rc)
	var (
		cells          []string
		rowNum, col    int
		hidden         bool
		cellType       string
		inV, inT, inIS bool
		val            []byte
		haveVal, hasF  bool
		inData         bool
		style          int
	)
	for {
		tag, txt, err := x.next()
		if err == io.EOF {
			if !inData {
				return nil // no cells (a chart sheet, an empty part)
			}
			// A sheet that ends before </sheetData> was cut short.
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return &Error{File: b.path, Sheet: sh.name, Err: fmt.Errorf("%w: damaged sheet: %v", ErrUnsupportedFormat, err)}
		}
		if !inData && len(tag) > 0 && tag[0] == '?' && foreignEncoding(tag) {
			return errHandOver
		}
		if inV || inT && inIS {
			val = append(val, txt...)
		}
		name, end, self := tagName(tag)
		switch name {
		case "row":
			if end {
				n := len(cells)
				for n > 0 && cells[n-1] == "" {
					n--
				}
				if !fn(rowNum, cells[:n], hidden) {
					return nil
				}
				continue
			}
			if r, ok := attr(tag, "r"); ok {
				rowNum, _ = strconv.Atoi(string(r))
			} else {
				rowNum++
			}
			if rowNum < 1 || rowNum > maxRows {
				return &Error{File: b.path, Sheet: sh.name, Err: fmt.Errorf("%w: damaged sheet: row number %d", ErrUnsupportedFormat, rowNum)}
			}
			h, _ := attr(tag, "hidden")
			hidden = string(h) == "1" || string(h) == "true"
			cells, col = cells[:0], 0
			if self {
				if !fn(rowNum, cells, hidden) {
					return nil
				}
			}
		case "c":
			if end {
				if hasF && (!haveVal || len(val) == 0) {
					// No saved value, or an empty one (<v></v>, as
					// openpyxl writes it): see formula.go.
					haveVal = false
					if b.uncached == nil {
						b.uncached = map[[2]int]bool{}
					}
					b.uncached[[2]int{rowNum, col}] = true
				}
				v := cellValue(cellType, val, haveVal, strs)
				if style >= 0 && style < len(b.dates) && b.dates[style] && haveVal {
					v = dateText(v, b.date1904)
				}
				cells = setCell(cells, col, v)
				continue
			}
			if r, ok := attr(tag, "r"); ok {
				col = colNumber(r)
			} else {
				col++
			}
			t, _ := attr(tag, "t")
			cellType, val, haveVal, inIS, hasF = string(t), val[:0], false, false, false
			style = -1
			if cellType == "" || cellType == "n" {
				// A number with a style other than the default may be a
				// date: the styles are read the first time one is seen.
				if a, ok := attr(tag, "s"); ok && string(a) != "0" {
					if n, err := strconv.Atoi(string(a)); err == nil {
						if !b.stylesRead {
							b.stylesRead = true
							b.readDateStyles()
						}
						style = n
					}
				}
			}
			if self {
				cells = setCell(cells, col, "")
			}
		case "v":
			inV = !end && !self
			if inV {
				haveVal = true
			}
		case "f":
			hasF = hasF || !end
			if !end {
				b.noteArray(tag, sh.name, rowNum, col)
			}
		case "is":
			inIS = !end && !self
			haveVal = haveVal || inIS
		case "t":
			inT = !end && !self
		case "sheetData":
			if end || self {
				return nil
			}
			inData = true
		}
	}
}

// Excel's limits: a cell beyond them is not in a real workbook.
const (
	maxRows = 1 << 20
	maxCols = 1 << 14
)

func setCell(cells []string, col int, v string) []string {
	if col < 1 || col > maxCols {
		return cells
	}
	for len(cells) < col {
		cells = append(cells, "")
	}
	cells[col-1] = v
	return cells
}

func cellValue(t string, v []byte, have bool, strs []string) string {
	if !have {
		return ""
	}
	switch t {
	case "s":
		i, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || i < 0 || i >= len(strs) {
			return ""
		}
		return strs[i]
	case "inlineStr", "str", "e":
		return unescape(v)
	case "b":
		// A true/false cell is never a level: keep it recognisable as text
		// ("TRUE") rather than the 1 or 0 Excel stores.
		if bytes.Equal(bytes.TrimSpace(v), []byte("1")) {
			return "TRUE"
		}
		return "FALSE"
	}
	// A number (no type, or "n"): exponent notation becomes plain decimal
	// text, so that ParseLevel reads typed text only in the documented
	// syntax.
	if bytes.IndexByte(v, '&') < 0 {
		return numericText(string(v))
	}
	return numericText(unescape(v))
}

// colNumber turns the letters of a cell reference ("AB12") into a 1-based
// column number.
func colNumber(ref []byte) int {
	n := 0
	for i, c := range ref {
		if i == 3 && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') || n > maxCols {
			return 0 // not a cell reference: the cell is dropped
		}
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		default:
			return n
		}
	}
	return n
}
