package batch

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// TestRankEvalDiffs checks the ranking that rubric diff gives its
// rescored evaluations: the one of Rank, ties sharing the first rank.
func TestRankEvalDiffs(t *testing.T) {
	tests := []struct {
		values []string
		want   []int
	}{
		{nil, nil},
		{[]string{"2.95"}, []int{1}},
		{[]string{"3.49", "3.50", "3.49", "2.59"}, []int{2, 1, 2, 4}},
		{[]string{"3", "3", "3"}, []int{1, 1, 1}},
		{[]string{"1", "2", "3", "2"}, []int{4, 2, 1, 2}},
	}
	for _, tt := range tests {
		var evals []*result.EvalDiff
		for _, v := range tt.values {
			d, _ := rubric.ParseDecimal(v)
			evals = append(evals, &result.EvalDiff{New: &index.Result{Published: d}})
		}
		rankBy(evals, func(e *result.EvalDiff) rubric.Decimal { return e.New.Published }, func(e *result.EvalDiff, r int) { e.NewRank = r })
		var got []int
		for _, e := range evals {
			got = append(got, e.NewRank)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("rank(%v) = %v; want %v", tt.values, got, tt.want)
		}
	}
}

func TestExpandEach(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.xlsx", "a.CSV", "~$b.xlsx", ".hidden.csv", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "sub.csv"), 0o755)
	empty := t.TempDir()
	got, errs := ExpandEach([]string{"x.xlsx", dir, empty})
	want := []string{"x.xlsx", filepath.Join(dir, "a.CSV"), filepath.Join(dir, "b.xlsx")}
	if !slices.Equal(got, want) {
		t.Errorf("ExpandEach = %q; want %q", got, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "no .xlsx, .xlsm or .csv file in this folder") || errs[0].Path != empty {
		t.Errorf("ExpandEach errors = %v; want one for the empty folder, with its path", errs)
	}
}

// TestRescoreWindowsPath checks that the inputs that could not be read
// are named by their whole path, even one with a colon in it such as a
// Windows path (C:\...), which splitting the message at ':' would cut.
func TestRescoreWindowsPath(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), `C:\Users\evaluasi\kosong`) // an empty folder
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skipf("this file system does not take the name: %v", err)
	}
	missing := `C:\Users\evaluasi\tidak-ada.xlsx`
	o := &Options{Rubric: r, Scorer: NewScorer(r)}
	var diags []string
	rs := Rescore([]string{dir, missing}, o, o, func(msg string) { diags = append(diags, msg) })
	if want := []string{dir, missing}; !slices.Equal(rs.Unread, want) {
		t.Errorf("Unread = %q; want %q", rs.Unread, want)
	}
	if rs.Inputs != 2 || len(rs.Evals) != 0 {
		t.Errorf("Inputs = %d, Evals = %d; want 2 and 0", rs.Inputs, len(rs.Evals))
	}
	if len(diags) != 2 || !strings.HasPrefix(diags[0], dir+": ") || !strings.Contains(diags[1], missing) {
		t.Errorf("diagnostics = %q; want one naming each path", diags)
	}
}
