package batch

import (
	"fmt"
	"math/big"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/trend"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// A table of published results (spbe trend) has a row per instansi and
// year: the instansi, the year, the index and, optionally, the values of
// the domains or aspects, the kind, the instrument and a status. Its
// header is the first of the top rows with an instansi, a year and an
// index or a domain column; the names below are matched as the reader
// matches headers (case, spaces, "_" as a space, a trailing "." or ":").
var (
	instansiHeaders = []string{"instansi", "nama instansi", "pemerintah daerah", "nama pemerintah daerah", "pemda", "nama"}
	yearHeaders     = []string{"tahun", "year", "tahun evaluasi"}
	indexHeaders    = []string{"indeks", "index", "indeks spbe", "indeks pemdi", "nilai indeks", "nilai", "spbe index"}
	kindHeaders     = []string{"kategori", "jenis", "category", "kind", "jenis instansi"}
	statusHeaders   = []string{"status", "keterangan", "note"}
	rubricHeaders   = []string{"instrumen", "instrument", "rubrik", "rubric", "regulasi", "regulation"}
)

// PublishedHeaders are the accepted headers of a table of published
// results, by column, for the documentation: instansi, year, index, kind,
// status, instrument.
func PublishedHeaders() [][]string {
	return [][]string{instansiHeaders, yearHeaders, indexHeaders, kindHeaders, statusHeaders, rubricHeaders}
}

// maxHeaderRow is how far down a table of published results may start.
const maxHeaderRow = 30

// Published is what a table of published results (or the monitoring
// export) gave: an observation per row, with notes for stderr.
type Published struct {
	Path  string
	Obs   []trend.Observation
	Notes []string
}

func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "_", " ")))
	s = strings.TrimRight(s, ".: ")
	return strings.Join(strings.Fields(s), " ")
}

func findHeader(cells []string, names []string) int {
	for i, c := range cells {
		if slices.Contains(names, headerKey(c)) {
			return i
		}
	}
	return -1
}

// NoYearError is a header with an instansi and an index column but no
// year column: a table of published results without its years, or an
// evaluation workbook; ReadTrend reports it when the file cannot be read
// as an evaluation either.
type NoYearError struct {
	Path, Instansi, Index string
	Row                   int
}

func (e *NoYearError) Error() string {
	return fmt.Sprintf("%s: row %d has an instansi column (%q) and an index column (%q) but no year column (Tahun, Year or Tahun Evaluasi): a table of published results needs one",
		e.Path, e.Row, e.Instansi, e.Index)
}

// ReadPublished reads a table of published results (xlsx or CSV) through
// workbook.Rows. It returns nil, nil when the file holds no such table
// (an evaluation workbook), so that the caller reads it as one; nil and a
// *NoYearError when a header lacks only the year. groupBy
// names the column of the kinds (--group-by), "" for the kategori column
// or else the names (Kind).
func ReadPublished(path string, o *Options, groupBy string) (*Published, error) {
	var (
		header              []string
		headerRow           int
		cInst, cYear, cIdx  = -1, -1, -1
		cKind, cStat, cRubr = -1, -1, -1
		rows                [][]string
		rowNums             []int
		sheet               string
		noYear              *NoYearError
	)
	opts := workbook.Options{Sheet: o.Sheet, Password: o.Password, MaxUnzipSize: o.MaxUnzipSize}
	err := workbook.Rows(path, opts, func(sh string, row int, cells []string) bool {
		sheet = sh
		if header == nil {
			if row > maxHeaderRow {
				return false
			}
			ci, cy := findHeader(cells, instansiHeaders), findHeader(cells, yearHeaders)
			if ci >= 0 && cy < 0 && noYear == nil {
				if cx := findHeader(cells, indexHeaders); cx >= 0 {
					noYear = &NoYearError{Path: place(path, sh, ""), Row: row, Instansi: cells[ci], Index: cells[cx]}
				}
			}
			if ci < 0 || cy < 0 {
				return true
			}
			header, headerRow = slices.Clone(cells), row
			cInst, cYear, cIdx = ci, cy, findHeader(cells, indexHeaders)
			cKind, cStat, cRubr = findHeader(cells, kindHeaders), findHeader(cells, statusHeaders), findHeader(cells, rubricHeaders)
			return true
		}
		cells = slices.Clone(cells)
		if sh != "" { // a workbook: numbers as Excel shows them
			for i, c := range cells {
				cells[i] = workbook.ShownNumber(c)
			}
		}
		rows = append(rows, cells)
		rowNums = append(rowNums, row)
		return true
	})
	if err != nil {
		return nil, err
	}
	if header == nil {
		if noYear != nil {
			return nil, noYear
		}
		return nil, nil
	}
	cols0 := &partColumns{header: header, skip: []int{cInst, cYear, cIdx, cKind, cStat, cRubr}}
	if cIdx < 0 && !cols0.anyRubric() {
		// An instansi and a year but neither an index nor a domain: a wide
		// evaluation workbook with a Tahun column, say, not a table of
		// results.
		return nil, nil
	}
	p := &Published{Path: path}
	cGroup := -1
	if groupBy != "" {
		if cGroup = findHeader(header, []string{headerKey(groupBy)}); cGroup < 0 {
			return nil, msg.Errorf("%s: --group-by %q: no such column in the header (row %d)", place(path, sheet, ""), groupBy, headerRow)
		}
	}
	cols := &partColumns{header: header, skip: []int{cInst, cYear, cIdx, cKind, cStat, cRubr, cGroup}}
	get := func(cells []string, c int) string {
		if c < 0 || c >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[c])
	}
	width := len(header)
	for width > 0 && strings.TrimSpace(header[width-1]) == "" {
		width--
	}
	for i, cells := range rows {
		cell := func(c int) string { return place(path, sheet, cellName(c, rowNums[i])) }
		// A CSV row longer than its header: a number with a decimal
		// comma in a file separated by commas ("3,10" read as 3 and 10).
		if sheet == "" && len(cells) > width && slices.ContainsFunc(cells[width:], func(c string) bool { return strings.TrimSpace(c) != "" }) {
			return nil, msg.Errorf("%s row %d: %d fields where the header in row %d has %d: a number with a decimal comma must be quoted (\"3,10\") in a file separated by commas, or the file separated by semicolons", path, rowNums[i], len(cells), headerRow, width)
		}
		name := get(cells, cInst)
		if name == "" {
			continue // a blank or a note row
		}
		if k := Key(name); slices.Contains(summaryKeys, k) {
			continue
		}
		yt := get(cells, cYear)
		year, err := strconv.Atoi(strings.TrimSuffix(yt, ".0"))
		if err != nil || year < 1990 || year > 2099 {
			return nil, msg.Errorf("%s: year %q is not a year (1990-2099)", cell(cYear), yt)
		}
		r, err := yearRubric(year, get(cells, cRubr))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cell(max(cRubr, cYear)), err)
		}
		ob := trend.Observation{Instansi: name, Key: TrendKey(name), Year: year, Rubric: r,
			Source: fmt.Sprintf("%s row %d", place(path, sheet, ""), rowNums[i]), YearFrom: cell(cYear)}
		if t := get(cells, cIdx); t != "" {
			v, err := ParseExact(t)
			if err != nil {
				return nil, msg.Errorf("%s: index %q: %w", cell(cIdx), t, err)
			}
			ob.Index = &v
		}
		parts, aspects, err := cols.values(r, cells, cell)
		if err != nil {
			return nil, err
		}
		ob.Parts, ob.Aspects = parts, aspects
		if ob.Index == nil && parts == nil {
			return nil, msg.Errorf("%s: no index and no domain values for %s %d", cell(max(cIdx, cYear)), name, year)
		}
		switch {
		case cGroup >= 0:
			ob.Group = get(cells, cGroup)
		case cKind >= 0 && get(cells, cKind) != "":
			ob.Group = workbook.Category(get(cells, cKind))
		default:
			ob.Group = Kind(name)
		}
		st := strings.ToLower(get(cells, cStat))
		ob.Provisional = strings.Contains(st, "sementara") || strings.Contains(st, "provisional")
		p.Obs = append(p.Obs, ob)
	}
	if len(p.Obs) == 0 {
		return nil, msg.Errorf("%s: the table under the header in row %d has no rows", place(path, sheet, ""), headerRow)
	}
	return p, nil
}

// summaryKeys are the names of summary rows under a table.
var summaryKeys = []string{"rata rata", "rerata", "jumlah", "total", "average", "mean", "median", "nasional", "rata rata nasional"}

func place(path, sheet, cell string) string {
	s := path
	if sheet != "" {
		s += ": " + sheet
		if cell != "" {
			s += "!" + cell
		}
	} else if cell != "" {
		s += ": " + cell
	}
	return s
}

func cellName(col, row int) string {
	name := ""
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name + strconv.Itoa(row)
}

// yearRubric is the instrument of a year: the one the instrument column
// names (an embedded rubric's id, or its regulation's number "59/2020"),
// else the embedded rubric whose years include it.
func yearRubric(year int, named string) (*rubric.Rubric, error) {
	if named == "" {
		return YearRubric(year)
	}
	id := strings.ToLower(strings.TrimSpace(named))
	if m := regulationNumber.FindStringSubmatch(named); m != nil {
		id = "permenpanrb-" + m[1] + "-" + m[2]
	}
	if slices.Contains(rubric.EmbeddedIDs(), id) {
		return rubric.ByID(id)
	}
	return nil, msg.Errorf("instrument %q is none of %s", named, strings.Join(rubric.EmbeddedIDs(), ", "))
}

// regulationNumber is the number of a regulation: "59/2020", "Nomor 59
// Tahun 2020".
var regulationNumber = regexp.MustCompile(`(?i)\b([0-9]{1,3})\s*(?:/|tahun)\s*((?:19|20)[0-9]{2})\b`)

// YearRubric is the embedded rubric whose years include year.
func YearRubric(year int) (*rubric.Rubric, error) {
	var spans []string
	for _, id := range rubric.EmbeddedIDs() {
		r, err := rubric.ByID(id)
		if err != nil {
			return nil, err
		}
		if slices.Contains(r.Years, year) {
			return r, nil
		}
		if len(r.Years) > 0 {
			spans = append(spans, fmt.Sprintf("%s for %d-%d", id, r.Years[0], r.Years[len(r.Years)-1]))
		}
	}
	return nil, msg.Errorf("%d is a year of no embedded instrument (%s): name it in an Instrumen column", year, strings.Join(spans, ", "))
}

// exactNumber is a decimal number as a table or a JSON export writes it:
// "3.405", "3,405", "-0.5", "1e-2" (JSON). The exponent has at most two
// digits and the number at most 64 characters: an index is between 0 and
// 5, and "1e-999999999" would make a number of a billion digits.
var exactNumber = regexp.MustCompile(`^-?[0-9]+([.,][0-9]+)?([eE][-+]?[0-9]{1,2})?$`)

const maxExactLen = 64

// ParseExact reads a decimal number exactly, with a decimal point or a
// decimal comma ("3,41"), keeping every digit.
func ParseExact(s string) (index.Value, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxExactLen || !exactNumber.MatchString(s) {
		return index.Value{}, msg.Errorf("not a number")
	}
	x, ok := new(big.Rat).SetString(strings.Replace(s, ",", ".", 1))
	if !ok {
		return index.Value{}, msg.Errorf("not a number")
	}
	return index.RatValue(x), nil
}

// partColumns match the other columns of a table to the domains or the
// aspects of a rubric: by id ("D1", "Domain 1", "A3", "Aspek 3"), by the
// code of the national monitoring application ("D2001" for domain 1 of
// 59/2020), or by name ("Kebijakan Internal SPBE", "Domain Kebijakan
// Internal SPBE").
type partColumns struct {
	header []string
	skip   []int
	byRub  map[*rubric.Rubric]*partMap
}

type partMap struct {
	cols    []int // per part, -1 when none
	aspects bool
	any     bool
}

func (pc *partColumns) mapFor(r *rubric.Rubric) (*partMap, error) {
	if m, ok := pc.byRub[r]; ok {
		return m, nil
	}
	if pc.byRub == nil {
		pc.byRub = map[*rubric.Rubric]*partMap{}
	}
	match := func(aspects bool) *partMap {
		m := &partMap{aspects: aspects}
		n := len(r.Domains)
		if aspects {
			n = len(r.Aspects())
		}
		m.cols = make([]int, n)
		for i := range m.cols {
			m.cols[i] = -1
			id, name := trend.PartID(r, aspects, i), trend.PartName(r, aspects, i)
			for c, h := range pc.header {
				if slices.Contains(pc.skip, c) {
					continue
				}
				if partHeader(headerKey(h), id, name, i, aspects, r) {
					m.cols[i] = c
					m.any = true
					break
				}
			}
		}
		return m
	}
	m := match(false)
	if a := match(true); a.any {
		if m.any {
			return nil, msg.Errorf("the header has columns of both domains and aspects of %s: give one or the other", r.ID)
		}
		m = a
	}
	pc.byRub[r] = m
	return m, nil
}

// partHeader reports whether header h (headerKey) names part i of r.
func partHeader(h, id, name string, i int, aspects bool, r *rubric.Rubric) bool {
	word := "domain"
	if aspects {
		word = "aspek"
	}
	num := strconv.Itoa(i + 1)
	switch h {
	case strings.ToLower(id), word + " " + num, word + num, strings.ToLower(name), word + " " + strings.ToLower(name):
		return true
	}
	if !aspects && r.ID == "permenpanrb-59-2020" && h == fmt.Sprintf("d20%02d", i+1) {
		return true
	}
	return aspects && h == "aspect "+num || !aspects && h == "domain "+num
}

// anyRubric reports whether a column names a domain or an aspect of an
// embedded rubric.
func (pc *partColumns) anyRubric() bool {
	for _, id := range rubric.EmbeddedIDs() {
		r, err := rubric.ByID(id)
		if err != nil {
			continue
		}
		if m, err := pc.mapFor(r); err != nil || m.any {
			return true
		}
	}
	return false
}

// values reads the part values of a row; nil when the row has none.
func (pc *partColumns) values(r *rubric.Rubric, cells []string, cell func(int) string) ([]*index.Value, bool, error) {
	m, err := pc.mapFor(r)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", cell(0), err)
	}
	if !m.any {
		return nil, false, nil
	}
	vals := make([]*index.Value, len(m.cols))
	some := false
	for i, c := range m.cols {
		if c < 0 || c >= len(cells) || strings.TrimSpace(cells[c]) == "" {
			continue
		}
		v, err := ParseExact(cells[c])
		if err != nil {
			return nil, false, fmt.Errorf("%s: %s %q: %w", cell(c), trend.PartID(r, m.aspects, i), cells[c], err)
		}
		vals[i], some = &v, true
	}
	if !some {
		return nil, false, nil
	}
	return vals, m.aspects, nil
}

// provinces are the 38 provinces of Indonesia by key (Key), so that a
// table that names a province without "Provinsi" ("Jawa Barat") still
// gives its kind.
var provinces = []string{
	"aceh", "sumatera utara", "sumatera barat", "riau", "kepulauan riau", "jambi", "sumatera selatan",
	"kepulauan bangka belitung", "bangka belitung", "bengkulu", "lampung", "dki jakarta", "jakarta", "jawa barat", "banten",
	"jawa tengah", "di yogyakarta", "daerah istimewa yogyakarta", "diy", "jawa timur", "bali", "nusa tenggara barat", "ntb",
	"nusa tenggara timur", "ntt", "kalimantan barat", "kalimantan tengah", "kalimantan selatan", "kalimantan timur",
	"kalimantan utara", "sulawesi utara", "gorontalo", "sulawesi tengah", "sulawesi barat", "sulawesi selatan",
	"sulawesi tenggara", "maluku", "maluku utara", "papua", "papua barat", "papua barat daya", "papua selatan",
	"papua tengah", "papua pegunungan",
}

// Kind is the kind of an instansi from its name, for peers: Provinsi,
// Kabupaten or Kota (or Kementerian, Lembaga) when the name says so
// (workbook.Category), Provinsi for the bare name of one of the 38
// provinces ("Jawa Barat"), else "".
func Kind(name string) string {
	if c := nameCategory(name); c != "" {
		return c
	}
	if slices.Contains(provinces, Key(name)) {
		return "Provinsi"
	}
	return ""
}

// TrendKey is the key an instansi of spbe trend is matched by: Key, with
// a leading "Provinsi" dropped before the name of one of the 38 provinces,
// so that "Provinsi Jawa Barat", "Prov. Jawa Barat" and "Jawa Barat" are
// one instansi (tables of published results write both).
func TrendKey(name string) string {
	k := Key(name)
	if rest, ok := strings.CutPrefix(k, "provinsi "); ok && slices.Contains(provinces, rest) {
		return rest
	}
	return k
}

// fileYear finds the one year a file name holds ("kalteng-2025.xlsx"), or
// 0 when it holds none or several.
var fileYear = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

// FileYear returns the year of the evaluation a file name gives, or 0.
func FileYear(path string) int {
	base := filepath.Base(path)
	ms := fileYear.FindAllStringSubmatch(base, -1)
	year := 0
	for _, m := range ms {
		y, _ := strconv.Atoi(m[1])
		if year != 0 && y != year {
			return 0
		}
		year = y
	}
	return year
}
