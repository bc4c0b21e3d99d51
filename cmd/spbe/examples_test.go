package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// example is one command of a help's Example block: the command line as
// shown, and the lines shown under it (its output).
type example struct {
	line  string
	shown []string
}

// parseExamples reads an Example block: "$ " starts a command, a line that
// ends in "|" or "\" goes on on the next, other lines are its output.
func parseExamples(block string) []example {
	var out []example
	cont := false
	for _, l := range strings.Split(block, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case cont:
			out[len(out)-1].line += " " + t
		case strings.HasPrefix(t, "$ "):
			out = append(out, example{line: strings.TrimPrefix(t, "$ ")})
		case t != "" && len(out) > 0:
			out[len(out)-1].shown = append(out[len(out)-1].shown, t)
		}
		cont = len(out) > 0 && (strings.HasSuffix(t, "|") || strings.HasSuffix(t, `\`))
		if cont && strings.HasSuffix(t, `\`) {
			out[len(out)-1].line = strings.TrimSuffix(out[len(out)-1].line, `\`)
		}
	}
	return out
}

// word is a word of a command line; op marks an operator (|, ||, >, >>,
// <), glob an unquoted word with a * in it.
type word struct {
	s        string
	op, glob bool
}

// splitLine splits a command line as a POSIX shell would for these
// examples: quotes, backslashes, operators, and a # comment, returned
// apart.
func splitLine(line string) (words []word, comment string, ok bool) {
	var cur strings.Builder
	inWord, quoted, glob := false, false, false
	flush := func() {
		if inWord {
			words = append(words, word{s: cur.String(), glob: glob && !quoted})
		}
		cur.Reset()
		inWord, quoted, glob = false, false, false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
		case c == '#' && !inWord:
			flush()
			return words, strings.TrimSpace(line[i+1:]), true
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			if j < 0 {
				return nil, "", false
			}
			cur.WriteString(line[i+1 : i+1+j])
			inWord, quoted = true, true
			i += j + 1
		case c == '"':
			i++
			for ; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' && i+1 < len(line) && strings.IndexByte(`"\$`, line[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(line[i])
			}
			if i == len(line) {
				return nil, "", false
			}
			inWord, quoted = true, true
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == '|' || c == '>' || c == '<':
			flush()
			op := string(c)
			if i+1 < len(line) && (line[i+1] == c) {
				op += string(c)
				i++
			}
			words = append(words, word{s: op, op: true})
		default:
			cur.WriteByte(c)
			inWord = true
			glob = glob || c == '*'
		}
	}
	flush()
	return words, "", true
}

var exitComment = regexp.MustCompile(`\bexit (\d+)`)

// TestHelpExamplesRun runs every example in the help of every command, in a
// folder with the files they name, and checks that each exits 0 (or the
// status its comment says, "# exit 1 when below"), that the output shown
// under it is in its output, and that what it pipes into jq is JSON.
func TestHelpExamplesRun(t *testing.T) {
	base := examplesDir(t)
	root := newRootCmd(&streams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	ran := 0
	for _, c := range visible(root) {
		exs := parseExamples(c.Example)
		t.Run(strings.ReplaceAll(c.CommandPath(), " ", "_"), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			for _, ex := range exs {
				if runExample(t, ex) {
					ran++
				}
			}
		})
	}
	if ran < 40 {
		t.Errorf("ran %d examples, want every one", ran)
	}
}

// runExample runs the spbe command of an example line; false when the
// line runs no spbe command (such as man spbe-score).
func runExample(t *testing.T, ex example) bool {
	t.Helper()
	words, comment, ok := splitLine(ex.line)
	if !ok {
		t.Errorf("%s: unbalanced quotes", ex.line)
		return false
	}
	var stages [][]word
	cur := []word{}
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case w.op && w.s == "|":
			stages, cur = append(stages, cur), []word{}
		case w.op && w.s == "||":
			i = len(words) // what runs on failure is not spbe's
		case w.op: // a redirection: its target is not an argument
			i++
		default:
			cur = append(cur, w)
		}
	}
	stages = append(stages, cur)
	var stdin []byte
	at := slices.IndexFunc(stages, func(s []word) bool { return len(s) > 0 && s[0].s == "spbe" })
	if at < 0 {
		return false
	}
	if at > 0 {
		// Only git show REV:PATH feeds spbe here: PATH as it is now.
		p := stages[at-1]
		if len(p) != 3 || p[0].s != "git" || p[1].s != "show" || !strings.Contains(p[2].s, ":") {
			t.Errorf("%s: cannot run what feeds spbe", ex.line)
			return false
		}
		_, path, _ := strings.Cut(p[2].s, ":")
		var err error
		if stdin, err = os.ReadFile(path); err != nil {
			t.Errorf("%s: %v", ex.line, err)
			return false
		}
	}
	var args []string
	for _, w := range stages[at][1:] {
		if w.glob {
			m, _ := filepath.Glob(w.s)
			if len(m) == 0 {
				t.Errorf("%s: %s matches no file", ex.line, w.s)
			}
			args = append(args, m...)
			continue
		}
		args = append(args, w.s)
	}
	want := exitOK
	if m := exitComment.FindStringSubmatch(comment); m != nil {
		want, _ = strconv.Atoi(m[1])
	}
	var out, errOut bytes.Buffer
	code := run(args, &streams{In: bytes.NewReader(stdin), Out: &out, ErrOut: &errOut})
	if code != want {
		t.Errorf("$ %s\nexit %d, want %d; stderr:\n%s", ex.line, code, want, errOut.String())
		return true
	}
	all := out.String() + errOut.String()
	for _, s := range ex.shown {
		if !strings.Contains(all, s) {
			t.Errorf("$ %s\nthe help shows %q, not in the output:\n%s", ex.line, s, all)
		}
	}
	if at+1 < len(stages) && len(stages[at+1]) > 0 && stages[at+1][0].s == "jq" && !json.Valid(out.Bytes()) {
		t.Errorf("$ %s\npipes into jq what is not JSON:\n%s", ex.line, out.String())
	}
	return true
}

// examplesDir writes the files that the examples of the help name, once.
func examplesDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	r59, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	r18, err := rubric.ByID("permenpanrb-5-2018")
	if err != nil {
		t.Fatal(err)
	}
	n := len(r59.Indicators())
	eko := fixture.Perekonomian2021
	later := slices.Clone(eko)
	later[20], later[21], later[12] = 3, 2, 4
	p := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }
	for _, d := range []string{"testdata", "hasil-2023", "hasil-2024", "evaluasi", "rubrics"} {
		os.MkdirAll(p(d), 0o755)
	}
	report := func(path, instansi string, levels []int) error {
		return fixture.Report(path, "Hasil Evaluasi SPBE", instansi, r59, levels)
	}
	steps := []error{
		report(p("testdata", "perekonomian-2021.xlsx"), "Kementerian Koordinator Bidang Perekonomian", eko),
		fixture.CSV(p("testdata", "kabupaten-2018.csv"), "Pemerintah Kabupaten Contoh", r18, fixture.Kabupaten2018),
		report(p("kaltim.xlsx"), "Pemerintah Provinsi Kalimantan Timur", eko),
		report(p("kaltim-2023.xlsx"), "Pemerintah Provinsi Kalimantan Timur", eko),
		report(p("kaltim-2024.xlsx"), "Pemerintah Provinsi Kalimantan Timur", later),
		report(p("kab.xlsx"), "Pemerintah Kabupaten Contoh", fixture.Uniform(n, 2)),
		report(p("hasil-2023", "kaltim.xlsx"), "Pemerintah Provinsi Kalimantan Timur", eko),
		report(p("hasil-2023", "samarinda.xlsx"), "Pemerintah Kota Samarinda", fixture.Uniform(n, 3)),
		report(p("hasil-2024", "kaltim.xlsx"), "Pemerintah Provinsi Kalimantan Timur", later),
		report(p("hasil-2024", "samarinda.xlsx"), "Pemerintah Kota Samarinda", fixture.Uniform(n, 4)),
		report(p("evaluasi", "kaltim.xlsx"), "Pemerintah Provinsi Kalimantan Timur", eko),
		fixture.CSV(p("evaluasi", "samarinda.csv"), "Pemerintah Kota Samarinda", r59, fixture.Uniform(n, 3)),
		fixture.Wide(p("nasional.xlsx"), r59, []fixture.WideRow{
			{Instansi: "Kementerian Contoh", Category: "Kementerian", Levels: eko},
			{Instansi: "Pemerintah Kota Satu", Category: "Kota", Levels: fixture.Uniform(n, 3)},
		}),
		fixture.Wide(p("nasional-2023.xlsx"), r59, []fixture.WideRow{
			{Instansi: "Kementerian Contoh", Category: "Kementerian", Levels: fixture.Uniform(n, 2)},
			{Instansi: "Pemerintah Kota Satu", Category: "Kota", Levels: fixture.Uniform(n, 2)},
		}),
		os.WriteFile(p("costs.yaml"), []byte("\"21\": 5\n\"22\": 2\n"), 0o644),
		pemdiWorkbook(p("pemdi.xlsx")),
		copyFile(filepath.Join("..", "..", "testdata", "pemdi-2026-butir.csv"), p("butir.csv")),
		os.WriteFile(p("biaya.yaml"), []byte("I20-L2-01: 10\n\"13\": 2\n"), 0o644),
		// spbe trend: a table of published results, and the monitoring
		// application's export.
		os.WriteFile(p("hasil-spbe.csv"), []byte("Instansi;Tahun;Indeks;D1;D2;D3;D4\n"+
			"Provinsi Kalimantan Tengah;2021;1,00;;;;\nProvinsi Kalimantan Tengah;2022;1,90;;;;\n"+
			"Provinsi Kalimantan Tengah;2023;2,75;;;;\nProvinsi Kalimantan Tengah;2024;2,87;;;;\n"+
			"Provinsi Kalimantan Tengah;2025;;3,50;2,70;2,73;4,01\nProvinsi Jawa Barat;2025;4,04;4,20;3,90;3,80;4,15\n"+
			"Provinsi Kalimantan Timur;2025;3,32;3,00;3,10;3,20;3,60\n"), 0o644),
		os.WriteFile(p("ekspor-pemantauan.json"), []byte(`[{"kode": "6200", "tahun": 2025, "nama_instansi": "Provinsi Kalimantan Tengah",
 "kategori": "Provinsi", "daerah": "Kalimantan", "nilai": {"indeks": null, "D2001": 3.50, "D2002": 2.70, "D2003": 2.73, "D2004": 4.01}}]`), 0o644),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	// daerah.yaml moves 0,5 of the weight of indicator 12 to 11; draft.yaml
	// only raises 11, so that aspect A2 no longer adds up.
	src, _ := rubric.EmbeddedSource("permenpanrb-59-2020")
	const w11, w12 = `{id: "11", weight: 2.50,`, `{id: "12", weight: 2.50,`
	if !bytes.Contains(src, []byte(w11)) || !bytes.Contains(src, []byte(w12)) {
		t.Fatal("the embedded rubric no longer has the lines of indicators 11 and 12 that the examples edit")
	}
	daerah := bytes.Replace(bytes.Replace(src, []byte(w11), []byte(`{id: "11", weight: 3.00,`), 1), []byte(w12), []byte(`{id: "12", weight: 2.00,`), 1)
	draft := bytes.Replace(src, []byte(w11), []byte(`{id: "11", weight: 3.00,`), 1)
	for path, data := range map[string][]byte{
		p("daerah.yaml"): daerah, p("draft.yaml"): draft,
		p("rubrics", "daerah.yaml"): daerah, p("rubrics", "pusat.yaml"): src,
	} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// report.xlsx, the report of kaltim.xlsx, for spbe verify.
	t.Chdir(dir)
	if code, _, stderr := runSPBE(t, "score", "kaltim.xlsx", "-o", "report.xlsx"); code != exitOK {
		t.Fatalf("report.xlsx: exit %d: %s", code, stderr)
	}
	return dir
}

// pemdiWorkbook writes the developer example of Indeks Pemdi (issue 13)
// as a workbook: No and Nilai, the values as Excel stores them.
func pemdiWorkbook(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	values := []float64{3, 2, 7.0 / 6, 2, 2, 1, 2, 1.5, 2, 7.0 / 3, 1, 2, 3, 3.25, 2, 2, 3, 1, 3, 2}
	rows := [][]any{{"No", "Nilai"}}
	for i, v := range values {
		rows = append(rows, []any{i + 1, v})
	}
	for i, row := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

// The example parser reads what the shell would.
func TestSplitLine(t *testing.T) {
	words, comment, ok := splitLine(`spbe score "a b.xlsx" --min-predicate 'Sangat Baik' x\ y *.yaml | jq '.x' > out.csv # exit 1 when below`)
	var got []string
	for _, w := range words {
		got = append(got, w.s)
	}
	want := []string{"spbe", "score", "a b.xlsx", "--min-predicate", "Sangat Baik", "x y", "*.yaml", "|", "jq", ".x", ">", "out.csv"}
	if !ok || !slices.Equal(got, want) || comment != "exit 1 when below" || !words[6].glob || words[10].glob {
		t.Errorf("got %q, comment %q, want %q", got, comment, want)
	}
}

// copyFile copies a file of the repository into an example's folder.
func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
