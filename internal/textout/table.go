package textout

import (
	"io"
	"strings"

	"github.com/spbe-id/spbe/internal/result"
)

// CSV writes one row per evaluation. Text from inputs that a spreadsheet
// would run as a formula (=, +, -, @ first) is prefixed with a quote.
func CSV(w io.Writer, evals []*result.Evaluation, o Options) error {
	cw := newCSV(w)
	prov := provisionalColumn(evals)
	bt := butirColumn(evals)
	if err := cw.Write(withButir(withProvisional(columns(evals), prov, []string{"provisional"}), bt, nil, o.Lang)); err != nil {
		return err
	}
	for _, e := range evals {
		rec := withButir(withProvisional(row(e, o.Lang), prov, e.Assumed), bt, e, o.Lang)
		for i := range rec[:3] {
			rec[i] = EscapeFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// EscapeFormula makes text that starts like a formula inert in a
// spreadsheet by prefixing a single quote.
func EscapeFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Markdown writes one table row per evaluation, for pull-request comments
// and reports.
func Markdown(w io.Writer, evals []*result.Evaluation, o Options) error {
	prov := provisionalColumn(evals)
	bt := butirColumn(evals)
	base := len(withProvisional(columns(evals), prov, []string{"provisional"}))
	cols := withButir(withProvisional(columns(evals), prov, []string{"provisional"}), bt, nil, o.Lang)
	t := newMarkdownTable(cols, func(i int) bool { return i >= 3 && i != 4 && !(prov && i == base-1) && i < base })
	for _, e := range evals {
		t.row(withButir(withProvisional(row(e, o.Lang), prov, e.Assumed), bt, e, o.Lang))
	}
	return t.flush(w)
}

// provisionalColumn reports whether CSV and Markdown have the column
// "provisional": only when an evaluation is provisional, so that the
// columns of complete results never change.
func provisionalColumn(evals []*result.Evaluation) bool {
	for _, e := range evals {
		if e.Provisional() {
			return true
		}
	}
	return false
}

// withProvisional appends the column "provisional" to rec when there is
// one: the ids whose levels are assumed, separated by spaces ("5 6 7 18").
func withProvisional(rec []string, column bool, assumed []string) []string {
	if !column {
		return rec
	}
	return append(rec, strings.Join(assumed, " "))
}

// markdownTable builds a Markdown table; numeric columns align right.
type markdownTable struct{ sb strings.Builder }

func newMarkdownTable(cols []string, numeric func(col int) bool) *markdownTable {
	t := &markdownTable{}
	t.row(cols)
	t.sb.WriteString("|")
	for i := range cols {
		if numeric(i) {
			t.sb.WriteString("---:|")
		} else {
			t.sb.WriteString("---|")
		}
	}
	t.sb.WriteString("\n")
	return t
}

func (t *markdownTable) row(cells []string) {
	t.sb.WriteString("|")
	for _, c := range cells {
		t.sb.WriteString(" " + mdEscape(c) + " |")
	}
	t.sb.WriteString("\n")
}

func (t *markdownTable) flush(w io.Writer) error {
	_, err := io.WriteString(w, t.sb.String())
	return err
}
