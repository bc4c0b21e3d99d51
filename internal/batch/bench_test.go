package batch

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// BenchmarkBatch reads, scores, ranks and summarises 100 one-instansi
// workbooks with two workers, as spbe score does for a folder.
func BenchmarkBatch(b *testing.B) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var paths []string
	for i := 0; i < 100; i++ {
		p := filepath.Join(dir, fmt.Sprintf("i%03d.xlsx", i))
		lv := make([]int, len(r.Indicators()))
		for j := range lv {
			lv[j] = (i+j)%5 + 1
		}
		if err := fixture.Report(p, "Hasil", fmt.Sprintf("Instansi %d", i), r, lv); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	o := &Options{Rubric: r, Scorer: NewScorer(r)}
	b.ReportAllocs()
	for b.Loop() {
		var evals []*Eval
		Ordered(len(paths), 2, func(i int) *Input { return Read(paths[i], o) }, func(i int, in *Input) {
			if len(in.Errs) > 0 {
				b.Fatal(in.Errs)
			}
			evals = append(evals, in.Evals...)
		})
		if bt := Build(o.Scorer, evals, nil, true, 2); bt.Len != 100 {
			b.Fatal(bt.Len)
		}
	}
}

// BenchmarkScore is the compact scoring of one evaluation.
func BenchmarkScore(b *testing.B) {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	sc := NewScorer(r)
	ls := make([]rubric.Level, len(r.Indicators()))
	for i := range ls {
		ls[i] = rubric.NewLevel(int64(i%5 + 1))
	}
	b.ReportAllocs()
	for b.Loop() {
		NewEval(sc, ls)
	}
}
