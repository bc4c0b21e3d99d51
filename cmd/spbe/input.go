package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// addInputFlags binds the flags that say how to read one workbook.
func addInputFlags(cmd *cobra.Command, o *scoreOptions) {
	f := cmd.Flags()
	f.StringVarP(&o.Rubric, "rubric", "r", rubric.DefaultID, "embedded rubric id or YAML file")
	f.StringVar(&o.Sheet, "sheet", "", "sheet to read (default: the first with a table of levels)")
	f.StringVar(&o.IDCol, "id-col", "", "indicator column: header text or letter (default: detected)")
	f.StringVar(&o.LevelCol, "level-col", "", "level column: header text or letter (default: detected)")
	f.StringVar(&o.Password, "password", "", "password of an encrypted workbook")
	f.Var((*mibFlag)(&o.MaxUnzipMiB), "max-unzip-size", "the most a workbook may unpack to, in MiB (default 256): a guard against zip bombs")
	f.StringVar(&o.Lang, "lang", "id", "language of labels and decimal separator: id or en")
}

// mibFlag is a size in MiB given on the command line, from 1 to 1 TiB:
// a negative size, or one past what a size can hold, is a usage error.
type mibFlag int

func (m *mibFlag) String() string { return strconv.Itoa(int(*m)) }
func (m *mibFlag) Type() string   { return "MiB" }
func (m *mibFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1<<20 {
		return fmt.Errorf("want a size in MiB from 1 to %d", 1<<20)
	}
	*m = mibFlag(n)
	return nil
}

// addAllSheetsFlag binds --all-sheets, which reads every sheet that holds
// a table instead of the first; given with --sheet it is a usage error.
// (--sheet all, its old spelling, still works: see batch.Read.)
func addAllSheetsFlag(cmd *cobra.Command, sheet *string, all *bool) {
	cmd.Flags().BoolVar(all, "all-sheets", false, "read every sheet that holds a table: one instansi per sheet, or every wide table")
	run := cmd.RunE
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if *all && *sheet != "" {
			return usagef("--sheet and --all-sheets cannot be used together")
		}
		return run(c, args)
	}
}

// readOne reads and scores the single workbook of a command.
func readOne(in *scoreOptions) (*rubric.Rubric, *result.Evaluation, index.Levels, error) {
	if in.Lang != "id" && in.Lang != "en" {
		return nil, nil, nil, usagef("unknown language %q (want id or en)", in.Lang)
	}
	r, err := loadRubric(in.io, in.Rubric)
	if err != nil {
		return nil, nil, nil, err
	}
	e, err := scoreFile(in, r, in.Paths[0])
	if err != nil {
		return nil, nil, nil, err
	}
	levels := index.Levels{}
	for _, it := range e.Result.Indicators {
		levels[it.Indicator.ID] = it.Level
	}
	return r, e, levels, nil
}
