package textout

import (
	"strings"
	"unicode/utf8"
)

// column is one column of a textTable after the names.
type column struct {
	// head is the header; left aligns the column left (words, levels
	// with their names), else right (numbers).
	head string
	left bool
	// min is the least width; sep the spaces before the column (1 when
	// 0).
	min, sep int
}

// textTable lays out a table of text output: a first column of names cut
// or padded to nameWidth (pad), then columns each as wide as its widest
// cell or its header, whichever is wider (and at least its min), so that
// a header is never wider than the numbers under it are placed for, in
// any language. Headers align as their columns do. Empty cells at the end
// of a row are left out, and no line ends in spaces.
type textTable struct {
	nameWidth int
	cols      []column
	head      string     // the header of the names
	rows      [][]string // a name, then a cell per column (or fewer)
	noHeader  bool
}

// row adds a row: a name and cells in column order.
func (t *textTable) row(name string, cells ...string) {
	t.rows = append(t.rows, append([]string{name}, cells...))
}

// widths returns the width of every column.
func (t *textTable) widths() []int {
	w := make([]int, len(t.cols))
	for i, c := range t.cols {
		w[i] = max(c.min, utf8.RuneCountInString(c.head))
	}
	for _, r := range t.rows {
		for i, cell := range r[1:] {
			w[i] = max(w[i], utf8.RuneCountInString(cell))
		}
	}
	return w
}

// lines returns the lines of the table, the header first (unless
// noHeader), without newlines.
func (t *textTable) lines() []string {
	w := t.widths()
	var out []string
	line := func(cells []string) {
		var ln strings.Builder
		ln.WriteString(pad(cells[0], t.nameWidth))
		for i, cell := range cells[1:] {
			c := t.cols[i]
			ln.WriteString(strings.Repeat(" ", max(c.sep, 1)))
			gap := strings.Repeat(" ", max(0, w[i]-utf8.RuneCountInString(cell)))
			if c.left {
				ln.WriteString(cell + gap)
			} else {
				ln.WriteString(gap + cell)
			}
		}
		out = append(out, strings.TrimRight(ln.String(), " "))
	}
	if !t.noHeader {
		head := []string{t.head}
		for _, c := range t.cols {
			head = append(head, c.head)
		}
		line(head)
	}
	for _, r := range t.rows {
		line(r)
	}
	return out
}

// String returns the table, a line a row, each ending in a newline.
func (t *textTable) String() string {
	var sb strings.Builder
	for _, l := range t.lines() {
		sb.WriteString(l)
		sb.WriteString("\n")
	}
	return sb.String()
}
