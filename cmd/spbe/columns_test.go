package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// span is a piece of a line and the columns it takes, in runes: [from, to).
type span struct {
	text     string
	from, to int
}

// fields returns the space-separated words of a line with their columns.
func fields(line string) []span {
	var out []span
	col, start := 0, -1
	var word strings.Builder
	for _, r := range line + " " {
		if r == ' ' {
			if start >= 0 {
				out = append(out, span{word.String(), start, col})
				word.Reset()
				start = -1
			}
		} else {
			if start < 0 {
				start = col
			}
			word.WriteRune(r)
		}
		col++
	}
	return out
}

// cells returns the values of a row at or right of column skip: numbers
// ("2,95", "+0,07", "3", "+2", "-"), a "before → after" pair as one cell;
// in a row without numbers (the predicates under a what-if's columns),
// the pieces separated by two spaces or more.
func cells(line string, skip int) []span {
	isNum := regexp.MustCompile(`^([+-]?[0-9]+([.,][0-9]+)?|-)$`)
	ws := fields(line)
	var out []span
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.from < skip || !isNum.MatchString(w.text) {
			continue
		}
		if i+2 < len(ws) && ws[i+1].text == "→" && isNum.MatchString(ws[i+2].text) {
			w = span{w.text + " → " + ws[i+2].text, w.from, ws[i+2].to}
			i += 2
		}
		out = append(out, w)
	}
	if len(out) > 0 {
		return out
	}
	for _, m := range regexp.MustCompile(`\S+( \S+)*`).FindAllStringIndex(line, -1) {
		from := utf8.RuneCountInString(line[:m[0]])
		s := span{line[m[0]:m[1]], from, from + utf8.RuneCountInString(line[m[0]:m[1]])}
		if s.from >= skip {
			out = append(out, s)
		}
	}
	return out
}

// table is a header of a text output: the line that starts with head
// (after spaces), and the columns left of skip that hold names, not
// values.
type table struct {
	head string
	skip int
}

// misaligned returns what is out of line in out: every value under each
// header must sit under a header word and line up with it, its columns
// overlapping the header's and starting where the first header word it
// meets starts or ending where the last ends (numbers align right,
// levels and words left). The rows of a table run to the next blank line.
func misaligned(out string, tables []table) []string {
	var problems []string
	lines := strings.Split(out, "\n")
	for _, tb := range tables {
		at := -1
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimLeft(l, " "), tb.head) {
				at = i
				break
			}
		}
		if at < 0 {
			problems = append(problems, fmt.Sprintf("no header %q", tb.head))
			continue
		}
		var heads []span
		for _, w := range fields(lines[at]) {
			if w.to > tb.skip {
				heads = append(heads, w)
			}
		}
		rows := 0
		for _, l := range lines[at+1:] {
			if strings.TrimSpace(l) == "" {
				break
			}
			rows++
			for _, c := range cells(l, tb.skip) {
				var over []span
				for _, h := range heads {
					if h.from < c.to && c.from < h.to {
						over = append(over, h)
					}
				}
				if len(over) == 0 || c.from != over[0].from && c.to != over[len(over)-1].to {
					problems = append(problems, fmt.Sprintf("%q at columns %d-%d is not aligned with a header word:\n%s\n%s",
						c.text, c.from, c.to, lines[at], l))
				}
			}
		}
		if rows == 0 {
			problems = append(problems, fmt.Sprintf("no rows under %q", tb.head))
		}
	}
	return problems
}

// writeLevels writes a CSV of levels "No,Nilai" for the indicators of r.
func writeLevels(t *testing.T, path string, r *rubric.Rubric, levels []string) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("No,Nilai\n")
	for i, ind := range r.Indicators() {
		fmt.Fprintf(&sb, "%s,%s\n", ind.ID, levels[i])
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The headers of score --detail, batch, compare, plan and what-if sit over
// their numbers, in Indonesian and English, on an SPBE rubric and on
// Indeks Pemdi (no domains, fractional levels): an English header wider
// than its column once pushed every header after it two columns right.
func TestTextColumnsAligned(t *testing.T) {
	dir := t.TempDir()
	spbe, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	pemdi, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	// 59/2020 at 3,47, just below Sangat Baik: every indicator at 3, 32..35
	// at 4 and 42..47 at 5, so that some indicators alone reach the next
	// predicate and --detail shows that column.
	var near, later []string
	for i := 1; i <= 47; i++ {
		l := "3"
		switch {
		case i >= 42:
			l = "5"
		case i >= 32 && i <= 35:
			l = "4"
		}
		near = append(near, l)
		if i == 21 {
			l = "5"
		}
		later = append(later, l)
	}
	// Indeks Pemdi: the developer's example (2,16 Cukup), and a later one.
	pemdiNow := []string{"3", "2", "1.1666666666666667", "2", "2", "1", "2", "1.5", "2", "2.3333333333333335",
		"1", "2", "3", "3.25", "2", "2", "3", "1", "3", "2"}
	pemdiLater := append([]string(nil), pemdiNow...)
	pemdiLater[2], pemdiLater[19] = "1.26", "3"
	for _, in := range []struct {
		rubric      *rubric.Rubric
		now, later  []string
		set, target string
	}{
		{spbe, near, later, "21=4,1..3=5", "Sangat Baik"},
		{pemdi, pemdiNow, pemdiLater, "3=1.5,20=4", "Baik"},
	} {
		sub := filepath.Join(dir, in.rubric.ID)
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		lama, baru := filepath.Join(sub, "lama.csv"), filepath.Join(sub, "baru.csv")
		writeLevels(t, lama, in.rubric, in.now)
		writeLevels(t, baru, in.rubric, in.later)
		for _, lang := range []string{"id", "en"} {
			group, batchGroup, compareGroup := label.Text.Get(lang, "group"), label.Batch.Get(lang, "group"), label.Compare.Get(lang, "group")
			if len(in.rubric.Domains) == 0 {
				group, batchGroup, compareGroup = label.Text.Get(lang, "group:aspects"), label.Batch.Get(lang, "group:aspects"), label.Compare.Get(lang, "group:aspects")
			}
			rub := []string{"--rubric", in.rubric.ID, "--lang", lang}
			for _, tt := range []struct {
				args   []string
				tables []table
			}{
				{[]string{"score", lama, "--detail"}, []table{{group, 60}}},
				{[]string{"score", lama}, []table{{group, 60}}},
				{[]string{"score", lama, baru}, []table{{label.Batch.Get(lang, "rank"), 0}, {batchGroup, 60}}},
				{[]string{"compare", lama, baru}, []table{{compareGroup, 60}, {label.Compare.Get(lang, "up"), 60}}},
				{[]string{"plan", lama, "--target", in.target}, []table{{label.Plan.Get(lang, "aspect"), 60}}},
				{[]string{"whatif", lama, "--set", in.set}, []table{{label.Plan.Get(lang, "now"), 60}}},
			} {
				args := append(append([]string(nil), tt.args...), rub...)
				name := in.rubric.ID + " " + lang + " " + tt.args[0] + " " + strings.Join(tt.args[2:], " ")
				code, out, stderr := runSPBE(t, args...)
				if code != exitOK {
					t.Errorf("%s: exit %d: %s", name, code, stderr)
					continue
				}
				for _, p := range misaligned(out, tt.tables) {
					t.Errorf("%s: %s", name, p)
				}
				if tt.args[0] == "score" && len(tt.args) == 3 && tt.args[2] == "--detail" {
					next := fmt.Sprintf(label.Text.Get(lang, "next"), "")
					if !strings.Contains(out, next) {
						t.Errorf("%s: no column %q: some indicators alone reach the next predicate", name, next)
					}
				}
				if tt.args[0] == "score" && len(tt.args) == 3 && tt.args[2] == baru {
					// The summary names every predicate in full.
					for _, b := range in.rubric.Predicates {
						if re := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(label.PredicateName(b, lang)) + ` +\d+$`); !re.MatchString(out) {
							t.Errorf("%s: the summary has no line for %q:\n%s", name, label.PredicateName(b, lang), out)
						}
					}
				}
			}
		}
	}
}

// The checker finds what the English --detail looked like before its
// columns took the width of their headers: "Contribution" (12 letters
// in a column of 10) pushed "Open", "+1" and "To ..." two columns right.
func TestMisalignedCatches(t *testing.T) {
	old := "Domain / aspect / indicator                                  Weight   Index  Level                  Contribution   Open     +1 To Very good (Sangat Baik)\n" +
		"D1 Kebijakan Internal SPBE                                    13.00    3.00                             0.3900 0.2600\n" +
		"    1 Kebijakan Internal Arsitektur SPBE Instansi Pusat/Pem…   1.30          3 Terdefinisi              0.0390 0.0260 0.0130 -\n"
	var got []string
	for _, p := range misaligned(old, []table{{"Domain", 60}}) {
		got = append(got, strings.SplitN(p, " ", 2)[0])
	}
	if g, want := strings.Join(got, " "), `"0.3900" "0.2600" "0.0390" "0.0260" "0.0130"`; g != want {
		t.Errorf("misaligned values: %s\nwant %s", g, want)
	}
	// A what-if's predicates wider than their columns run together.
	old = "                                                                   Now     After   Change\n" +
		"SPBE index                                                        2.95      2.99    +0.04\n" +
		"                                                             Good (Baik) Good (Baik)\n"
	if p := misaligned(old, []table{{"Now", 60}}); len(p) != 1 || !strings.HasPrefix(p[0], `"Good (Baik) Good (Baik)"`) {
		t.Errorf("what-if predicates: %q", p)
	}
}
