package workbook

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scanAll splits text into records with csvScanner: the cells, field
// count and first line of each.
type scanned struct {
	cells []string
	n     int
	line  int
}

func scanAll(text string, sep byte) ([]scanned, error) {
	s := &csvScanner{r: bufio.NewReader(strings.NewReader(text)), sep: sep}
	var out []scanned
	for {
		cells, n, line, err := s.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, scanned{slices.Clone(cells), n, line})
	}
}

// stdRecords splits text with encoding/csv as the reader used to
// (LazyQuotes, any number of fields), trailing empty fields dropped.
func stdRecords(text string, sep byte) ([]scanned, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = rune(sep)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out []scanned
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		line, _ := r.FieldPos(0)
		n := len(rec)
		for n > 0 && rec[n-1] == "" {
			n--
		}
		out = append(out, scanned{slices.Clone(rec[:n]), len(rec), line})
	}
}

var csvCases = []string{
	"No,Nilai\n1,3\n2,4\n",
	"No,Nilai\r\n1,3\r\n\r\n\r\n2,4",
	"a,b,\n,,\n\n,\n",
	`"a,b",c` + "\n" + `"x ""y"" z",1` + "\n",
	`"multi` + "\r\n" + `line",2` + "\n3,4\n",
	`a"b,c"d` + "\n",
	`"a"b,c` + "\n",
	`"unterminated,1` + "\n2,3\n",
	"x\r",
	"x\ry,z\n",
	`"q"` + "\r\n" + "1\n",
	`"q"` + "\r",
	`""`,
	",",
	"\n\n\n",
	"a;b;c\n1;2,5;3\n",
	`"a` + "\r",
	"\"\"\"\n",
	"a,\"b\"\"\"\n",
}

// The scanner splits records as encoding/csv did before it.
func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	for _, text := range csvCases {
		for _, sep := range []byte{',', ';'} {
			got, err := scanAll(text, sep)
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			want, _ := stdRecords(text, sep)
			if !equalScanned(got, want) {
				t.Errorf("%q (sep %q):\ngot  %+v\nwant %+v", text, sep, got, want)
			}
		}
	}
}

func equalScanned(a, b []scanned) bool {
	return slices.EqualFunc(a, b, func(x, y scanned) bool {
		return slices.Equal(x.cells, y.cells) && x.n == y.n && x.line == y.line
	})
}

func FuzzCSVScanner(f *testing.F) {
	for _, c := range csvCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, err := scanAll(text, ',')
		if err != nil {
			return // a limit
		}
		want, err := stdRecords(text, ',')
		if err != nil {
			t.Skip(err)
		}
		if !equalScanned(got, want) {
			t.Errorf("%q:\ngot  %+v\nwant %+v", text, got, want)
		}
	})
}

// writeCSV writes text to a .csv file in a temporary folder.
func writeCSV(t testing.TB, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
