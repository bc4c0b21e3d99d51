package plan_test

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func mustRubric(t testing.TB, id string) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// lvl parses an exact level.
func lvl(t testing.TB, s string) rubric.Level {
	t.Helper()
	l, err := rubric.ParseLevel(s)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// asLevel converts a whole or decimal number to a level.
func asLevel(d rubric.Decimal) rubric.Level {
	l, _ := rubric.LevelOf(d)
	return l
}

func dec(t testing.TB, s string) rubric.Decimal {
	t.Helper()
	d, err := rubric.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// uniform gives every indicator of r the same level.
func uniform(r *rubric.Rubric, level int64) index.Levels {
	ls := index.Levels{}
	for _, ind := range r.Indicators() {
		ls[ind.ID] = rubric.NewLevel(level)
	}
	return ls
}

// with returns levels with changes written as for ParseChanges.
func with(t testing.TB, r *rubric.Rubric, ls index.Levels, changes string) index.Levels {
	t.Helper()
	ch, err := plan.ParseChanges(r, changes)
	if err != nil {
		t.Fatal(err)
	}
	out := index.Levels{}
	for k, v := range ls {
		out[k] = v
	}
	for k, v := range ch {
		out[k] = v
	}
	return out
}

// met judges a result against a target independently of the planner: a
// band on the result's predicate, an index on the published index.
func met(res *index.Result, t plan.Target) bool {
	if t.Band != nil {
		return res.Predicate.From >= t.Band.From
	}
	return res.Published >= t.Index
}

// checkMinimal fails when lowering any one planned step by one level still
// meets what the plan reached.
func checkMinimal(t *testing.T, r *rubric.Rubric, p *plan.Plan) {
	t.Helper()
	goal := p.Target
	if !p.Reachable {
		goal = plan.Target{Index: p.Max.Published}
	}
	planned := p.Levels()
	for _, s := range p.Steps {
		// One step fewer: the whole level below To (the one below a
		// partial step), or From when there was one step.
		lower := rubric.NewLevel(s.To.Floor())
		if s.To.IsInteger() {
			lower -= rubric.NewLevel(1)
		}
		lower = max(lower, s.From)
		res, err := plan.WhatIf(r, planned, index.Levels{s.Indicator.ID: lower})
		if err != nil {
			t.Fatal(err)
		}
		if met(res, goal) {
			t.Errorf("step on %s (%s -> %s) is not needed: without it the index is %s", s.Indicator.ID, s.From, s.To, res.Published.Fixed(r.Precision))
		}
	}
}

func TestParseTarget(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	tests := []struct {
		in        string
		wantIndex string
		wantBand  string
		wantErr   string
	}{
		{"4.2", "4.2", "", ""},
		{"4,74", "4.74", "", ""},
		{" 3.5 ", "3.5", "", ""},
		{"5", "5", "", ""},
		{"1", "1", "", ""},
		{"Memuaskan", "4.2", "Memuaskan", ""},
		{"sangat baik", "3.5", "Sangat Baik", ""},
		{"SANGAT   BAIK", "3.5", "Sangat Baik", ""},
		{"Very good", "3.5", "Sangat Baik", ""},
		{"cukup", "1.8", "Cukup", ""},
		{"", "", "", "target is empty: want an index such as 4.2 or a predicate such as Memuaskan"},
		{"luar biasa", "", "", `target "luar biasa" is neither an index nor a predicate (Memuaskan, Sangat Baik, Baik, Cukup, Kurang)`},
		{"5.01", "", "", "target 5.01 is outside the index range 1 to 5"},
		{"0.5", "", "", "target 0.5 is outside the index range 1 to 5"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plan.ParseTarget(r, tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Index.String() != tt.wantIndex {
				t.Errorf("index = %s, want %s", got.Index, tt.wantIndex)
			}
			band := ""
			if got.Band != nil {
				band = got.Band.Name
			}
			if band != tt.wantBand {
				t.Errorf("band = %q, want %q", band, tt.wantBand)
			}
		})
	}
}

func TestParseChanges(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	tests := []struct {
		in      string
		want    string // sorted id=level
		wantErr string
	}{
		{"21=3,22=3,29..31=2", "21=3 22=3 29=2 30=2 31=2", ""},
		{"21=3; 22=4", "21=3 22=4", ""},
		{"9..12=5", "10=5 11=5 12=5 9=5", ""},
		{"47=1", "47=1", ""},
		{"", "", "changes are empty: want id=level pairs such as 21=3,29..31=2"},
		{"21=3,5", "", `change "21=3,5": a comma separates changes: write a decimal level with a point (21=3.5)`},
		{"21=3;5", "", `change "5": want id=level, such as 21=3`},
		{"21", "", `change "21": want id=level, such as 21=3`},
		{"x", "", `change "x": want id=level, such as 21=3`},
		{"21=tiga", "", `change "21=tiga": level "tiga" is not a number`},
		{"48=3", "", `change "48=3": indicator "48" is not in the rubric`},
		{"31..29=2", "", `change "31..29=2": indicator 31 comes after 29 in the rubric`},
		{"29..50=2", "", `change "29..50=2": indicator "50" is not in the rubric`},
		{"21=6", "", `change "21=6": indicator 21: level 6 is outside the scale 1 to 5`},
		{"21=2.5", "", `change "21=2.5": indicator 21: level 2.5 is not a whole number from 1 to 5`},
		{"21=3,20..22=4", "", `change "20..22=4": indicator 21 is changed twice`},
		{"21=6,48=1", "", "change \"21=6\": indicator 21: level 6 is outside the scale 1 to 5\nchange \"48=1\": indicator \"48\" is not in the rubric"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plan.ParseChanges(r, tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for id, l := range got {
				s = append(s, id+"="+l.String())
			}
			slices.Sort(s)
			if g := strings.Join(s, " "); g != tt.want {
				t.Errorf("changes = %s, want %s", g, tt.want)
			}
		})
	}
}

// Every message of the parsers of --set, --fixed and --target speaks of
// what is wrong with the text given, and spaces around = and .. are
// accepted: "21 = 3" once drew a hint about decimal points.
func TestParseMessages(t *testing.T) {
	spbe, pemdi := mustRubric(t, "permenpanrb-59-2020"), mustRubric(t, "permenpanrb-8-2026")
	changes := func(r *rubric.Rubric) func(string) (string, error) {
		return func(s string) (string, error) {
			ch, err := plan.ParseChanges(r, s)
			var out []string
			for id, l := range ch {
				out = append(out, id+"="+l.String())
			}
			slices.Sort(out)
			return strings.Join(out, " "), err
		}
	}
	indicators := func(r *rubric.Rubric) func(string) (string, error) {
		return func(s string) (string, error) {
			ids, err := plan.ParseIndicators(r, s)
			var out []string
			for id := range ids {
				out = append(out, id)
			}
			slices.Sort(out)
			return strings.Join(out, " "), err
		}
	}
	target := func(r *rubric.Rubric) func(string) (string, error) {
		return func(s string) (string, error) {
			tg, err := plan.ParseTarget(r, s)
			return tg.String(), err
		}
	}
	tests := []struct {
		flag    string
		parse   func(string) (string, error)
		in      string
		want    string // the value read, when there is no error
		wantErr string
	}{
		// --set: spaces around = and .. are accepted.
		{"set", changes(spbe), "21 = 3", "21=3", ""},
		{"set", changes(spbe), "21= 3, 22 =4", "21=3 22=4", ""},
		{"set", changes(spbe), "29 .. 31 = 2", "29=2 30=2 31=2", ""},
		{"set", changes(pemdi), "3.2 = 2.5", "6=2.5", ""},
		// --set: each mistake named for what it is.
		{"set", changes(spbe), "21 3", "", `change "21 3": want id=level, with = between them (21=3)`},
		{"set", changes(spbe), "21:3", "", `change "21:3": want id=level, such as 21=3`},
		{"set", changes(spbe), "=3", "", `change "=3": the indicator before = is missing`},
		{"set", changes(spbe), "21=", "", `change "21=": the level after = is missing`},
		{"set", changes(spbe), "21=tiga", "", `change "21=tiga": level "tiga" is not a number`},
		{"set", changes(spbe), "21==3", "", `change "21==3": level "=3" is not a number`},
		{"set", changes(spbe), "21=3,5", "", `change "21=3,5": a comma separates changes: write a decimal level with a point (21=3.5)`},
		{"set", changes(spbe), "21-23=2", "", `change "21-23=2": indicator "21-23" is not in the rubric; a range is written with two dots (21..23)`},
		{"set", changes(spbe), "..23=2", "", `change "..23=2": range "..23" needs an indicator on each side of .. (such as 29..31)`},
		{"set", changes(spbe), "48=3", "", `change "48=3": indicator "48" is not in the rubric`},
		{"set", changes(spbe), "21=6", "", `change "21=6": indicator 21: level 6 is outside the scale 1 to 5`},
		{"set", changes(spbe), "21=2.5", "", `change "21=2.5": indicator 21: level 2.5 is not a whole number from 1 to 5`},
		{"set", changes(spbe), " ", "", "changes are empty: want id=level pairs such as 21=3,29..31=2"},
		// --fixed
		{"fixed", indicators(spbe), "29 .. 31", "29 30 31", ""},
		{"fixed", indicators(spbe), "45-47", "", `"45-47": indicator "45-47" is not in the rubric; a range is written with two dots (45..47)`},
		{"fixed", indicators(spbe), "45..", "", `"45..": range "45.." needs an indicator on each side of .. (such as 29..31)`},
		{"fixed", indicators(spbe), "48", "", `"48": indicator "48" is not in the rubric`},
		{"fixed", indicators(pemdi), "3.9", "", `"3.9": indicator "3.9" is not in the rubric`},
		{"fixed", indicators(spbe), ";", "", "no indicators: want ids such as 45,46,47 or a range such as 29..31"},
		// --target
		{"target", target(spbe), " Sangat  baik ", "Sangat Baik", ""},
		{"target", target(spbe), "4,2", "4.2", ""},
		{"target", target(spbe), "", "", "target is empty: want an index such as 4.2 or a predicate such as Memuaskan"},
		{"target", target(spbe), "Sangat", "", `target "Sangat" is neither an index nor a predicate (Memuaskan, Sangat Baik, Baik, Cukup, Kurang)`},
		{"target", target(spbe), "42", "", "target 42 is outside the index range 1 to 5"},
	}
	for _, tt := range tests {
		got, err := tt.parse(tt.in)
		switch {
		case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
			t.Errorf("--%s %q: error = %v\nwant %s", tt.flag, tt.in, err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Errorf("--%s %q: %v", tt.flag, tt.in, err)
		case tt.wantErr == "" && got != tt.want:
			t.Errorf("--%s %q = %s, want %s", tt.flag, tt.in, got, tt.want)
		}
	}
}

// Indeks Pemdi: fractional levels on its non-integer scale, indicators by
// id or by the assessors' code, and a decimal comma refused with a hint.
func TestParseChangesPemdi(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	tests := []struct {
		in      string
		want    string // sorted id=level
		wantErr string
	}{
		{"5=2.5", "5=2.5", ""},
		{"3=1.1666666666666667", "3=1.1666666666666667", ""},
		{"3.2=2", "6=2", ""},
		{"3.1..3.4=4", "5=4 6=4 7=4 8=4", ""},
		{"7.2=3.5 1=5", "1=5 20=3.5", ""},
		{"19..7.2=5", "19=5 20=5", ""},
		{"5=2,5", "", `change "5=2,5": a comma separates changes: write a decimal level with a point (5=2.5)`},
		{"3.2=2,5", "", `change "3.2=2,5": a comma separates changes: write a decimal level with a point (3.2=2.5)`},
		{"3.9=2", "", `change "3.9=2": indicator "3.9" is not in the rubric`},
		{"3.4..3.1=2", "", `change "3.4..3.1=2": indicator 3.4 comes after 3.1 in the rubric`},
		{"5=5.5", "", `change "5=5.5": indicator 5: level 5.5 is outside the scale 1 to 5`},
		{"5=1.16666666666666674", "", `change "5=1.16666666666666674": level "1.16666666666666674" is not a number`},
		{"3.1=2,5=3", "", `change "5=3": indicator 5 is changed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plan.ParseChanges(r, tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for id, l := range got {
				s = append(s, id+"="+l.String())
			}
			slices.Sort(s)
			if g := strings.Join(s, " "); g != tt.want {
				t.Errorf("changes = %s, want %s", g, tt.want)
			}
		})
	}
}

func TestParseIndicators(t *testing.T) {
	pemdi, spbe := mustRubric(t, "permenpanrb-8-2026"), mustRubric(t, "permenpanrb-59-2020")
	tests := []struct {
		r       *rubric.Rubric
		in      string
		want    string
		wantErr string
	}{
		{spbe, "45,46,47", "45 46 47", ""},
		{spbe, "29..31; 1", "1 29 30 31", ""},
		{pemdi, "3.1..3.3,20", "20 5 6 7", ""},
		{pemdi, "7.1 7.2", "19 20", ""},
		{spbe, "3.1", "", `"3.1": indicator "3.1" is not in the rubric`},
		{spbe, "31..29,50", "", "\"31..29\": indicator 31 comes after 29 in the rubric\n\"50\": indicator \"50\" is not in the rubric"},
		{spbe, ",", "", "no indicators: want ids such as 45,46,47 or a range such as 29..31"},
	}
	for _, tt := range tests {
		got, err := plan.ParseIndicators(tt.r, tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: error = %v, want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		var ids []string
		for id := range got {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		if g := strings.Join(ids, " "); g != tt.want {
			t.Errorf("%s: ids = %s, want %s", tt.in, g, tt.want)
		}
	}
}

// A code that is another indicator's id is ambiguous.
func TestLookupAmbiguous(t *testing.T) {
	r, err := rubric.Parse("x.yaml", []byte(`id: x
name: X
total: 10
precision: 2
rounding: half-up
predicate_on: rounded
scales: [{id: s, min: 1, max: 5, integer: true, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}]
predicates: [{name: A, from: 1, to: 5}]
aspects: [{id: A1, name: A, weight: 10, indicators: [{id: "1", code: "2", name: a, weight: 5}, {id: "2", code: "1.2", name: b, weight: 5}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Lookup(r, "2"); err == nil || err.Error() != `indicator "2" is ambiguous: the id of indicator 2 and the code of indicator 1` {
		t.Errorf("error = %v", err)
	}
	if ind, err := plan.Lookup(r, "1.2"); err != nil || ind.ID != "2" {
		t.Errorf("1.2: %v, %v", ind, err)
	}
}

func TestWhatIf(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := uniform(r, 3)
	res, err := plan.WhatIf(r, ls, index.Levels{"47": rubric.NewLevel(5)})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Published.Fixed(2); got != "3.06" {
		t.Errorf("index = %s, want 3.06", got)
	}
	if ls["47"] != rubric.NewLevel(3) {
		t.Errorf("WhatIf changed its input")
	}
	_, err = plan.WhatIf(r, ls, index.Levels{"47": rubric.NewLevel(6), "48": rubric.NewLevel(1)})
	want := "what-if: change of indicator 47: level 6 is outside the scale 1 to 5\nwhat-if: change of indicator 48: not an indicator of the rubric"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

// An instansi at 3,79 (Sangat Baik) plans for Memuaskan and for 4,74.
func TestMakeKaltim(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := with(t, r, uniform(r, 4), "42..44=2,21..22=3")
	four := dec(t, "4")
	tests := []struct {
		target     string
		opts       plan.Options
		reachable  bool
		wantSteps  int
		wantAfter  string
		wantPred   string
		wantRaised string
	}{
		{"Memuaskan", plan.Options{}, true, 14, "4.21", "Memuaskan", "32 33 42 43 44 45 46 47"},
		{"4,2", plan.Options{}, true, 14, "4.21", "Memuaskan", "32 33 42 43 44 45 46 47"},
		{"4,74", plan.Options{}, true, 36, "4.74", "Memuaskan", ""},
		{"3,79", plan.Options{}, true, 0, "3.79", "Sangat Baik", ""},
		{"sangat baik", plan.Options{}, true, 0, "3.79", "Sangat Baik", ""},
		// At most level 4: only 42..44 (+6 steps x 3) and 21, 22 (+2 x 1,5) can move.
		{"Memuaskan", plan.Options{MaxLevel: &four}, false, 8, "4.00", "Sangat Baik", "21 22 42 43 44"},
		{"3.95", plan.Options{MaxLevel: &four}, true, 6, "3.97", "Sangat Baik", "42 43 44"},
		{"Memuaskan", plan.Options{Fixed: map[string]bool{"42": true, "43": true, "44": true}}, true, 15, "4.21", "Memuaskan", ""},
	}
	for _, tt := range tests {
		t.Run(tt.target+fmt.Sprint(tt.opts.MaxLevel != nil, len(tt.opts.Fixed)), func(t *testing.T) {
			target, err := plan.ParseTarget(r, tt.target)
			if err != nil {
				t.Fatal(err)
			}
			p, err := plan.Make(r, ls, target, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Before.Published.Fixed(2); got != "3.79" {
				t.Fatalf("before = %s, want 3.79", got)
			}
			if p.Reachable != tt.reachable {
				t.Errorf("reachable = %v, want %v", p.Reachable, tt.reachable)
			}
			if p.TotalSteps != tt.wantSteps {
				t.Errorf("steps = %d, want %d", p.TotalSteps, tt.wantSteps)
			}
			if p.TotalCost != rubric.NewDecimal(int64(tt.wantSteps)) {
				t.Errorf("cost = %s, want %d (one per step)", p.TotalCost, tt.wantSteps)
			}
			if got := p.After.Published.Fixed(2); got != tt.wantAfter {
				t.Errorf("after = %s, want %s", got, tt.wantAfter)
			}
			if p.After.Predicate.Name != tt.wantPred {
				t.Errorf("after predicate = %s, want %s", p.After.Predicate.Name, tt.wantPred)
			}
			if !p.Reachable && p.After.Published != p.Max.Published {
				t.Errorf("after = %s, max = %s: want equal when unreachable", p.After.Published.Fixed(2), p.Max.Published.Fixed(2))
			}
			var raised []string
			n := 0
			for _, s := range p.Steps {
				raised = append(raised, s.Indicator.ID)
				n += s.Levels()
			}
			if n != p.TotalSteps {
				t.Errorf("steps add up to %d, TotalSteps %d", n, p.TotalSteps)
			}
			if tt.wantRaised != "" && strings.Join(raised, " ") != tt.wantRaised {
				t.Errorf("raised %s, want %s", strings.Join(raised, " "), tt.wantRaised)
			}
			for _, id := range raised {
				if tt.opts.Fixed[id] {
					t.Errorf("raised fixed indicator %s", id)
				}
			}
			checkMinimal(t, r, p)
		})
	}
}

func TestMarginal(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := with(t, r, uniform(r, 3), "42..47=5,32..35=4")
	res, err := index.Compute(r, ls)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Published.Fixed(2); got != "3.47" {
		t.Fatalf("index = %s, want 3.47", got)
	}
	// To 3,50 (3,495 rounds up) needs 2,5 more level x weight.
	want := "2 2 2 2 2 2 2 2 2 2 " + // 1..10, weight 1,3
		"1 1 1 1 1 1 1 1 1 1 " + // 11..20, weight 2,5
		"2 2 2 2 2 2 2 2 2 2 2 " + // 21..31, weight 1,5
		"1 1 1 1 1 1 1 1 1 1 " + // 32..41, weight 2,75
		"0 0 0 0 0 0" // 42..47 at level 5
	ms := plan.Marginal(res)
	var got []string
	for i, m := range ms {
		got = append(got, fmt.Sprint(m.ToNextBand))
		if m.Indicator != r.Indicators()[i] {
			t.Fatalf("margin %d is of indicator %s", i, m.Indicator.ID)
		}
		wantGain := m.Indicator.Weight / 100
		if res.Indicators[i].Level == rubric.NewLevel(5) {
			wantGain = 0
		}
		if m.Gain.Cmp(wantGain) != 0 {
			t.Errorf("indicator %s: gain %s, want %s", m.Indicator.ID, m.Gain.Exact(), wantGain)
		}
		// Cross-check with what-if: n steps reach Sangat Baik, n-1 do not.
		if n := m.ToNextBand; n > 0 {
			for k, wantMet := range map[int]bool{n: true, n - 1: false} {
				res, err := plan.WhatIf(r, ls, index.Levels{m.Indicator.ID: res.Indicators[i].Level + rubric.NewLevel(int64(k))})
				if err != nil {
					t.Fatal(err)
				}
				if got := res.Predicate.Name == "Sangat Baik"; got != wantMet {
					t.Errorf("indicator %s + %d levels: %s %s", m.Indicator.ID, k, res.Published.Fixed(2), res.Predicate.Name)
				}
			}
		}
	}
	if g := strings.Join(got, " "); g != want {
		t.Errorf("to next band =\n%s\nwant\n%s", g, want)
	}
	// In the top band there is no next band.
	top, err := index.Compute(r, uniform(r, 5))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range plan.Marginal(top) {
		if m.ToNextBand != 0 || m.Gain.Sign() != 0 {
			t.Fatalf("at the top: %+v", m)
		}
	}
}

func TestMakeErrors(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := uniform(r, 3)
	target := plan.Target{Index: dec(t, "4.2")}
	bad := uniform(r, 3)
	bad["1"] = rubric.NewLevel(6)
	tests := []struct {
		name   string
		levels index.Levels
		opts   plan.Options
		want   string
	}{
		{"level", bad, plan.Options{}, "plan: indicator 1: level 6 is outside the scale 1 to 5"},
		{"fixed", ls, plan.Options{Fixed: map[string]bool{"48": true}}, "plan: fixed indicator 48: not an indicator of the rubric"},
		{"cost", ls, plan.Options{Costs: map[string]rubric.Decimal{"0": 1, "1": -1}}, "plan: cost of indicator 0: not an indicator of the rubric\nplan: cost of indicator 1: -0.000001 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plan.Make(r, tt.levels, target, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
		})
	}
}

// Costs change the plan: with level 5 expensive everywhere but on the
// services, only the services go to 5.
func TestMakeCosts(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := uniform(r, 3)
	costs := map[string]rubric.Decimal{}
	for _, ind := range r.Indicators() {
		costs[ind.ID] = dec(t, "2.5")
	}
	for _, id := range []string{"32", "33", "34", "35", "36"} {
		costs[id] = dec(t, "0.5")
	}
	p, err := plan.Make(r, ls, plan.Target{Index: dec(t, "3.2")}, plan.Options{Costs: costs})
	if err != nil {
		t.Fatal(err)
	}
	// 3,195 needs 19,5 more level x weight. Seven cheap steps (19,25) are
	// short, and seven cheap plus one dear step cost 6, so eight cheap
	// steps (22) for 4; ties go to the earlier indicators.
	var raised []string
	for _, s := range p.Steps {
		raised = append(raised, fmt.Sprintf("%s:%s->%s", s.Indicator.ID, s.From, s.To))
	}
	if got, want := strings.Join(raised, " "), "32:3->5 33:3->5 34:3->5 35:3->5"; got != want {
		t.Errorf("steps = %s, want %s", got, want)
	}
	if p.TotalCost != dec(t, "4") || p.TotalSteps != 8 {
		t.Errorf("cost %s in %d steps, want 4 in 8", p.TotalCost, p.TotalSteps)
	}
	if got := p.After.Published.Fixed(2); got != "3.22" {
		t.Errorf("after = %s, want 3.22", got)
	}
}

func ExampleMake() {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	levels := index.Levels{}
	for _, ind := range r.Indicators() {
		levels[ind.ID] = rubric.NewLevel(3)
	}
	target, _ := plan.ParseTarget(r, "Sangat Baik")
	p, err := plan.Make(r, levels, target, plan.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Before.Published.Fixed(2), "->", p.After.Published.Fixed(2), p.After.Predicate.Name, "in", p.TotalSteps, "steps")
	for _, s := range p.Steps {
		fmt.Printf("%s: %s -> %s (+%s)\n", s.Indicator.ID, s.From, s.To, s.Gain.Round(4).Fixed(4))
	}
	// Output:
	// 3.00 -> 3.50 Sangat Baik in 17 steps
	// 32: 3 -> 5 (+0.0550)
	// 33: 3 -> 5 (+0.0550)
	// 34: 3 -> 4 (+0.0275)
	// 42: 3 -> 5 (+0.0600)
	// 43: 3 -> 5 (+0.0600)
	// 44: 3 -> 5 (+0.0600)
	// 45: 3 -> 5 (+0.0600)
	// 46: 3 -> 5 (+0.0600)
	// 47: 3 -> 5 (+0.0600)
}

func benchLevels(r *rubric.Rubric) index.Levels {
	ls := index.Levels{}
	for i, ind := range r.Indicators() {
		ls[ind.ID] = rubric.NewLevel(int64(i%3 + 1))
	}
	return ls
}

func BenchmarkMake(b *testing.B) {
	r := mustRubric(b, "permenpanrb-59-2020")
	ls := benchLevels(r)
	costs := map[string]rubric.Decimal{}
	for i, ind := range r.Indicators() {
		costs[ind.ID] = rubric.Decimal(int64(i%4+1) * 500_000)
	}
	target := plan.Target{Index: dec(b, "4.2"), Band: r.BandNamed("Memuaskan")}
	for _, bc := range []struct {
		name string
		opts plan.Options
	}{
		{"steps", plan.Options{}},
		{"costs", plan.Options{Costs: costs}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := plan.Make(r, ls, target, bc.opts)
				if err != nil || !p.Reachable {
					b.Fatal(err)
				}
			}
		})
	}
}

// A band target is judged on the band, whatever Index holds; with
// predicate_on exact a band needs the exact index, an index target only the
// published one.
func TestTargetJudgement(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := with(t, r, uniform(r, 4), "42..44=2,21..22=3")
	p, err := plan.Make(r, ls, plan.Target{Band: r.BandNamed("Memuaskan")}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.TotalSteps != 14 || p.After.Predicate.Name != "Memuaskan" {
		t.Errorf("band target without Index: %d steps to %s, want 14 to Memuaskan", p.TotalSteps, p.After.Predicate.Name)
	}
	// Two indicators of weight 50 on a decimal scale at 4,19 and 4,2: the
	// exact index 4,195 is published as 4,20.
	src := `id: two
name: Two
total: 100
precision: 2
rounding: half-up
predicate_on: exact
scales: [{id: s, min: 1, max: 5, integer: false, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}]
predicates:
  - {name: Memuaskan, from: 4.2, to: 5}
  - {name: Sangat Baik, from: 3.5, to: 4.2}
  - {name: Baik, from: 1, to: 3.5}
domains: [{id: D, name: D, weight: 100, aspects: [{id: A, name: A, weight: 100, indicators: [{id: "1", name: a, weight: 50}, {id: "2", name: b, weight: 50}]}]}]
`
	two, err := rubric.Parse("two.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lv := index.Levels{"1": lvl(t, "4.19"), "2": lvl(t, "4.2")}
	for _, tt := range []struct {
		target string
		steps  int
	}{{"4.2", 0}, {"Memuaskan", 1}} {
		target, err := plan.ParseTarget(two, tt.target)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Make(two, lv, target, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.TotalSteps != tt.steps || !p.Reachable {
			t.Errorf("target %s: %d steps (reachable %v), want %d", tt.target, p.TotalSteps, p.Reachable, tt.steps)
		}
		if tt.steps > 0 && p.After.Predicate.Name != "Memuaskan" {
			t.Errorf("target %s: after %s is %s", tt.target, p.After.Index.Exact(), p.After.Predicate.Name)
		}
	}
}

// Indeks Pemdi: levels stored with 17 significant digits are planned
// exactly, and the plan agrees with index.Compute.
func TestMakeFineLevels(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	vals := []string{"3", "2", "1.1666666666666667", "2", "2", "1", "2", "1.5", "2", "2.3333333333333335",
		"1", "2", "3", "3.25", "2", "2", "3", "1", "3", "2"}
	ls := index.Levels{}
	for i, ind := range r.Indicators() {
		ls[ind.ID] = lvl(t, vals[i])
	}
	for _, target := range []string{"Baik", "Sangat Baik", "Memuaskan", "2.2"} {
		tg, err := plan.ParseTarget(r, target)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Make(r, ls, tg, plan.Options{})
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		if !p.Reachable || !met(p.After, tg) {
			t.Errorf("%s: reachable %v, after %s", target, p.Reachable, p.After.Published.Fixed(2))
		}
		check, err := index.Compute(r, p.Levels())
		if err != nil || check.Index.Compare(p.After.Index) != 0 {
			t.Errorf("%s: planned levels score %v, %v; plan says %s", target, check, err, p.After.Index)
		}
		checkMinimal(t, r, p)
	}
	// A partial last step ends at the scale's maximum exactly (the
	// indicators scored by other agencies included, to reach 5).
	tg, _ := plan.ParseTarget(r, "5")
	p, err := plan.Make(r, ls, tg, plan.Options{IncludeExternal: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.After.Published.Fixed(2) != "5.00" {
		t.Errorf("to 5: %s", p.After.Published.Fixed(2))
	}
	for _, s := range p.Steps {
		if s.To != rubric.NewLevel(5) {
			t.Errorf("step on %s ends at %s, want 5", s.Indicator.ID, s.To)
		}
	}
	// A step from 1.1666666666666667 goes to 2: 5 x 0.8333333333333333 /
	// 100 (not a whole level's 0,05).
	ms := plan.Marginal(p.Before)
	if want := index.RatValue(big.NewRat(41666666666666665, 1e18)); ms[2].Gain.Compare(want) != 0 {
		t.Errorf("indicator 3: one step adds %s, want %s", ms[2].Gain.Exact(), want.Exact())
	}
}

// On Indeks Pemdi a step goes to the next whole level: from 1,26 to 2,
// then 3. Every indicator at 1 but 20 (weight 15) at 1,26: S = 85 + 15 x
// 1,26 = 103,9, the index 1,04. The steps on 20 gain 11,1 (to 2), then
// 15, 15, 15; on 19 (weight 10) 10 each; on the others at most 5.
func TestMakePemdiWholeSteps(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	ls := with(t, r, uniform(r, 1), "20=1.26")
	four := rubric.NewDecimal(4)
	tests := []struct {
		target string
		opts   plan.Options
		want   string // id from->to, ...
		steps  int
		cost   string
		after  string
	}{
		// 1,31 needs S >= 130,5, a gain of 26,6: two steps gain at most
		// 26,1 (20 to 3); of three, 20 to 4 gains most (41,1).
		{"1.31", plan.Options{}, "20 1.26->4", 3, "3", "1.45"},
		// 1,40: a gain of 35,6; 20 to 4 (41,1) in three steps.
		{"1.40", plan.Options{}, "20 1.26->4", 3, "3", "1.45"},
		// 1,60: a gain of 55,6; four steps on 20 gain 56,1, three and one on
		// 19 only 51,1.
		{"1.60", plan.Options{}, "20 1.26->5", 4, "4", "1.60"},
		// At most level 4: 20 gives 41,1 at most, so two steps on 19 too.
		{"1.60", plan.Options{MaxLevel: &four}, "19 1->3, 20 1.26->4", 5, "5", "1.65"},
		// A step on 20 costs 10: four steps on 19 (gain 40, cost 4) beat
		// anything with 20; three cost-1 steps gain at most 30.
		{"1.40", plan.Options{Costs: map[string]rubric.Decimal{"20": rubric.NewDecimal(10)}}, "19 1->5", 4, "4", "1.44"},
		// 20 fixed: 19 to 5 (40) reaches 1,40 with four steps.
		{"1.40", plan.Options{Fixed: map[string]bool{"20": true}}, "19 1->5", 4, "4", "1.44"},
	}
	for _, tt := range tests {
		tg, err := plan.ParseTarget(r, tt.target)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Make(r, ls, tg, tt.opts)
		if err != nil {
			t.Fatalf("%s: %v", tt.target, err)
		}
		var got []string
		for _, s := range p.Steps {
			got = append(got, fmt.Sprintf("%s %s->%s", s.Indicator.ID, s.From, s.To))
		}
		if g := strings.Join(got, ", "); g != tt.want || p.TotalSteps != tt.steps || p.TotalCost.String() != tt.cost || p.After.Published.Fixed(2) != tt.after {
			t.Errorf("%s %+v: %s in %d steps, cost %s, after %s; want %s in %d, cost %s, after %s",
				tt.target, tt.opts, g, p.TotalSteps, p.TotalCost, p.After.Published.Fixed(2), tt.want, tt.steps, tt.cost, tt.after)
		}
		if tt.opts.Costs == nil {
			checkMinimal(t, r, p)
		}
	}
}

func TestStepsBetween(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		want     int
	}{
		{"1", "1", 0}, {"2", "5", 3}, {"1.26", "2", 1}, {"1.26", "3", 2}, {"1.26", "5", 4},
		{"4.2", "4.5", 1}, {"1.5", "4.5", 4}, {"1.1666666666666667", "5", 4}, {"3", "2", 0},
	} {
		if got := plan.StepsBetween(lvl(t, tt.from), lvl(t, tt.to)); got != tt.want {
			t.Errorf("StepsBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// Marginal counts the steps to the next band as a plan does.
func TestMarginalPemdi(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	// Index 1,04 (Kurang); Cukup from 1,50 needs S >= 149,5, a gain of
	// 45,6: 20 alone gains 11,1 + 15 + 15 + 15 = 56,1 by 5, the fourth
	// step; 19 alone at most 40.
	res, err := index.Compute(r, with(t, r, uniform(r, 1), "20=1.26"))
	if err != nil {
		t.Fatal(err)
	}
	ms := plan.Marginal(res)
	if ms[19].ToNextBand != 4 || ms[18].ToNextBand != 0 {
		t.Errorf("to the next band: 20 in %d steps, 19 in %d; want 4 and 0", ms[19].ToNextBand, ms[18].ToNextBand)
	}
}

// The gain of one step (score --detail's "+1", JSON's step) is that of
// the planner's first step on the indicator: to the next whole level.
// Worked by hand on Indeks Pemdi (weights out of 100): 20 (weight 15)
// at 1,26 gains 15 x 0,74 / 100 = 0,111; 19 (weight 10) at 1 a whole
// level, 0,1; 1 (weight 5) at 4,5 the half level left, 0,025; 2
// (weight 5) at 5 nothing; 10 (weight 4) at 2,3333333333333335 goes to
// 3: 4 x 0,6666666666666665 / 100 = 0,02666666666666666.
func TestMarginalGainPemdi(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	ls := with(t, r, uniform(r, 1), "20=1.26,1=4.5,2=5,10=2.3333333333333335")
	res, err := index.Compute(r, ls)
	if err != nil {
		t.Fatal(err)
	}
	ms := plan.Marginal(res)
	for _, tt := range []struct {
		id   string
		want string
	}{
		{"20", "0.111"}, {"19", "0.1"}, {"1", "0.025"}, {"2", "0"}, {"10", "0.02666666666666666"},
	} {
		i := slices.IndexFunc(ms, func(m plan.Margin) bool { return m.Indicator.ID == tt.id })
		want, ok := new(big.Rat).SetString(tt.want)
		if !ok {
			t.Fatal(tt.want)
		}
		if got := ms[i].Gain; got.Compare(index.RatValue(want)) != 0 {
			t.Errorf("indicator %s: one step adds %s, want %s", tt.id, got.Exact(), tt.want)
		}
		if res.Indicators[i].Step.Compare(ms[i].Gain) != 0 {
			t.Errorf("indicator %s: index step %s, margin %s", tt.id, res.Indicators[i].Step.Exact(), ms[i].Gain.Exact())
		}
		// The planner's first step on it gains the same.
		from := res.Indicators[i].Level
		if from == rubric.NewLevel(5) {
			continue
		}
		to := rubric.NewLevel(from.Floor() + 1)
		after, err := plan.WhatIf(r, ls, index.Levels{tt.id: to})
		if err != nil {
			t.Fatal(err)
		}
		if plan.StepsBetween(from, to) != 1 {
			t.Fatalf("indicator %s: %s to %s is not one step", tt.id, from, to)
		}
		if d := after.Index.Sub(res.Index); d.Compare(ms[i].Gain) != 0 {
			t.Errorf("indicator %s: the step %s -> %s adds %s to the index, the margin says %s", tt.id, from, to, d.Exact(), ms[i].Gain.Exact())
		}
	}
}
