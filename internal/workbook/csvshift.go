package workbook

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"
)

// A comma CSV with an unquoted decimal comma has one field too many: "21,2,5"
// under "No,Tingkat Kematangan" (csv.go counts the fields). Under a header
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
// "" otherwise.
func (c *csvBook) shiftedInto(lv, next string, col int, header string) string {
	lv, next = fold(lv), fold(next)
	if c.sep != ',' || lv == "" || next == "" || !digitsOnly(lv) || !digitsOnly(next) || len(next) > 3 || !textColumn(header) {
		return ""
	}
	name, _ := excelize.ColumnNumberToName(col)
	if header = fold(header); header != "" {
		name += fmt.Sprintf(" (%q)", header)
	}
	return fmt.Sprintf("level %s is followed by %s in column %s, a column of text: an unquoted decimal comma (%s,%s) "+
		"would give the field count the header has; quote the level (\"%s,%s\"), or write it with a point", lv, next, name, lv, next, lv, next)
}
