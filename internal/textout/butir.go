package textout

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// butirNotes are the lines the outputs of one evaluation say about its
// butir: that the values are simulated from them, or that a table's
// values stand beside them (and where the butir differ), and which
// accepted butir count for nothing. None without butir.
func butirNotes(e *result.Evaluation, lang string) []string {
	b := e.Butir
	if b == nil {
		return nil
	}
	var out []string
	if b.Simulated {
		out = append(out, fmt.Sprintf(label.Butir.Get(lang, "simulated"), len(b.Scored.Items)))
	} else {
		out = append(out, fmt.Sprintf(label.Butir.Get(lang, "stands"), len(b.Scored.Items)))
		if len(b.Differ) > 0 {
			var d []string
			for _, x := range b.Differ {
				d = append(d, fmt.Sprintf(label.Butir.Get(lang, "differ:one"), label.IndicatorKey(x.Indicator), label.Level(x.Table, lang), label.Level(x.Butir, lang)))
			}
			out = append(out, fmt.Sprintf(label.Butir.Get(lang, "differ"), strings.Join(d, "; ")))
		}
	}
	if ig := b.Scored.Ignored(); len(ig) > 0 {
		out = append(out, fmt.Sprintf(label.Butir.Get(lang, "ignored"), someNames(ig, lang)))
	}
	return out
}

// mostNames is how many butir a line of text names before "and N more":
// a list of thousands of butir gated by one incomplete level would
// otherwise fill the terminal (JSON keeps every code).
const mostNames = 10

// someNames joins the names of the first mostNames items, and counts the
// rest.
func someNames(items []*butir.Item, lang string) string {
	names := itemNames(items)
	if len(names) <= mostNames {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf(label.Butir.Get(lang, "more"), strings.Join(names[:mostNames], ", "), len(names)-mostNames)
}

func itemNames(items []*butir.Item) []string {
	var s []string
	for _, it := range items {
		s = append(s, it.Name())
	}
	return s
}

// fixedLevel shows a value with two decimals, rounded half-up, in the
// language's separator ("1,20", "1,21" for 17/14).
func fixedLevel(l rubric.Level, lang string) string {
	s := l.Fixed(2)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// worked says where an indicator stands: "L2 1/3", or "lengkap".
func worked(p *butir.Progress, lang string) string {
	if p.Complete() {
		return label.Butir.Get(lang, "complete")
	}
	return fmt.Sprintf("L%d %d/%d", p.Level, p.Accepted, p.Total)
}

// writeButirText writes the section of the butir per indicator: its value,
// the level being worked on with a/n, and the accepted butir not counted;
// with a table standing, the table's value too.
func writeButirText(sb *TerminalWriter, e *result.Evaluation, lang string) {
	b := e.Butir
	if b == nil {
		return
	}
	title := label.Butir.Get(lang, "section")
	cols := []column{{head: label.Butir.Get(lang, "value"), min: 6}}
	if !b.Simulated {
		title = label.Butir.Get(lang, "section:t")
		cols = append(cols, column{head: label.Butir.Get(lang, "table"), min: 6})
	}
	cols = append(cols, column{head: label.Butir.Get(lang, "worked"), left: true, sep: 2},
		column{head: label.Butir.Get(lang, "notcounted"), left: true, sep: 2})
	t := &textTable{nameWidth: 48, head: label.Butir.Get(lang, "indicator"), cols: cols}
	levels := e.Levels()
	for _, p := range b.Scored.Progress {
		cells := []string{fixedLevel(p.Rounded, lang)}
		if !b.Simulated {
			cells = append(cells, fixedLevel(levels[p.Indicator.ID], lang))
		}
		cells = append(cells, worked(p, lang), someNames(p.Ignored, lang))
		t.row(label.IndicatorKey(p.Indicator)+" "+shortName(p.Indicator.Name), cells...)
	}
	sb.WriteString("\n" + title + "\n")
	for _, l := range t.lines() {
		sb.WriteString(l + "\n")
	}
}

// JSONButir is the JSON "butir" member of an evaluation read with a butir
// list.
type JSONButir struct {
	// Simulated is true when the levels are simulated from the butir
	// ("simulasi dari butir"), false when a table's values stand.
	Simulated bool   `json:"simulated"`
	Note      string `json:"note"`
	Items     int    `json:"items"`
	// Indicators has one entry per indicator with butir, in rubric order.
	Indicators []JSONButirIndicator `json:"indicators"`
	// Ignored are the codes of the accepted butir that count for nothing.
	Ignored []string `json:"ignored"`
}

// JSONButirIndicator is where one indicator stands from its butir.
type JSONButirIndicator struct {
	ID string `json:"id"`
	// Level is the level being worked on, 0 when every level is complete;
	// Accepted and Total count its butir (a and n).
	Level      int    `json:"level"`
	Accepted   int    `json:"accepted"`
	Total      int    `json:"total"`
	Value      Num    `json:"value"`
	ValueExact string `json:"value_exact"`
	// Fraction is the value as a fraction in lowest terms ("17/14").
	Fraction string `json:"value_fraction"`
	// Table is the table's value when a table stands and it differs.
	Table *Num `json:"table,omitempty"`
}

func newJSONButir(e *result.Evaluation) *JSONButir {
	b := e.Butir
	if b == nil {
		return nil
	}
	out := &JSONButir{Simulated: b.Simulated, Note: strings.Join(butirNotes(e, "en"), " "), Items: len(b.Scored.Items),
		Indicators: []JSONButirIndicator{}, Ignored: itemNames(b.Scored.Ignored())}
	if out.Ignored == nil {
		out.Ignored = []string{}
	}
	for _, p := range b.Scored.Progress {
		ji := JSONButirIndicator{ID: p.Indicator.ID, Level: p.Level, Accepted: p.Accepted, Total: p.Total,
			Value: Num(levelText(p.Rounded)), ValueExact: p.Value.Exact(), Fraction: p.Value.Rat().RatString()}
		for _, d := range b.Differ {
			if d.Indicator == p.Indicator {
				t := Num(levelText(d.Table))
				ji.Table = &t
			}
		}
		out.Indicators = append(out.Indicators, ji)
	}
	return out
}

// butirColumn reports whether CSV and Markdown have the butir columns:
// only when an evaluation was read with butir.
func butirColumn(evals []*result.Evaluation) bool {
	for _, e := range evals {
		if e.Butir != nil {
			return true
		}
	}
	return false
}

// withButir appends the columns "butir" (simulasi dari butir, or the
// table's values stand) and "butir_levels" (per indicator "13:L1 2/5",
// separated by "; ") when there are.
func withButir(rec []string, column bool, e *result.Evaluation, lang string) []string {
	if !column {
		return rec
	}
	if e == nil {
		return append(rec, "butir", "butir_levels")
	}
	if e.Butir == nil {
		return append(rec, "", "")
	}
	what := label.Butir.Get(lang, "csv:stands")
	if e.Butir.Simulated {
		what = label.Butir.Get(lang, "csv:simulated")
	}
	var per []string
	for _, p := range e.Butir.Scored.Progress {
		w := p.Indicator.ID + ":" + worked(p, lang)
		for _, d := range e.Butir.Differ {
			if d.Indicator == p.Indicator { // the table stands: both values
				w += fmt.Sprintf(" (%s %s / %s %s)", label.Butir.Get(lang, "table"), d.Table, label.Butir.Get(lang, "status"), d.Butir)
			}
		}
		per = append(per, w)
	}
	return append(rec, what, strings.Join(per, "; "))
}

// compareButir writes the butir whose status changed between the two
// sides of a comparison, with their indicator and level.
func compareButir(bw *bufio.Writer, c *result.Comparison, lang string) {
	if c.Old.Butir == nil || c.New.Butir == nil {
		return
	}
	if c.Old.Simulated() && c.New.Simulated() {
		fmt.Fprintf(bw, "\n%s\n", label.ButirCompare.Get(lang, "simulated"))
	}
	fmt.Fprintf(bw, "\n"+label.ButirCompare.Get(lang, "head")+"\n", len(c.ButirChanges))
	status := func(it *butir.Item) string {
		if it == nil {
			return label.ButirCompare.Get(lang, "absent")
		}
		return it.Status.Name(lang)
	}
	for _, ch := range c.ButirChanges {
		it := ch.Item()
		fmt.Fprintf(bw, "  %-12s %4s  L%d  %s → %s\n", it.Name(), it.Indicator, it.Level, status(ch.Old), status(ch.New))
	}
}

// JSONButirChange is a butir whose status changed between two lists.
type JSONButirChange struct {
	Butir     string `json:"butir"`
	Indicator string `json:"indicator"`
	Level     int    `json:"level"`
	// Old and New are the statuses ("" on the side without the butir).
	Old string `json:"old"`
	New string `json:"new"`
}

func newJSONButirChanges(c *result.Comparison) []JSONButirChange {
	if c.Old.Butir == nil || c.New.Butir == nil {
		return nil
	}
	out := []JSONButirChange{}
	for _, ch := range c.ButirChanges {
		it := ch.Item()
		j := JSONButirChange{Butir: it.Name(), Indicator: it.Indicator, Level: it.Level}
		if ch.Old != nil {
			j.Old = ch.Old.Status.Name("id")
		}
		if ch.New != nil {
			j.New = ch.New.Status.Name("id")
		}
		out = append(out, j)
	}
	return out
}

// withSimulated appends the column "butir" of a batch ("simulasi dari
// butir" for an evaluation simulated from butir) when some evaluation is;
// row nil is the header.
func withSimulated(rec []string, b *result.Batch, row *result.RankRow, lang string) []string {
	if b.Simulated == 0 {
		return rec
	}
	switch {
	case row == nil:
		return append(rec, "butir")
	case row.Simulated:
		return append(rec, label.Butir.Get(lang, "csv:simulated"))
	}
	return append(rec, "")
}
