package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// The flags that several commands share are bound here, once, so that the
// same thing has the same flag, the same help text and the same shell
// completion everywhere.

// addReadFlags binds the flags that say how to read workbooks.
func addReadFlags(cmd *cobra.Command, o *readFlags) {
	f := cmd.Flags()
	f.StringVar(&o.Sheet, "sheet", "", "sheet to read (default: the first with a table of levels)")
	f.StringVar(&o.IDCol, "id-col", "", "indicator column: header text or letter (default: detected)")
	f.StringVar(&o.LevelCol, "level-col", "", "level column: header text or letter (default: detected)")
	f.StringVar(&o.Password, "password", "", "password of encrypted workbooks (else $SPBE_PASSWORD, else asked for when a workbook is encrypted and stdin is a terminal)")
	f.Var((*mibFlag)(&o.MaxUnzipMiB), "max-unzip-size", "the most a workbook may unpack to, in MiB (default 256): a guard against zip bombs")
	f.BoolVar(&o.AssumeExternal, "assume-external", false, "take the rubric's assumed level for indicators scored by other agencies that have no value (the result is provisional)")
	for _, name := range []string{"sheet", "id-col", "level-col", "password", "max-unzip-size"} {
		_ = cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
}

// mibFlag is a size in MiB given on the command line, from 1 to 1 TiB:
// a negative size, or one past what a size can hold, is a usage error.
type mibFlag int

func (m *mibFlag) String() string { return strconv.Itoa(int(*m)) }
func (m *mibFlag) Type() string   { return "MiB" }
func (m *mibFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1<<20 {
		return msg.Errorf("want a size in MiB from 1 to %d", 1<<20)
	}
	*m = mibFlag(n)
	return nil
}

// addRubricFlag binds -r, --rubric: an embedded rubric id or a YAML file,
// def when not given; "" chooses the embedded rubric by the indicators of
// the workbook (see batch.Options.Choices).
func addRubricFlag(cmd *cobra.Command, p *string, def string) {
	usage := "embedded rubric id (" + strings.Join(rubric.EmbeddedIDs(), ", ") + ") or YAML file"
	if def == "" {
		usage += " (default: the embedded rubric whose indicators the workbook has)"
	}
	cmd.Flags().StringVarP(p, "rubric", "r", def, usage)
	_ = cmd.RegisterFlagCompletionFunc("rubric", completeRubric)
}

// addLangFlag binds --lang: id or en, in any case (--lang=ID).
func addLangFlag(cmd *cobra.Command, p *label.Lang) {
	*p = label.Indonesian
	cmd.Flags().Var(&langValue{p}, "lang", "language of results and messages: id (Indonesian, 2,95) or en (English, 2.95); messages follow $SPBE_LANG when --lang is not given")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"id\tIndonesian, decimal commas", "en\tEnglish, decimal points"}, cobra.ShellCompDirectiveNoFileComp))
}

// langValue is --lang: a label.Lang, checked when parsed.
type langValue struct{ p *label.Lang }

func (v *langValue) String() string { return v.p.String() }
func (v *langValue) Type() string   { return "string" }
func (v *langValue) Set(s string) error {
	l, err := label.ParseLang(s)
	if err != nil {
		return msg.Errorf("unknown language %q (want id or en)", s)
	}
	*v.p = l
	return nil
}

// choice is one value of an enum flag: the name it is given by (and
// shown with), the value stored, other names it may be given by, and a
// description for shell completion.
type choice struct {
	name, value string
	aliases     []string
	desc        string
}

// enumValue is a flag that takes one of a fixed set of values, checked
// and made canonical when the command line is parsed, like cli/cli's
// StringEnumFlag: the run functions never check it. Names are matched
// case-blind; an unknown one is a usage error made by bad.
type enumValue struct {
	p       *string
	choices []choice
	bad     func(got string) error
}

// addEnumFlag binds an enum flag to p, set to the value of def, with its
// choices in help order; shell completion offers the named ones.
func addEnumFlag(cmd *cobra.Command, p *string, name, short, def string, choices []choice, usage string, bad func(string) error) {
	v := &enumValue{p: p, choices: choices, bad: bad}
	if err := v.Set(def); err != nil {
		panic(err) // a default that is not a choice: a programming error
	}
	cmd.Flags().VarP(v, name, short, usage)
	var comps []cobra.Completion
	for _, c := range choices {
		switch {
		case c.name == "":
		case c.desc == "":
			comps = append(comps, c.name)
		default:
			comps = append(comps, cobra.CompletionWithDesc(c.name, c.desc))
		}
	}
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(comps, cobra.ShellCompDirectiveNoFileComp))
}

func (v *enumValue) Type() string { return "string" }

// String is the name of the value held: the one help shows as default.
func (v *enumValue) String() string {
	for _, c := range v.choices {
		if c.value == *v.p {
			return c.name
		}
	}
	return *v.p
}

func (v *enumValue) Set(s string) error {
	t := strings.TrimSpace(s)
	for _, c := range v.choices {
		if strings.EqualFold(t, c.name) || slices.ContainsFunc(c.aliases, func(a string) bool { return strings.EqualFold(t, a) }) {
			*v.p = c.value
			return nil
		}
	}
	return v.bad(s)
}

// addLayoutFlag binds --layout: auto, long or wide (batch.Layout*).
func addLayoutFlag(cmd *cobra.Command, p *string) {
	addEnumFlag(cmd, p, "layout", "", "auto", []choice{
		{name: "auto", value: batch.LayoutAuto, aliases: []string{""}, desc: "detected from the workbook"},
		{name: "long", value: batch.LayoutLong, desc: "one instansi, a row per indicator"},
		{name: "wide", value: batch.LayoutWide, desc: "a row per instansi"},
	}, "workbook layout: auto, long (one instansi, a row per indicator) or wide (a row per instansi)",
		func(s string) error { return msg.Errorf("unknown layout %q (want auto, long or wide)", s) })
}

// addGroupByFlag binds --group-by: nothing (""), or category (also
// spelt kategori).
func addGroupByFlag(cmd *cobra.Command, p *string) {
	addEnumFlag(cmd, p, "group-by", "", "", []choice{
		{name: "", value: ""},
		{name: "category", value: "category", aliases: []string{"kategori"}, desc: "Kementerian, Lembaga, Provinsi, Kabupaten, Kota"},
	}, "rank and summarise per group too: category (or kategori)",
		func(s string) error { return msg.Errorf("unknown --group-by %q (want category, or kategori)", s) })
}

// addForceFlag binds --force, which lets -o (or spbe man) replace an
// existing file.
func addForceFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "force", false, "replace an output file that exists (never an input, never through a symbolic link)")
}

// addBatchFlags binds the flags of commands that read many inputs.
func addBatchFlags(cmd *cobra.Command, recursive, keepGoing *bool, jobs *int) {
	f := cmd.Flags()
	f.BoolVar(recursive, "recursive", false, "descend into sub-folders of folder arguments")
	f.BoolVar(keepGoing, "keep-going", false, "exit 0 even when some inputs could not be read (they are still reported)")
	f.IntVarP(jobs, "jobs", "j", 0, "workbooks read in parallel (default: the number of CPUs)")
	_ = cmd.RegisterFlagCompletionFunc("jobs", cobra.NoFileCompletions)
}

// completeRubric completes --rubric: the embedded rubric ids, then the
// YAML files and the folders of the folder being typed.
func completeRubric(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, id := range rubric.EmbeddedIDs() {
		if strings.HasPrefix(id, toComplete) {
			r, err := rubric.ByID(id)
			desc := ""
			if err == nil {
				desc = r.Name
			}
			out = append(out, cobra.CompletionWithDesc(id, desc))
		}
	}
	files, dirs := yamlFiles(toComplete)
	out = append(out, files...)
	out = append(out, dirs...)
	dir := cobra.ShellCompDirectiveNoFileComp
	if len(dirs) > 0 {
		dir |= cobra.ShellCompDirectiveNoSpace // a folder: go on typing
	}
	return out, dir
}

// yamlFiles lists the .yaml and .yml files and the folders whose path
// starts with prefix: in prefix's folder, with prefix's spelling of it.
func yamlFiles(prefix string) (files, dirs []cobra.Completion) {
	dir, base := filepath.Split(prefix)
	ents, err := os.ReadDir(orDot(dir))
	if err != nil {
		return nil, nil
	}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(orDot(dir), name)); err == nil {
				isDir = st.IsDir()
			}
		}
		switch ext := strings.ToLower(filepath.Ext(name)); {
		case isDir:
			dirs = append(dirs, dir+name+string(filepath.Separator))
		case ext == ".yaml" || ext == ".yml":
			files = append(files, dir+name)
		}
	}
	return files, dirs
}

func orDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

// completePredicate returns the completion of a predicate (--target,
// --min-predicate): the bands of the rubric --rubric names or, when it is
// not given, of the rubric the first workbook on the line is read with
// (read with the flags o, as the command would read it), else of the
// default rubric.
func completePredicate(o *readFlags) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		id, _ := cmd.Flags().GetString("rubric")
		r := lineRubric(o, id, args)
		if r == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, b := range r.Predicates {
			if strings.HasPrefix(strings.ToLower(b.Name), strings.ToLower(toComplete)) {
				out = append(out, cobra.CompletionWithDesc(b.Name, "from "+b.From.String()))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// lineRubric is the rubric of a command line being completed: the one id
// names, else the one the first workbook among args is read with, else
// the default one; nil when id names none.
func lineRubric(o *readFlags, id string, args []string) *rubric.Rubric {
	if id != "" {
		r, err := rubric.Load(id)
		if err != nil {
			return nil
		}
		return r
	}
	for _, a := range args {
		if st, err := os.Stat(a); err != nil || st.IsDir() {
			continue
		}
		if in := batch.Read(a, o.batchOptions(nil, nil)); len(in.Rubrics) > 0 {
			return in.Rubrics[0]
		}
		break
	}
	r, _ := rubric.ByID(rubric.DefaultID)
	return r
}

// completeYAML completes a YAML file.
func completeYAML(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeWorkbooks completes the workbooks (and folders) of arguments.
func completeWorkbooks(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"xlsx", "xlsm", "csv"}, cobra.ShellCompDirectiveFilterFileExt
}

// addInstansiFlag binds --instansi, which selects one instansi by name:
// a row of a wide workbook, or a sheet of one instansi per sheet (read
// with its flags o). Its completion lists the names of the instansi of
// the workbooks given on the command line.
func addInstansiFlag(cmd *cobra.Command, o *readFlags) {
	cmd.Flags().StringVar(&o.Instansi, "instansi", "", `the instansi to read, by name ("Pemerintah Kota Malang", "kota malang", "Pemkot Malang"): a row of a wide workbook, or a sheet`)
	_ = cmd.RegisterFlagCompletionFunc("instansi", func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return completeInstansi(o, args, toComplete), cobra.ShellCompDirectiveNoFileComp
	})
}

// completeInstansi lists the instansi of the workbooks among args whose
// name, or its Key, starts with what is typed; folders are not read.
func completeInstansi(o *readFlags, args []string, toComplete string) []cobra.Completion {
	bo := o.batchOptions(nil, nil)
	if o.Sheet == "" {
		bo.AllSheets = true
	}
	var out []cobra.Completion
	seen := map[string]bool{}
	typed, key := strings.ToLower(toComplete), batch.Key(toComplete)
	for _, a := range args {
		if st, err := os.Stat(a); err != nil || st.IsDir() {
			continue
		}
		for _, name := range batch.Names(a, bo) {
			if !seen[name] && (strings.HasPrefix(strings.ToLower(name), typed) || strings.HasPrefix(batch.Key(name), key)) {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out
}

// addVerboseFlag binds -v, --verbose: every input's notes on stderr, not
// grouped by the choice they report.
func addVerboseFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVarP(p, "verbose", "v", false, "say for every input which rubric and level columns were chosen (by default the inputs of one choice are grouped, and a few named)")
}
