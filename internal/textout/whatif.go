package textout

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
)

// WhatIfText writes the index, predicate, domains and aspects now and
// after the changes, side by side, and under each aspect the indicators
// whose level changed, with both levels as they are (1,17 and 2,5, never
// rounded to a whole level).
func WhatIfText(w io.Writer, e *result.Evaluation, after *index.Result, o Options) error {
	before := e.Result
	lang, p := o.Lang, before.Rubric.Precision
	v := func(x index.Value) string { return label.Number(x.Round(p), p, lang) }
	now, then, change := label.Plan.Get(lang, "now"), label.Plan.Get(lang, "after"), label.Plan.Get(lang, "change")
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s  %s\n", e.Instansi, e.Source)
	provisionalLine(&sb, e, lang)
	if e.Simulated() {
		sb.WriteString(butirNotes(e, lang)[0] + "\n")
	}
	sb.WriteString("\n")
	t := &textTable{nameWidth: 60, cols: []column{{head: now, min: 9}, {head: then, min: 8, sep: 2}, {head: change, min: 8}}}
	line := func(name string, b, a index.Value) {
		d := a.Round(p) - b.Round(p)
		sign := "+"
		if d < 0 {
			sign = "-"
			d = -d
		}
		diff := sign + label.Number(d, p, lang)
		if d == 0 {
			diff = ""
		}
		t.row(name, v(b), v(a), diff)
	}
	// moved lists an aspect's indicators whose level changed.
	moved := func(aspect, indent string) {
		for i, it := range before.Indicators {
			a := after.Indicators[i]
			if it.Indicator.Aspect.ID != aspect || a.Level == it.Level {
				continue
			}
			t.row(indent+label.IndicatorKey(it.Indicator)+" "+it.Indicator.Name, label.Level(it.Level, lang), label.Level(a.Level, lang))
		}
	}
	line(label.Index(before.Rubric, lang, label.Text.Get(lang, "title")), before.Index, after.Index)
	t.row("", label.PredicateName(before.Predicate, lang), label.PredicateName(after.Predicate, lang))
	aspects := 0
	for ; len(before.Domains) == 0 && aspects < len(before.Aspects); aspects++ { // aspects directly under the index
		a := before.Aspects[aspects]
		line(a.ID+" "+a.Name, a.Index, after.Aspects[aspects].Index)
		moved(a.ID, "  ")
	}
	for i, d := range before.Domains {
		line(d.ID+" "+d.Name, d.Index, after.Domains[i].Index)
		for ; aspects < len(before.Aspects) && before.Aspects[aspects].Domain == d.ID; aspects++ {
			a := before.Aspects[aspects]
			line("  "+a.ID+" "+a.Name, a.Index, after.Aspects[aspects].Index)
			moved(a.ID, "    ")
		}
	}
	sb.WriteString(t.String())
	return writeString(NewTerminalWriter(w), sb.String())
}

// WhatIfJSON writes {"before": result, "after": result}.
func WhatIfJSON(w io.Writer, e *result.Evaluation, after *index.Result, o Options) error {
	a := *e
	a.Result = after
	enc := json.NewEncoder(jsonWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Before JSONResult `json:"before"`
		After  JSONResult `json:"after"`
	}{NewJSONResult(e), NewJSONResult(&a)})
}
