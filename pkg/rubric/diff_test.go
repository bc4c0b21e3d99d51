package rubric

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// summary renders Changes one line per change, for the tables below.
func summary(c *Changes) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, f := range c.Fields {
		add("%s: %v -> %v", f.Field, f.Old, f.New)
	}
	for _, s := range c.Scales {
		add("scale %s %s [%s, %s] integer=%v", s.ID, s.Change, s.Min, s.Max, s.Integer)
		if s.MinChange != nil {
			add("  min %s -> %s", s.MinChange.Old, s.MinChange.New)
		}
		if s.MaxChange != nil {
			add("  max %s -> %s", s.MaxChange.Old, s.MaxChange.New)
		}
		if s.IntegerChange != nil {
			add("  integer %v -> %v", s.IntegerChange.Old, s.IntegerChange.New)
		}
		for _, l := range s.Levels {
			add("  level %d %q -> %q", l.Level, l.Old, l.New)
		}
	}
	for _, b := range c.Predicates {
		add("band %s %s [%s, %s)", b.Name, b.Change, b.From, b.To)
		if b.FromChange != nil {
			add("  from %s -> %s", b.FromChange.Old, b.FromChange.New)
		}
		if b.ToChange != nil {
			add("  to %s -> %s", b.ToChange.Old, b.ToChange.New)
		}
		if b.NameENChange != nil {
			add("  name_en %q -> %q", b.NameENChange.Old, b.NameENChange.New)
		}
	}
	for _, list := range []struct {
		kind  string
		items []ItemChange
	}{{"domain", c.Domains}, {"aspect", c.Aspects}, {"indicator", c.Indicators}} {
		for _, it := range list.items {
			add("%s %s %s %q in %q weight %s", list.kind, it.ID, it.Change, it.Name, it.Parent, it.Weight)
			if it.Renamed != nil {
				add("  renamed %q -> %q", it.Renamed.Old, it.Renamed.New)
			}
			if it.Moved != nil {
				add("  moved %s -> %s", it.Moved.Old, it.Moved.New)
			}
			if it.Reweighted != nil {
				add("  weight %s -> %s", it.Reweighted.Old, it.Reweighted.New)
			}
			if it.Rescaled != nil {
				add("  scale %q -> %q", it.Rescaled.Old, it.Rescaled.New)
			}
			if it.ChildrenWeight != nil {
				add("  children_weight %s -> %s", ptrString(it.ChildrenWeight.Old), ptrString(it.ChildrenWeight.New))
			}
		}
	}
	return out
}

func ptrString(d *Decimal) string {
	if d == nil {
		return "none"
	}
	return d.String()
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		{name: "same rubric", want: nil},
		{name: "presentation only", edits: []edit{{"weight: 4}", "weight: 4.00}"}, {"name: Test\n", "name: Test # comment\n"}}, want: nil},
		{name: "header", edits: []edit{
			{"id: t\n", "id: t2\nregulation: Reg\nyears: [2026]\n"}, {"precision: 2", "precision: 3"}, {"predicate_on: rounded", "predicate_on: exact"},
			{"total: 10", "total: 20"}, {"    weight: 10\n    aspects", "    weight: 20\n    aspects"}, {"        weight: 10\n        indicators", "        weight: 20\n        indicators"}, {"weight: 6}", "weight: 16}"},
		}, want: []string{
			"id: t -> t2",
			"regulation:  -> Reg",
			"years: [] -> [2026]",
			"total: 10 -> 20",
			"precision: 2 -> 3",
			"predicate_on: rounded -> exact",
			`domain D1 changed "Domain" in "" weight 20`,
			"  weight 10 -> 20",
			`aspect A1 changed "Aspect" in "D1" weight 20`,
			"  weight 10 -> 20",
			`indicator 2 changed "Two" in "A1" weight 16`,
			"  weight 6 -> 16",
		}},
		{name: "indicator renamed and reweighted", edits: []edit{{"{id: \"1\", name: One, weight: 4}", "{id: \"1\", name: Uno, weight: 5}"}, {"weight: 6}", "weight: 5}"}}, want: []string{
			`indicator 1 changed "Uno" in "A1" weight 5`,
			`  renamed "One" -> "Uno"`,
			"  weight 4 -> 5",
			`indicator 2 changed "Two" in "A1" weight 5`,
			"  weight 6 -> 5",
		}},
		{name: "indicator added and removed", edits: []edit{{`{id: "1", name: One, weight: 4}`, `{id: "3", name: Three, weight: 1}
          - {id: "4", name: Four, weight: 3}`}}, want: []string{
			`indicator 3 added "Three" in "A1" weight 1`,
			`indicator 4 added "Four" in "A1" weight 3`,
			`indicator 1 removed "One" in "A1" weight 4`,
		}},
		{name: "scale and bands", edits: []edit{
			{"    max: 3\n", "    max: 4\n"}, {"integer: true", "integer: false"}, {"{1: a, 2: b, 3: c}", "{1: a, 2: B, 4: d}"},
			{"{name: High, from: 2, to: 3}", "{name: High, name_en: high, from: 2, to: 3.5}\n  - {name: Top, from: 3.5, to: 4}"},
			{"predicates:\n", "  - {id: extra, min: 1, max: 4, integer: false, levels: {}}\npredicates:\n"},
		}, want: []string{
			"scale s changed [1, 4] integer=false",
			"  max 3 -> 4",
			"  integer true -> false",
			`  level 2 "b" -> "B"`,
			`  level 3 "c" -> ""`,
			`  level 4 "" -> "d"`,
			"scale extra added [1, 4] integer=false",
			"band High changed [2, 3.5)",
			"  to 3 -> 3.5",
			`  name_en "" -> "high"`,
			"band Top added [3.5, 4)",
		}},
	}
	base, err := Parse("old.yaml", []byte(validBase))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := brokenRubric{name: tt.name, edits: tt.edits}.source(t)
			r, err := Parse("new.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			c := Diff(base, r)
			got := summary(c)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			if c.Len() != len(c.Fields)+len(c.Scales)+len(c.Predicates)+len(c.Domains)+len(c.Aspects)+len(c.Indicators) || (c.Len() == 0) != (len(tt.want) == 0) {
				t.Errorf("Len() = %d for %d summary lines", c.Len(), len(got))
			}
			if c.Old.SHA256 != base.SHA256() || c.New.SHA256 != r.SHA256() || c.Old.ID != "t" {
				t.Errorf("Old, New = %+v, %+v", c.Old, c.New)
			}
			// Diff the other way round: additions become removals.
			back := Diff(r, base)
			if count(back, Added) != count(c, Removed) || count(back, Removed) != count(c, Added) {
				t.Errorf("reverse diff: %d added, %d removed; want %d and %d", count(back, Added), count(back, Removed), count(c, Removed), count(c, Added))
			}
		})
	}
}

func count(c *Changes, k ChangeKind) int {
	n := 0
	for _, s := range c.Scales {
		if s.Change == k {
			n++
		}
	}
	for _, b := range c.Predicates {
		if b.Change == k {
			n++
		}
	}
	for _, list := range [][]ItemChange{c.Domains, c.Aspects, c.Indicators} {
		for _, it := range list {
			if it.Change == k {
				n++
			}
		}
	}
	return n
}

func TestDiffMoves(t *testing.T) {
	old := `id: t
name: Test
total: 10
precision: 2
rounding: half-up
predicate_on: rounded
scales:
  - {id: s, min: 1, max: 3, integer: true, levels: {1: a, 2: b, 3: c}}
  - {id: u, min: 1, max: 3, integer: true, levels: {1: x, 2: y, 3: z}}
predicates:
  - {name: Low, from: 1, to: 2}
  - {name: High, from: 2, to: 3}
domains:
  - id: D1
    name: One
    weight: 6
    aspects:
      - id: A1
        name: A
        weight: 4
        indicators:
          - {id: "1", name: I1, weight: 2}
          - {id: "2", name: I2, weight: 2}
      - id: A2
        name: B
        weight: 2
        indicators:
          - {id: "3", name: I3, weight: 1}
          - {id: "4", name: I4, weight: 1}
  - id: D2
    name: Two
    weight: 4
    aspects:
      - id: A3
        name: C
        weight: 4
        indicators:
          - {id: "5", name: I5, weight: 2}
          - {id: "6", name: I6, weight: 2}
`
	// A2 moves to D2 (with its indicators, which do not move); indicator 1
	// moves from A1 to A3; D2 reads levels on scale u, which changes the
	// level scale of every indicator under it.
	new := `id: t
name: Test
total: 10
precision: 2
rounding: half-up
predicate_on: rounded
scales:
  - {id: s, min: 1, max: 3, integer: true, levels: {1: a, 2: b, 3: c}}
  - {id: u, min: 1, max: 3, integer: true, levels: {1: x, 2: y, 3: z}}
predicates:
  - {name: Low, from: 1, to: 2}
  - {name: High, from: 2, to: 3}
domains:
  - id: D1
    name: One
    weight: 2
    aspects:
      - id: A1
        name: A
        weight: 2
        children_weight: 3
        indicators:
          - {id: "2", name: I2, weight: 3}
  - id: D2
    name: Two
    weight: 8
    scale: u
    aspects:
      - id: A3
        name: C
        weight: 6
        indicators:
          - {id: "5", name: I5, weight: 2}
          - {id: "6", name: I6, weight: 2}
          - {id: "1", name: I1, weight: 2}
      - id: A2
        name: B
        weight: 2
        indicators:
          - {id: "3", name: I3, weight: 1}
          - {id: "4", name: I4, weight: 1}
`
	a, err := Parse("old.yaml", []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("new.yaml", []byte(new))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`domain D1 changed "One" in "" weight 2`,
		"  weight 6 -> 2",
		`domain D2 changed "Two" in "" weight 8`,
		"  weight 4 -> 8",
		`  scale "" -> "u"`,
		`aspect A1 changed "A" in "D1" weight 2`,
		"  weight 4 -> 2",
		"  children_weight none -> 3",
		`aspect A3 changed "C" in "D2" weight 6`,
		"  weight 4 -> 6",
		`aspect A2 changed "B" in "D2" weight 2`,
		"  moved D1 -> D2",
		`indicator 2 changed "I2" in "A1" weight 3`,
		"  weight 2 -> 3",
		`indicator 5 changed "I5" in "A3" weight 2`,
		`  scale "s" -> "u"`,
		`indicator 6 changed "I6" in "A3" weight 2`,
		`  scale "s" -> "u"`,
		`indicator 1 changed "I1" in "A3" weight 2`,
		"  moved A1 -> A3",
		`  scale "s" -> "u"`,
		`indicator 3 changed "I3" in "A2" weight 1`,
		`  scale "s" -> "u"`,
		`indicator 4 changed "I4" in "A2" weight 1`,
		`  scale "s" -> "u"`,
	}
	if got := summary(Diff(a, b)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestDiffEmbedded(t *testing.T) {
	a, err := ByID("permenpanrb-5-2018")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	c := Diff(a, b)
	var ids []string
	for _, it := range c.Indicators {
		if it.Change != Changed {
			ids = append(ids, string(it.Change)+" "+it.ID)
		}
	}
	if got, want := strings.Join(ids, ", "), "added 35, added 36, added 37, added 38, added 39, added 40, added 41, added 42, added 43, added 44, added 45, added 46, added 47, removed 35a, removed 35b, removed 35c"; got != want {
		t.Errorf("indicators added and removed: %s\nwant %s", got, want)
	}
	var fields []string
	for _, f := range c.Fields {
		fields = append(fields, f.Field)
	}
	if got, want := strings.Join(fields, " "), "id name regulation years"; got != want {
		t.Errorf("fields changed: %s, want %s", got, want)
	}
	if got, want := summary(&Changes{Predicates: c.Predicates}), []string{"band Kurang changed [1, 1.8)", "  from 0 -> 1"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("bands: %q, want %q", got, want)
	}
}

func TestDiffJSON(t *testing.T) {
	a, _ := Parse("old.yaml", []byte(validBase))
	b, err := Parse("new.yaml", []byte(strings.NewReplacer("weight: 4}", "weight: 4.5}", "weight: 6}", "weight: 5.5}", "{name: Low, from: 1, to: 2}", "{name: Low, from: 1, to: 2.5}", "from: 2, to: 3}", "from: 2.5, to: 3}").Replace(validBase)))
	if err != nil {
		t.Fatal(err)
	}
	c := Diff(a, b)
	c.Old.SHA256, c.New.SHA256 = "x", "y"
	got, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"old":{"id":"t","name":"Test","sha256":"x"},"new":{"id":"t","name":"Test","sha256":"y"},"fields":null,"scales":null,` +
		`"predicates":[{"name":"Low","change":"changed","from":1,"to":2.5,"to_change":{"old":2,"new":2.5}},{"name":"High","change":"changed","from":2.5,"to":3,"from_change":{"old":2,"new":2.5}}],` +
		`"domains":null,"aspects":null,` +
		`"indicators":[{"id":"1","change":"changed","name":"One","parent":"A1","weight":4.5,"reweighted":{"old":4,"new":4.5}},{"id":"2","change":"changed","name":"Two","parent":"A1","weight":5.5,"reweighted":{"old":6,"new":5.5}}]}`
	if string(got) != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", got, want)
	}
}
