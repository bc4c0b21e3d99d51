package main

import (
	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/pkg/rubric"
)

type templateOptions struct {
	io *streams

	Output   string
	Rubric   string
	Instansi string
	Lang     label.Lang
	Force    bool
}

func newTemplateCmd(s *streams, runF func(*templateOptions) error) *cobra.Command {
	opts := &templateOptions{io: s}
	cmd := &cobra.Command{
		Use:   "template -o <form.xlsx>",
		Short: "Write the input form of a rubric, with live index formulas",
		Long: `Writes an evaluation form for the rubric (PermenPANRB 8/2026, Indeks Pemdi,
unless --rubric names another): one row per indicator (No, Domain,
Aspek, Indikator, Bobot (%)), a "Tingkat Kematangan" column that accepts only
the levels of the indicator's scale (a drop-down; on a scale of fractional
levels, such as Indeks Pemdi's, any number from its minimum to its maximum),
the level's name, columns for Penjelasan and Data Dukung, and a "Hasil" sheet
whose formulas compute every aspect and domain index, the index and the
predicate as the levels are typed in, exactly as spbe score does. A rubric
without domains gets no domain column or rows. spbe score reads the filled-in
form unchanged: spbe score form.xlsx once the levels are typed in.`,
		Example: `  $ spbe template -o form.xlsx --instansi "Pemerintah Provinsi Kalimantan Timur"
  $ spbe template -o form-2019.xlsx --rubric permenpanrb-5-2018 --lang en
  $ spbe template -o form-2024.xlsx --rubric permenpanrb-59-2020`,
		Args: usageArgs(noArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runTemplate(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "the form to write (.xlsx), - for stdout; required")
	addRubricFlag(cmd, &opts.Rubric, rubric.DefaultID)
	f.StringVar(&opts.Instansi, "instansi", "", "the instansi's name, written on the form")
	_ = cmd.RegisterFlagCompletionFunc("instansi", cobra.NoFileCompletions)
	addLangFlag(cmd, &opts.Lang)
	addForceFlag(cmd, &opts.Force)
	return cmd
}

func runTemplate(opts *templateOptions) error {
	if opts.Output == "" {
		return usagef("template: -o <form.xlsx> is required")
	}
	r, err := loadRubric(opts.io, opts.Rubric)
	if err != nil {
		return err
	}
	var inputs []string
	if src := excelout.RubricSource(opts.Rubric); src != excelout.Embedded {
		inputs = append(inputs, src)
	}
	save := saveOptions(opts.io, opts.Force, true, inputs)
	if err := checkWorkbookOutput(opts.Output, save, nil); err != nil {
		return err
	}
	if err := excelout.WriteTemplate(opts.Output, r, opts.Instansi, opts.Lang.String(), save); err != nil {
		return err
	}
	wrote(opts.io, opts.Output, msg.Word("the form"), msg.Sprintf(msgLang(opts.io), "%d indicators, rubric %s", len(r.Indicators()), r.ID))
	return nil
}
