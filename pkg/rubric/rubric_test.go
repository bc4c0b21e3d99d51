package rubric

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// weights59 is the official table of PermenPANRB 59/2020 (also in
// ../shared/bench/rubric59.csv, which CI does not have): indicator, domain,
// aspect and weight in percent.
const weights59 = `
1 D1 A1 1.30
2 D1 A1 1.30
3 D1 A1 1.30
4 D1 A1 1.30
5 D1 A1 1.30
6 D1 A1 1.30
7 D1 A1 1.30
8 D1 A1 1.30
9 D1 A1 1.30
10 D1 A1 1.30
11 D2 A2 2.50
12 D2 A2 2.50
13 D2 A2 2.50
14 D2 A2 2.50
15 D2 A3 2.50
16 D2 A3 2.50
17 D2 A3 2.50
18 D2 A3 2.50
19 D2 A4 2.50
20 D2 A4 2.50
21 D3 A5 1.50
22 D3 A5 1.50
23 D3 A5 1.50
24 D3 A5 1.50
25 D3 A5 1.50
26 D3 A5 1.50
27 D3 A5 1.50
28 D3 A5 1.50
29 D3 A6 1.50
30 D3 A6 1.50
31 D3 A6 1.50
32 D4 A7 2.75
33 D4 A7 2.75
34 D4 A7 2.75
35 D4 A7 2.75
36 D4 A7 2.75
37 D4 A7 2.75
38 D4 A7 2.75
39 D4 A7 2.75
40 D4 A7 2.75
41 D4 A7 2.75
42 D4 A8 3.00
43 D4 A8 3.00
44 D4 A8 3.00
45 D4 A8 3.00
46 D4 A8 3.00
47 D4 A8 3.00
`

func TestEmbeddedRubrics(t *testing.T) {
	tests := []struct {
		id                           string
		indicators, aspects, domains int
		total                        string
		scales                       []string
		lowest, highest              string
		highestEN                    string // default Excellent
	}{
		{id: "permenpanrb-59-2020", indicators: 47, aspects: 8, domains: 4, total: "100", scales: []string{"kebijakan-tata-kelola-manajemen", "layanan"}, lowest: "Kurang", highest: "Memuaskan"},
		{id: "permenpanrb-5-2018", indicators: 37, aspects: 7, domains: 3, total: "100", scales: []string{"kebijakan-tata-kelola", "layanan"}, lowest: "Kurang", highest: "Memuaskan"},
		{id: "permenpanrb-8-2026", indicators: 20, aspects: 7, domains: 0, total: "100", scales: []string{"pemdi"}, lowest: "Kurang", highest: "Memuaskan", highestEN: "Leading"},
	}
	// The instrument in force (Indeks Pemdi) first, as the default, then
	// the others newest first (issue 21).
	if got, want := strings.Join(EmbeddedIDs(), " "), "permenpanrb-8-2026 permenpanrb-59-2020 permenpanrb-5-2018"; got != want {
		t.Errorf("EmbeddedIDs() = %s, want %s", got, want)
	}
	if EmbeddedIDs()[0] != DefaultID {
		t.Errorf("EmbeddedIDs()[0] = %s, want the default %s", EmbeddedIDs()[0], DefaultID)
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			src, ok := EmbeddedSource(tt.id)
			if !ok {
				t.Fatalf("EmbeddedSource(%q) not found", tt.id)
			}
			if _, problems := Check(tt.id+".yaml", src); len(problems) > 0 {
				t.Errorf("Check reports %v, want nothing (not even a warning)", problems)
			}
			r, err := ByID(tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if r.ID != tt.id {
				t.Errorf("ID = %q, want %q", r.ID, tt.id)
			}
			if got := len(r.Indicators()); got != tt.indicators {
				t.Errorf("%d indicators, want %d", got, tt.indicators)
			}
			if got := len(r.Aspects()); got != tt.aspects {
				t.Errorf("%d aspects, want %d", got, tt.aspects)
			}
			if got := len(r.Domains); got != tt.domains {
				t.Errorf("%d domains, want %d", got, tt.domains)
			}
			if got := r.Total.String(); got != tt.total {
				t.Errorf("Total = %s, want %s", got, tt.total)
			}
			var scales []string
			for _, s := range r.Scales {
				scales = append(scales, s.ID)
			}
			if got, want := strings.Join(scales, " "), strings.Join(tt.scales, " "); got != want {
				t.Errorf("scales %s, want %s", got, want)
			}
			// Every indicator is linked and found by id; the derived sums hold.
			var sum Decimal
			for _, ind := range r.Indicators() {
				if r.Indicator(ind.ID) != ind {
					t.Errorf("Indicator(%q) does not return it", ind.ID)
				}
				if ind.Aspect == nil || ind.Aspect.Domain == nil && tt.domains > 0 || ind.LevelScale == nil {
					t.Errorf("indicator %s: links not derived: %+v", ind.ID, ind)
				}
				sum += ind.Weight
			}
			var domainSum Decimal
			for _, d := range r.Domains {
				domainSum += d.IndicatorWeight
			}
			if tt.domains == 0 {
				for _, a := range r.Aspects() {
					domainSum += a.IndicatorWeight
				}
			}
			if sum != domainSum {
				t.Errorf("indicator weights add up to %s, domains' IndicatorWeight to %s", sum, domainSum)
			}
			if r.Indicator("no-such") != nil {
				t.Errorf("Indicator(no-such) is not nil")
			}
			if got := r.Band(r.Predicates[0].From).Name; got == "" {
				t.Errorf("Band of the first band's From has no name")
			}
			if got := r.BandNamed(" " + strings.ToLower(tt.lowest) + " "); got == nil || got.Name != tt.lowest {
				t.Errorf("BandNamed(%q) = %v, want %s", tt.lowest, got, tt.lowest)
			}
			en := tt.highestEN
			if en == "" {
				en = "Excellent"
			}
			if got := r.BandNamed(en); got == nil || got.Name != tt.highest {
				t.Errorf("BandNamed(%s) = %v, want %s", en, got, tt.highest)
			}
			if got := r.BandNamed("Superb"); got != nil {
				t.Errorf("BandNamed(Superb) = %v, want nil", got)
			}
		})
	}
}

// TestWeights59 checks every indicator of the default rubric against the
// official table: id, domain, aspect and weight, in order.
func TestWeights59(t *testing.T) {
	r, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(weights59), "\n") {
		f := strings.Fields(line)
		w, err := ParseDecimal(f[3])
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, strings.Join([]string{f[0], f[1], f[2], w.Fixed(2)}, " "))
	}
	var got []string
	for _, ind := range r.Indicators() {
		got = append(got, strings.Join([]string{ind.ID, ind.Aspect.Domain.ID, ind.Aspect.ID, ind.Weight.Fixed(2)}, " "))
	}
	if len(got) != len(want) {
		t.Fatalf("got %d indicators, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("indicator %d: got %q, want %q", i+1, got[i], want[i])
		}
	}
	domains := map[string]string{"D1": "13", "D2": "25", "D3": "16.5", "D4": "45.5"}
	for _, d := range r.Domains {
		if got := d.Weight.String(); got != domains[d.ID] {
			t.Errorf("domain %s: weight %s, want %s", d.ID, got, domains[d.ID])
		}
		if d.IndicatorWeight != d.Weight {
			t.Errorf("domain %s: IndicatorWeight %s, want %s", d.ID, d.IndicatorWeight, d.Weight)
		}
	}
}

// TestChildrenWeight5of2018 checks the one aspect whose indicators knowingly
// do not add up to its weight.
func TestChildrenWeight5of2018(t *testing.T) {
	r, err := ByID("permenpanrb-5-2018")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Aspects() {
		want := a.Weight
		if a.ID == "A7" {
			want = 19_800_000
			if a.ChildrenWeight == nil || *a.ChildrenWeight != want {
				t.Errorf("aspect A7: ChildrenWeight = %v, want 19.8", a.ChildrenWeight)
			}
		}
		if a.IndicatorWeight != want {
			t.Errorf("aspect %s: IndicatorWeight %s, want %s", a.ID, a.IndicatorWeight, want)
		}
	}
	if got, want := r.Scales[0].Min, NewDecimal(0); got != want {
		t.Errorf("scale min %s, want %s", got, want)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "my.yaml")
	if err := os.WriteFile(file, []byte(validBase), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte(strings.Replace(validBase, "total: 10", "total: 11", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg     string
		wantID  string
		wantErr string
	}{
		{arg: "", wantID: "permenpanrb-8-2026"},
		{arg: "permenpanrb-59-2020", wantID: "permenpanrb-59-2020"},
		{arg: "permenpanrb-5-2018", wantID: "permenpanrb-5-2018"},
		{arg: file, wantID: "t"},
		{arg: broken, wantErr: broken + ":3:8: total 11 but the domains' weights add up to 10"},
		{arg: "permenpanrb-1-2099", wantErr: `rubric "permenpanrb-1-2099" is neither an embedded rubric (permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018) nor a file`},
		{arg: filepath.Join(dir, "missing.yaml"), wantErr: "rubric: open " + filepath.Join(dir, "missing.yaml") + ": no such file or directory"},
		{arg: dir, wantErr: "rubric: read " + dir + ": is a directory"},
	}
	for _, tt := range tests {
		r, err := Load(tt.arg)
		switch {
		case tt.wantErr != "":
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Load(%q): got error %v, want %q", tt.arg, err, tt.wantErr)
			}
			if r != nil {
				t.Errorf("Load(%q) returned a rubric with an error", tt.arg)
			}
		case err != nil:
			t.Errorf("Load(%q): %v", tt.arg, err)
		case r.ID != tt.wantID:
			t.Errorf("Load(%q).ID = %q, want %q", tt.arg, r.ID, tt.wantID)
		}
	}
	if _, err := ByID("nope"); err == nil || err.Error() != `no embedded rubric "nope" (embedded: permenpanrb-8-2026, permenpanrb-59-2020, permenpanrb-5-2018)` {
		t.Errorf("ByID(nope): got %v", err)
	}
	if _, ok := EmbeddedSource("nope"); ok {
		t.Errorf("EmbeddedSource(nope) found something")
	}
}

// TestBand checks every predicate edge of both embedded rubrics: exactly at
// a boundary (the upper band), one unit below it, and outside the range.
func TestBand(t *testing.T) {
	const u = 1 // one millionth
	d := func(s string) Decimal {
		v, err := ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		id   string
		v    Decimal
		want string // "" means no band
	}{
		{"permenpanrb-59-2020", d("1") - u, ""},
		{"permenpanrb-59-2020", d("1"), "Kurang"},
		{"permenpanrb-59-2020", d("1.8") - u, "Kurang"},
		{"permenpanrb-59-2020", d("1.8"), "Cukup"},
		{"permenpanrb-59-2020", d("2.6") - u, "Cukup"},
		{"permenpanrb-59-2020", d("2.6"), "Baik"},
		{"permenpanrb-59-2020", d("3.5") - u, "Baik"},
		{"permenpanrb-59-2020", d("3.5"), "Sangat Baik"},
		{"permenpanrb-59-2020", d("4.2") - u, "Sangat Baik"},
		{"permenpanrb-59-2020", d("4.2"), "Memuaskan"},
		{"permenpanrb-59-2020", d("5") - u, "Memuaskan"},
		{"permenpanrb-59-2020", d("5"), "Memuaskan"}, // the top band includes its end
		{"permenpanrb-59-2020", d("5") + u, ""},
		{"permenpanrb-59-2020", d("-1"), ""},
		{"permenpanrb-5-2018", d("0") - u, ""},
		{"permenpanrb-5-2018", d("0"), "Kurang"},
		{"permenpanrb-5-2018", d("1"), "Kurang"},
		{"permenpanrb-5-2018", d("1.8") - u, "Kurang"},
		{"permenpanrb-5-2018", d("1.8"), "Cukup"},
		{"permenpanrb-5-2018", d("4.2") - u, "Sangat Baik"},
		{"permenpanrb-5-2018", d("4.2"), "Memuaskan"},
		{"permenpanrb-5-2018", d("5"), "Memuaskan"},
		{"permenpanrb-5-2018", d("5") + u, ""},
	}
	for _, tt := range tests {
		r, err := ByID(tt.id)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if b := r.Band(tt.v); b != nil {
			got = b.Name
		}
		if got != tt.want {
			t.Errorf("%s: Band(%s) = %q, want %q", tt.id, tt.v, got, tt.want)
		}
	}
}

func TestScale(t *testing.T) {
	r, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	s := r.Scales[0]
	tests := []struct {
		level   string
		wantErr string
		name    string
	}{
		{level: "1", name: "Rintisan"},
		{level: "3", name: "Terdefinisi"},
		{level: "5", name: "Optimum"},
		{level: "0", wantErr: "level 0 is outside the scale 1 to 5"},
		{level: "6", wantErr: "level 6 is outside the scale 1 to 5"},
		{level: "2.5", wantErr: "level 2.5 is not a whole number from 1 to 5"},
	}
	for _, tt := range tests {
		l, _ := ParseLevel(tt.level)
		err := s.Check(l)
		if got := errString(err); got != tt.wantErr {
			t.Errorf("Check(%s) = %q, want %q", tt.level, got, tt.wantErr)
		}
		if got := s.LevelName(l); got != tt.name {
			t.Errorf("LevelName(%s) = %q, want %q", tt.level, got, tt.name)
		}
	}
	if got := r.Indicator("47").LevelScale.LevelName(NewLevel(4)); got != "Kolaborasi" {
		t.Errorf("indicator 47 (domain scale layanan): level 4 is %q, want Kolaborasi", got)
	}
	if got := r.Indicator("1").LevelScale.ID; got != "kebijakan-tata-kelola-manajemen" {
		t.Errorf("indicator 1 scale %q, want the first scale", got)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func BenchmarkParse(b *testing.B) {
	src, _ := EmbeddedSource(DefaultID)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(DefaultID+".yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCanonical(b *testing.B) {
	r, err := ByID(DefaultID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r.Canonical()
	}
}
