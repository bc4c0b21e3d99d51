package textout

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ButirPlanFormats are the formats of spbe plan on a butir list.
var ButirPlanFormats = Formats[func(w io.Writer, e *result.Evaluation, p *butir.Plan, o Options) error]{
	{"csv", ButirPlanCSV},
	{"json", ButirPlanJSON},
	{"text", ButirPlanText},
}

// ButirPlanText writes a plan by butir: target or budget, the index now,
// after and at most, then the butir to get accepted, lowest level first,
// each with its indicator, the indicator's value before and after, its
// gain on the index and its cost.
func ButirPlanText(w io.Writer, e *result.Evaluation, pl *butir.Plan, o Options) error {
	var sb strings.Builder
	lang := o.Lang
	r := pl.Before.Rubric
	p := r.Precision
	n := func(d rubric.Decimal, places int) string { return label.Number(d, places, lang) }
	res := func(name string, x *index.Result) {
		fmt.Fprintf(&sb, "%-10s %s  %s\n", name, n(x.Published, p), label.PredicateName(x.Predicate, lang))
	}
	fmt.Fprintf(&sb, "%s  %s\n", e.Instansi, e.Source)
	if pl.Budget != nil {
		fmt.Fprintf(&sb, label.ButirPlan.Get(lang, "budget")+"\n\n", n(*pl.Budget, 2))
	} else {
		fmt.Fprintf(&sb, label.ButirPlan.Get(lang, "title")+"\n\n", targetText(pl.Target, p, lang))
	}
	res(label.Plan.Get(lang, "now"), pl.Before)
	res(label.Plan.Get(lang, "after"), pl.After)
	res(label.Plan.Get(lang, "max"), pl.Max)
	summary := fmt.Sprintf(label.ButirPlan.Get(lang, "count"), len(pl.Butir))
	if o.Costs || pl.Budget != nil {
		summary += ", " + fmt.Sprintf(label.ButirPlan.Get(lang, "cost"), n(pl.TotalCost, 2))
	}
	if pl.Budget != nil {
		summary += ", " + fmt.Sprintf(label.ButirPlan.Get(lang, "left"), n(pl.Left, 2))
	}
	fmt.Fprintf(&sb, "%-10s %s\n\n", "", summary)
	switch {
	case !pl.Reachable:
		sb.WriteString(label.ButirPlan.Get(lang, "unreachable") + "\n\n")
	case len(pl.Butir) == 0 && pl.Budget != nil:
		sb.WriteString(label.ButirPlan.Get(lang, "nothing") + "\n\n")
	case len(pl.Butir) == 0:
		sb.WriteString(label.ButirPlan.Get(lang, "met") + "\n\n")
	}
	if len(pl.Butir) > 0 {
		sb.WriteString(label.ButirPlan.Get(lang, "head") + "\n")
		cols := []column{
			{head: label.ButirPlan.Get(lang, "indicator"), left: true, sep: 2},
			{head: label.ButirPlan.Get(lang, "level"), min: 5},
			{head: label.ButirPlan.Get(lang, "value"), left: true, sep: 2},
			{head: label.ButirPlan.Get(lang, "gain"), min: 8},
		}
		if o.Costs || pl.Budget != nil {
			cols = append(cols, column{head: label.ButirPlan.Get(lang, "costcol"), min: 6})
		}
		cols = append(cols, column{head: label.ButirPlan.Get(lang, "pj"), left: true, sep: 2})
		t := &textTable{nameWidth: 14, head: label.ButirPlan.Get(lang, "butir"), cols: cols}
		for _, s := range pl.Butir {
			cells := []string{label.IndicatorKey(s.Indicator) + " " + shortName(s.Indicator.Name), strconv.Itoa(s.Item.Level),
				fixedLevel(s.From, lang) + " → " + fixedLevel(s.To, lang), "+" + n(s.Gain.Round(p+2), p+2)}
			if o.Costs || pl.Budget != nil {
				cells = append(cells, n(s.Link.Cost, 2))
			}
			cells = append(cells, s.Item.PJ)
			t.row(s.Item.Name(), cells...)
		}
		sb.WriteString(t.String())
	}
	return writeString(w, sb.String())
}

// JSONButirStep is one butir of a plan by butir.
type JSONButirStep struct {
	Butir     string `json:"butir"`
	Indicator string `json:"indicator"`
	Level     int    `json:"level"`
	From      Num    `json:"from"`
	To        Num    `json:"to"`
	Gain      Num    `json:"gain"`
	GainExact string `json:"gain_exact"`
	Cost      Num    `json:"cost"`
	Status    string `json:"status"`
	PJ        string `json:"pj,omitempty"`
}

// JSONButirPlan is the JSON form of a plan by butir.
type JSONButirPlan struct {
	Source          string          `json:"source"`
	Instansi        string          `json:"instansi"`
	Rubric          string          `json:"rubric"`
	Simulated       bool            `json:"simulated"`
	Note            string          `json:"note"`
	Target          *Num            `json:"target"`
	TargetPredicate string          `json:"target_predicate,omitempty"`
	Budget          *Num            `json:"budget"`
	Left            *Num            `json:"left"`
	Reachable       bool            `json:"reachable"`
	IndexBefore     Num             `json:"index_before"`
	PredicateBefore string          `json:"predicate_before"`
	IndexAfter      Num             `json:"index_after"`
	IndexAfterExact string          `json:"index_after_exact"`
	PredicateAfter  string          `json:"predicate_after"`
	IndexMax        Num             `json:"index_max"`
	TotalButir      int             `json:"total_butir"`
	TotalCost       Num             `json:"total_cost"`
	Steps           []JSONButirStep `json:"steps"`
}

// ButirPlanJSON writes a plan by butir as one JSON object.
func ButirPlanJSON(w io.Writer, e *result.Evaluation, pl *butir.Plan, o Options) error {
	r := pl.Before.Rubric
	p := r.Precision
	out := JSONButirPlan{
		Source: e.Source, Instansi: e.Instansi, Rubric: r.ID, Simulated: e.Simulated(),
		Note:            "simulasi dari butir: values computed from evidence items by a rule observed on the 2026 assessors' results, not an official formula",
		Reachable:       pl.Reachable,
		IndexBefore:     num(pl.Before.Published, p),
		PredicateBefore: label.PredicateName(pl.Before.Predicate, "id"),
		IndexAfter:      num(pl.After.Published, p),
		IndexAfterExact: pl.After.Index.Exact(),
		PredicateAfter:  label.PredicateName(pl.After.Predicate, "id"),
		IndexMax:        num(pl.Max.Published, p),
		TotalButir:      len(pl.Butir),
		TotalCost:       num(pl.TotalCost, 2),
		Steps:           []JSONButirStep{},
	}
	if pl.Budget != nil {
		b, l := num(*pl.Budget, 2), num(pl.Left, 2)
		out.Budget, out.Left = &b, &l
	} else {
		t := num(pl.Target.Index, p)
		out.Target = &t
		if pl.Target.Band != nil {
			out.TargetPredicate = pl.Target.Band.Name
		}
	}
	for _, s := range pl.Butir {
		out.Steps = append(out.Steps, JSONButirStep{
			Butir: s.Item.Name(), Indicator: s.Indicator.ID, Level: s.Item.Level,
			From: Num(levelText(s.From)), To: Num(levelText(s.To)), Gain: val(s.Gain, p+2), GainExact: s.Gain.Exact(),
			Cost: num(s.Link.Cost, 2), Status: s.Item.Status.Name("id"), PJ: s.Item.PJ,
		})
	}
	enc := json.NewEncoder(jsonWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ButirPlanCSV writes one row per butir of the plan, lowest level first.
func ButirPlanCSV(w io.Writer, e *result.Evaluation, pl *butir.Plan, o Options) error {
	p := pl.Before.Rubric.Precision
	cw := newCSV(w)
	_ = cw.Write([]string{"butir", "indicator", "level", "from", "to", "gain", "cost", "status", "pj"})
	for _, s := range pl.Butir {
		_ = cw.Write([]string{EscapeFormula(s.Item.Name()), s.Indicator.ID, strconv.Itoa(s.Item.Level), s.From.String(), s.To.String(),
			s.Gain.Round(p + 2).Fixed(p + 2), s.Link.Cost.String(), s.Item.Status.Name(o.Lang), EscapeFormula(s.Item.PJ)})
	}
	return cw.Flush()
}
