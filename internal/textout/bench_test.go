package textout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// BenchmarkWrite renders the ranking and summary of 10,000 evaluations in
// each batch format, as spbe score does for a wide workbook.
func BenchmarkWrite(b *testing.B) {
	r, _ := rubric.ByID("permenpanrb-59-2020")
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

// benchBatch reads a wide workbook of n instansi (levels and cells as
// spbe score has them), for a batch encoded by two workers.
func benchBatch(b *testing.B, n int) *result.Batch {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	rows := make([]fixture.WideRow, n)
	for i := range rows {
		lv := make([]int, len(r.Indicators()))
		for j := range lv {
			lv[j] = (i+j)%5 + 1
		}
		rows[i] = fixture.WideRow{Instansi: fmt.Sprintf("Pemerintah Kabupaten %d", i), Levels: lv}
	}
	path := filepath.Join(b.TempDir(), "nasional.xlsx")
	if err := fixture.Wide(path, r, rows); err != nil {
		b.Fatal(err)
	}
	sc := batch.NewScorer(r)
	in := batch.Read(path, &batch.Options{Rubric: r, Scorer: sc})
	if len(in.Errs) > 0 || len(in.Evals) != n {
		b.Fatalf("%d evaluations, errors %v", len(in.Evals), in.Errs)
	}
	return batch.Build(sc, in.Evals, nil, false, 2)
}

// BenchmarkJSON splits the JSON of a wide workbook's batch into its
// parts, at 1,000 and 10,000 evaluations, one goroutine unless said
// otherwise:
//
//	full           computing every full result (RankRow.Full), nothing written
//	write          writing results already computed (appendResult)
//	batch          BatchJSON, both with two workers (as spbe score)
//	batch-1        BatchJSON with one worker
//	encoding-json  the same results with encoding/json, as BatchJSON wrote
//	               them before it streamed (NewJSONResult, MarshalIndent)
//
// The bytes of JSON written per second are reported as MB/s.
func BenchmarkJSON(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		bt := benchBatch(b, n)
		var size int64
		{
			var cw countWriter
			if err := BatchJSON(&cw, bt, Options{}); err != nil {
				b.Fatal(err)
			}
			size = int64(cw)
		}
		full := func() []*result.Evaluation {
			evals := make([]*result.Evaluation, n)
			for i := range evals {
				e, err := bt.Row(i, false).Full()
				if err != nil {
					b.Fatal(err)
				}
				evals[i] = e
			}
			return evals
		}
		b.Run(fmt.Sprintf("full/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				full()
			}
		})
		b.Run(fmt.Sprintf("write/%d", n), func(b *testing.B) {
			evals := full()
			b.SetBytes(size)
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				for i, e := range evals {
					buf, _ = appendResult(buf[:0], 4, e, &jsonHead{Rank: i + 1}, nil, false)
				}
			}
		})
		b.Run(fmt.Sprintf("batch/%d", n), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if err := BatchJSON(io.Discard, bt, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("batch-1/%d", n), func(b *testing.B) {
			seq := *bt
			seq.Each = nil
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				if err := BatchJSON(io.Discard, &seq, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("encoding-json/%d", n), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for i := 0; i < n; i++ {
					rr := bt.Row(i, false)
					e, err := rr.Full()
					if err != nil {
						b.Fatal(err)
					}
					var buf bytes.Buffer
					enc := json.NewEncoder(&buf)
					enc.SetEscapeHTML(false)
					enc.SetIndent("    ", "  ")
					if err := enc.Encode(JSONBatchResult{Rank: rr.Rank, Category: rr.Category, JSONResult: NewJSONResult(e)}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
