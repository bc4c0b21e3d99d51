package xlsx

// Pending reports whether a cell (1-based) of the sheet last streamed by
// Rows is a formula without a saved value: a formula cell whose <v> is
// missing or empty, or a cell of an array formula's range (other than
// its first) that came without a value. Rows gives such a cell as "".
func (b *Book) Pending(row, col int) bool {
	if _, ok := b.uncached[[2]int{row, col}]; ok {
		return true
	}
	for _, a := range b.arrays {
		if row >= a.R1 && row <= a.R2 && col >= a.C1 && col <= a.C2 && (row != a.Row || col != a.Col) {
			return true
		}
	}
	return false
}

// Uncached returns the formula of a cell (1-based) of the sheet last
// streamed that has no saved value: "" for a cell of a shared formula
// other than its first. ok is false for other cells, those of an array
// formula's range included.
func (b *Book) Uncached(row, col int) (formula string, ok bool) {
	formula, ok = b.uncached[[2]int{row, col}]
	return formula, ok
}

// Span is how many cells excelize would hold for the sheet last streamed
// (every row up to its last cell, and every row up to the last): the
// measure of handing the sheet to excelize to compute a formula.
func (b *Book) Span() int { return b.span }

// SharedStrings is the number of shared strings, read before the first
// sheet (0 before).
func (b *Book) SharedStrings() int { return b.strs.len() }

// noteArray notes the range of an array formula from its <f> tag (the
// current tag of x), in the cell (row, col), while Rows streams the
// sheet.
func (b *Book) noteArray(x *xmlScan, row, col int) {
	if a, ok := arrayOf(x, row, col); ok {
		b.arrays = append(b.arrays, a)
	}
}
