package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestFailOnCheck(t *testing.T) {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	res := func(v string) *index.Result {
		d, _ := rubric.ParseDecimal(v)
		return &index.Result{Rubric: r, Published: d, Predicate: r.Band(d)}
	}
	five, _ := rubric.ParseDecimal("0.05")
	d := &result.RubricDiff{Changes: &rubric.Changes{}, Evals: []*result.EvalDiff{
		{Source: "a.csv", Old: res("3.50"), New: res("3.45"), OldRank: 1, NewRank: 1}, // exactly 0.05: met
		{Source: "b.csv", Old: res("3.00"), New: res("3.04"), OldRank: 2, NewRank: 2}, // just below 0.05
	}}
	got := result.DiffGates{Predicate: true, Index: &five}.Check(d)
	want := []string{
		"a.csv: predicate changes from Sangat Baik to Baik (--fail-on predicate-change)",
		"a.csv: index moves by -0.05, from 3.50 to 3.45 (--fail-on index-change=0.05)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("check = %q; want %q", got, want)
	}
	if got := (result.DiffGates{Change: true}).Check(d); got != nil {
		t.Errorf("check of no rubric change with --fail-on change = %q; want none", got)
	}
}

func TestWithSchemaComment(t *testing.T) {
	tests := []struct{ src, schema, want string }{
		{"id: x\n", "s.json", "# yaml-language-server: $schema=s.json\nid: x\n"},
		{"# yaml-language-server: $schema=old.json\nid: x\n", "new.json", "# yaml-language-server: $schema=new.json\nid: x\n"},
		{"# yaml-language-server: $schema=old.json\nid: x\n", "", "id: x\n"},
		{"# comment\nid: x\n", "", "# comment\nid: x\n"},
	}
	for _, tt := range tests {
		if got := string(withSchemaComment([]byte(tt.src), tt.schema)); got != tt.want {
			t.Errorf("withSchemaComment(%q, %q) = %q; want %q", tt.src, tt.schema, got, tt.want)
		}
	}
}

// TestRunRubricDiffGate checks the error types that become exit codes: a
// condition met is a gate (1), an unreadable evaluation is invalid input
// (3) even when a condition is also met.
func TestRunRubricDiffGate(t *testing.T) {
	var out, errOut bytes.Buffer
	s := &streams{Out: &out, ErrOut: &errOut}
	err := runRubricDiff(&rubricDiffOptions{io: s, Old: "permenpanrb-59-2020", New: "permenpanrb-5-2018", FailOn: []string{"change"}, Format: "text"})
	var ge *gateError
	if !errors.As(err, &ge) || exitCode(err) != exitGate {
		t.Errorf("diff of the embedded rubrics with --fail-on change: %v (exit %d); want a gate error", err, exitCode(err))
	}
	err = runRubricDiff(&rubricDiffOptions{io: s, Old: "permenpanrb-59-2020", New: "permenpanrb-59-2020", Evals: []string{filepath.Join(t.TempDir(), "missing.xlsx")},
		FailOn: []string{"change"}, Format: "json"})
	if exitCode(err) != exitInvalid {
		t.Errorf("diff with an unreadable evaluation: %v (exit %d); want exit %d", err, exitCode(err), exitInvalid)
	}
}

// TestRubricDiffWindowsPath checks that an input that cannot be read is
// named by its whole path in the exit message, even a Windows path with a
// colon (C:\...).
func TestRubricDiffWindowsPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), `C:\evaluasi`) // an empty folder
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skipf("this file system does not take the name: %v", err)
	}
	var out, errOut bytes.Buffer
	err := runRubricDiff(&rubricDiffOptions{io: &streams{Out: &out, ErrOut: &errOut}, Old: "permenpanrb-59-2020", New: "permenpanrb-59-2020",
		Evals: []string{dir}, Format: "text"})
	if err == nil || !strings.HasSuffix(err.Error(), "could not be read in full: "+dir) || exitCode(err) != exitInvalid {
		t.Errorf("err = %v (exit %d); want the folder named in full, exit %d", err, exitCode(err), exitInvalid)
	}
}
