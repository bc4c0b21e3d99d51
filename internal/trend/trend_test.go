package trend

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func rub(t *testing.T, id string) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func val(t *testing.T, s string) *index.Value {
	t.Helper()
	d, err := rubric.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	v := index.ValueOf(d)
	return &v
}

func dec(t *testing.T, s string) rubric.Decimal {
	t.Helper()
	d, err := rubric.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// kalteng is Kalimantan Tengah's published series (1,00 -> 1,90 -> 2,75
// -> 2,87 -> 3,41, 2021-2025), 2025 given only as its domains, with a
// 2019 point under 5/2018 and a 2026 point under 8/2026 before and after.
func kalteng(t *testing.T) []Observation {
	r18, r20, r26 := rub(t, "permenpanrb-5-2018"), rub(t, "permenpanrb-59-2020"), rub(t, "permenpanrb-8-2026")
	return []Observation{
		{Year: 2026, Rubric: r26, Index: val(t, "2.10"), Source: "2026.xlsx", Provisional: true},
		{Year: 2025, Rubric: r20, Parts: []*index.Value{val(t, "3.50"), val(t, "2.70"), val(t, "2.73"), val(t, "4.01")}, Source: "tabel.csv:6"},
		{Year: 2021, Rubric: r20, Index: val(t, "1.00"), Source: "tabel.csv:2"},
		{Year: 2022, Rubric: r20, Index: val(t, "1.90"), Source: "tabel.csv:3"},
		{Year: 2023, Rubric: r20, Index: val(t, "2.75"), Source: "tabel.csv:4"},
		{Year: 2024, Rubric: r20, Index: val(t, "2.87"), Source: "tabel.csv:5"},
		{Year: 2019, Rubric: r18, Index: val(t, "2.05"), Source: "2019.xlsx"},
	}
}

func TestSeries(t *testing.T) {
	tr, _, err := Series("Kalimantan Tengah", kalteng(t))
	if err != nil {
		t.Fatal(err)
	}
	// The changes are the differences of the published values by hand.
	want := []struct {
		year        int
		pub, change string
		since       int
		brk         bool
		computed    string
		pred        string
	}{
		{2019, "2.05", "0", 0, false, "", "Cukup"},
		{2021, "1.00", "0", 0, true, "", "Kurang"},
		{2022, "1.90", "0.90", 2021, false, "", "Cukup"},
		{2023, "2.75", "0.85", 2022, false, "", "Baik"},
		{2024, "2.87", "0.12", 2023, false, "", "Baik"},
		{2025, "3.41", "0.54", 2024, false, "domains", "Baik"},
		{2026, "2.10", "0", 0, true, "", ""},
	}
	if len(tr.Points) != len(want) {
		t.Fatalf("%d points, want %d", len(tr.Points), len(want))
	}
	for i, w := range want {
		p := tr.Points[i]
		if p.Year != w.year || p.Published != dec(t, w.pub) || p.Change != dec(t, w.change) || p.Since != w.since || p.Break != w.brk || p.Computed != w.computed {
			t.Errorf("point %d: got %d %s %+v since %d break %v computed %q, want %+v", i, p.Year, p.Published, p.Change, p.Since, p.Break, p.Computed, w)
		}
		if w.pred != "" && (p.Predicate == nil || p.Predicate.Name != w.pred) {
			t.Errorf("%d: predicate %v, want %s", p.Year, p.Predicate, w.pred)
		}
	}
	if got := tr.Points[5].Index.Exact(); got != "3.405" {
		t.Errorf("2025 exact = %s, want 3.405", got)
	}
	if !tr.Points[6].Provisional {
		t.Error("2026 is not provisional")
	}
	if len(tr.Breaks) != 2 || tr.Breaks[0].Year != 2021 || tr.Breaks[0].From != 2019 || tr.Breaks[1].Year != 2026 || tr.Breaks[1].New.ID != "permenpanrb-8-2026" {
		t.Errorf("breaks %+v", tr.Breaks)
	}
}

// An instrument that comes back after another (an Instrumen column
// naming 8/2026 for 2024 between two years of 59/2020) is a break again:
// 2025 is not differenced with 2023 across the 2024 of another scale.
func TestSeriesInstrumentBack(t *testing.T) {
	r20, r26 := rub(t, "permenpanrb-59-2020"), rub(t, "permenpanrb-8-2026")
	tr, _, err := Series("X", []Observation{
		{Year: 2023, Rubric: r20, Index: val(t, "3.00"), Source: "t.csv row 2"},
		{Year: 2024, Rubric: r26, Index: val(t, "2.50"), Source: "t.csv row 3"},
		{Year: 2025, Rubric: r20, Index: val(t, "3.50"), Source: "t.csv row 4"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := tr.Points[2]; !p.Break || p.Since != 0 || p.Change != 0 || len(tr.Breaks) != 2 {
		t.Errorf("2025 after 2024 of 8/2026: break %v, since %d, change %s, %d breaks; want a break and no change", p.Break, p.Since, p.Change, len(tr.Breaks))
	}
}

func TestSeriesDuplicate(t *testing.T) {
	r20 := rub(t, "permenpanrb-59-2020")
	same := []Observation{
		{Year: 2024, Rubric: r20, Index: val(t, "2.87"), Source: "a.xlsx"},
		{Year: 2024, Rubric: r20, Index: val(t, "2.874"), Source: "b.csv:3"}, // published 2,87 too
	}
	tr, notes, err := Series("X", same)
	if err != nil || len(tr.Points) != 1 || len(notes) != 1 {
		t.Errorf("same value twice: %v points, notes %q, err %v", tr, notes, err)
	}
	diff := []Observation{same[0], {Year: 2024, Rubric: r20, Index: val(t, "2.88"), Source: "b.csv:3"}}
	_, _, err = Series("X", diff)
	var de *DuplicateError
	if !errors.As(err, &de) || de.A != "a.xlsx" || de.B != "b.csv:3" {
		t.Errorf("different values: err %v, want a DuplicateError naming both", err)
	}
	// A domain missing: no index to compute.
	_, _, err = Series("X", []Observation{{Year: 2025, Rubric: r20, Parts: []*index.Value{val(t, "3"), nil, val(t, "3"), val(t, "3")}, Source: "t.csv:2"}})
	if err == nil {
		t.Error("a missing domain and no index: no error")
	}
}

func TestPeers(t *testing.T) {
	r20 := rub(t, "permenpanrb-59-2020")
	d := func(a, b, c, e string) []*index.Value {
		return []*index.Value{val(t, a), val(t, b), val(t, c), val(t, e)}
	}
	obs := []Observation{
		{Instansi: "Jawa Barat", Key: "jawa barat", Group: "Provinsi", Year: 2024, Rubric: r20, Index: val(t, "4.04"), Parts: d("4.20", "3.90", "3.80", "4.15")},
		{Instansi: "Kalimantan Timur", Key: "kalimantan timur", Group: "Provinsi", Year: 2024, Rubric: r20, Index: val(t, "3.32"), Parts: d("3.00", "3.10", "3.20", "3.60")},
		{Instansi: "Kalimantan Tengah", Key: "kalimantan tengah", Group: "Provinsi", Year: 2024, Rubric: r20, Index: val(t, "3.32"), Parts: d("3.50", "2.70", "2.73", "4.01")},
		{Instansi: "Kota Bogor", Key: "kota bogor", Group: "Kota", Year: 2024, Rubric: r20, Index: val(t, "4.50")},
		{Instansi: "Jawa Barat", Key: "jawa barat", Group: "Provinsi", Year: 2023, Rubric: r20, Index: val(t, "1.00")},
	}
	p, err := Peers(obs, 2024, "kalimantan timur", "jawa barat", "")
	if err != nil {
		t.Fatal(err)
	}
	// Ranks by hand: Jawa Barat 1, the two at 3,32 share 2; Kota Bogor is
	// another kind; 2023 is another year.
	if p.Rank != 2 || p.Count != 3 || p.Group != "Provinsi" {
		t.Errorf("rank %d of %d %s, want 2 of 3 Provinsi", p.Rank, p.Count, p.Group)
	}
	// Mean index (4,04+3,32+3,32)/3 = 3,56; D1 mean (4,20+3,00+3,50)/3 = 3,5666...
	if got := p.Mean.Exact(); got != "3.56" {
		t.Errorf("mean %s, want 3.56", got)
	}
	if got := p.Parts[0].Mean.Round(4); got != dec(t, "3.5667") {
		t.Errorf("D1 mean %s, want 3.5667", got)
	}
	if p.Gap != dec(t, "0.72") || p.Target != dec(t, "4.05") || p.Peer != "Jawa Barat" {
		t.Errorf("gap %s target %s peer %q, want 0.72 4.05 Jawa Barat", p.Gap, p.Target, p.Peer)
	}
	if gap := p.Parts[3].Peer.Sub(p.Parts[3].Own).Exact(); gap != "0.55" {
		t.Errorf("D4 gap %s, want 0.55", gap)
	}
	_, err = Peers(obs, 2024, "kalimantan timur", "jawa tengah", "")
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.What != "--peer" || len(nf.Names) != 4 {
		t.Errorf("unknown peer: %v", err)
	}
	// A provisional index says so where it is shown among the peers: the
	// instansi's in the heading, the peer's in the gap.
	obs[1].Provisional, obs[0].Provisional = true, true
	if p, err := Peers(obs, 2024, "kalimantan timur", "jawa barat", ""); err != nil || !p.Provisional || !p.PeerProvisional ||
		!strings.Contains(PeersHeading(p, "id"), "indeks 3,32 (sementara), rata-rata") {
		t.Errorf("provisional: %v %+v; heading %q", err, p, PeersHeading(p, "id"))
	} else if s, _ := PeerGap(p, "en"); !strings.Contains(s, "Jawa Barat (4.04, provisional): +0.72") {
		t.Errorf("provisional peer: %q", s)
	}
	obs[1].Provisional, obs[0].Provisional = false, false
	// Jawa Barat twice in 2024: the same published index counts once
	// (rank and count as before); a different one is refused, naming both
	// rows, not counted twice in the mean.
	twice := append(obs[:len(obs):len(obs)], Observation{Instansi: "Provinsi Jawa Barat", Key: "jawa barat", Group: "Provinsi", Year: 2024, Rubric: r20, Index: val(t, "4.04"), Source: "b.csv row 9"})
	if p, err := Peers(twice, 2024, "kalimantan timur", "", ""); err != nil || p.Count != 3 || p.Mean.Exact() != "3.56" {
		t.Errorf("Jawa Barat twice alike: %v, %+v", err, p)
	}
	twice[len(twice)-1].Index = val(t, "3.00")
	_, err = Peers(twice, 2024, "kalimantan timur", "", "")
	var de *DuplicateError
	if !errors.As(err, &de) || de.B != "b.csv row 9" || !strings.Contains(err.Error(), "Provinsi Jawa Barat 2024 is given twice") {
		t.Errorf("Jawa Barat twice with 4,04 and 3,00: %v, want a DuplicateError naming it", err)
	}
	obs[1].Group = ""
	if _, err := Peers(obs, 2024, "kalimantan timur", "", ""); !errors.As(err, new(*NoGroupError)) {
		t.Errorf("no kind: %v, want a NoGroupError", err)
	}
}

// Digits keeps every digit of a terminating decimal, by hand: the
// monitoring export's 3.4050000000000002 (16 places, past Exact's 12) and
// a value of few places as Exact writes it; a third is Exact's.
func TestDigits(t *testing.T) {
	for in, want := range map[string]string{"3.4050000000000002": "3.4050000000000002", "3.40": "3.4", "3": "3", "0.000000000000001": "0.000000000000001"} {
		v, err := rubric.ParseDecimal(in)
		if err != nil {
			// beyond Decimal's places: build it exactly
			r, _ := new(big.Rat).SetString(in)
			if got := Digits(index.RatValue(r)); got != want {
				t.Errorf("Digits(%s) = %s, want %s", in, got, want)
			}
			continue
		}
		if got := Digits(index.ValueOf(v)); got != want {
			t.Errorf("Digits(%s) = %s, want %s", in, got, want)
		}
	}
	third := index.RatValue(big.NewRat(1, 3))
	if got := Digits(third); got != third.Exact() {
		t.Errorf("Digits(1/3) = %s, want %s", got, third.Exact())
	}
	// A scored index is shown as spbe score shows it, cut at 12 places.
	long, _ := new(big.Rat).SetString("2.164166666666666675")
	p := result.TrendPoint{Index: index.RatValue(long), Scored: true}
	if got := IndexDigits(&p); got != "2.164166666666..." {
		t.Errorf("a scored index: %s, want it as Exact writes it", got)
	}
	p.Scored = false
	if got := IndexDigits(&p); got != "2.164166666666666675" {
		t.Errorf("an index read: %s, want every digit", got)
	}
}
