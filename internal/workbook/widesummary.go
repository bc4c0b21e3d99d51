package workbook

import (
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Summary rows under a wide table ("Rata-rata Nasional", "Nilai
// Tertinggi", "Median", "Jumlah", with or without a region) are not
// instansi: ranked, they would be scored as one (issue 19, item 3). A row
// is a summary when its name holds a summary word as a whole word
// (summaryWords), or when, without a name that names an instansi
// (Category), its every indicator value is the maximum, the minimum or
// the mean of the rows above it, and it is not a copy of one of them.
// Every row left out is listed in WideTable.Summaries for stderr.

// summaryWords mark the name of a summary row, matched as whole words
// ("rata rata" matches "Rata-rata").
var summaryWords = [...]string{"rata rata", "rerata", "jumlah", "total", "subtotal", "average", "mean", "median",
	"tertinggi", "terendah", "maksimum", "minimum", "maksimal", "minimal", "max", "min", "modus", "simpangan baku",
	"standar deviasi"}

// summaryName reports whether a row's name is a summary's: it holds a
// summary word, or is "Nasional" alone.
func summaryName(name string) bool {
	h := normHeader(name)
	if !containsAny(h, summaryStems[:]) {
		return false // most names: no word to look for
	}
	return h == "nasional" || hasWord(h, summaryWords[:])
}

// summaryStems are in every summary word and in "nasional": a name
// without any is no summary's.
var summaryStems = [...]string{"rata", "jumlah", "total", "average", "mean", "median", "tinggi", "rendah", "maks", "min",
	"max", "modus", "simpangan", "deviasi", "nasional"}

// colStats are the rows handed on so far, per indicator column, in
// constant memory: the minimum, maximum and sum of each column, and
// whether one row above holds every maximum (or every minimum): a row
// equal to the maxima is then a copy of that row, an instansi of its own.
type colStats struct {
	n              int
	min, max       []float64
	sum            []float64
	maxRow, minRow bool // a row above holds every maximum, every minimum
}

// aggregate reports which aggregate of the rows above (see colStats) the
// row's indicator values are, or "": "the maximum of the rows above", the
// minimum or the mean, in the table's language. A mean may be rounded to
// the decimals its cells show.
func (s *colStats) aggregate(t *WideTable, cells []string) string {
	if s.n < 2 {
		return ""
	}
	isMax, isMin, isMean := true, true, true
	k := 0
	for c, id := range t.ids {
		if id == "" {
			continue
		}
		v, places, ok := levelNumber(at(cells, c))
		if !ok {
			return ""
		}
		tol := 1e-9
		if places > 0 {
			tol = 0.5*math.Pow10(-places) + 1e-9
		}
		isMax = isMax && v == s.max[k]
		isMin = isMin && v == s.min[k]
		isMean = isMean && math.Abs(v-s.sum[k]/float64(s.n)) <= tol
		if !isMax && !isMin && !isMean {
			return "" // most rows, at the first columns
		}
		k++
	}
	switch {
	case isMax && !s.maxRow:
		return msg.Sprintf(t.lang, "the maximum of the rows above")
	case isMin && !s.minRow:
		return msg.Sprintf(t.lang, "the minimum of the rows above")
	case isMean && !isMax && !isMin:
		return msg.Sprintf(t.lang, "the mean of the rows above")
	}
	return "" // none, or a copy of the row above that holds every maximum or minimum
}

// add counts a row handed on.
func (s *colStats) add(t *WideTable, cells []string) {
	geAll, gtAny, leAll, ltAny := true, false, true, false
	k := 0
	for c, id := range t.ids {
		if id == "" {
			continue
		}
		if s.n == 0 {
			s.min, s.max, s.sum = append(s.min, math.Inf(1)), append(s.max, math.Inf(-1)), append(s.sum, 0)
		}
		v, _, ok := levelNumber(at(cells, c))
		if !ok {
			v = math.NaN() // no aggregate has a value here
		}
		geAll, gtAny = geAll && v >= s.max[k], gtAny || v > s.max[k]
		leAll, ltAny = leAll && v <= s.min[k], ltAny || v < s.min[k]
		s.min[k], s.max[k], s.sum[k] = math.Min(s.min[k], v), math.Max(s.max[k], v), s.sum[k]+v
		k++
	}
	switch {
	case geAll:
		s.maxRow = true // this row holds every maximum
	case gtAny:
		s.maxRow = false // a new maximum that this row alone holds, but not all
	}
	switch {
	case leAll:
		s.minRow = true
	case ltAny:
		s.minRow = false
	}
	s.n++
}

// levelNumber reads a level cell as a float (to compare, never to score) and
// the number of decimals it shows.
func levelNumber(cell string) (float64, int, bool) {
	if len(cell) == 1 && isDigit(cell[0]) {
		return float64(cell[0] - '0'), 0, true // most cells
	}
	l, err := ParseLevel(cell)
	if err != nil {
		return 0, 0, false
	}
	places := 0
	s := strings.ReplaceAll(fold(cell), ",", ".")
	if _, frac, ok := strings.Cut(s, "."); ok {
		places = len(strings.TrimRight(frac, "0"))
	}
	return l.Float64(), places, true
}

// summary reports whether a row is a summary row, and says why: by its
// name, or as an aggregate of the rows above.
func (s *wideState) summary(rowNum int, name string, cells []string) bool {
	t := s.t
	why := ""
	if summaryName(name) {
		why = msg.Sprintf(t.lang, "its name")
	} else if a := s.stats.aggregate(t, cells); a != "" && Category(name) == fold(name) && (t.catCol < 0 || fold(at(cells, t.catCol)) == "") {
		// an aggregate, under a name that names no instansi, without a category
		why = a
	}
	if why == "" {
		return false
	}
	t.Summaries = append(t.Summaries, fmt.Sprintf("%d %q (%s)", rowNum, name, why))
	return true
}

// seeYear notes the latest year in a row above a wide table or in its
// header (WideTable.TitleYear).
func (s *wideState) seeYear(rowNum int, cells []string) {
	for c, v := range cells {
		if y := latestYear(v); y > s.year {
			s.year = y
			s.yearCell, _ = excelize.CoordinatesToCellName(c+1, rowNum)
		}
	}
}
