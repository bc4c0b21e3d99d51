package xlsx

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A workbook stores a date as a number of days (45292 is 1 January 2024)
// and shows it through the cell's number format. A level cell that holds
// a date is read as the date a reader sees ("2024-01-01"), so that it is
// refused as a level with a message that matches the screen, instead of
// the serial number nobody recognises.

// isDateFormat reports whether a number format shows a number as a date
// or a time: one of the built-in date formats, or a format code with a
// date or time token outside quotes, brackets and escapes.
func isDateFormat(id int, code string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	case code == "":
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case ';':
			return false // only the first section, the one for positive numbers
		case 'd', 'D', 'm', 'M', 'y', 'Y', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// dateText is the date (and time, when there is one) that the serial
// number v shows as, or v itself when it is not a number in the range of
// dates.
func dateText(v string, date1904 bool) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 0 || f > 2958465 || math.IsNaN(f) {
		return v
	}
	t, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil {
		return v
	}
	if f == math.Trunc(f) {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}
