package render

import (
	"fmt"
	"io"
	"testing"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// BenchmarkWrite renders the ranking and summary of 10,000 evaluations in
// each batch format, as spbe score does for a wide workbook.
func BenchmarkWrite(b *testing.B) {
	r, _ := rubric.ByID(rubric.DefaultID)
	sc := batch.NewScorer(r)
	ls := make([]rubric.Level, len(r.Indicators()))
	var evals []*batch.Eval
	for i := 0; i < 10000; i++ {
		for j := range ls {
			ls[j] = rubric.NewLevel(int64((i+j)%5 + 1))
		}
		e := batch.NewEval(sc, ls)
		e.Source, e.Instansi = "nasional.xlsx", fmt.Sprintf("Pemerintah Kabupaten %d", i)
		evals = append(evals, e)
	}
	bt := batch.Build(sc, evals, nil, false, 2)
	for _, f := range []struct {
		name  string
		write func(io.Writer, *result.Batch, Options) error
	}{{"text", BatchText}, {"csv", BatchCSV}, {"json", BatchJSON}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.write(io.Discard, bt, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
