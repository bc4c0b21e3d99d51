package excelout

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
)

// page says how a sheet prints: every sheet of every workbook spbe writes
// prints on A4 without the reader touching the page setup.
type page struct {
	// landscape turns the page; onePage fits the sheet on one page, else
	// it is fitted to one page wide and runs down as many as it needs.
	// LibreOffice ignores manual page breaks on a sheet fitted to pages
	// high: only onePage sets a height.
	landscape, onePage bool
	// titleRows are repeated at the top of every printed page (1..n).
	titleRows int
	// header is the text at the left of the page header (the title);
	// right the text at its right (the instansi).
	header, right string
	// footer names what the pages are of (the report's title, or the
	// instansi) at the left of the page footer; "" leaves only spbe.
	footer string
}

// paperA4 is the paper size code of A4 in SpreadsheetML.
const paperA4 = 9

// setPage sets the page setup of sheet. Of a sheet written by a
// StreamWriter it must be called before the writer is made; of another,
// after AutoFilter, which replaces the sheet properties.
func setPage(f *excelize.File, sheet, lang string, pg page) error {
	orient := "portrait"
	if pg.landscape {
		orient = "landscape"
	}
	height := 0
	if pg.onePage {
		height = 1
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(paperA4), Orientation: ptr(orient), FitToWidth: ptr(1), FitToHeight: ptr(height)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	m := 0.4 // inches: narrow sides, room for the header and footer
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: ptr(0.7), Bottom: ptr(0.6),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(false)}); err != nil {
		return err
	}
	hdr := ""
	if pg.header != "" {
		hdr = `&L&"-,Bold"` + hfEscape(pg.header)
	}
	if pg.right != "" {
		hdr += "&R" + hfEscape(pg.right)
	}
	footer := "&L&8spbe&R&8" + label.Report.Get(lang, "page")
	if pg.footer != "" {
		footer = "&L&8" + hfCut(pg.footer, 120) + "&C&8spbe&R&8" + label.Report.Get(lang, "page")
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: hdr, OddFooter: footer}); err != nil {
		return err
	}
	if pg.titleRows > 0 {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: quoteSheet(sheet) + "!$1:$" + strconv.Itoa(pg.titleRows)})
	}
	return nil
}

// hfEscape makes text safe in a header or footer, where & starts a code,
// and bounds it (Excel refuses a header or footer of more than 255
// characters, codes included).
func hfEscape(s string) string { return hfCut(s, 100) }

func hfCut(s string, n int) string {
	s = strings.ReplaceAll(s, "&", "&&")
	if utf8.RuneCountInString(s) > n {
		s = strings.TrimSuffix(string([]rune(s)[:n-1]), "&") + "…"
	}
	return s
}

// widths tracks the width each column of a sheet needs, in Excel's units
// (about one character of the default font).
type widths map[int]float64

// text needs room for s on one line.
func (w widths) text(col int, s string) { w.need(col, float64(utf8.RuneCountInString(s))+1.5) }

// header needs room for a header that may wrap onto two lines, but never
// inside a word.
func (w widths) header(col int, s string) { w.need(col, headerWidth(s)) }

func (w widths) need(col int, n float64) {
	if w != nil && n > w[col] {
		w[col] = n
	}
}

// headerWidth is the narrowest width that shows s on at most two lines
// without breaking a word.
func headerWidth(s string) float64 {
	words := strings.Fields(s)
	longest := 0
	for _, wd := range words {
		longest = max(longest, utf8.RuneCountInString(wd))
	}
	// the shortest first line that leaves a second line no longer
	best := utf8.RuneCountInString(s)
	for i := 1; i < len(words); i++ {
		a := utf8.RuneCountInString(strings.Join(words[:i], " "))
		b := utf8.RuneCountInString(strings.Join(words[i:], " "))
		best = min(best, max(a, b))
	}
	return float64(max(best, longest)) + 2
}

// apply sets the widths, each between lo and hi.
func (w widths) apply(f *excelize.File, sheet string, lo, hi float64) error {
	for col, n := range w {
		c, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, c, c, math.Ceil(min(max(n, lo), hi))); err != nil {
			return err
		}
	}
	return nil
}

// lines is the number of lines s takes when wrapped at word boundaries in
// a column of width units. A unit is the width of a digit; text of the
// default font averages about 0.85 to 0.9 of it (measured in LibreOffice on the
// names of the SPBE rubrics).
func lines(s string, width float64) int {
	capacity := max(int((width-1)*1.1), 1)
	n, cur := 1, 0
	for _, wd := range strings.Fields(s) {
		l := utf8.RuneCountInString(wd)
		switch {
		case cur == 0:
			cur = l
		case cur+1+l <= capacity:
			cur += 1 + l
		default:
			n++
			cur = l
		}
		for cur > capacity { // a word longer than the line
			n++
			cur -= capacity
		}
	}
	return n
}

// rowHeight is the height in points of a row of n lines of the default
// font: LibreOffice does not grow a row written without a height to fit
// wrapped text.
func rowHeight(n int) float64 { return 15 * float64(max(n, 1)) }
