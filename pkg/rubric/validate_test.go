package rubric

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// validBase is a small valid rubric; each broken case edits it. Line numbers
// in the expected messages refer to it after the edit.
const validBase = `id: t
name: Test
total: 10
precision: 2
rounding: half-up
predicate_on: rounded
scales:
  - id: s
    min: 1
    max: 3
    integer: true
    levels: {1: a, 2: b, 3: c}
predicates:
  - {name: Low, from: 1, to: 2}
  - {name: High, from: 2, to: 3}
domains:
  - id: D1
    name: Domain
    weight: 10
    aspects:
      - id: A1
        name: Aspect
        weight: 10
        indicators:
          - {id: "1", name: One, weight: 4}
          - {id: "2", name: Two, weight: 6}
`

// edit is one replacement in validBase.
type edit struct{ old, new string }

// brokenRubric is a rubric with problems and the exact problems Check reports.
type brokenRubric struct {
	name  string
	src   string // the whole rubric, or "" to apply edits to validBase
	edits []edit
	want  []string // every problem, in order, as PosError.Error() prints it
}

func (c brokenRubric) source(t testing.TB) string {
	if c.src != "" {
		return c.src
	}
	s := validBase
	for _, e := range c.edits {
		if !strings.Contains(s, e.old) {
			t.Fatalf("%s: %q is not in the rubric", c.name, e.old)
		}
		s = strings.Replace(s, e.old, e.new, 1)
	}
	return s
}

var brokenRubrics = []brokenRubric{
	{name: "yaml syntax error", edits: []edit{{"name: Test\n", "name: Test: x\n"}}, want: []string{
		"t.yaml:2:1: mapping values are not allowed in this context",
	}},
	{name: "empty file", src: "# nothing but a comment\n", want: []string{
		"t.yaml: empty rubric",
	}},
	{name: "two documents", src: validBase + "---\nid: u\n", want: []string{
		"t.yaml:27:1: more than one YAML document",
	}},
	{name: "not a mapping", src: "- id: t\n", want: []string{
		"t.yaml:1:1: want a mapping, got a list",
	}},
	{name: "unknown key with did-you-mean", edits: []edit{{"        weight: 10\n        indicators", "        wieght: 10\n        indicators"}}, want: []string{
		"t.yaml:21:9: missing key \"weight\"",
		"t.yaml:23:9: unknown key \"wieght\" (did you mean \"weight\"?)",
	}},
	{name: "unknown key far from any", edits: []edit{{"id: t\n", "id: t\ncolour: red\n"}}, want: []string{
		"t.yaml:2:1: unknown key \"colour\"",
	}},
	{name: "unknown key and a wrong sum, both at once", edits: []edit{
		{"id: t\n", "id: t\ncatatan: draf\n"},
		{"weight: 6}", "weight: 7}"},
	}, want: []string{
		"t.yaml:2:1: unknown key \"catatan\"",
		"t.yaml:24:17: aspect A1: weight 10 but its indicators' weights add up to 11 (set children_weight: 11 if that is intended)",
	}},
	{name: "missing key", edits: []edit{{"rounding: half-up\n", ""}}, want: []string{
		"t.yaml:1:1: missing key \"rounding\"",
	}},
	{name: "missing keys", edits: []edit{{`{id: "2", name: Two, weight: 6}`, `{id: "2"}`}}, want: []string{
		"t.yaml:26:13: missing keys \"name\" and \"weight\"",
	}},
	{name: "duplicate key", edits: []edit{{"name: Test\n", "name: Test\nname: Again\n"}}, want: []string{
		"t.yaml:3:1: key \"name\" appears twice (first at line 2)",
	}},
	{name: "list where a mapping is wanted", edits: []edit{{"levels: {1: a, 2: b, 3: c}", "levels: [a, b, c]"}}, want: []string{
		"t.yaml:12:13: want a mapping, got a list",
	}},
	{name: "scalar where a list is wanted", edits: []edit{{"id: t\n", "id: t\nyears: 2021\n"}}, want: []string{
		"t.yaml:2:8: want a list, got \"2021\"",
	}},
	{name: "list where a value is wanted", edits: []edit{{"name: Test\n", "name: [Test]\n"}}, want: []string{
		"t.yaml:2:7: want a single value, got a list",
	}},
	{name: "indicator as a list", edits: []edit{{`{id: "2", name: Two, weight: 6}`, `[2, Two, 6]`}}, want: []string{
		"t.yaml:26:13: want a mapping, got a list",
	}},
	{name: "not true or false", edits: []edit{{"integer: true", "integer: yes"}}, want: []string{
		"t.yaml:11:14: want true or false, got \"yes\"",
	}},
	{name: "not a whole number", edits: []edit{{"precision: 2", "precision: 2.5"}, {"{1: a,", "{1.5: x, 1: a,"}}, want: []string{
		"t.yaml:4:12: want a whole number, got \"2.5\"",
		"t.yaml:12:14: want a whole number, got \"1.5\"",
	}},
	{name: "non-numeric weight", edits: []edit{{"weight: 4}", "weight: four}"}}, want: []string{
		"t.yaml:25:42: want a number, got \"four\"",
	}},
	{name: "null weight", edits: []edit{{"weight: 4}", "weight: }"}}, want: []string{
		"t.yaml:25:42: want a number, got nothing",
	}},
	{name: "weight as a mapping", edits: []edit{{"weight: 4}", "weight: {value: 4}}"}}, want: []string{
		"t.yaml:25:42: want a number, got a mapping",
	}},
	{name: "weight with 7 decimals", edits: []edit{{"weight: 4}", "weight: 4.0000001}"}}, want: []string{
		"t.yaml:25:42: \"4.0000001\": more than 6 decimal places",
	}},
	{name: "weight too large", edits: []edit{{"weight: 4}", "weight: 12345678}"}}, want: []string{
		"t.yaml:25:42: \"12345678\": too large",
	}},
	{name: "alias", edits: []edit{{"weight: 10\n    aspects", "weight: &w 10\n    aspects"}, {"weight: 4}", "weight: *w}"}}, want: []string{
		"t.yaml:25:42: aliases are not allowed in a rubric",
	}},
	{name: "header values", edits: []edit{{"id: t\n", "id: \"\"\n"}, {"precision: 2", "precision: 5"}, {"rounding: half-up", "rounding: half-even"}, {"predicate_on: rounded", "predicate_on: exactly"}}, want: []string{
		"t.yaml:1:5: rubric id is empty",
		"t.yaml:4:12: precision 5 is not from 0 to 4",
		"t.yaml:5:11: rounding \"half-even\" is not supported (want half-up)",
		"t.yaml:6:15: predicate_on \"exactly\": want rounded or exact",
	}},
	{name: "duplicate indicator id", edits: []edit{{`{id: "2",`, `{id: "1",`}}, want: []string{
		"t.yaml:26:18: duplicate indicator id \"1\" (first at line 25)",
	}},
	{name: "empty indicator id and name", edits: []edit{{`{id: "2", name: Two,`, `{id: "", name: "",`}}, want: []string{
		"t.yaml:26:18: indicator id is empty",
		"t.yaml:26:28: indicator has no name",
	}},
	{name: "duplicate aspect and domain ids", edits: []edit{
		{"total: 10", "total: 20"},
		{"domains:\n", "domains:\n  - id: D1\n    name: Again\n    weight: 10\n    aspects:\n      - id: A1\n        name: Again\n        weight: 10\n        indicators:\n          - {id: \"9\", name: Nine, weight: 5}\n          - {id: \"10\", name: Ten, weight: 5}\n"},
	}, want: []string{
		"t.yaml:27:9: duplicate domain id \"D1\" (first at line 17)",
		"t.yaml:31:13: duplicate aspect id \"A1\" (first at line 21)",
	}},
	{name: "no domains", src: upTo(validBase, "domains:") + "domains: []\n", want: []string{
		"t.yaml:16:10: a rubric needs at least one domain",
	}},
	{name: "no aspects", src: upTo(validBase, "    aspects:") + "    aspects: []\n", want: []string{
		"t.yaml:20:14: domain D1 has no aspects",
	}},
	{name: "no indicators", src: upTo(validBase, "        indicators:") + "        indicators: []\n", want: []string{
		"t.yaml:24:21: aspect A1 has no indicators",
	}},
	{name: "no scales or predicates", src: upTo(validBase, "scales:") + "scales: []\npredicates: []\n" + validBase[strings.Index(validBase, "domains:"):], want: []string{
		"t.yaml:7:9: a rubric needs at least one scale",
		"t.yaml:8:13: a rubric needs at least one predicate band",
	}},
	{name: "zero weight", edits: []edit{{"weight: 4}", "weight: 0}"}}, want: []string{
		"t.yaml:23:17: aspect A1: weight 10 but its indicators' weights add up to 6 (set children_weight: 6 if that is intended)",
		"t.yaml:25:42: indicator 1: weight 0 is not positive",
	}},
	{name: "negative weight", edits: []edit{{"weight: 4}", "weight: -4}"}, {"weight: 6}", "weight: 14}"}}, want: []string{
		"t.yaml:25:42: indicator 1: weight -4 is not positive",
	}},
	{name: "aspects do not add up to the domain", edits: []edit{{"total: 10", "total: 12"}, {"    weight: 10\n    aspects", "    weight: 12\n    aspects"}}, want: []string{
		"t.yaml:19:13: domain D1: weight 12 but its aspects' weights add up to 10",
	}},
	{name: "indicators do not add up to the aspect", edits: []edit{{"weight: 6}", "weight: 5}"}}, want: []string{
		"t.yaml:23:17: aspect A1: weight 10 but its indicators' weights add up to 9 (set children_weight: 9 if that is intended)",
	}},
	{name: "children_weight wrong", edits: []edit{{"        weight: 10\n        indicators", "        weight: 10\n        children_weight: 9.9\n        indicators"}}, want: []string{
		"t.yaml:24:26: aspect A1: children_weight 9.9 but its indicators' weights add up to 10",
	}},
	{name: "children_weight equal to weight", edits: []edit{{"        weight: 10\n        indicators", "        weight: 10\n        children_weight: 10\n        indicators"}}, want: []string{
		"t.yaml:24:26: warning: aspect A1: children_weight equals weight and can be left out",
	}},
	// The rubric of issue 12: children_weight let the indicators' weights
	// add up to 10^6, and spbe score printed -84467,44.
	{name: "children_weight beyond the limit", edits: []edit{
		{"        weight: 10\n        indicators", "        weight: 10\n        children_weight: 1000000\n        indicators"},
		{"weight: 4}", "weight: 400000}"},
		{"weight: 6}", "weight: 600000}"},
	}, want: []string{
		"t.yaml:24:26: aspect A1: children_weight 1000000 is more than 10000, the most supported",
		"t.yaml:26:42: indicator 1: the indicators' weights add up to 400000 here; at most 10000 is supported",
	}},
	{name: "indicator weights beyond the limit over several aspects", edits: []edit{
		{"total: 10", "total: 20"},
		{"    weight: 10\n    aspects", "    weight: 20\n    aspects"},
		{"        weight: 10\n        indicators", "        weight: 10\n        children_weight: 10000\n        indicators"},
		{"weight: 4}", "weight: 4000}"},
		{"weight: 6}", "weight: 6000}\n      - id: A2\n        name: Aspect\n        weight: 10\n        children_weight: 1\n        indicators:\n          - {id: \"3\", name: Three, weight: 0.5}\n          - {id: \"4\", name: Four, weight: 0.5}"},
	}, want: []string{
		"t.yaml:33:44: indicator 3: the indicators' weights add up to 10000.5 here; at most 10000 is supported",
	}},
	{name: "scale levels beyond the limit", edits: []edit{{"max: 3", "max: 101"}, {"integer: true", "integer: false"}, {"to: 3}", "to: 101}"}}, want: []string{
		"t.yaml:10:10: scale s: levels beyond ±100 are not supported",
	}},
	{name: "total mismatch", edits: []edit{{"total: 10", "total: 11"}}, want: []string{
		"t.yaml:3:8: total 11 but the domains' weights add up to 10",
	}},
	{name: "non-positive total", edits: []edit{{"total: 10", "total: 0"}}, want: []string{
		"t.yaml:3:8: total 0 is not positive",
		"t.yaml:3:8: total 0 but the domains' weights add up to 10",
	}},
	{name: "unknown scale", edits: []edit{{`name: Two, weight: 6}`, `name: Two, weight: 6, scale: layanan}`}, {"    weight: 10\n    aspects", "    weight: 10\n    scale: nope\n    aspects"}}, want: []string{
		"t.yaml:20:12: unknown scale \"nope\"",
		"t.yaml:27:52: unknown scale \"layanan\"",
	}},
	{name: "scale min not below max", edits: []edit{{"    min: 1\n", "    min: 3\n"}}, want: []string{
		"t.yaml:10:10: scale s: max 3 is not above min 3",
		"t.yaml:12:14: scale s: level 1 is outside the scale 3 to 3",
		"t.yaml:12:20: scale s: level 2 is outside the scale 3 to 3",
		"t.yaml:14:23: predicate Low: the lowest band must start at the scale minimum 3, not 1",
	}},
	{name: "non-integer bounds of an integer scale", edits: []edit{{"    max: 3\n", "    max: 3.5\n"}}, want: []string{
		"t.yaml:10:10: scale s: max 3.5 of an integer scale is not a whole number",
		"t.yaml:15:31: predicate High: the highest band must end at the scale maximum 3.5, not 3",
	}},
	{name: "duplicate and empty scale ids", edits: []edit{{"predicates:\n", "  - {id: s, min: 1, max: 3, integer: false, levels: {}}\n  - {id: \"\", min: 1, max: 3, integer: false, levels: {}}\npredicates:\n"}}, want: []string{
		"t.yaml:13:10: duplicate scale id \"s\" (first at line 8)",
		"t.yaml:14:10: scale id is empty",
	}},
	{name: "level names missing", edits: []edit{{"{1: a, 2: b, 3: c}", "{2: b}"}}, want: []string{
		"t.yaml:12:13: scale s: no name for levels 1 and 3",
	}},
	{name: "level name outside the scale", edits: []edit{{"{1: a, 2: b, 3: c}", "{0: z, 1: a, 2: b, 3: c, 4: \"\"}"}}, want: []string{
		"t.yaml:12:14: scale s: level 0 is outside the scale 1 to 3",
		"t.yaml:12:38: scale s: level 4 is outside the scale 1 to 3",
		"t.yaml:12:41: scale s: level 4 has an empty name",
	}},
	{name: "bands overlap", edits: []edit{{"{name: High, from: 2,", "{name: High, from: 1.5,"}}, want: []string{
		"t.yaml:15:24: predicate High overlaps Low: it starts at 1.5, before Low ends at 2",
	}},
	{name: "bands leave a gap", edits: []edit{{"{name: High, from: 2,", "{name: High, from: 2.5,"}}, want: []string{
		"t.yaml:15:24: predicate High leaves a gap: it starts at 2.5 but Low ends at 2",
	}},
	{name: "bands start above the scale minimum", edits: []edit{{"{name: Low, from: 1,", "{name: Low, from: 1.2,"}}, want: []string{
		"t.yaml:14:23: predicate Low: the lowest band must start at the scale minimum 1, not 1.2",
	}},
	{name: "bands end below the scale maximum", edits: []edit{{"from: 2, to: 3}", "from: 2, to: 2.8}"}}, want: []string{
		"t.yaml:15:31: predicate High: the highest band must end at the scale maximum 3, not 2.8",
	}},
	{name: "band upside down", edits: []edit{{"{name: Low, from: 1, to: 2}", "{name: Low, from: 2, to: 1}"}}, want: []string{
		"t.yaml:14:23: predicate Low: the lowest band must start at the scale minimum 1, not 2",
		"t.yaml:14:30: predicate Low: to 1 is not above from 2",
		"t.yaml:15:24: predicate High leaves a gap: it starts at 2 but Low ends at 1",
	}},
	{name: "band names repeated", edits: []edit{{"{name: Low,", "{name: High,"}}, want: []string{
		"t.yaml:15:12: duplicate predicate \"High\" (first at line 14)",
	}},
	{name: "band names empty", edits: []edit{{"{name: Low,", "{name: \"\","}, {"{name: High,", "{name: \"\","}}, want: []string{
		"t.yaml:14:12: predicate band has no name",
		"t.yaml:15:12: predicate band has no name",
	}},
	{name: "warnings only", edits: []edit{
		{"total: 10", "total: 14"},
		{"weight: 4}", "weight: 4.00001}"},
		{"weight: 6}", "weight: 5.99999}"},
		{"domains:\n", "domains:\n  - id: D0\n    name: Zero\n    weight: 4\n    aspects:\n      - id: A0\n        name: Single\n        weight: 4\n        indicators:\n          - {id: \"0\", name: Only, weight: 4}\n"},
	}, want: []string{
		"t.yaml:25:11: warning: aspect A0 has only one indicator",
		"t.yaml:34:42: warning: indicator 1: weight 4.00001 has more than 4 decimals",
		"t.yaml:35:42: warning: indicator 2: weight 5.99999 has more than 4 decimals",
	}},
	{name: "several problems at once", edits: []edit{
		{"total: 10", "total: 11"},
		{"{1: a, 2: b, 3: c}", "{1: a, 3: c}"},
		{"{name: High, from: 2,", "{name: High, from: 2.5,"},
		{`{id: "2",`, `{id: "1",`},
		{"weight: 6}", "weight: 5}"},
	}, want: []string{
		"t.yaml:3:8: total 11 but the domains' weights add up to 10",
		"t.yaml:12:13: scale s: no name for level 2",
		"t.yaml:15:24: predicate High leaves a gap: it starts at 2.5 but Low ends at 2",
		"t.yaml:23:17: aspect A1: weight 10 but its indicators' weights add up to 9 (set children_weight: 9 if that is intended)",
		"t.yaml:26:18: duplicate indicator id \"1\" (first at line 25)",
	}},
	{name: "level bands on an integer scale", edits: []edit{
		{"levels: {1: a, 2: b, 3: c}", "levels: {1: a, 2: b, 3: c}\n    bands: [{level: 1, from: 1, to: 2}, {level: 2, from: 2, to: 3}]"},
	}, want: []string{
		"t.yaml:13:12: scale s: an integer scale cannot have level bands (a value inside a band is not a whole number)",
	}},
	{name: "level bands with a gap, a skipped level, a falling band and one outside the scale", edits: []edit{
		{"integer: true", "integer: false"},
		{"levels: {1: a, 2: b, 3: c}", "levels: {1: a, 2: b, 3: c}\n    bands:\n      - {level: 1, from: 1, to: 1.5}\n      - {level: 3, from: 1.6, to: 1.5}\n      - {level: 4, from: 1.5, to: 4}"},
	}, want: []string{
		"t.yaml:15:17: scale s: band of level 3 follows the band of level 1: want level 2 (one band per level, rising)",
		"t.yaml:15:26: scale s: band of level 3 starts at 1.6, not where the band of level 1 ends (1.5)",
		"t.yaml:15:35: scale s: band of level 3: to 1.5 is not above from 1.6",
		"t.yaml:16:17: scale s: band of level 4: the level is outside the scale 1 to 3",
		"t.yaml:16:26: scale s: band of level 4: [1.5, 4] is outside the scale 1 to 3",
	}},
	{name: "a misspelt key of a level band", edits: []edit{
		{"integer: true", "integer: false"},
		{"levels: {1: a, 2: b, 3: c}", "levels: {1: a, 2: b, 3: c}\n    bands: [{level: 1, form: 1, to: 3}]"},
	}, want: []string{
		"t.yaml:13:13: missing key \"from\"",
		"t.yaml:13:24: unknown key \"form\" (did you mean \"from\"?)",
	}},
	{name: "several shape problems at once", edits: []edit{
		{"precision: 2", "precision: two"},
		{"integer: true", "integer: 1"},
		{"weight: 6}", "wieght: 6}"},
		{"{name: Low,", "{nama: Low,"},
	}, want: []string{
		"t.yaml:4:12: want a whole number, got \"two\"",
		"t.yaml:11:14: want true or false, got \"1\"",
		"t.yaml:14:5: missing key \"name\"",
		"t.yaml:14:6: unknown key \"nama\" (did you mean \"name\"?)",
		"t.yaml:26:13: missing key \"weight\"",
		"t.yaml:26:34: unknown key \"wieght\" (did you mean \"weight\"?)",
	}},
}

func TestCheckBroken(t *testing.T) {
	for _, c := range brokenRubrics {
		t.Run(c.name, func(t *testing.T) {
			r, problems := Check("t.yaml", []byte(c.source(t)))
			var got []string
			failed := false
			for _, p := range problems {
				got = append(got, p.Error())
				failed = failed || !p.Warning
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
			if failed != (r == nil) {
				t.Errorf("got rubric %v with errors %v", r != nil, failed)
			}
		})
	}
}

// upTo returns s up to the first line that starts with prefix.
func upTo(s, prefix string) string {
	i := strings.Index(s, "\n"+prefix)
	if i < 0 {
		panic("upTo: no " + prefix)
	}
	return s[:i+1]
}

func TestParseJoinsEveryError(t *testing.T) {
	var c brokenRubric
	for _, b := range brokenRubrics {
		if b.name == "several problems at once" {
			c = b
		}
	}
	r, err := Parse("t.yaml", []byte(c.source(t)))
	if r != nil || err == nil {
		t.Fatalf("Parse = %v, %v; want nil and an error", r, err)
	}
	if got, want := err.Error(), strings.Join(c.want, "\n"); got != want {
		t.Errorf("got error:\n%s\nwant:\n%s", got, want)
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("Parse error %T does not unwrap to a list", err)
	}
	errs := joined.Unwrap()
	if len(errs) != len(c.want) {
		t.Fatalf("got %d errors, want %d", len(errs), len(c.want))
	}
	for i, e := range errs {
		var pe *PosError
		if !errors.As(e, &pe) {
			t.Errorf("error %d is %T, want *PosError", i, e)
			continue
		}
		if pe.File != "t.yaml" || pe.Line == 0 || pe.Col == 0 || pe.Warning {
			t.Errorf("error %d = %+v, want a positioned error in t.yaml", i, pe)
		}
	}
}

func TestParseIgnoresWarnings(t *testing.T) {
	var c brokenRubric
	for _, b := range brokenRubrics {
		if b.name == "warnings only" {
			c = b
		}
	}
	r, err := Parse("t.yaml", []byte(c.source(t)))
	if err != nil || r == nil {
		t.Fatalf("Parse = %v, %v; want a rubric and no error", r, err)
	}
	if got, want := len(r.Indicators()), 3; got != want {
		t.Errorf("got %d indicators, want %d", got, want)
	}
	_, problems := Check("t.yaml", []byte(c.source(t)))
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("Check: unexpected error %v", p)
		}
	}
}

func TestPosError(t *testing.T) {
	inner := errors.New("boom")
	tests := []struct {
		e    *PosError
		want string
	}{
		{&PosError{File: "f.yaml", Line: 3, Col: 7, Err: inner}, "f.yaml:3:7: boom"},
		{&PosError{File: "f.yaml", Err: inner}, "f.yaml: boom"},
		{&PosError{File: "f.yaml", Line: 1, Col: 1, Err: inner, Warning: true}, "f.yaml:1:1: warning: boom"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.e, inner) {
			t.Errorf("errors.Is(%v, inner) = false", tt.e)
		}
	}
}

func TestSuggest(t *testing.T) {
	fields := map[string]reflect.StructField{"weight": {}, "name": {}, "id": {}, "scale": {}}
	tests := []struct{ key, want string }{
		{"wieght", ` (did you mean "weight"?)`},
		{"Weight", ` (did you mean "weight"?)`},
		{"nama", ` (did you mean "name"?)`},
		{"scael", ` (did you mean "scale"?)`},
		{"idd", ` (did you mean "id"?)`},
		{"x", ""},
		{"colour", ""},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(suggest(tt.key, fields)); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// A rubric may have MaxIndicators indicators, and no more.
func TestMaxIndicators(t *testing.T) {
	build := func(n int) string {
		var sb strings.Builder
		sb.WriteString(upTo(validBase, "domains:"))
		w := Decimal(n * 100) // 0.0001 each
		fmt.Fprintf(&sb, "domains:\n  - id: D1\n    name: D\n    weight: %s\n    aspects:\n      - id: A1\n        name: A\n        weight: %s\n        indicators:\n", w, w)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&sb, "          - {id: \"%d\", name: i, weight: 0.0001}\n", i)
		}
		return strings.Replace(sb.String(), "total: 10", "total: "+w.String(), 1)
	}
	if _, err := Parse("t.yaml", []byte(build(MaxIndicators))); err != nil {
		t.Fatalf("%d indicators: %v", MaxIndicators, err)
	}
	_, err := Parse("t.yaml", []byte(build(MaxIndicators+1)))
	want := fmt.Sprintf("t.yaml:%d:13: indicator %d: more than %d indicators are not supported", 25+MaxIndicators, MaxIndicators+1, MaxIndicators)
	if err == nil || err.Error() != want {
		t.Errorf("%d indicators: error = %v, want %s", MaxIndicators+1, err, want)
	}
}
