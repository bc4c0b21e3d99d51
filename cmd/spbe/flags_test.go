package main

import (
	"io"
	"reflect"
	"testing"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// TestFlagParsing builds each command with a runF that captures its
// options, as cli/cli tests its commands, and checks what the command
// line parses to: enum flags checked and made canonical (--lang=ID,
// --format JSON, --layout WIDE, --group-by kategori), arguments bound,
// and the mistakes refused with exit 2 before any run function.
func TestFlagParsing(t *testing.T) {
	s := &streams{Out: io.Discard, ErrOut: io.Discard}
	type row struct {
		name string
		args []string
		// build returns the command and a function giving what runF got.
		build func() (*cobra.Command, func() any)
		want  any // nil when the command line is refused
	}
	score := func() (*cobra.Command, func() any) {
		var got *scoreOptions
		return newScoreCmd(s, func(o *scoreOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.io = nil
			return o
		}
	}
	compare := func() (*cobra.Command, func() any) {
		var got *compareOptions
		return newCompareCmd(s, func(o *compareOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.io = nil
			return o
		}
	}
	plan := func() (*cobra.Command, func() any) {
		var got *planOptions
		return newPlanCmd(s, func(o *planOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.input.io = nil
			return o
		}
	}
	whatif := func() (*cobra.Command, func() any) {
		var got *whatifOptions
		return newWhatIfCmd(s, func(o *whatifOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.input.io = nil
			return o
		}
	}
	template := func() (*cobra.Command, func() any) {
		var got *templateOptions
		return newTemplateCmd(s, func(o *templateOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.io = nil
			return o
		}
	}
	diff := func() (*cobra.Command, func() any) {
		var got *rubricDiffOptions
		return newRubricDiffCmd(s, func(o *rubricDiffOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.io = nil
			return o
		}
	}
	man := func() (*cobra.Command, func() any) {
		var got *manOptions
		return newManCmd(s, func(o *manOptions) error { got = o; return nil }), func() any {
			if got == nil {
				return nil
			}
			o := *got
			o.io = nil
			return o
		}
	}
	tests := []row{
		{"score defaults", []string{"a.xlsx"}, score, scoreOptions{Paths: []string{"a.xlsx"}, Format: "text", readFlags: readFlags{Lang: label.Indonesian}, Layout: batch.LayoutAuto}},
		{"score enums in any case", []string{"a.xlsx", "b/", "--lang=ID", "-f", "JSON", "--layout", "WIDE", "--group-by", "kategori", "-v", "-j", "2"}, score,
			scoreOptions{Paths: []string{"a.xlsx", "b/"}, Format: "json", readFlags: readFlags{Lang: label.Indonesian}, Layout: batch.LayoutWide, GroupBy: "category", Verbose: true, Jobs: 2}},
		{"score --lang en, --layout long", []string{"a.xlsx", "--lang", "En", "--layout=long", "--instansi", "Kota A", "--fail-under", "3,5"}, score,
			scoreOptions{Paths: []string{"a.xlsx"}, Format: "text", Layout: batch.LayoutLong, readFlags: readFlags{Lang: label.English, Instansi: "Kota A"}, FailUnder: "3,5"}},
		{"score --lang fr", []string{"a.xlsx", "--lang", "fr"}, score, nil},
		{"score --format yaml", []string{"a.xlsx", "--format", "yaml"}, score, nil},
		{"score --layout tall", []string{"a.xlsx", "--layout", "tall"}, score, nil},
		{"score --group-by provinsi", []string{"a.xlsx", "--group-by", "provinsi"}, score, nil},
		{"score --sheet with --all-sheets", []string{"a.xlsx", "--sheet", "S", "--all-sheets"}, score, nil},
		{"score without a workbook", nil, score, nil},
		{"compare two workbooks", []string{"old.xlsx", "new.xlsx", "--lang=EN", "--format", "CSV"}, compare,
			compareOptions{Old: "old.xlsx", New: "new.xlsx", Format: "csv", readFlags: readFlags{Lang: label.English}}},
		{"compare two columns", []string{"a.xlsx", "--old-col", "Penilaian Mandiri", "--new-col", "Nilai Akhir"}, compare,
			compareOptions{Old: "a.xlsx", New: "a.xlsx", OldCol: "Penilaian Mandiri", NewCol: "Nilai Akhir", Format: "text", readFlags: readFlags{Lang: label.Indonesian}}},
		{"compare one workbook without columns", []string{"a.xlsx"}, compare, nil},
		{"plan", []string{"a.xlsx", "--target", "Baik", "--max-level", "4", "--fixed", "45,46", "-f", "json"}, plan,
			planOptions{input: scoreOptions{Paths: []string{"a.xlsx"}, Format: "json", readFlags: readFlags{Lang: label.Indonesian}}, Target: "Baik", MaxLevel: "4", Fixed: "45,46"}},
		{"plan of two workbooks", []string{"a.xlsx", "b.xlsx", "--target", "Baik"}, plan, nil},
		{"whatif --set twice", []string{"a.xlsx", "--set", "21=3,22=4", "--set", "3.2=2"}, whatif,
			whatifOptions{input: scoreOptions{Paths: []string{"a.xlsx"}, Format: "text", readFlags: readFlags{Lang: label.Indonesian}}, Set: []string{"21=3,22=4", "3.2=2"}}},
		{"template", []string{"-o", "form.xlsx", "--lang", "EN"}, template,
			templateOptions{Output: "form.xlsx", Rubric: rubric.DefaultID, Lang: label.English}},
		{"template with an argument", []string{"form.xlsx"}, template, nil},
		{"rubric diff --evals takes the paths after it", []string{"a.yaml", "b.yaml", "--evals", "x.xlsx", "y/", "--fail-on", "predicate-change"}, diff,
			rubricDiffOptions{Old: "a.yaml", New: "b.yaml", Evals: []string{"x.xlsx", "y/"}, FailOn: []string{"predicate-change"}, Format: "text"}},
		{"rubric diff of three rubrics", []string{"a.yaml", "b.yaml", "c.yaml"}, diff, nil},
		{"man --force", []string{"man1", "--force"}, man, manOptions{Dir: "man1", Force: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, got := tt.build()
			cmd.SetArgs(tt.args)
			cmd.SetOut(io.Discard)
			cmd.SetErr(io.Discard)
			cmd.SetFlagErrorFunc(flagError)
			cmd.SilenceErrors, cmd.SilenceUsage = true, true
			err := cmd.Execute()
			if tt.want == nil {
				if code := exitCode(err); err == nil || code != exitUsage {
					t.Fatalf("err %v (exit %d), want a usage error; runF got %+v", err, code, got())
				}
				if got() != nil {
					t.Errorf("runF ran on a refused command line: %+v", got())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g := got(); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", g, tt.want)
			}
		})
	}
}
