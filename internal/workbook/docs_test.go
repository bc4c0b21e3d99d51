package workbook

import (
	"os"
	"strings"
	"testing"
)

// docBlocks are the parts of docs/layouts.md ("Accepted workbook layouts")
// made from the tables of this package: every header word that is
// matched, and the functions of formulas. TestDocTables keeps them
// equal; SPBE_UPDATE=1 rewrites them.
func docBlocks() map[string]string {
	words := func(ws []string) string {
		q := make([]string, len(ws))
		for i, w := range ws {
			q[i] = "`" + w + "`"
		}
		return strings.Join(q, ", ")
	}
	stages := func() string {
		var out []string
		for _, st := range stageWords {
			out = append(out, words(st.words))
		}
		return strings.Join(out, ", then ")
	}
	headers := "Headers are matched ignoring case, surrounding and non-breaking spaces, line breaks and a\n" +
		"trailing `.` or `:`; these are all the words `spbe` looks for:\n\n" +
		"- id column, a header equal to one of: " + words(idHeaders[:]) + "; or to " + words(idNameHeaders[:]) +
		" when its values are ids (the official report has names under `Indikator`);\n" +
		"- level column, a header that contains one of " + words(levelWords[:]) +
		" and none of " + words(notLevelWords[:]) + ";\n" +
		"- of several level columns, the latest stage: " + stages() +
		" (each a whole word), then a column with a year, a generic one, self-assessment (" + words(selfWords[:]) +
		"), and a previous round last (" + words(previousWords[:]) + ", whole words);\n" +
		"- the instansi's name above a long table follows a label equal to one of " + words(instansiLabels[:]) +
		" (`Instansi: X` in one cell, or the name in a cell to the right of the label);\n" +
		"- wide tables: the name column is headed " + words(nameHeaders[:]) + ", the category column " +
		words(categoryHeaders[:]) + "; rows whose name holds one of " + words(summaryWords[:]) +
		" as whole words, or is `nasional`, are summaries and skipped, as is a row without an instansi's name " +
		"whose every level is the maximum, minimum or mean of the rows above; stderr lists them.\n"
	formulas := "- formulas: a saved value is read as saved, even that of a volatile function (it is what the " +
		"author saw, and the same on every run). A formula cell without a saved value (no `<v>`, or an " +
		"empty `<v></v>` as openpyxl writes it, shared and array formulas included) is computed, in " +
		"long and wide tables, and stderr says so; it is never read as empty, and a level column of such " +
		"cells is never passed over for another column. It is refused, naming the cell (exit 3), when it " +
		"or a formula it depends on has a circular reference, a volatile function (" + words(volatileFunctions) +
		"), a function other than " + words(computedFunctions) + " (computed with Excel's rules: [formulas.md](formulas.md)), " +
		"a case where Excel's result depends on the computer or differs from LibreOffice's (a text such as `2,5` " +
		"read as a number, texts compared by order, a logical cell), a reference to another workbook or a table, " +
		"a chain of more than 100 formulas, or would read more than a million cells or build a text over " +
		"1 MiB. Save such a workbook from Excel or LibreOffice so that it holds its values.\n"
	return map[string]string{"header-words": wrapBullets(headers), "formulas": wrapBullets(formulas)}
}

// functionsBlock is the table of docs/formulas.md: every function spbe
// computes and its rule.
func functionsBlock() string {
	var b strings.Builder
	b.WriteString("| function | computed as Excel does; refused |\n|---|---|\n")
	for _, fn := range computedFunctions {
		b.WriteString("| `" + fn + "` | " + functionRules[fn] + " |\n")
	}
	return b.String()
}

// TestFormulaDocs keeps the table of functions in docs/formulas.md equal
// to the code's; SPBE_UPDATE=1 rewrites it.
func TestFormulaDocs(t *testing.T) {
	for _, fn := range computedFunctions {
		if functionRules[fn] == "" {
			t.Errorf("%s has no rule in functionRules", fn)
		}
	}
	const path = "../../docs/formulas.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text, want := string(data), functionsBlock()
	const begin, end = "<!-- functions: begin -->\n", "<!-- functions: end -->"
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", path, begin, end)
	}
	if got := text[i+len(begin) : j]; got != want {
		if os.Getenv("SPBE_UPDATE") == "" {
			t.Fatalf("%s: the table of functions differs from the code's (SPBE_UPDATE=1 rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
		}
		if err := os.WriteFile(path, []byte(text[:i+len(begin)]+want+text[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// wrapBullets wraps the lines of a Markdown list at 95 columns, the
// docs' width, with continuation lines indented under their bullet.
func wrapBullets(text string) string {
	var out strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		indent := ""
		if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "  ") {
			indent = "  "
		}
		// Words, a code span with spaces kept whole.
		var ws []string
		for _, f := range strings.Fields(line) {
			if n := len(ws); n > 0 && strings.Count(ws[n-1], "`")%2 == 1 {
				ws[n-1] += " " + f
				continue
			}
			ws = append(ws, f)
		}
		width := 0
		for i, w := range ws {
			switch {
			case i == 0:
				if strings.HasPrefix(line, "  ") {
					out.WriteString(indent)
					width = len(indent)
				}
			case width+1+len(w) > 95:
				out.WriteString("\n" + indent)
				width = len(indent)
			default:
				out.WriteString(" ")
				width++
			}
			out.WriteString(w)
			width += len(w)
		}
		out.WriteString("\n")
	}
	return out.String()
}

func TestDocTables(t *testing.T) {
	const path = "../../docs/layouts.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	changed := false
	for _, name := range []string{"header-words", "formulas"} {
		want := docBlocks()[name]
		begin, end := "<!-- "+name+": begin -->\n", "<!-- "+name+": end -->"
		i, j := strings.Index(text, begin), strings.Index(text, end)
		if i < 0 || j < i {
			t.Errorf("%s has no %q ... %q section", path, begin, end)
			continue
		}
		if got := text[i+len(begin) : j]; got != want {
			if os.Getenv("SPBE_UPDATE") == "" {
				t.Errorf("%s: the %s differ from the code's tables (SPBE_UPDATE=1 rewrites them):\ngot:\n%s\nwant:\n%s", path, name, got, want)
				continue
			}
			text, changed = text[:i+len(begin)]+want+text[j:], true
		}
	}
	if changed {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
