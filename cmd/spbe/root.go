package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/render"
)

// version is set at build time with -ldflags "-X main.version=...", or
// else taken from the build information that go install records.
var version = buildVersion()

func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}

// streams are the process's I/O, injected so that commands are testable.
type streams struct {
	In          io.Reader
	Out, ErrOut io.Writer
	// OutTTY is true when Out is a terminal: colour is used only then.
	OutTTY bool
}

func newStreams() *streams {
	return &streams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, OutTTY: isTerminal(os.Stdout)}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// rawErr is stderr for what spbe writes for a terminal to act on (the
// progress bar), beneath the escaping of run.
func (s *streams) rawErr() io.Writer {
	if t, ok := s.ErrOut.(*render.TerminalWriter); ok {
		return t.Unwrap()
	}
	return s.ErrOut
}

// colorEnabled follows https://no-color.org.
func (s *streams) colorEnabled() bool {
	return s.OutTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// run executes the command line and returns the exit code; errors are
// printed here, once. Everything written to stderr has its control
// characters escaped (render.TerminalWriter): errors and notes quote
// instansi names, sheet names and cell text from the inputs.
func run(args []string, s *streams) int {
	safe := *s
	safe.ErrOut = render.NewTerminalWriter(s.ErrOut)
	s = &safe
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
		err = &usageError{err} // cobra's own words for a mistyped command
	}
	if err != nil {
		printError(s.ErrOut, err)
		if exitCode(err) == exitUsage {
			fmt.Fprintln(s.ErrOut, "Run 'spbe --help' for usage.")
		}
	}
	return exitCode(err)
}

func newRootCmd(s *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "spbe",
		Short: "Compute Indonesia's SPBE index from evaluation workbooks",
		Long: `spbe computes the SPBE index (Indeks Sistem Pemerintahan Berbasis Elektronik)
exactly as KemenPANRB publishes it: levels from an evaluation workbook, weights
from a rubric (PermenPANRB 59/2020 by default, 5/2018 for 2018 and 2019), every
aspect, domain and the SPBE index as exact weighted sums rounded half-up only
when shown, and the predicate.`,
		Example: `  $ spbe score testdata/perekonomian-2021.xlsx
  $ spbe score kaltim.xlsx --detail --lang en
  $ spbe score kaltim.xlsx --format json | jq .index
  $ spbe rubric validate my-rubric.yaml`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	root.SetIn(s.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.SetUsageTemplate(root.UsageTemplate() + "\n" + exitStatusHelp + "\n")
	root.AddCommand(newScoreCmd(s, nil), newCompareCmd(s, nil), newRubricCmd(s), newPlanCmd(s, nil), newWhatIfCmd(s, nil), newTemplateCmd(s, nil), newVerifyCmd(s, nil))
	return root
}

// usageArgs wraps a cobra argument check so that its error is a usage error.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
