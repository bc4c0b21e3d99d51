package render

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSV writes one row per evaluation. Text from inputs that a spreadsheet
// would run as a formula (=, +, -, @ first) is prefixed with a quote.
func CSV(w io.Writer, evals []*Evaluation, o Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columns(evals)); err != nil {
		return err
	}
	for _, e := range evals {
		rec := row(e, o.Lang)
		for i := range rec[:3] {
			rec[i] = EscapeFormula(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
func Markdown(w io.Writer, evals []*Evaluation, o Options) error {
	cols := columns(evals)
	var sb strings.Builder
	line := func(cells []string) {
		sb.WriteString("|")
		for _, c := range cells {
			sb.WriteString(" " + mdEscape(c) + " |")
		}
		sb.WriteString("\n")
	}
	line(cols)
	sep := make([]string, len(cols))
	for i := range sep {
		sep[i] = "---"
		if i >= 3 && i != 4 {
			sep[i] = "---:"
		}
	}
	sb.WriteString("|" + strings.Join(sep, "|") + "|\n")
	for _, e := range evals {
		line(row(e, o.Lang))
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
