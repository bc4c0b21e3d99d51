package excelout

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// BenchmarkWrite writes the Excel report of one evaluation (summary with
// charts, indicators, provenance), of a batch of 20 (a summary of all, a
// ranking, a matrix and a sheet per instansi), and of national batches of
// 620 and 2,480 (no sheet per instansi). Time per report should grow
// linearly with the instansi: compare 620 with 2480 (at most 5.5x). Run
// with -benchmem; ../shared/bench/compare.sh times the whole command.
func BenchmarkWrite(b *testing.B) {
	r := mustRubric(b, "permenpanrb-59-2020")
	dir := b.TempDir()
	evals := syntheticEvals(b, dir, r, 2480)
	for _, n := range []int{1, 20, 620, 2480} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			p := provenance(b, r, evals[:n], "id")
			out := filepath.Join(b.TempDir(), "report.xlsx")
			for b.Loop() {
				if err := Write(out, evals[:n], p, outfile.Options{Force: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// syntheticEvals returns n evaluations with varied levels, named like
// instansi of every category, all read from one stand-in file.
func syntheticEvals(t testing.TB, dir string, r *rubric.Rubric, n int) []*result.Evaluation {
	t.Helper()
	first := evaluation(t, dir, "in.xlsx", "Kementerian Contoh", r, fixture.Perekonomian2021)
	kinds := []string{"Kementerian", "Lembaga Badan", "Pemerintah Provinsi", "Pemerintah Kabupaten", "Pemerintah Kota"}
	evals := make([]*result.Evaluation, n)
	for i := range evals {
		ls := make([]int, len(r.Indicators()))
		for j := range ls {
			ls[j] = 1 + (i*7+j*3+i*j)%5
		}
		res, err := index.Compute(r, levelsOf(r, ls))
		if err != nil {
			t.Fatal(err)
		}
		evals[i] = &result.Evaluation{Source: first.Source, Sheet: first.Sheet, Cells: first.Cells, Result: res,
			Instansi: fmt.Sprintf("%s Contoh Nomor %d", kinds[i%len(kinds)], i+1)}
	}
	return evals
}
