package textout

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Issue 19, item 16: an evaluation with assumed levels (--assume-external)
// is provisional in every output, as in spbe score: SEMENTARA in
// Indonesian, PROVISIONAL in English, "provisional" in JSON; and an
// evaluation without assumed levels says none of it.
func TestProvisionalEveryOutput(t *testing.T) {
	eval := func(assumed bool) *result.Evaluation {
		e := evaluation(t, "permenpanrb-59-2020", fixture.Perekonomian2021, "Instansi Contoh")
		if assumed {
			e.Assumed = []string{"21", "22"}
		}
		return e
	}
	raised := func(t *testing.T, e *result.Evaluation) *index.Result {
		levels := index.Levels{}
		for _, it := range e.Result.Indicators {
			levels[it.Indicator.ID] = it.Level
		}
		after, err := plan.WhatIf(e.Result.Rubric, levels, index.Levels{"1": rubric.NewLevel(5)})
		if err != nil {
			t.Fatal(err)
		}
		return after
	}
	outputs := []struct {
		name  string
		json  bool
		write func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error
	}{
		{"compare", false, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			c := &result.Comparison{Old: e, New: e, OldLabel: "lama.xlsx", NewLabel: "baru.xlsx"}
			return CompareText(w, &result.Comparisons{Pairs: []*result.Comparison{c}}, Options{Lang: lang})
		}},
		{"compare, several", false, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			c := &result.Comparison{Old: e, New: e, OldLabel: "lama.xlsx", NewLabel: "baru.xlsx"}
			return CompareText(w, &result.Comparisons{Pairs: []*result.Comparison{c, c}}, Options{Lang: lang})
		}},
		{"compare json", true, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			c := &result.Comparison{Old: e, New: e, OldLabel: "lama.xlsx", NewLabel: "baru.xlsx"}
			return CompareJSON(w, &result.Comparisons{Pairs: []*result.Comparison{c}}, Options{Lang: lang})
		}},
		{"plan", false, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			return PlanText(w, e, makePlan(t, e), Options{Lang: lang})
		}},
		{"plan json", true, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			return PlanJSON(w, e, makePlan(t, e), Options{Lang: lang})
		}},
		{"whatif", false, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			return WhatIfText(w, e, raised(t, e), Options{Lang: lang})
		}},
		{"whatif json", true, func(t *testing.T, w *bytes.Buffer, e *result.Evaluation, lang string) error {
			return WhatIfJSON(w, e, raised(t, e), Options{Lang: lang})
		}},
	}
	for _, o := range outputs {
		for _, lang := range []string{"id", "en"} {
			for _, assumed := range []bool{true, false} {
				var out bytes.Buffer
				if err := o.write(t, &out, eval(assumed), lang); err != nil {
					t.Fatalf("%s: %v", o.name, err)
				}
				s := out.String()
				mark := map[string]string{"id": "SEMENTARA", "en": "PROVISIONAL"}[lang]
				if o.json {
					mark = `"provisional": {`
					var v any
					if err := json.Unmarshal(out.Bytes(), &v); err != nil {
						t.Fatalf("%s: not JSON: %v", o.name, err)
					}
				}
				if got := strings.Contains(s, mark); got != assumed {
					t.Errorf("%s, --lang %s, assumed levels %v: says %q: %v, want %v:\n%s", o.name, lang, assumed, mark, got, assumed, s)
				}
				if assumed && !o.json && !strings.Contains(s, "21, 22") && !strings.Contains(o.name, "several") {
					t.Errorf("%s, --lang %s: the assumed indicators are not named:\n%s", o.name, lang, s)
				}
			}
		}
	}
}

func makePlan(t *testing.T, e *result.Evaluation) *plan.Plan {
	t.Helper()
	levels := index.Levels{}
	for _, it := range e.Result.Indicators {
		levels[it.Indicator.ID] = it.Level
	}
	target, err := plan.ParseTarget(e.Result.Rubric, "3.5")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := plan.Make(e.Result.Rubric, levels, target, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return pl
}
