package workbook

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
	// The smallest buffer, so that records cross its refills.
	s := &csvScanner{r: bufio.NewReaderSize(strings.NewReader(text), 16), sep: sep}
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

// longCSV is a long CSV of the 47 indicators at level 3, with line
// edit(i, line) instead of indicator i's.
func longCSV(header string, edit func(i int, line string) string) string {
	var sb strings.Builder
	sb.WriteString(header + "\n")
	for i := 1; i <= 47; i++ {
		line := strconv.Itoa(i) + ",3"
		if strings.Contains(header, ";") {
			line = strconv.Itoa(i) + ";3"
		}
		if edit != nil {
			line = edit(i, line)
		}
		sb.WriteString(line + "\n")
	}
	return sb.String()
}

// A record with more fields than its header (an unquoted decimal comma
// in a comma CSV), or too few to hold its level, is an error naming its
// line, in either layout.
func TestCSVFieldCounts(t *testing.T) {
	set := func(id int, to string) func(int, string) string {
		return func(i int, line string) string {
			if i == id {
				return to
			}
			return line
		}
	}
	wideRow := func(levels string) string {
		return "Nama Instansi," + strings.Join(ids47(), ",") + "\nKota A," + levels + "\n"
	}
	threes := strings.TrimSuffix(strings.Repeat("3,", 47), ",")
	tests := []struct {
		name, text string
		err        string // "" when accepted
	}{
		{"decimal comma unquoted", longCSV("No,Tingkat Kematangan", set(21, "21,2,5")),
			`kota.csv: line 22: indicator 21: 3 fields where the header in line 1 has 2: a level with a decimal comma must be quoted ("2,5") in a file separated by commas`},
		{"decimal comma quoted", longCSV("No,Tingkat Kematangan", set(21, `21,"3,0"`)), ""},
		{"a note after the level", longCSV("No;Tingkat Kematangan", set(5, "5;3;lihat catatan")),
			"kota.csv: line 6: indicator 5: 3 fields where the header in line 1 has 2"},
		{"an empty field after the level", longCSV("No,Tingkat Kematangan", set(5, "5,3,")), ""},
		{"padded as Excel writes it", longCSV("No,Tingkat Kematangan,,", func(_ int, line string) string { return line + ",," }), ""},
		{"no level field", longCSV("No,Tingkat Kematangan", set(47, "47")),
			`kota.csv: line 48: indicator 47: 1 field where the header in line 1 has 2: no level in column B ("Tingkat Kematangan")`},
		{"an empty level", longCSV("No,Tingkat Kematangan", set(47, "47,")), "kota.csv: B48: indicator 47: level is empty"},
		{"wide, decimal comma unquoted", wideRow(strings.Replace(threes, "3", "2,5", 1)),
			`kota.csv: line 2: Kota A: 49 fields where the header in line 1 has 48: a level with a decimal comma must be quoted`},
		{"wide, a field short", wideRow(strings.TrimSuffix(threes, ",3")),
			"kota.csv: line 2: Kota A: 47 fields where the header in line 1 has 48: the levels of the last indicators are missing"},
		{"wide", wideRow(threes), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeCSV(t, "kota.csv", tt.text)
			r := rubric59(t)
			var errs []error
			err := Read(path, Options{Layout: LayoutAuto, Known: knownIn(r), Want: 47}, Visitor{
				Long: func(s *Sheet, err error) error {
					if err == nil {
						_, err = s.Levels(r)
					}
					errs = append(errs, err)
					return nil
				},
				Row: func(wt *WideTable, row *WideRow) error {
					_, err := row.Levels(wt, r, nil)
					errs = append(errs, err)
					return nil
				},
			})
			got := errors.Join(append(errs, err)...)
			switch {
			case tt.err == "" && got != nil:
				t.Errorf("error %v, want none", got)
			case tt.err != "" && (got == nil || !strings.Contains(got.Error(), tt.err)):
				t.Errorf("error %v, want %q", got, tt.err)
			case tt.err != "" && !errors.Is(got, ErrBadLevel):
				t.Errorf("error %v is not ErrBadLevel", got)
			}
		})
	}
}

func ids47() []string {
	ids := make([]string, 47)
	for i := range ids {
		ids[i] = strconv.Itoa(i + 1)
	}
	return ids
}

// CSV files beyond what a sheet holds are refused, naming the line; what
// costs nothing to skip (empty fields, blank lines, empty records) is
// skipped; and lone CRs or a missing final newline end lines as well.
func TestCSVLimits(t *testing.T) {
	table := longCSV("No,Tingkat Kematangan", nil)
	tests := []struct {
		name, text string
		err        string // "" when the 47 levels are read
	}{
		{"a line of commas", table + strings.Repeat(",", 3<<20) + "\n", ""},
		{"a line of commas first", strings.Repeat(",", 3<<20) + "\n" + table, ""},
		{"blank lines", table + strings.Repeat("\n", 3<<20), ""},
		{"empty records past the last row", table + strings.Repeat(",\n", MaxCSVRows+1), ""},
		{"a record past the last row", table + strings.Repeat(",\n", MaxCSVRows) + "x\n",
			fmt.Sprintf("kota.csv: line %d: unsupported file format: more than 1048576 records, the rows a sheet holds", MaxCSVRows+49)},
		{"too many fields", table + strings.Repeat("1,", MaxCSVFields) + "1\n",
			"kota.csv: line 49: unsupported file format: more than 16384 fields, the columns a sheet holds"},
		{"a huge field", table + strings.Repeat("x", MaxCSVField+1) + "\n",
			"kota.csv: line 49: unsupported file format: a field of more than 32767 characters, the most a cell holds"},
		{"a huge quoted field", table + `"` + strings.Repeat("é,\n", MaxCSVField/2+1) + `"` + "\n",
			"kota.csv: line 49: unsupported file format: a field of more than 32767 characters"},
		{"a field at the limit", table + strings.Repeat("é", MaxCSVField) + "\n", ""},
		{"too much text", table + strings.Repeat(strings.Repeat("1234567,", 1000)+"\n", 3000),
			"unsupported file format: more than 32 MiB of text in the cells kept"},
		{"lone CRs", strings.ReplaceAll(table, "\n", "\r"), ""},
		{"no final newline", strings.TrimSuffix(table, "\n"), ""},
		{"CRLF, no final newline", strings.TrimSuffix(strings.ReplaceAll(table, "\n", "\r\n"), "\r\n"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeCSV(t, "kota.csv", tt.text)
			s, err := ReadSheet(path, Options{Known: known47})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			last := "B48"
			if strings.HasPrefix(tt.text, ",") {
				last = "B49" // the line of commas is row 1
			}
			if len(s.Entries) != 47 || s.Entries[46].Cell != last {
				t.Errorf("%d entries, the last in %s; want 47, the last in %s", len(s.Entries), s.Entries[len(s.Entries)-1].Cell, last)
			}
		})
	}
}

// BenchmarkReadCSV reads a 47-row CSV; the others read hostile CSV
// files: with -benchmem, B/op shows what a file costs, bounded by the
// table and not by the file (a 30 MB line of commas used to take 2,6 GB).
func BenchmarkReadCSV(b *testing.B) {
	benchCSV(b, longCSV("No,Tingkat Kematangan", nil))
}

func BenchmarkReadCSVLineOfCommas(b *testing.B) {
	benchCSV(b, longCSV("No,Tingkat Kematangan", nil)+strings.Repeat(",", 30<<20)+"\n")
}

func BenchmarkReadCSVBlankLines(b *testing.B) {
	benchCSV(b, longCSV("No,Tingkat Kematangan", nil)+strings.Repeat("\r\n", 15<<20))
}

func BenchmarkReadCSVEmptyRecords(b *testing.B) {
	benchCSV(b, longCSV("No,Tingkat Kematangan", nil)+strings.Repeat(",\n", MaxCSVRows))
}

func benchCSV(b *testing.B, text string) {
	path := writeCSV(b, "bench.csv", text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := ReadSheet(path, Options{Known: known47})
		if err != nil || len(s.Entries) != 47 {
			b.Fatal(err)
		}
	}
}

// FuzzReadCSVWide feeds arbitrary bytes to Read in the automatic layout,
// with a wide header needing only one indicator column: no panic, and
// every wide row's levels are either an error or on the scale.
func FuzzReadCSVWide(f *testing.F) {
	for _, s := range []string{
		"Nama Instansi,1,2\nKota A,3,4\nKota B,\"2,5\",1\n",
		",2023,,2024\nNama Instansi,1,2,1,2\nKota A,3,4,5,5\n",
		"Nama Instansi;1;1\nKota A;3;4\n",
		"Nama Instansi,1,2\rKota A,3\r",
		"Nama Instansi,Kategori,21\nKota A,Kota,3,4\n",
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	r := rubric59(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_ = Read(path, Options{Layout: LayoutAuto, Known: knownIn(r), Want: 2}, Visitor{
			Long: func(s *Sheet, err error) error {
				if err == nil {
					s.Levels(r)
				}
				return nil
			},
			Row: func(wt *WideTable, row *WideRow) error {
				levels, err := row.Levels(wt, r, nil)
				if err != nil {
					return nil
				}
				for i, ind := range r.Indicators() {
					if _, ok := wt.Columns[ind.ID]; ok {
						if cerr := ind.LevelScale.Check(levels[i]); cerr != nil {
							t.Fatalf("accepted level %s for %s: %v", levels[i], ind.ID, cerr)
						}
					}
				}
				return nil
			},
		})
	})
}
