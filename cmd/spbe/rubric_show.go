package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// schemaURL is where the JSON schema of the rubric format is published;
// exported YAML names it for editors unless --schema says otherwise.
const schemaURL = "https://raw.githubusercontent.com/spbe-id/spbe/main/pkg/rubric/schema.json"

const schemaComment = "# yaml-language-server: $schema="

type rubricListOptions struct {
	io     *streams
	Format string // text or json
	Lang   label.Lang
}

func newRubricListCmd(s *streams, runF func(*rubricListOptions) error) *cobra.Command {
	opts := &rubricListOptions{io: s}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the embedded rubrics",
		Long: `Lists the rubrics built into spbe, usable by id with --rubric: each id, name,
regulation, evaluation years and number of indicators, the default marked
(headers in Indonesian; --lang en for English).
Any other rubric is a YAML file in the same format (spbe rubric show ID -o
FILE.yaml exports one to start from).`,
		Example: `  $ spbe rubric list
  $ spbe rubric list --format json | jq -r '.[].id'`,
		Args: usageArgs(noArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRubricList(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, "text", textout.RubricListFormats)
	addLangFlag(cmd, &opts.Lang)
	return cmd
}

func runRubricList(opts *rubricListOptions) error {
	write, err := textout.RubricListFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	var infos []textout.RubricInfo
	for _, id := range rubric.EmbeddedIDs() {
		r, err := rubric.ByID(id)
		if err != nil {
			return err
		}
		infos = append(infos, textout.NewRubricInfo(r, id == rubric.DefaultID))
	}
	return write(opts.io.Out, infos, textout.Options{Lang: opts.Lang.String()})
}

type rubricShowOptions struct {
	io        *streams
	Rubric    string // embedded id or file
	Format    string // yaml or table
	Canonical bool
	Schema    string // URL or path named by the schema comment
	Output    string
	Force     bool
	Lang      label.Lang // of --format table
}

func newRubricShowCmd(s *streams, runF func(*rubricShowOptions) error) *cobra.Command {
	opts := &rubricShowOptions{io: s}
	cmd := &cobra.Command{
		Use:   "show [id|file]",
		Short: "Print or export a rubric as YAML, or as a table of weights",
		Long: `Prints a rubric (the default one when none is named) as YAML ready to copy,
edit and load with --rubric file.yaml: an embedded rubric in its original,
commented form, a file as it is written (once it validates). The first line
names the JSON schema of the format for editors that support it
(yaml-language-server); point --schema at a local copy written by
'spbe rubric schema -o rubric.schema.json' to work offline.

--canonical prints the canonical form instead (fixed key order, no comments),
the form that 'sha256' fingerprints. --format table prints a readable tree of
domains, aspects and indicators with their weights, scales and predicates, in
Indonesian with decimal commas (--lang en: English, decimal points).

-o writes the output to a file, atomically, and refuses to replace an existing
file without --force.`,
		Example: `  $ spbe rubric show permenpanrb-59-2020 -o daerah-baru.yaml
  $ spbe rubric show daerah.yaml --format table
  $ spbe rubric schema -o rubric.schema.json
  $ spbe rubric show --schema rubric.schema.json -o daerah-lokal.yaml`,
		Args: usageArgs(maximumNArgs(1)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeRubric(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Rubric = rubric.DefaultID
			if len(args) == 1 {
				opts.Rubric = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runRubricShow(opts)
		},
	}
	f := cmd.Flags()
	addFormatFlag(cmd, &opts.Format, "yaml", textout.RubricFormats)
	f.BoolVar(&opts.Canonical, "canonical", false, "print the canonical form instead of the source")
	f.StringVar(&opts.Schema, "schema", schemaURL, "URL or path of the JSON schema named on the first line")
	f.StringVarP(&opts.Output, "output", "o", "", "write to this file instead of stdout")
	addForceFlag(cmd, &opts.Force)
	addLangFlag(cmd, &opts.Lang)
	return cmd
}

func runRubricShow(opts *rubricShowOptions) error {
	rend, err := textout.RubricFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	save := saveOptions(opts.io, opts.Force, false, nil)
	src, embedded := rubric.EmbeddedSource(opts.Rubric)
	if !embedded {
		save.Inputs = []string{opts.Rubric}
	}
	if opts.Output != "" {
		if err := outfile.Check(opts.Output, save); err != nil {
			return err
		}
		if opts.Format == "yaml" {
			if err := outfile.CheckName(opts.Output, msg.Word("a rubric in YAML"), []string{".yaml", ".yml"}, nil); err != nil {
				return err
			}
		}
	}
	r, err := loadRubric(opts.io, opts.Rubric)
	if err != nil {
		return err
	}
	if !embedded {
		if src, err = os.ReadFile(opts.Rubric); err != nil {
			return fmt.Errorf("rubric: %w", err)
		}
	}
	if opts.Canonical {
		src = r.Canonical()
	}
	write := func(w io.Writer) error {
		return rend(w, r, withSchemaComment(src, opts.Schema), textout.Options{Lang: opts.Lang.String()})
	}
	if opts.Output == "" || opts.Output == outfile.Stdout {
		return write(opts.io.Out)
	}
	if err := outfile.Save(opts.Output, save, write); err != nil {
		return err
	}
	fmt.Fprintln(opts.io.ErrOut, "spbe: "+msg.Sprintf(msgLang(opts.io), "wrote %s", opts.Output))
	return nil
}

// withSchemaComment puts the yaml-language-server comment naming the schema
// on the first line of src, replacing one that is there.
func withSchemaComment(src []byte, schema string) []byte {
	if first, rest, _ := bytes.Cut(src, []byte("\n")); bytes.HasPrefix(first, []byte(schemaComment)) {
		src = rest
	}
	if schema == "" {
		return src
	}
	return append([]byte(schemaComment+schema+"\n"), src...)
}

type rubricSchemaOptions struct {
	io     *streams
	Output string
	Force  bool
}

func newRubricSchemaCmd(s *streams, runF func(*rubricSchemaOptions) error) *cobra.Command {
	opts := &rubricSchemaOptions{io: s}
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON schema of the rubric YAML format",
		Long: `Prints the JSON Schema (draft 2020-12) of the rubric format, for editors and
other tools. It checks keys and value types; sums, band tiling and references
are checked only by 'spbe rubric validate'.`,
		Example: `  $ spbe rubric schema -o rubric.schema.json
  $ spbe rubric show --schema rubric.schema.json -o daerah-lokal.yaml`,
		Args: usageArgs(noArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRubricSchema(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to this file instead of stdout")
	addForceFlag(cmd, &opts.Force)
	return cmd
}

func runRubricSchema(opts *rubricSchemaOptions) error {
	schema := rubric.JSONSchema()
	if err := outfile.CheckName(opts.Output, msg.Word("a JSON schema"), []string{".json"}, nil); opts.Output != "" && err != nil {
		return err
	}
	if opts.Output == "" || opts.Output == outfile.Stdout {
		_, err := opts.io.Out.Write(schema)
		return err
	}
	err := outfile.Save(opts.Output, saveOptions(opts.io, opts.Force, false, nil), func(w io.Writer) error {
		_, err := w.Write(schema)
		return err
	})
	if err == nil {
		fmt.Fprintln(opts.io.ErrOut, "spbe: "+msg.Sprintf(msgLang(opts.io), "wrote %s", opts.Output))
	}
	return err
}
