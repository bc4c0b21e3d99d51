package textout

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func targetText(t plan.Target, p int, lang string) string {
	if t.Band != nil {
		return fmt.Sprintf("%s (≥ %s)", label.PredicateName(t.Band, lang), label.Number(t.Band.From, p, lang))
	}
	return label.Number(t.Index, p, lang)
}

// PlanText writes the plan: target, before and after, the steps grouped by
// aspect with the level before and after, then every aspect's index and
// points still open before and after, the aspects with most room first.
func PlanText(w io.Writer, e *result.Evaluation, pl *plan.Plan, o Options) error {
	var sb strings.Builder
	lang := o.Lang
	r := pl.Before.Rubric
	p := r.Precision
	n := func(d rubric.Decimal, places int) string { return label.Number(d, places, lang) }
	res := func(name string, x *index.Result, more ...string) {
		fmt.Fprintf(&sb, "%-10s %s  %s%s\n", name, n(x.Published, p), label.PredicateName(x.Predicate, lang), strings.Join(more, ""))
	}
	fmt.Fprintf(&sb, "%s  %s\n", e.Instansi, e.Source)
	provisionalLine(&sb, e, lang)
	if pl.Budget != nil {
		fmt.Fprintf(&sb, label.Plan.Get(lang, "budgetTitle")+"\n\n", n(*pl.Budget, 2))
	} else {
		fmt.Fprintf(&sb, label.Plan.Get(lang, "title")+"\n\n", targetText(pl.Target, p, lang))
	}
	res(label.Plan.Get(lang, "now"), pl.Before)
	if x := exactText(pl.After, lang); x != "" {
		// The exact index after the plan, when the published one rounds it.
		res(label.Plan.Get(lang, "after"), pl.After, "  (", fmt.Sprintf(label.Plan.Get(lang, "exact"), x), ")")
	} else {
		res(label.Plan.Get(lang, "after"), pl.After)
	}
	res(label.Plan.Get(lang, "max"), pl.Max)
	summary := fmt.Sprintf(label.Plan.Get(lang, "steps"), pl.TotalSteps)
	if pl.TotalCost != rubric.NewDecimal(int64(pl.TotalSteps)) || pl.Budget != nil {
		summary += ", " + fmt.Sprintf(label.Plan.Get(lang, "cost"), n(pl.TotalCost, 2))
	}
	if pl.Budget != nil {
		summary += ", " + fmt.Sprintf(label.Plan.Get(lang, "left"), n(pl.Left, 2))
	}
	fmt.Fprintf(&sb, "%-10s %s\n\n", "", summary)
	if pl.OnlyByRounding() && pl.Budget == nil {
		want := pl.Target.Index
		if pl.Target.Band != nil {
			want = pl.Target.Band.From
		}
		fmt.Fprintf(&sb, label.Plan.Get(lang, "rounding")+"\n\n", exactText(pl.After, lang), n(want, p))
	}
	if len(pl.External) > 0 {
		var ids []string
		for _, ind := range pl.External {
			ids = append(ids, label.IndicatorKey(ind)+" "+ind.Name)
		}
		fmt.Fprintf(&sb, label.Plan.Get(lang, "external")+"\n\n", strings.Join(ids, ", "))
	}
	switch {
	case !pl.Reachable:
		sb.WriteString(label.Plan.Get(lang, "unreachable") + "\n\n")
	case len(pl.Steps) == 0:
		sb.WriteString(label.Plan.Get(lang, "met") + "\n\n")
	}
	steps := pl.Steps
	for i, a := range pl.Before.Aspects {
		var mine []plan.Step
		for len(steps) > 0 && steps[0].Indicator.Aspect.ID == a.ID {
			mine, steps = append(mine, steps[0]), steps[1:]
		}
		if len(mine) == 0 {
			continue
		}
		after := pl.After.Aspects[i]
		fmt.Fprintf(&sb, "%s %6s → %s\n", pad(a.ID+" "+a.Name, 60), n(a.Index.Round(p), p), n(after.Index.Round(p), p))
		for _, s := range mine {
			line := fmt.Sprintf("  %s %s", label.IndicatorKey(s.Indicator), shortName(s.Indicator.Name))
			fmt.Fprintf(&sb, "%s %6s → %s  +%s\n", pad(line, 60), label.Level(s.From, lang), label.Level(s.To, lang), n(s.Gain.Round(p+2), p+2))
		}
	}
	if len(pl.Steps) > 0 {
		sb.WriteString("\n")
	}
	sb.WriteString(label.Plan.Get(lang, "room") + "\n")
	// Each cell is "before → after", under a header aligned with it.
	t := &textTable{nameWidth: 60, head: label.Plan.Get(lang, "aspect"),
		cols: []column{{head: label.Plan.Get(lang, "index"), min: 13}, {head: label.Plan.Get(lang, "open"), min: 17, sep: 2}}}
	for _, i := range byRoom(pl.Before) {
		a, after := pl.Before.Aspects[i], pl.After.Aspects[i]
		t.row(a.ID+" "+a.Name, n(a.Index.Round(p), p)+" → "+n(after.Index.Round(p), p),
			n(a.Available.Round(p+2), p+2)+" → "+n(after.Available.Round(p+2), p+2))
	}
	sb.WriteString(t.String())
	return writeString(w, sb.String())
}

// exactText writes the exact index of res in lang's decimal separator,
// or "" when it is the published index itself.
func exactText(res *index.Result, lang string) string {
	if res.Index.Cmp(res.Published) == 0 {
		return ""
	}
	x := res.Index.Exact()
	if lang != "en" {
		x = strings.Replace(x, ".", ",", 1)
	}
	return x
}

// byRoom returns the positions of the result's aspects, the most points
// still open first (rubric order among equals).
func byRoom(res *index.Result) []int {
	order := make([]int, len(res.Aspects))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return res.Aspects[j].Available.Compare(res.Aspects[i].Available)
	})
	return order
}

// provisionalLine writes the status line of a provisional evaluation,
// as spbe score writes it: the levels assumed, SEMENTARA or PROVISIONAL.
func provisionalLine(sb *strings.Builder, e *result.Evaluation, lang string) {
	if note := label.ProvisionalNote(e.Result.Rubric, e.Assumed, lang); note != "" {
		fmt.Fprintf(sb, "%-10s %s\n", label.Text.Get(lang, "status"), note)
	}
}

func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(NewTerminalWriter(w), s)
	return err
}

// JSONPlanStep is one indicator raised.
type JSONPlanStep struct {
	Indicator string `json:"indicator"`
	Aspect    string `json:"aspect"`
	Name      string `json:"name"`
	From      Num    `json:"from"`
	To        Num    `json:"to"`
	Gain      Num    `json:"gain"`
	Cost      *Num   `json:"cost,omitempty"`
}

// JSONPlanAspect is an aspect's index, and the index points still open
// up to the top level, before and after the plan.
type JSONPlanAspect struct {
	ID         string `json:"id"`
	Before     Num    `json:"before"`
	After      Num    `json:"after"`
	OpenBefore Num    `json:"open_before"`
	OpenAfter  Num    `json:"open_after"`
}

// JSONPlan is the JSON form of a plan (documented in docs/plan.md).
type JSONPlan struct {
	Source   string `json:"source"`
	Instansi string `json:"instansi"`
	Rubric   string `json:"rubric"`
	// RubricDiffers is present when the rubric presents itself as an
	// embedded one but differs from it.
	RubricDiffers *JSONMismatch `json:"rubric_differs_from_embedded,omitempty"`
	// Provisional is present when levels are the rubric's assumption
	// (--assume-external), as in spbe score's JSON.
	Provisional     *JSONProvisional `json:"provisional,omitempty"`
	Target          Num              `json:"target"`
	TargetPredicate string           `json:"target_predicate,omitempty"`
	Reachable       bool             `json:"reachable"`
	IndexBefore     Num              `json:"index_before"`
	PredicateBefore string           `json:"predicate_before"`
	IndexAfter      Num              `json:"index_after"`
	// IndexAfterExact is the exact index after the plan, written in full
	// (4.735): below the target when OnlyByRounding.
	IndexAfterExact string `json:"index_after_exact"`
	// OnlyByRounding is true when the target is met only because the
	// index is rounded half-up (no margin at all).
	OnlyByRounding bool   `json:"only_by_rounding"`
	PredicateAfter string `json:"predicate_after"`
	IndexMax       Num    `json:"index_max"`
	TotalSteps     int    `json:"total_steps"`
	TotalCost      *Num   `json:"total_cost,omitempty"`
	// Budget and BudgetLeft are present for a plan made for a budget.
	Budget     *Num `json:"budget,omitempty"`
	BudgetLeft *Num `json:"budget_left,omitempty"`
	// ExternalFixed lists the ids of the indicators scored by other
	// agencies that the plan kept as they are.
	ExternalFixed []string         `json:"external_fixed"`
	Steps         []JSONPlanStep   `json:"steps"`
	Aspects       []JSONPlanAspect `json:"aspects"`
}

// PlanJSON writes the plan as one JSON object.
func PlanJSON(w io.Writer, e *result.Evaluation, pl *plan.Plan, o Options) error {
	r := pl.Before.Rubric
	p := r.Precision
	out := JSONPlan{
		Source: e.Source, Instansi: e.Instansi, Rubric: r.ID, RubricDiffers: newJSONRubric(r).DiffersFromEmbedded,
		Provisional:     newJSONProvisional(e.Result.Rubric, e.Assumed),
		Target:          num(pl.Target.Index, p),
		Reachable:       pl.Reachable,
		IndexBefore:     num(pl.Before.Published, p),
		PredicateBefore: label.PredicateName(pl.Before.Predicate, "id"),
		IndexAfter:      num(pl.After.Published, p),
		IndexAfterExact: pl.After.Index.Exact(),
		OnlyByRounding:  pl.OnlyByRounding(),
		ExternalFixed:   []string{},
		PredicateAfter:  label.PredicateName(pl.After.Predicate, "id"),
		IndexMax:        num(pl.Max.Published, p),
		TotalSteps:      pl.TotalSteps,
		Steps:           []JSONPlanStep{},
	}
	if pl.Target.Band != nil {
		out.TargetPredicate = pl.Target.Band.Name
	}
	if o.Costs || pl.Budget != nil {
		c := num(pl.TotalCost, 2)
		out.TotalCost = &c
	}
	if pl.Budget != nil {
		b, l := num(*pl.Budget, 2), num(pl.Left, 2)
		out.Budget, out.BudgetLeft = &b, &l
	}
	for _, ind := range pl.External {
		out.ExternalFixed = append(out.ExternalFixed, ind.ID)
	}
	for _, s := range pl.Steps {
		st := JSONPlanStep{
			Indicator: s.Indicator.ID, Aspect: s.Indicator.Aspect.ID, Name: s.Indicator.Name,
			From: Num(levelText(s.From)), To: Num(levelText(s.To)), Gain: val(s.Gain, p+2),
		}
		if o.Costs {
			c := num(s.Cost, 2)
			st.Cost = &c
		}
		out.Steps = append(out.Steps, st)
	}
	for i, a := range pl.Before.Aspects {
		after := pl.After.Aspects[i]
		out.Aspects = append(out.Aspects, JSONPlanAspect{ID: a.ID, Before: val(a.Index, p), After: val(after.Index, p),
			OpenBefore: val(a.Available, p+2), OpenAfter: val(after.Available, p+2)})
	}
	enc := json.NewEncoder(jsonWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// PlanCSV writes one row per indicator raised.
func PlanCSV(w io.Writer, e *result.Evaluation, pl *plan.Plan, o Options) error {
	p := pl.Before.Rubric.Precision
	cw := newCSV(w)
	_ = cw.Write([]string{"indicator", "aspect", "name", "from", "to", "gain", "cost"})
	for _, s := range pl.Steps {
		_ = cw.Write([]string{s.Indicator.ID, s.Indicator.Aspect.ID, s.Indicator.Name,
			s.From.String(), s.To.String(), s.Gain.Round(p + 2).Fixed(p + 2), s.Cost.String()})
	}
	return cw.Flush()
}
