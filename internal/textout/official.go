package textout

import (
	"strings"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// MismatchChanges returns the first n changes from the embedded rubric
// that m names to the rubric that claims it, one line each
// ("Predicates: Sangat Baik: from 3.5 -> 2.9"), as spbe rubric diff
// describes them.
func MismatchChanges(m *rubric.Mismatch, n int) []string {
	var out []string
	for _, l := range diffChangeLines(m.Changes) {
		if len(out) == n {
			break
		}
		out = append(out, strings.TrimSpace(l.section+": "+l.label+": "+l.detail))
	}
	return out
}
