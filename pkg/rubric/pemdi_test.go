package rubric

import (
	"math"
	"strings"
	"testing"
)

// aspectsBase is a small valid rubric without domains, with every new key
// of the Indeks Pemdi format; each broken case edits it. Line numbers in
// the expected messages refer to it after the edit.
const aspectsBase = `id: p
name: Pemdi
index_name: Indeks Pemdi
index_name_en: Digital Government Index
total: 10
precision: 2
rounding: half-up
predicate_on: rounded
scales:
  - {id: s, min: 1, max: 5, integer: false, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}
predicates:
  - {name: Low, name_en: Weak, aliases: [Rendah], from: 1, to: 3}
  - {name: High, aliases: [Tinggi, Unggul], from: 3, to: 5}
aspects:
  - id: A1
    name: Aspect
    weight: 10
    indicators:
      - {id: "1", code: "1.1", name: One, weight: 4}
      - {id: "2", code: "1.2", name: Two, weight: 6, external: {source: Other agency, assume: 1}}
`

var brokenAspectRubrics = []brokenRubric{
	{name: "domains and aspects both", src: aspectsBase + "domains: []\n", want: []string{
		"t.yaml:14:1: a rubric has either domains or aspects directly under the index, not both",
	}},
	{name: "neither domains nor aspects", src: upTo(aspectsBase, "aspects:"), want: []string{
		"t.yaml:1:1: missing key \"domains\" or \"aspects\"",
	}},
	{name: "no aspect", src: upTo(aspectsBase, "aspects:") + "aspects: []\n", want: []string{
		"t.yaml:14:10: a rubric needs at least one aspect",
	}},
	{name: "aspects do not add up to total", edits: []edit{{"total: 10", "total: 11"}}, want: []string{
		"t.yaml:5:8: total 11 but the aspects' weights add up to 10",
	}},
	{name: "bad code", edits: []edit{{`code: "1.1"`, `code: "1.x"`}}, want: []string{
		"t.yaml:19:25: indicator 1: code \"1.x\" is not numbers separated by points, such as 1.1",
	}},
	{name: "empty code", edits: []edit{{`code: "1.1"`, `code: ""`}}, want: []string{
		"t.yaml:19:25: indicator 1: code \"\" is not numbers separated by points, such as 1.1",
	}},
	{name: "duplicate code", edits: []edit{{`code: "1.2"`, `code: "1.1"`}}, want: []string{
		"t.yaml:20:25: indicator 2: duplicate code \"1.1\" (first at line 19)",
	}},
	{name: "code not a string", edits: []edit{{`code: "1.1"`, `code: [1]`}}, want: []string{
		"t.yaml:19:25: want a single value, got a list",
	}},
	{name: "external without source", edits: []edit{{"source: Other agency, ", ""}}, want: []string{
		"t.yaml:20:64: missing key \"source\"",
	}},
	{name: "external with an empty source", edits: []edit{{"source: Other agency", "source: \" \""}}, want: []string{
		"t.yaml:20:73: indicator 2: external source is empty",
	}},
	{name: "external assume off the scale", edits: []edit{{"assume: 1}", "assume: 6}"}}, want: []string{
		"t.yaml:20:95: indicator 2: external assume: level 6 is outside the scale 1 to 5",
	}},
	{name: "external assume not a number", edits: []edit{{"assume: 1}", "assume: x}"}}, want: []string{
		"t.yaml:20:95: want a number, got \"x\"",
	}},
	{name: "external unknown key", edits: []edit{{"assume: 1}", "assume: 1, sumber: x}"}}, want: []string{
		"t.yaml:20:98: unknown key \"sumber\"",
	}},
	{name: "alias of another band", edits: []edit{{"aliases: [Tinggi, Unggul]", "aliases: [Tinggi, weak]"}}, want: []string{
		"t.yaml:13:36: predicate High: alias \"weak\" is already a name of predicate Low",
	}},
	{name: "alias repeats its own name", edits: []edit{{"aliases: [Rendah]", "aliases: [low]"}}, want: []string{
		"t.yaml:12:42: predicate Low: alias \"low\" repeats a name of the same predicate",
	}},
	{name: "alias twice", edits: []edit{{"aliases: [Tinggi, Unggul]", "aliases: [Tinggi, tinggi]"}}, want: []string{
		"t.yaml:13:36: predicate High: alias \"tinggi\" repeats a name of the same predicate",
	}},
	{name: "empty alias", edits: []edit{{"aliases: [Rendah]", "aliases: [\"\"]"}}, want: []string{
		"t.yaml:12:42: predicate Low: alias is empty",
	}},
	{name: "aliases not a list", edits: []edit{{"aliases: [Rendah]", "aliases: Rendah"}}, want: []string{
		"t.yaml:12:41: want a list, got \"Rendah\"",
	}},
	{name: "index_name not text", edits: []edit{{"index_name: Indeks Pemdi", "index_name: [Indeks]"}}, want: []string{
		"t.yaml:3:13: want a single value, got a list",
	}},
	{name: "fractional level off a whole scale in assume", edits: []edit{{"integer: false", "integer: true"}, {"assume: 1}", "assume: 1.5}"}}, want: []string{
		"t.yaml:20:95: indicator 2: external assume: level 1.5 is not a whole number from 1 to 5",
	}},
}

func TestCheckBrokenAspects(t *testing.T) {
	if _, problems := Check("t.yaml", []byte(aspectsBase)); len(problems) > 0 {
		t.Fatalf("the base rubric: %v", problems)
	}
	for _, c := range brokenAspectRubrics {
		t.Run(c.name, func(t *testing.T) {
			src := c.src
			if src == "" {
				src = aspectsBase
				for _, e := range c.edits {
					if !strings.Contains(src, e.old) {
						t.Fatalf("%q is not in the rubric", e.old)
					}
					src = strings.Replace(src, e.old, e.new, 1)
				}
			}
			r, problems := Check("t.yaml", []byte(src))
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

// The new keys are read, round-trip through the canonical form, and
// name what they should.
func TestAspectsRubric(t *testing.T) {
	r, err := Parse("p.yaml", []byte(aspectsBase))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Domains) != 0 || len(r.Aspects()) != 1 || r.Aspects()[0].Domain != nil || len(r.Indicators()) != 2 {
		t.Fatalf("domains %d, aspects %d, indicators %d", len(r.Domains), len(r.Aspects()), len(r.Indicators()))
	}
	if got := r.IndexName("id") + " / " + r.IndexName("en"); got != "Indeks Pemdi / Digital Government Index" {
		t.Errorf("IndexName = %s", got)
	}
	if r.Indicator("1").Code != "1.1" || r.Indicator("2").External == nil || r.Indicator("2").External.Source != "Other agency" {
		t.Errorf("code and external not read: %+v %+v", r.Indicator("1"), r.Indicator("2"))
	}
	for name, want := range map[string]string{"unggul": "High", " Rendah ": "Low", "weak": "Low", "high": "High"} {
		if b := r.BandNamed(name); b == nil || b.Name != want {
			t.Errorf("BandNamed(%q) = %v, want %s", name, b, want)
		}
	}
	if p, ok := r.Position("indicator", "2", "external"); !ok || p != (Pos{20, 54}) {
		t.Errorf("Position(indicator 2 external) = %v %v", p, ok)
	}
	back, err := Parse("canonical.yaml", r.Canonical())
	if err != nil {
		t.Fatalf("canonical form does not parse: %v\n%s", err, r.Canonical())
	}
	if back.SHA256() != r.SHA256() {
		t.Errorf("canonical form does not round-trip:\n%s\n%s", r.Canonical(), back.Canonical())
	}
	for _, want := range []string{"index_name: Indeks Pemdi\n", "aspects:\n", `code: "1.1"`, "external: {source: Other agency, assume: 1}", "aliases: [Tinggi, Unggul]"} {
		if !strings.Contains(string(r.Canonical()), want) {
			t.Errorf("canonical form lacks %q:\n%s", want, r.Canonical())
		}
	}
	// A defaulted rubric keeps the SPBE names.
	def, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	if got := def.IndexName("id") + " / " + def.IndexName("en"); got != "Indeks SPBE / SPBE index" {
		t.Errorf("default IndexName = %s", got)
	}
}

// The canonical forms of the SPBE rubrics, recorded in the provenance of
// every report made with them, do not change with the new keys.
func TestCanonicalHashesOfSPBERubrics(t *testing.T) {
	for id, want := range map[string]string{
		"permenpanrb-59-2020": "ba2aad43701e894c660949a959f3b294330c708a6dee419848ef656ef08e79ae",
		"permenpanrb-5-2018":  "ec45b0b2b6403e76eb41da7b0108b4e89e586404c7bc1e1b90b1a7cb35d0070f",
	} {
		r, err := ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.SHA256(); got != want {
			t.Errorf("%s: canonical SHA-256 %s, want %s", id, got, want)
		}
		for _, key := range []string{"index_name", "aspects:\n-", "code:", "external:", "aliases:"} {
			if strings.Contains(string(r.Canonical()), "\n"+key) || strings.Contains(string(r.Canonical()), " "+key) {
				t.Errorf("%s: canonical form has %q", id, key)
			}
		}
	}
}

func TestDiffNewKeys(t *testing.T) {
	a, err := Parse("a.yaml", []byte(aspectsBase))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.yaml", []byte(strings.NewReplacer(`code: "1.1"`, `code: "1.3"`, "assume: 1}", "assume: 2}", "[Tinggi, Unggul]", "[Unggul]", "index_name: Indeks Pemdi", "index_name: Indeks PD").Replace(aspectsBase)))
	if err != nil {
		t.Fatal(err)
	}
	c := Diff(a, b)
	if len(c.Fields) != 1 || c.Fields[0].Field != "index_name" {
		t.Errorf("fields %+v, want index_name", c.Fields)
	}
	if len(c.Predicates) != 1 || c.Predicates[0].AliasesChange == nil || c.Predicates[0].AliasesChange.New != "Unggul" {
		t.Errorf("predicates %+v", c.Predicates)
	}
	if len(c.Indicators) != 2 || c.Indicators[0].Recoded == nil || c.Indicators[1].External == nil || c.Indicators[1].External.New.Assume != NewDecimal(2) {
		t.Errorf("indicators %+v", c.Indicators)
	}
	if len(c.Aspects) != 0 {
		t.Errorf("aspects %+v, want none", c.Aspects)
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in, want, fixed2 string
		floor, ceil      int64
		err              string
	}{
		{in: "3", want: "3", fixed2: "3.00", floor: 3, ceil: 3},
		{in: "1.1666666666666667", want: "1.1666666666666667", fixed2: "1.17", floor: 1, ceil: 2},
		{in: "2.3333333333333335", want: "2.3333333333333335", fixed2: "2.33", floor: 2, ceil: 3},
		{in: "1,5", want: "1.5", fixed2: "1.50", floor: 1, ceil: 2},
		{in: "1,26", want: "1.26", fixed2: "1.26", floor: 1, ceil: 2},
		{in: " 2.50000000000000000000 ", want: "2.5", fixed2: "2.50", floor: 2, ceil: 3}, // trailing zeros are not decimals
		{in: "0.0000000000000001", want: "0.0000000000000001", fixed2: "0.00", floor: 0, ceil: 1},
		{in: "922", want: "922", fixed2: "922.00", floor: 922, ceil: 922},
		{in: "-922", want: "-922", fixed2: "-922.00", floor: -922, ceil: -922},
		{in: "921.9999999999999999", want: "921.9999999999999999", fixed2: "922.00", floor: 921, ceil: 922},
		{in: "922.0000000000000001", err: `"922.0000000000000001": too large for a level`},
		{in: "-1.25", want: "-1.25", fixed2: "-1.25", floor: -2, ceil: -1},
		{in: "1.3125", want: "1.3125", fixed2: "1.31", floor: 1, ceil: 2},
		{in: "1.125", want: "1.125", fixed2: "1.13", floor: 1, ceil: 2}, // half-up
		{in: "1.16666666666666674", err: `"1.16666666666666674": more than 16 decimal places; a level holds 16 exactly`},
		{in: "923", err: `"923": too large for a level`},
		{in: "1000", err: `"1000": too large for a level`},
		{in: "1.2.3", err: `"1.2.3": not a decimal number`},
		{in: "1e0", err: `"1e0": not a decimal number`},
		{in: "", err: `"": not a decimal number`},
	}
	for _, tt := range tests {
		l, err := ParseLevel(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseLevel(%q) = %s, %v; want error %s", tt.in, l, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseLevel(%q): %v", tt.in, err)
			continue
		}
		if got := l.String(); got != tt.want {
			t.Errorf("ParseLevel(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if got := l.Fixed(2); got != tt.fixed2 {
			t.Errorf("ParseLevel(%q).Fixed(2) = %s, want %s", tt.in, got, tt.fixed2)
		}
		if l.Floor() != tt.floor || l.Ceil() != tt.ceil {
			t.Errorf("ParseLevel(%q): floor %d ceil %d, want %d %d", tt.in, l.Floor(), l.Ceil(), tt.floor, tt.ceil)
		}
		if got, want := l.IsInteger(), tt.floor == tt.ceil; got != want {
			t.Errorf("ParseLevel(%q).IsInteger() = %v", tt.in, got)
		}
	}
}

func TestLevelCmpAndConversions(t *testing.T) {
	l, _ := ParseLevel("1.1666666666666667")
	for _, tt := range []struct {
		d    string
		want int
	}{{"1", 1}, {"1.166666", 1}, {"1.166667", -1}, {"1.17", -1}, {"5", -1}, {"-1000000", 1}, {"1000000", -1}} {
		d, err := ParseDecimal(tt.d)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Cmp(d); got != tt.want {
			t.Errorf("%s.Cmp(%s) = %d, want %d", l, d, got, tt.want)
		}
	}
	// At the ends of both ranges: every Level against the largest and the
	// smallest Decimals, and the Decimals just inside a Level's reach.
	top, bottom := Level(math.MaxInt64), Level(math.MinInt64+1)
	for _, tt := range []struct {
		l    Level
		d    Decimal
		want int
	}{
		{top, Decimal(math.MaxInt64), -1}, {top, Decimal(math.MinInt64), 1},
		{bottom, Decimal(math.MaxInt64), -1}, {bottom, Decimal(math.MinInt64), 1},
		{top, Decimal(math.MaxInt64 / decimalToLevel), 1}, {NewLevel(922), NewDecimal(922), 0},
		{bottom, Decimal(-(math.MaxInt64 / decimalToLevel)), -1}, {NewLevel(-922), NewDecimal(-922), 0},
	} {
		if got := tt.l.Cmp(tt.d); got != tt.want {
			t.Errorf("%s.Cmp(%s) = %d, want %d", tt.l, tt.d, got, tt.want)
		}
	}
	if _, ok := l.Decimal(); ok {
		t.Errorf("%s has a Decimal", l)
	}
	d, _ := ParseDecimal("2.5")
	l2, ok := LevelOf(d)
	if !ok || l2.String() != "2.5" || l2.Cmp(d) != 0 {
		t.Errorf("LevelOf(2.5) = %s %v", l2, ok)
	}
	if back, ok := l2.Decimal(); !ok || back != d {
		t.Errorf("Decimal() of 2.5 = %s %v", back, ok)
	}
	if _, ok := LevelOf(NewDecimal(923)); ok {
		t.Errorf("LevelOf(923) is not refused")
	}
	if got := l.Float64(); got != 7.0/6 {
		t.Errorf("Float64 = %v, want the double of 7/6", got)
	}
	b, _ := l.MarshalJSON()
	var back Level
	if err := back.UnmarshalJSON(b); err != nil || back != l || string(b) != "1.1666666666666667" {
		t.Errorf("JSON %s -> %s, %v", b, back, err)
	}
}

// A level on a fractional scale is named by the whole level reached; on an
// integer scale only whole levels have names.
func TestLevelNames(t *testing.T) {
	p, err := ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	s := p.Scales[0]
	for in, want := range map[string]string{"1": "Rintisan", "1.26": "Rintisan", "1,3": "Rintisan", "1.1666666666666667": "Rintisan", "2.5": "Terkelola", "4.9999999999999999": "Terintegrasi", "5": "Optimum"} {
		l, err := ParseLevel(in)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(l); err != nil {
			t.Errorf("Check(%s): %v", in, err)
		}
		if got := s.LevelName(l); got != want {
			t.Errorf("LevelName(%s) = %q, want %q", in, got, want)
		}
	}
	for _, in := range []string{"0.9999999999999999", "5.0000000000000001"} {
		l, _ := ParseLevel(in)
		if err := s.Check(l); err == nil {
			t.Errorf("Check(%s) accepted a level off the scale", in)
		}
	}
	whole, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := ParseLevel("2.5")
	if got := whole.Scales[0].LevelName(l); got != "" {
		t.Errorf("integer scale: LevelName(2.5) = %q, want none", got)
	}
}

// FuzzParseLevel: no panic; an accepted level writes back to text that
// parses to the same level, and agrees with ParseDecimal where both accept.
func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"3", "1.1666666666666667", "1,5", "922", "923", "-0.0000000000000001", "1.16666666666666674", "1e0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLevel(s)
		if err != nil {
			return
		}
		back, err := ParseLevel(l.String())
		if err != nil || back != l {
			t.Errorf("ParseLevel(%q) = %s, which reads back as %s, %v", s, l, back, err)
		}
		if d, err := ParseDecimal(s); err == nil {
			if l.Cmp(d) != 0 {
				t.Errorf("ParseLevel(%q) = %s, ParseDecimal %s", s, l, d)
			}
		}
	})
}
