package textout

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// signed formats a change with its sign: +0,25, -0,25, 0,00.
func signed(d rubric.Decimal, places int, lang string) string {
	s := label.Number(d, places, lang)
	if d > 0 {
		return "+" + s
	}
	if strings.Trim(s, "-0,.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// CompareText writes one comparison in full: the index and predicate
// change, every domain and aspect with its change, then the indicators
// that rose and fell, by effect on the index. Several start with an
// overview, a row per pair (the index old and new, its change, the
// predicates), and give each pair in full after it only with o.Detail.
// The instansi found on one side only come last, each with the closest
// name of the other side.
func CompareText(w io.Writer, cs *result.Comparisons, o Options) error {
	bw := bufio.NewWriter(NewTerminalWriter(w))
	many := len(cs.Pairs) > 1
	if many {
		compareOverview(bw, cs, o)
	}
	if !many || o.Detail {
		for i, c := range cs.Pairs {
			if i > 0 || many {
				bw.WriteString("\n")
			}
			compareText(bw, c, o)
		}
	}
	lang := o.Lang
	for _, l := range []struct {
		key   string
		names []string
	}{{"onlyold", cs.OnlyOld}, {"onlynew", cs.OnlyNew}} {
		if len(l.names) > 0 {
			names := make([]string, len(l.names))
			for i, n := range l.names {
				names[i] = n
				if c, ok := cs.Closest[n]; ok {
					names[i] += fmt.Sprintf(" (%s: %s)", closestWord[compareLang(lang)], c)
				}
			}
			fmt.Fprintf(bw, "\n%s (%d): %s\n", label.Compare.Get(lang, l.key), len(l.names), strings.Join(names, "; "))
		}
	}
	return bw.Flush()
}

// closestWord introduces the closest name of the other side to one found
// on one side only.
var closestWord = map[string]string{"id": "terdekat", "en": "closest"}

func compareLang(lang string) string {
	if lang == "en" {
		return "en"
	}
	return "id"
}

// compareOverview writes a row per pair, in the order of the pairs (as
// the overview sheet of the comparison workbook): the instansi, its index
// old and new, the change, and the predicate (old → new when it changed).
func compareOverview(bw *bufio.Writer, cs *result.Comparisons, o Options) {
	lang := o.Lang
	const maxName = 50
	head := label.Batch.Get(lang, "instansi")
	nameW := utf8.RuneCountInString(head)
	for _, c := range cs.Pairs {
		nameW = max(nameW, min(maxName, utf8.RuneCountInString(c.New.Instansi)))
	}
	fmt.Fprintf(bw, "%s  %6s  %6s  %9s  %s\n", pad(head, nameW), label.Compare.Get(lang, "old"), label.Compare.Get(lang, "new"),
		label.Compare.Get(lang, "change"), label.Batch.Get(lang, "predicate"))
	for _, c := range cs.Pairs {
		ro, rn := c.Old.Result, c.New.Result
		p := rn.Rubric.Precision
		pred := label.PredicateName(rn.Predicate, lang)
		if ro.Predicate != rn.Predicate {
			pred = label.PredicateName(ro.Predicate, lang) + " → " + pred
		}
		if c.Old.Provisional() || c.New.Provisional() {
			pred += "  " + label.Text.Get(lang, "provisional:mark")
		}
		fmt.Fprintf(bw, "%s  %6s  %6s  %9s  %s\n", pad(c.New.Instansi, nameW), label.Number(ro.Published, p, lang),
			label.Number(rn.Published, p, lang), signed(rn.Published-ro.Published, p, lang), pred)
	}
	for _, c := range cs.Pairs {
		if c.Old.Provisional() || c.New.Provisional() {
			fmt.Fprintf(bw, "\n%s\n", label.Text.Get(lang, "provisional:rows"))
			break
		}
	}
}

func compareText(bw *bufio.Writer, c *result.Comparison, o Options) {
	lang := o.Lang
	ro, rn := c.Old.Result, c.New.Result
	p := rn.Rubric.Precision
	n := func(d rubric.Decimal) string { return label.Number(d, p, lang) }
	inst := c.New.Instansi
	if c.SameInstansi != nil && !*c.SameInstansi { // a peer: both names
		inst = c.Old.Instansi + " → " + c.New.Instansi
	}
	fmt.Fprintf(bw, "%-10s %s\n", label.Text.Get(lang, "instansi"), inst)
	fmt.Fprintf(bw, "%-10s %s\n", label.Compare.Get(lang, "old"), c.OldLabel)
	fmt.Fprintf(bw, "%-10s %s\n", label.Compare.Get(lang, "new"), c.NewLabel)
	for _, side := range []struct {
		key string
		e   *result.Evaluation
	}{{"old", c.Old}, {"new", c.New}} {
		if note := label.ProvisionalNote(side.e.Result.Rubric, side.e.Assumed, lang); note != "" {
			fmt.Fprintf(bw, "%-10s %s: %s\n", label.Text.Get(lang, "status"), label.Compare.Get(lang, side.key), note)
		}
	}
	bw.WriteString("\n")
	fmt.Fprintf(bw, "%s  %s → %s  (%s)  %s → %s\n\n", label.Index(rn.Rubric, lang, label.Text.Get(lang, "title")), n(ro.Published), n(rn.Published),
		signed(rn.Published-ro.Published, p, lang), label.PredicateName(ro.Predicate, lang), label.PredicateName(rn.Predicate, lang))
	const nameWidth = 60
	groupWord := label.Compare.Get(lang, "group")
	if len(rn.Domains) == 0 {
		groupWord = label.Compare.Get(lang, "group:aspects")
	}
	fmt.Fprintf(bw, "%s %6s %6s %9s\n", pad(groupWord, nameWidth), label.Compare.Get(lang, "old"), label.Compare.Get(lang, "new"), label.Compare.Get(lang, "change"))
	row := func(name string, a, b index.Value) {
		x, y := a.Round(p), b.Round(p)
		fmt.Fprintf(bw, "%s %6s %6s %9s\n", pad(name, nameWidth), n(x), n(y), signed(y-x, p, lang))
	}
	ai := 0
	for ; len(rn.Domains) == 0 && ai < len(rn.Aspects); ai++ { // aspects directly under the index
		a := rn.Aspects[ai]
		row(a.ID+" "+a.Name, ro.Aspects[ai].Index, a.Index)
	}
	for di, d := range rn.Domains {
		row(d.ID+" "+d.Name, ro.Domains[di].Index, d.Index)
		for ai < len(rn.Aspects) && rn.Aspects[ai].Domain == d.ID {
			a := rn.Aspects[ai]
			row("  "+a.ID+" "+a.Name, ro.Aspects[ai].Index, a.Index)
			ai++
		}
	}
	up, down := result.SplitMoves(c.Moved)
	if len(up)+len(down) == 0 {
		fmt.Fprintf(bw, "\n%s\n", label.Compare.Get(lang, "none"))
		compareButir(bw, c, lang)
		return
	}
	cp := p + 2
	for _, l := range []struct {
		key string
		ms  []result.Move
	}{{"up", up}, {"down", down}} {
		if len(l.ms) == 0 {
			continue
		}
		lw := 9 // as wide as the widest "1,17 → 1,26"
		for _, m := range l.ms {
			lw = max(lw, utf8.RuneCountInString(label.Level(m.Old, lang)+" → "+label.Level(m.New, lang)))
		}
		fmt.Fprintf(bw, "\n%s (%d)%s %*s %9s\n", label.Compare.Get(lang, l.key), len(l.ms),
			strings.Repeat(" ", max(0, nameWidth-len(label.Compare.Get(lang, l.key))-len(fmt.Sprint(len(l.ms)))-3)), lw, label.Compare.Get(lang, "level"), label.Compare.Get(lang, "effect"))
		for _, m := range l.ms {
			lv := label.Level(m.Old, lang) + " → " + label.Level(m.New, lang)
			fmt.Fprintf(bw, "%s %*s %9s\n", pad("  "+label.IndicatorKey(m.Indicator)+" "+shortName(m.Indicator.Name), nameWidth), lw, lv,
				signed(m.Effect.Round(cp), cp, lang))
		}
	}
	compareButir(bw, c, lang)
}

// JSONSide is one side of a comparison.
type JSONSide struct {
	Source    string `json:"source"`
	Sheet     string `json:"sheet"`
	Instansi  string `json:"instansi"`
	Label     string `json:"label"`
	Index     Num    `json:"index"`
	Predicate string `json:"predicate"`
	// Provisional is present when levels of this side are the rubric's
	// assumption (--assume-external), as in spbe score's JSON.
	Provisional *JSONProvisional `json:"provisional,omitempty"`
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

// JSONComparison is the JSON form of a result.Comparison.
type JSONComparison struct {
	Old              JSONSide     `json:"old"`
	New              JSONSide     `json:"new"`
	IndexChange      Num          `json:"index_change"`
	PredicateChanged bool         `json:"predicate_changed"`
	Domains          []JSONChange `json:"domains"`
	Aspects          []JSONChange `json:"aspects"`
	Indicators       []JSONMove   `json:"indicators"`
	// ButirChanges are the butir whose status changed, when both sides
	// are butir lists.
	ButirChanges []JSONButirChange `json:"butir_changes,omitempty"`
	// SameInstansi is false when the two sides are evaluations of
	// different instansi (a comparison with a peer), true when their names
	// match; absent when a side's name is only its file's.
	SameInstansi *bool `json:"same_instansi,omitempty"`
}

func newJSONComparison(c *result.Comparison) JSONComparison {
	ro, rn := c.Old.Result, c.New.Result
	p := rn.Rubric.Precision
	side := func(e *result.Evaluation, lbl string) JSONSide {
		return JSONSide{Source: e.Source, Sheet: e.Sheet, Instansi: e.Instansi, Label: lbl,
			Index: num(e.Result.Published, p), Predicate: label.PredicateName(e.Result.Predicate, "id"),
			Provisional: newJSONProvisional(e.Result.Rubric, e.Assumed)}
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
	out.ButirChanges = newJSONButirChanges(c)
	out.SameInstansi = c.SameInstansi
	for _, m := range c.Moved {
		out.Indicators = append(out.Indicators, JSONMove{ID: m.Indicator.ID, Aspect: m.Indicator.Aspect.ID, Name: m.Indicator.Name,
			Old: Num(levelText(m.Old)), New: Num(levelText(m.New)), Effect: val(m.Effect, p+2)})
	}
	return out
}

// CompareJSON writes one object for a single comparison, or
// {"comparisons": [...], "only_old": [...], "only_new": [...], "errors": [...]}
// for several.
func CompareJSON(w io.Writer, cs *result.Comparisons, o Options) error {
	enc := json.NewEncoder(jsonWriter(w))
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
// and aspect, and every indicator that moved (with its effect). When both
// sides are butir lists, rows of kind "butir" follow, one per butir whose
// status changed: its code in id, its indicator's name in name, and the
// statuses before and after in old and new, in the language of o.Lang
// (empty on the side without the butir), as the predicates of spbe score's
// CSV; change and effect are empty (the effect is the indicator's row).
func CompareCSV(w io.Writer, cs *result.Comparisons, o Options) error {
	cw := newCSV(w)
	cw.Write([]string{"instansi", "kind", "id", "name", "old", "new", "change", "effect"})
	for _, c := range cs.Pairs {
		jc := newJSONComparison(c)
		inst := EscapeFormula(c.New.Instansi)
		name := "SPBE" // as it always was; a rubric with an index name of its own gives it
		if r := c.New.Result.Rubric; r.IndexNameID != "" {
			name = r.IndexNameID
		}
		cw.Write([]string{inst, "index", "", name, string(jc.Old.Index), string(jc.New.Index), string(jc.IndexChange), string(jc.IndexChange)})
		for _, d := range jc.Domains {
			cw.Write([]string{inst, "domain", d.ID, d.Name, string(d.Old), string(d.New), string(d.Change), ""})
		}
		for _, a := range jc.Aspects {
			cw.Write([]string{inst, "aspect", a.ID, a.Name, string(a.Old), string(a.New), string(a.Change), ""})
		}
		for _, m := range jc.Indicators {
			cw.Write([]string{inst, "indicator", m.ID, m.Name, string(m.Old), string(m.New), "", string(m.Effect)})
		}
		if c.Old.Butir == nil || c.New.Butir == nil {
			continue
		}
		status := func(it *butir.Item) string {
			if it == nil {
				return ""
			}
			return it.Status.Name(o.Lang)
		}
		for _, ch := range c.ButirChanges {
			it := ch.Item()
			name := ""
			if ind := c.New.Result.Rubric.Indicator(it.Indicator); ind != nil {
				name = ind.Name
			}
			cw.Write([]string{inst, "butir", EscapeFormula(it.Name()), name, status(ch.Old), status(ch.New), "", ""})
		}
	}
	return cw.Flush()
}
