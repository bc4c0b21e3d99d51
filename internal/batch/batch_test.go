package batch

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// TestScorerMatchesCompute checks the compact scorer against
// index.Compute on random levels of both embedded rubrics.
func TestScorerMatchesCompute(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, id := range rubric.EmbeddedIDs() {
		r, err := rubric.ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		sc := NewScorer(r)
		inds := r.Indicators()
		for n := 0; n < 500; n++ {
			ls := make([]rubric.Level, len(inds))
			m := index.Levels{}
			for i, ind := range inds {
				s := ind.LevelScale
				lo, hi := s.Min.Int(), s.Max.Int()
				ls[i] = rubric.NewLevel(lo + rng.Int63n(hi-lo+1))
				m[ind.ID] = ls[i]
			}
			want, err := index.Compute(r, m)
			if err != nil {
				t.Fatal(err)
			}
			e := NewEval(sc, ls)
			if e.Published != want.Published || e.Predicate(r) != want.Predicate {
				t.Fatalf("%s: got %s %v, want %s %v", id, e.Published, e.Predicate(r), want.Published, want.Predicate)
			}
			var s Sums
			sc.Sums(e.Levels, &s)
			for d := range want.Domains {
				if got := sc.Domain(&s, d); got != want.Domains[d].Index {
					t.Fatalf("%s: domain %d: got %v, want %v", id, d, got, want.Domains[d].Index)
				}
			}
			for a := range want.Aspects {
				if got := sc.Aspect(&s, a); got != want.Aspects[a].Index {
					t.Fatalf("%s: aspect %d: got %v, want %v", id, a, got, want.Aspects[a].Index)
				}
			}
		}
	}
}

func TestRankTies(t *testing.T) {
	d := func(s string) rubric.Decimal { v, _ := rubric.ParseDecimal(s); return v }
	evals := []*Eval{{Published: d("2.95")}, {Published: d("4")}, {Published: d("2.95")}, {Published: d("2")}, {Published: d("4")}}
	byRank := Rank(evals)
	var got []int
	for _, e := range evals {
		got = append(got, int(e.Rank))
	}
	if want := []int{3, 1, 3, 5, 1}; !slices.Equal(got, want) {
		t.Errorf("ranks: got %v, want %v", got, want)
	}
	if byRank[0] != evals[1] || byRank[1] != evals[4] || byRank[2] != evals[0] {
		t.Errorf("rank order does not keep input order among ties")
	}
}

func TestOrdered(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var got []int
		Ordered(100, workers, func(i int) int { return i * i }, func(i, v int) {
			if v != i*i {
				t.Errorf("result %d: got %d", i, v)
			}
			got = append(got, i)
		})
		for i, v := range got {
			if v != i {
				t.Fatalf("workers %d: emitted out of order: %v", workers, got)
			}
		}
		if len(got) != 100 {
			t.Fatalf("workers %d: %d results, want 100", workers, len(got))
		}
	}
}

func TestMedianAndMean(t *testing.T) {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	sc := NewScorer(r)
	n := len(r.Indicators())
	s := NewSummary(sc, "")
	for _, l := range []int64{2, 3, 4, 4} {
		ls := make([]rubric.Level, n)
		for i := range ls {
			ls[i] = rubric.NewLevel(l)
		}
		s.Add(NewEval(sc, ls))
	}
	s.Finish()
	if s.Mean != rubric.NewDecimal(13)/4 || s.Median != rubric.NewDecimal(7)/2 {
		t.Errorf("mean %s, median %s: want 3.25, 3.5", s.Mean, s.Median)
	}
	if s.PerBand[1] != 2 { // Sangat Baik
		t.Errorf("per band: %v", s.PerBand)
	}
}
