package batch

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// weightWarnings warns of every row whose weight cell (the table's Bobot
// column) differs from the weight the rubric gives its indicator: the
// index is computed with the rubric's weights, never the workbook's, so a
// weight typed over in the workbook (indicator 21 as 5,00) would
// otherwise pass without a word. A cell that is empty or not a number is
// passed over (a heading, a note). The weight column holds a percentage
// of the index ("Bobot (%)"): the rubric's weight x 100 / its total,
// which is the weight itself in every embedded rubric (total 100).
func weightWarnings(path string, sh *workbook.Sheet, r *rubric.Rubric, lang label.Lang) []string {
	if sh.WeightColumn == "" {
		return nil
	}
	var out []string
	total := big.NewRat(r.Total.Units(), 1)
	million := big.NewRat(1000000, 1)
	for _, e := range sh.Entries {
		ind := workbook.Indicator(r, e.ID)
		if ind == nil || e.Weight == "" {
			continue
		}
		w, err := rubric.ParseDecimal(strings.TrimSuffix(strings.TrimSpace(e.Weight), "%"))
		if err != nil {
			continue
		}
		// w == weight x 100 / total, exactly (both in millionths).
		want := new(big.Rat).Quo(new(big.Rat).Mul(big.NewRat(ind.Weight.Units(), 1), big.NewRat(100*1000000, 1)), total)
		if want.Cmp(big.NewRat(w.Units(), 1)) == 0 {
			continue
		}
		where := e.WeightCell
		if sh.Sheet != "" {
			where = sh.Sheet + "!" + where
		}
		ruled := label.Number(ind.Weight, 2, string(lang))
		if r.Total != rubric.NewDecimal(100) {
			ruled = fmt.Sprintf("%s (%s %%)", ruled, new(big.Rat).Quo(want, million).FloatString(2))
		}
		typed := label.Number(w, 2, string(lang))
		out = append(out, msg.Sprintf(lang, "%s: warning: %s: indicator %s: the Bobot column says %s, but rubric %s weighs it %s; the index is computed with the rubric's weight (check the workbook, or --rubric if that weight is meant)",
			path, where, ind.ID, typed, r.ID, ruled))
	}
	return out
}
