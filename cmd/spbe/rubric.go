package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func newRubricCmd(s *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rubric",
		Short: "List, show and validate rubrics",
		Args:  usageArgs(cobra.NoArgs),
	}
	cmd.AddCommand(newRubricValidateCmd(s, nil))
	return cmd
}

type rubricValidateOptions struct {
	io    *streams
	Files []string
}

func newRubricValidateCmd(s *streams, runF func(*rubricValidateOptions) error) *cobra.Command {
	opts := &rubricValidateOptions{io: s}
	return &cobra.Command{
		Use:   "validate <file>...",
		Short: "Check rubric files and report every problem with its line and column",
		Example: `  $ spbe rubric validate my-rubric.yaml
  my-rubric.yaml:41:23: aspect A2: weight 10 but its indicators' weights add up to 10.5`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runRubricValidate(opts)
		},
	}
}

func runRubricValidate(opts *rubricValidateOptions) error {
	bad := 0
	for _, f := range opts.Files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(opts.io.Out, "%s: %v\n", f, errors.Unwrap(err))
			bad++
			continue
		}
		_, problems := rubric.Check(f, data)
		failed := false
		for _, p := range problems {
			fmt.Fprintln(opts.io.Out, p)
			failed = failed || !p.Warning
		}
		if failed {
			bad++
		} else {
			fmt.Fprintf(opts.io.ErrOut, "%s: ok\n", f)
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d %s invalid", bad, len(opts.Files), plural(len(opts.Files), "rubric is", "rubrics are"))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
