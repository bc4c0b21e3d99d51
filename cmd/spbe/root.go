package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/spbe-id/spbe/internal/iostreams"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/textout"
)

// streams are the process's I/O (internal/iostreams), injected so that
// commands are testable.
type streams = iostreams.IOStreams

// run executes the command line and returns the exit code; errors are
// printed here, once, and a usage error points at the help of the command
// that was mistyped. Everything written to stderr has its control
// characters escaped (textout.TerminalWriter): errors and notes quote
// instansi names, sheet names and cell text from the inputs.
func run(args []string, s *streams) int {
	safe := *s
	safe.ErrOut = textout.NewTerminalWriter(s.ErrOut)
	s = &safe
	root := newRootCmd(s)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err != nil {
		if cmd == nil {
			cmd = root
		}
		if e := setMsgLang(cmd, s); e != nil && err == nil {
			err = e
		}
		printError(s.ErrOut, msgLang(s), err)
		if exitCode(err) == exitUsage {
			fmt.Fprintln(s.ErrOut, msg.Sprintf(msgLang(s), "Run '%s --help' for usage.", cmd.CommandPath()))
		}
	}
	return exitCode(err)
}

func newRootCmd(s *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "spbe",
		Short: "Compute Indonesia's Indeks Pemdi and SPBE index from evaluation workbooks",
		Long: `spbe computes Indonesia's digital-government indices exactly as KemenPANRB
publishes them: Indeks Pemdi (Evaluasi Kinerja Pemerintah Digital, PermenPANRB
8/2026) and the SPBE index (PermenPANRB 59/2020 for 2021-2025, 5/2018 for 2018
and 2019). Levels come from an evaluation workbook, weights from a rubric;
every aspect, domain and the index are exact weighted sums rounded half-up
only when shown, with the predicate.

A workbook is read with the rubric its indicators name (or --rubric). What
spbe makes new (spbe template, spbe rubric show) is of PermenPANRB 8/2026,
Indeks Pemdi, unless --rubric names another.

Each command has its own help with examples: spbe score --help, spbe help plan.
Shell completion: spbe completion --help. Man pages: spbe man --help.`,
		Example: `  $ spbe score testdata/perekonomian-2021.xlsx
  $ spbe score kaltim.xlsx --detail --lang en
  $ spbe score kaltim.xlsx --format json | jq .index
  $ spbe rubric validate daerah.yaml`,
		Version: versionLine(version, commit, date),
		Args:    cobra.ArbitraryArgs,
		RunE:    runGroup,
		// The language of messages, once the command line is parsed.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return setMsgLang(cmd, s) },
		SilenceUsage:      true,
		SilenceErrors:     true,
	}
	// -v is --verbose wherever it exists (score, compare), as in restic,
	// curl or tar; the version is --version alone, as in gh.
	root.Flags().Bool("version", false, "print the version of spbe")
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	root.SetIn(s.In)
	root.SetFlagErrorFunc(flagError)
	plain := root.UsageTemplate()
	root.SetUsageTemplate(plain + "\n" + exitStatusHelp + "\n")
	root.AddCommand(newScoreCmd(s, nil), newCompareCmd(s, nil), newRubricCmd(s), newPlanCmd(s, nil), newWhatIfCmd(s, nil),
		newTemplateCmd(s, nil), newVerifyCmd(s, nil), newTrendCmd(s, nil), newCompletionCmd(s), newManCmd(s, nil))
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = "  $ spbe help score\n  $ spbe help rubric diff"
			c.SetUsageTemplate(plain)
		case "completion", "man":
			c.SetUsageTemplate(plain) // no exit codes to speak of
		}
	}
	return root
}

// runGroup is the RunE of a command that only groups others (spbe, spbe
// rubric): without arguments it prints its help; an argument is a
// command that does not exist, named with the nearest ones.
func runGroup(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if sug := cmd.SuggestionsFor(args[0]); len(sug) > 0 {
		return usagef("unknown command %q for %q; did you mean %s?", args[0], cmd.CommandPath(), msg.Or(sug))
	}
	return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
}

// flagError makes a flag error a usage error, and suggests the nearest
// flags for an unknown one (--formt: did you mean --format?).
func flagError(cmd *cobra.Command, err error) error {
	err = pflagMessage(err)
	var ne *pflag.NotExistError
	if errors.As(err, &ne) && len(ne.GetSpecifiedName()) > 1 {
		if sug := suggestFlags(cmd, ne.GetSpecifiedName()); len(sug) > 0 {
			err = msg.Errorf("%w; did you mean %s?", err, msg.Or(sug))
		}
	}
	if errors.As(err, &ne) && ne.GetSpecifiedShortnames() == "v" && !cmd.HasParent() {
		err = msg.Errorf("%w: --version prints the version (-v is --verbose of spbe score and spbe compare)", err)
	}
	return &usageError{err}
}

// pflagMessage says pflag's errors of parsing with the message catalog,
// in the same English words (the error stays in the chain for errors.As).
func pflagMessage(err error) error {
	var ne *pflag.NotExistError
	var rq *pflag.ValueRequiredError
	var iv *pflag.InvalidValueError
	switch {
	case errors.As(err, &ne) && ne.GetSpecifiedShortnames() != "" && ne.GetSpecifiedName() != "":
		return msg.Errorf("unknown shorthand flag: %q in -%s%w", rune(ne.GetSpecifiedName()[0]), ne.GetSpecifiedShortnames(), silent{ne})
	case errors.As(err, &ne):
		return msg.Errorf("unknown flag: --%s%w", ne.GetSpecifiedName(), silent{ne})
	case errors.As(err, &rq) && rq.GetSpecifiedShortnames() != "" && rq.GetSpecifiedName() != "":
		return msg.Errorf("flag needs an argument: %q in -%s%w", rune(rq.GetSpecifiedName()[0]), rq.GetSpecifiedShortnames(), silent{rq})
	case errors.As(err, &rq):
		return msg.Errorf("flag needs an argument: --%s%w", rq.GetSpecifiedName(), silent{rq})
	case errors.As(err, &iv) && iv.GetFlag() != nil:
		f := iv.GetFlag()
		name := "--" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		return msg.Errorf("invalid argument %q for %q flag: %w%w", iv.GetValue(), name, iv.Unwrap(), silent{iv})
	}
	return err
}

// suggestFlags returns the flags of cmd whose names are nearest to name,
// at most two edits away, or else those that start with it.
func suggestFlags(cmd *cobra.Command, name string) []string {
	var near, prefixed []string
	best := 3
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		switch d := editDistance(name, f.Name); {
		case d < best:
			best, near = d, []string{"--" + f.Name}
		case d == best && d <= 2:
			near = append(near, "--"+f.Name)
		case len(name) >= 3 && strings.HasPrefix(f.Name, name):
			prefixed = append(prefixed, "--"+f.Name)
		}
	}
	cmd.Flags().VisitAll(visit) // local and inherited
	if len(near) == 0 {
		near = prefixed
	}
	sort.Strings(near)
	return near
}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// The argument checks of cobra (cobra.ExactArgs, ...), in the same words
// but from the message catalog.

func exactArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return msg.Errorf("accepts %d arg(s), received %d", n, len(args))
		}
		return nil
	}
}

func minimumNArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return msg.Errorf("requires at least %d arg(s), only received %d", n, len(args))
		}
		return nil
	}
}

func maximumNArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return msg.Errorf("accepts at most %d arg(s), received %d", n, len(args))
		}
		return nil
	}
}

func rangeArgs(min, max int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < min || len(args) > max {
			return msg.Errorf("accepts between %d and %d arg(s), received %d", min, max, len(args))
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return msg.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return nil
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
