package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func newRubricCmd(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rubric",
		Short: "List, show, validate and compare rubrics",
		Long: `A rubric holds the domains, aspects and indicators of the evaluation with
their weights, the level scales and the predicate bands. Three are embedded
(PermenPANRB 8/2026, Indeks Pemdi, the default for what is made new; 59/2020
and 5/2018, Indeks SPBE); any YAML
file in the same format can be used with --rubric. These commands keep such files under
version control: export one to edit, validate it, and see what a change does
to the evaluations before it is merged.

'list' and 'show --format table' are in Indonesian by default (--lang en for
English). 'validate' and 'diff' write English, as spbe's error messages do:
they name the YAML keys of the file (weight, children_weight, name_en) and
write numbers as the file does, and their output goes to CI.`,
		Example: `  $ spbe rubric list
  $ spbe rubric show permenpanrb-59-2020 -o daerah-baru.yaml
  $ spbe rubric validate daerah.yaml
  $ spbe rubric diff permenpanrb-59-2020 daerah.yaml --evals evaluasi/ --fail-on predicate-change`,
		Args: cobra.ArbitraryArgs,
		RunE: runGroup,
	}
	cmd.AddCommand(newRubricListCmd(s, nil), newRubricShowCmd(s, nil), newRubricSchemaCmd(s, nil),
		newRubricValidateCmd(s, nil), newRubricDiffCmd(s, nil))
	return cmd
}

type rubricValidateOptions struct {
	io     *streams
	Files  []string
	Format string // text or github
}

func newRubricValidateCmd(s *streams, runF func(*rubricValidateOptions) error) *cobra.Command {
	opts := &rubricValidateOptions{io: s}
	cmd := &cobra.Command{
		Use:   "validate <file>...",
		Short: "Check rubric files and report every problem with its line and column",
		Long: `Checks every rubric file and prints every problem of every file at once, as
file:line:col: message: YAML syntax, unknown or missing keys, duplicate ids,
weights that are not positive numbers or do not add up to their parent's,
levels outside the scale or without a name, predicate bands that overlap,
leave a gap or fall outside the scale. Warnings (an aspect with a single
indicator, a weight with more than 4 decimals) do not fail.

--format github writes GitHub Actions workflow commands instead, so that the
problems show on the lines of a pull request.`,
		Example: `  $ spbe rubric validate draft.yaml    # exit 3: invalid
  draft.yaml:65:17: aspect A2: weight 10 but its indicators' weights add up to 10.5 (set children_weight: 10.5 if that is intended)
  $ spbe rubric validate rubrics/*.yaml --format github`,
		Args:              usageArgs(minimumNArgs(1)),
		ValidArgsFunction: completeYAML,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runRubricValidate(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, "text", textout.ProblemFormats)
	return cmd
}

func runRubricValidate(opts *rubricValidateOptions) error {
	write, err := textout.ProblemFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	print := func(p *rubric.PosError) error { return write(opts.io.Out, p, msgLang(opts.io)) }
	bad := 0
	for _, f := range opts.Files {
		data, err := os.ReadFile(f)
		if err != nil {
			if err := print(&rubric.PosError{File: f, Err: errors.Unwrap(err)}); err != nil {
				return err
			}
			bad++
			continue
		}
		r, problems := rubric.Check(f, data)
		failed := false
		for _, p := range problems {
			if err := print(p); err != nil {
				return err
			}
			failed = failed || !p.Warning
		}
		if failed {
			bad++
		} else {
			fmt.Fprintln(opts.io.ErrOut, msg.Sprintf(msgLang(opts.io), "%s: ok", f))
			noteMismatch(opts.io, f, r)
		}
	}
	if bad > 0 {
		return msg.Errorf("%d of %d %s invalid", bad, len(opts.Files), msg.Plural(len(opts.Files), "rubric is", "rubrics are"))
	}
	return nil
}
