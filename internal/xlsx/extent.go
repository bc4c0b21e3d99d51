package xlsx

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Array is the range of an array formula (1-based rows and columns, R1
// <= R2, C1 <= C2) and the cell where its formula is written.
type Array struct {
	R1, C1, R2, C2 int
	Row, Col       int
}

// Extent is what a worksheet's XML says of its size: its array formulas,
// the last row and column that hold a cell (to which excelize cuts
// whole-column and whole-row references), and Span, how many cells
// excelize holds once it reads the sheet (every row up to its last cell,
// every row up to the last).
type Extent struct {
	Arrays         []Array
	MaxRow, MaxCol int
	Span           int
}

// ReadExtent reads a worksheet's XML, as excelize holds it, for its
// Extent. A damaged part gives the largest extent possible (MaxRows,
// MaxCols): excelize failed to read it, or read what it could.
func ReadExtent(data []byte) Extent {
	var e Extent
	x := newXMLScan(bytes.NewReader(data), uint64(len(data)))
	row, col := 0, 0
	lastRow, rowCols := 0, 0 // for Span: the last row counted, the last cell of the row
	for {
		if err := x.next(); err != nil {
			e.Span += rowCols
			if err != io.EOF {
				e.MaxRow, e.MaxCol = MaxRows, MaxCols
			}
			return e
		}
		if x.end {
			continue
		}
		switch x.local {
		case "row":
			if r, ok := x.attr("r"); ok {
				row, _ = strconv.Atoi(string(r))
			} else {
				row++
			}
			col = 0
			e.MaxRow = max(e.MaxRow, row)
			e.Span += rowCols + max(0, row-lastRow)
			lastRow, rowCols = max(lastRow, row), 0
		case "c":
			if r, ok := x.attr("r"); ok {
				if c, rr, err := excelize.CellNameToCoordinates(string(r)); err == nil {
					col, row = c, rr
					e.MaxRow = max(e.MaxRow, row)
				}
			} else {
				col++
			}
			e.MaxCol = max(e.MaxCol, col)
			rowCols = max(rowCols, col)
		case "f":
			if a, ok := arrayOf(x, row, col); ok {
				e.Arrays = append(e.Arrays, a)
			}
		}
	}
}

// arrayOf reads an <f> tag (the current tag of x) of the cell (row,
// col): the array formula it starts, if it is one.
func arrayOf(x *xmlScan, row, col int) (Array, bool) {
	if t, _ := x.attr("t"); string(t) != "array" {
		return Array{}, false
	}
	ref, ok := x.attr("ref")
	if !ok {
		return Array{}, false
	}
	from, to, _ := strings.Cut(string(ref), ":")
	if to == "" {
		to = from
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return Array{}, false
	}
	return Array{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2), row, col}, true
}
