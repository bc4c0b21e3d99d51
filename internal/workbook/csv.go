package workbook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readCSV parses CSV data into a grid. The text may be UTF-8 with or
// without a byte order mark, UTF-16 with one (Excel's "Unicode Text"), or
// Windows-1252. The separator (',', ';' or tab) is the one that splits the
// header row into an id and a level column; failing that, the most common
// one on the first non-empty line.
func readCSV(path string, data []byte) (*grid, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, unsupported(path, "damaged UTF-16 text")
		}
		data = d
	case !utf8.Valid(data):
		d, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, unsupported(path, "text in an unknown encoding")
		}
		data = d
	}
	sep := csvSeparator(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	g := &grid{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{File: path, Err: fmt.Errorf("line %d: %w: malformed CSV: %v", pe.Line, ErrUnsupportedFormat, pe.Err)}
			}
			return nil, &Error{File: path, Err: err}
		}
		// The grid, like excelize rows, has no trailing empty cells.
		n := len(rec)
		for n > 0 && rec[n-1] == "" {
			n--
		}
		g.rows = append(g.rows, rec[:n])
	}
	return g, nil
}

func csvSeparator(data []byte) rune {
	seps := []byte{';', ',', '\t'}
	lines := bytes.SplitN(data, []byte("\n"), maxHeaderRow+1)
	first := -1
	for i, line := range lines {
		if i == maxHeaderRow {
			break
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if first < 0 {
			first = i
		}
		for _, sep := range seps {
			if bytes.IndexByte(line, sep) < 0 {
				continue
			}
			var row []string
			for _, f := range bytes.Split(bytes.TrimRight(line, "\r"), []byte{sep}) {
				row = append(row, string(bytes.Trim(f, "\" ")))
			}
			if headerLike(row, nil, nil) {
				return rune(sep)
			}
		}
	}
	if first < 0 {
		return ','
	}
	best, bestN := byte(','), 0
	for _, sep := range seps {
		if n := bytes.Count(lines[first], []byte{sep}); n > bestN {
			best, bestN = sep, n
		}
	}
	return rune(best)
}
