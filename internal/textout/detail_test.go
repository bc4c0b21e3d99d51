package textout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/result"
)

// spbeNear is an evaluation of 59/2020 at 3,47, just below Sangat Baik
// (3,50): every indicator at 3, 32..35 at 4 and 42..47 at 5. To reach
// 3,495 one indicator alone needs 2,5 more level x weight: two steps on
// a weight of 1,30 or 1,50, one on 2,50 or 2,75, none on those at 5.
func spbeNear(t *testing.T) []int {
	t.Helper()
	ls := slices.Repeat([]int{3}, 47)
	for i := 32; i <= 35; i++ {
		ls[i-1] = 4
	}
	for i := 42; i <= 47; i++ {
		ls[i-1] = 5
	}
	return ls
}

// JSON's to_next_predicate is the number of steps, or null when the
// indicator alone cannot reach the next band: never a 0 that reads as
// "already there".
func TestJSONToNextPredicate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		levels []int
		want   string
	}{
		{"near", spbeNear(t), "2 2 2 2 2 2 2 2 2 2 " + // 1..10, weight 1,3
			"1 1 1 1 1 1 1 1 1 1 " + // 11..20, weight 2,5
			"2 2 2 2 2 2 2 2 2 2 2 " + // 21..31, weight 1,5
			"1 1 1 1 1 1 1 1 1 1 " + // 32..41, weight 2,75
			"null null null null null null"}, // 42..47 at level 5
		{"top", slices.Repeat([]int{5}, 47), strings.TrimSpace(strings.Repeat("null ", 47))},
		{"far", slices.Repeat([]int{1}, 47), strings.TrimSpace(strings.Repeat("null ", 47))},
	} {
		e := evaluation(t, "permenpanrb-59-2020", tt.levels, "Uji")
		var buf bytes.Buffer
		if err := JSON(&buf, evalsOf(e), Options{}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Indicators []map[string]any `json:"indicators"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ind := range doc.Indicators {
			v, ok := ind["to_next_predicate"]
			if !ok {
				t.Fatalf("%s: indicator %v has no to_next_predicate", tt.name, ind["id"])
			}
			if v == nil {
				got = append(got, "null")
			} else {
				got = append(got, fmt.Sprint(v))
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: to_next_predicate =\n%s\nwant\n%s", tt.name, g, tt.want)
		}
	}
}

func evalsOf(e ...*result.Evaluation) []*result.Evaluation { return e }

// score --detail shows the column of steps to the next predicate only
// when some indicator alone reaches it: on the official example (2,95,
// Sangat Baik from 3,50) none does, and a column of "-" said nothing.
func TestDetailToNextColumn(t *testing.T) {
	eko := evaluation(t, "permenpanrb-59-2020", fixture.Perekonomian2021, "Eko")
	near := evaluation(t, "permenpanrb-59-2020", spbeNear(t), "Dekat")
	for _, tt := range []struct {
		e    *result.Evaluation
		lang string
		want bool
	}{
		{eko, "id", false}, {eko, "en", false}, {near, "id", true}, {near, "en", true},
	} {
		var buf bytes.Buffer
		if err := Text(&buf, evalsOf(tt.e), Options{Lang: tt.lang, Detail: true}); err != nil {
			t.Fatal(err)
		}
		head := map[string]string{"id": "Ke Sangat Baik", "en": "To Very good (Sangat Baik)"}[tt.lang]
		if got := strings.Contains(buf.String(), head); got != tt.want {
			t.Errorf("%s %s: column %q shown %v, want %v:\n%s", tt.e.Instansi, tt.lang, head, got, tt.want, buf.String())
		}
		// Where it is shown, an indicator of weight 2,50 gets there in one step.
		if tt.want && !regexp.MustCompile(`(?m)^    11 .* \+1$`).MatchString(buf.String()) {
			t.Errorf("%s %s: indicator 11 is not +1:\n%s", tt.e.Instansi, tt.lang, buf.String())
		}
	}
}
