package render

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Comparison is an evaluation against an earlier one (or a
// self-assessment against the evaluator's levels): Old and New are
// evaluations on the same rubric.
type Comparison struct {
	Old, New *Evaluation
	// OldLabel and NewLabel say where each side's levels came from
	// (file, sheet, level column).
	OldLabel, NewLabel string
	// Moved are the indicators whose level changed, by effect on the
	// index: the largest rise first, the largest fall last.
	Moved []Move
}

// Move is one indicator whose level changed.
type Move struct {
	Indicator *rubric.Indicator
	Old, New  rubric.Decimal
	// Effect is what the change adds to the SPBE index (negative for a
	// fall).
	Effect index.Value
}

// Comparisons are the comparisons of two batches matched by instansi,
// with the instansi found on one side only.
type Comparisons struct {
	Pairs            []*Comparison
	OnlyOld, OnlyNew []string
	Errors           []BatchError
}

// CompareFormats maps --format to the comparison renderers.
var CompareFormats = map[string]func(io.Writer, *Comparisons, Options) error{
	"text": CompareText,
	"json": CompareJSON,
	"csv":  CompareCSV,
}

var compareLabels = map[string]map[string]string{
	"id": {"old": "Lama", "new": "Baru", "change": "Perubahan", "up": "Indikator naik", "down": "Indikator turun",
		"group": "Domain / Aspek", "effect": "Pengaruh", "level": "Tingkat", "none": "Tidak ada indikator yang berubah.",
		"onlyold": "Hanya di data lama", "onlynew": "Hanya di data baru"},
	"en": {"old": "Old", "new": "New", "change": "Change", "up": "Indicators up", "down": "Indicators down",
		"group": "Domain / aspect", "effect": "Effect", "level": "Level", "none": "No indicator changed.",
		"onlyold": "Only in the old data", "onlynew": "Only in the new data"},
}

func clabel(lang, key string) string { return lookup(compareLabels, lang, key) }

// signed formats a change with its sign: +0,25, -0,25, 0,00.
func signed(d rubric.Decimal, places int, lang string) string {
	s := Number(d, places, lang)
	if d > 0 {
		return "+" + s
	}
	if strings.Trim(s, "-0,.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// CompareText writes each comparison: the index and predicate change,
// every domain and aspect with its change, then the indicators that rose
// and fell, by effect on the index.
func CompareText(w io.Writer, cs *Comparisons, o Options) error {
	bw := bufio.NewWriter(w)
	for i, c := range cs.Pairs {
		if i > 0 {
			bw.WriteString("\n")
		}
		compareText(bw, c, o)
	}
	lang := o.Lang
	for _, l := range []struct {
		key   string
		names []string
	}{{"onlyold", cs.OnlyOld}, {"onlynew", cs.OnlyNew}} {
		if len(l.names) > 0 {
			fmt.Fprintf(bw, "\n%s (%d): %s\n", clabel(lang, l.key), len(l.names), strings.Join(l.names, "; "))
		}
	}
	return bw.Flush()
}

func compareText(bw *bufio.Writer, c *Comparison, o Options) {
	lang := o.Lang
	ro, rn := c.Old.Result, c.New.Result
	p := rn.Rubric.Precision
	n := func(d rubric.Decimal) string { return Number(d, p, lang) }
	fmt.Fprintf(bw, "%-10s %s\n", label(lang, "instansi"), c.New.Instansi)
	fmt.Fprintf(bw, "%-10s %s\n", clabel(lang, "old"), c.OldLabel)
	fmt.Fprintf(bw, "%-10s %s\n\n", clabel(lang, "new"), c.NewLabel)
	fmt.Fprintf(bw, "%s  %s -> %s  (%s)  %s -> %s\n\n", label(lang, "title"), n(ro.Published), n(rn.Published),
		signed(rn.Published-ro.Published, p, lang), PredicateName(ro.Predicate, lang), PredicateName(rn.Predicate, lang))
	const nameWidth = 60
	fmt.Fprintf(bw, "%s %6s %6s %9s\n", pad(clabel(lang, "group"), nameWidth), clabel(lang, "old"), clabel(lang, "new"), clabel(lang, "change"))
	row := func(name string, a, b index.Value) {
		x, y := a.Round(p), b.Round(p)
		fmt.Fprintf(bw, "%s %6s %6s %9s\n", pad(name, nameWidth), n(x), n(y), signed(y-x, p, lang))
	}
	ai := 0
	for di, d := range rn.Domains {
		row(d.ID+" "+d.Name, ro.Domains[di].Index, d.Index)
		for ai < len(rn.Aspects) && rn.Aspects[ai].Domain == d.ID {
			a := rn.Aspects[ai]
			row("  "+a.ID+" "+a.Name, ro.Aspects[ai].Index, a.Index)
			ai++
		}
	}
	up, down := SplitMoves(c.Moved)
	if len(up)+len(down) == 0 {
		fmt.Fprintf(bw, "\n%s\n", clabel(lang, "none"))
		return
	}
	cp := p + 2
	for _, l := range []struct {
		key string
		ms  []Move
	}{{"up", up}, {"down", down}} {
		if len(l.ms) == 0 {
			continue
		}
		fmt.Fprintf(bw, "\n%s (%d)%s %9s %9s\n", clabel(lang, l.key), len(l.ms),
			strings.Repeat(" ", max(0, nameWidth-len(clabel(lang, l.key))-len(fmt.Sprint(len(l.ms)))-3)), clabel(lang, "level"), clabel(lang, "effect"))
		for _, m := range l.ms {
			lv := Number(m.Old, 0, lang) + " -> " + Number(m.New, 0, lang)
			if !m.Old.IsInteger() || !m.New.IsInteger() {
				lv = Number(m.Old, 2, lang) + " -> " + Number(m.New, 2, lang)
			}
			fmt.Fprintf(bw, "%s %9s %9s\n", pad("  "+m.Indicator.ID+" "+shortName(m.Indicator.Name), nameWidth), lv,
				signed(m.Effect.Round(cp), cp, lang))
		}
	}
}

// SplitMoves splits the moves as spbe compare lists them: the rises in
// their order (largest effect first), then the falls, largest first, ties
// in rubric order.
func SplitMoves(ms []Move) (up, down []Move) {
	for _, m := range ms {
		if m.New > m.Old {
			up = append(up, m)
		} else {
			down = append(down, m)
		}
	}
	slices.SortStableFunc(down, func(a, b Move) int { return a.Effect.Compare(b.Effect) })
	return up, down
}

// JSONSide is one side of a comparison.
type JSONSide struct {
	Source    string `json:"source"`
	Sheet     string `json:"sheet"`
	Instansi  string `json:"instansi"`
	Label     string `json:"label"`
	Index     Num    `json:"index"`
	Predicate string `json:"predicate"`
}

// JSONChange is a domain or aspect with its change.
type JSONChange struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Old    Num    `json:"old"`
	New    Num    `json:"new"`
	Change Num    `json:"change"`
}

// JSONMove is an indicator whose level changed.
type JSONMove struct {
	ID     string `json:"id"`
	Aspect string `json:"aspect"`
	Name   string `json:"name"`
	Old    Num    `json:"old"`
	New    Num    `json:"new"`
	Effect Num    `json:"effect"`
}

// JSONComparison is the JSON form of a Comparison.
type JSONComparison struct {
	Old              JSONSide     `json:"old"`
	New              JSONSide     `json:"new"`
	IndexChange      Num          `json:"index_change"`
	PredicateChanged bool         `json:"predicate_changed"`
	Domains          []JSONChange `json:"domains"`
	Aspects          []JSONChange `json:"aspects"`
	Indicators       []JSONMove   `json:"indicators"`
}

func newJSONComparison(c *Comparison) JSONComparison {
	ro, rn := c.Old.Result, c.New.Result
	p := rn.Rubric.Precision
	side := func(e *Evaluation, lbl string) JSONSide {
		return JSONSide{Source: e.Source, Sheet: e.Sheet, Instansi: e.Instansi, Label: lbl,
			Index: num(e.Result.Published, p), Predicate: PredicateName(e.Result.Predicate, "id")}
	}
	out := JSONComparison{Old: side(c.Old, c.OldLabel), New: side(c.New, c.NewLabel),
		IndexChange:      num(rn.Published-ro.Published, p),
		PredicateChanged: ro.Predicate != rn.Predicate,
		Domains:          []JSONChange{}, Aspects: []JSONChange{}, Indicators: []JSONMove{}}
	ch := func(a, b index.Group) JSONChange {
		x, y := a.Index.Round(p), b.Index.Round(p)
		return JSONChange{ID: b.ID, Name: b.Name, Old: num(x, p), New: num(y, p), Change: num(y-x, p)}
	}
	for i := range rn.Domains {
		out.Domains = append(out.Domains, ch(ro.Domains[i], rn.Domains[i]))
	}
	for i := range rn.Aspects {
		out.Aspects = append(out.Aspects, ch(ro.Aspects[i], rn.Aspects[i]))
	}
	for _, m := range c.Moved {
		out.Indicators = append(out.Indicators, JSONMove{ID: m.Indicator.ID, Aspect: m.Indicator.Aspect.ID, Name: m.Indicator.Name,
			Old: Num(levelText(m.Old)), New: Num(levelText(m.New)), Effect: val(m.Effect, p+2)})
	}
	return out
}

// CompareJSON writes one object for a single comparison, or
// {"comparisons": [...], "only_old": [...], "only_new": [...], "errors": [...]}
// for several.
func CompareJSON(w io.Writer, cs *Comparisons, o Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(cs.Pairs) == 1 && len(cs.OnlyOld)+len(cs.OnlyNew)+len(cs.Errors) == 0 {
		return enc.Encode(newJSONComparison(cs.Pairs[0]))
	}
	out := struct {
		Comparisons []JSONComparison `json:"comparisons"`
		OnlyOld     []string         `json:"only_old"`
		OnlyNew     []string         `json:"only_new"`
		Errors      []JSONBatchError `json:"errors"`
	}{Comparisons: []JSONComparison{}, OnlyOld: append([]string{}, cs.OnlyOld...), OnlyNew: append([]string{}, cs.OnlyNew...), Errors: []JSONBatchError{}}
	for _, c := range cs.Pairs {
		out.Comparisons = append(out.Comparisons, newJSONComparison(c))
	}
	for _, e := range cs.Errors {
		out.Errors = append(out.Errors, JSONBatchError{Source: e.Source, Sheet: e.Sheet, Cell: e.Cell, Error: e.Message})
	}
	return enc.Encode(out)
}

// CompareCSV writes one row per compared value: the index, every domain
// and aspect, and every indicator that moved (with its effect).
func CompareCSV(w io.Writer, cs *Comparisons, o Options) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"instansi", "kind", "id", "name", "old", "new", "change", "effect"})
	for _, c := range cs.Pairs {
		jc := newJSONComparison(c)
		inst := EscapeFormula(c.New.Instansi)
		cw.Write([]string{inst, "index", "", "SPBE", string(jc.Old.Index), string(jc.New.Index), string(jc.IndexChange), string(jc.IndexChange)})
		for _, d := range jc.Domains {
			cw.Write([]string{inst, "domain", d.ID, d.Name, string(d.Old), string(d.New), string(d.Change), ""})
		}
		for _, a := range jc.Aspects {
			cw.Write([]string{inst, "aspect", a.ID, a.Name, string(a.Old), string(a.New), string(a.Change), ""})
		}
		for _, m := range jc.Indicators {
			cw.Write([]string{inst, "indicator", m.ID, m.Name, string(m.Old), string(m.New), "", string(m.Effect)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// SheetWord is the word for a sheet in the language ("lembar").
func SheetWord(lang string) string { return label(lang, "sheet") }

// ColumnWord is the word for a column in the language ("kolom").
func ColumnWord(lang string) string {
	if lang == "en" {
		return "column"
	}
	return "kolom"
}
