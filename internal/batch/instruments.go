package batch

import (
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// differentInstruments refuses two sides whose inputs were read with
// different instruments (rubrics chosen by their indicators: an SPBE 2024
// workbook against a Pemdi 2026 one), saying why no --rubric can compare
// them and what can be compared instead: each side's index, and the
// aspects that the two instruments name alike. It is nil when each side is
// of one rubric and it is the same one (or a side has none: the reading
// errors say why).
func differentInstruments(olds, news []*Input) error {
	of := func(ins []*Input) (*rubric.Rubric, string) {
		var r *rubric.Rubric
		for _, in := range ins {
			for _, x := range in.Rubrics {
				if r != nil && x != r {
					return nil, ""
				}
				r = x
			}
		}
		if r == nil {
			return nil, ""
		}
		return r, ins[0].Path
	}
	oldR, oldPath := of(olds)
	newR, newPath := of(news)
	if oldR == nil || newR == nil || oldR == newR || oldR.SHA256() == newR.SHA256() {
		return nil
	}
	var oldName, newName any = oldPath, newPath
	if len(olds) > 1 {
		oldName = msg.Word("the old inputs")
	}
	if len(news) > 1 {
		newName = msg.Word("the new inputs")
	}
	side := func(r *rubric.Rubric) msg.Message {
		return msg.New("%s (%d indicators)", Describe(r), len(r.Indicators()))
	}
	var common []string
	for _, a := range oldR.Aspects() {
		for _, b := range newR.Aspects() {
			if strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(b.Name)) {
				common = append(common, fmt.Sprintf("%q (%s %s, %s %s)", a.Name, oldR.ID, a.ID, newR.ID, b.ID))
			}
		}
	}
	aspects := msg.New("the two instruments have no aspect of the same name; each one's aspects can be read side by side with spbe score --detail")
	if len(common) > 0 {
		aspects = msg.New("the aspects of the same name in both instruments: %s", strings.Join(common, ", "))
	}
	return msg.Errorf("%s cannot be compared with %s: %s is read with %s and %s with %s, two instruments with different indicators, weights and predicate bands, "+
		"so the difference of the two indices means nothing, and no --rubric can read both. What can be compared: each one's index "+
		"(spbe score %s; spbe score %s), and %s",
		oldName, newName, oldName, side(oldR), newName, side(newR), olds[0].Path, news[0].Path, aspects)
}
