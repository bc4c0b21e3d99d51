package main

import (
	"github.com/spbe-id/spbe/internal/label"

	"fmt"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/textout"
)

type verifyOptions struct {
	io     *streams
	Report string
	Input  string
	// Lang is --lang: verify's verdict and differences are messages, in
	// the language of messages (--lang, else SPBE_LANG).
	Lang label.Lang
}

func newVerifyCmd(s *streams, runF func(*verifyOptions) error) *cobra.Command {
	opts := &verifyOptions{io: s}
	cmd := &cobra.Command{
		Use:   "verify <report.xlsx> [input.xlsx]",
		Short: "Check an Excel report against the provenance it records",
		Long: `Re-reads the provenance a report of spbe score -o records in its hidden
Provenance sheet, reloads the rubric (embedded, or the recorded file, checking
its SHA-256), recomputes every evaluation from the recorded levels and compares
what a reader of the report sees with the recomputation: the sheets, their order
and which are hidden, and every cell's value and number format, hidden rows and
columns and merged cells. spbe's reports hold no formulas: a formula, a
conditional format or a drawing (a text box) spbe did not write is a
difference, and so is a sheet with cells past the ones spbe writes (such a
sheet is counted as it streams by, not read). When input.xlsx is given, or the recorded input is
found (at its recorded path, or a relative path beside the report), the input
is read again and its SHA-256 and levels are compared too: a report edited by
hand, or an input changed since, is caught. A recorded input that is not found
is named on stderr. Recorded paths are read only as regular files of bounded
size. A rubric that carries an official id but differs from it is named.

Exits 0 when the report matches, 1 listing every difference (where, report
value, recomputed value), 3 when the report cannot be checked.`,
		Example: `  $ spbe verify report.xlsx
  report matches
  $ spbe verify report.xlsx kaltim-2024.xlsx    # exit 1: another input
  input kaltim-2024.xlsx: indicator 21 (Penilaian!G25) level: report "1", recomputed "3"`,
		Args:              usageArgs(rangeArgs(1, 2)),
		ValidArgsFunction: completeWorkbooks,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Report = args[0]
			if len(args) > 1 {
				opts.Input = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runVerify(opts)
		},
	}
	addLangFlag(cmd, &opts.Lang)
	return cmd
}

func runVerify(opts *verifyOptions) error {
	v, err := excelout.Verify(opts.Report, opts.Input)
	if err != nil {
		return err
	}
	if v.RubricSource != excelout.Embedded {
		noteMismatch(opts.io, v.RubricSource, v.Rubric)
	}
	// What is printed quotes the report: its sheet names and paths.
	out := textout.NewTerminalWriter(opts.io.Out)
	for _, m := range v.Missing {
		fmt.Fprintln(opts.io.ErrOut, "spbe: "+msg.Sprintf(msgLang(opts.io), "%s: input %s not found, so not read again: the report was checked against the levels it records only; give the input as the second argument to check it too", opts.Report, m))
	}
	if len(v.Diffs) == 0 {
		if m := v.Rubric.Mismatch(); m != nil {
			fmt.Fprintln(out, msg.Sprintf(msgLang(opts.io), "report matches, under rubric %s: not the official %s, which it differs from", v.RubricSource, m.ID))
			return nil
		}
		fmt.Fprintln(out, msg.Sprintf(msgLang(opts.io), "report matches"))
		return nil
	}
	for _, d := range v.Diffs {
		fmt.Fprintln(out, d)
	}
	return &gateError{msg.Sprintf(msgLang(opts.io), "%s: %d %s", opts.Report, len(v.Diffs), msg.Plural(len(v.Diffs), "difference", "differences"))}
}
