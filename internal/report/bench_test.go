package report

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/result"
)

// BenchmarkWrite writes the Excel report of one evaluation (summary with
// charts, indicators, provenance) and of a batch of 20 (a ranking sheet
// first, then a summary and an indicator sheet each).
func BenchmarkWrite(b *testing.B) {
	r := mustRubric(b, "permenpanrb-59-2020")
	dir := b.TempDir()
	var evals []*result.Evaluation
	for i := 0; i < 20; i++ {
		evals = append(evals, evaluation(b, dir, fmt.Sprintf("in%02d.xlsx", i), fmt.Sprintf("Instansi %d", i), r, fixture.Perekonomian2021))
	}
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			p := provenance(b, r, evals[:n], "id")
			out := filepath.Join(b.TempDir(), "report.xlsx")
			for b.Loop() {
				if err := Write(out, evals[:n], p, SaveOptions{Force: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
