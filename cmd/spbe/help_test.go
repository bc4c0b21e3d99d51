package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// visible walks the command tree: every command a user can reach, the
// help and completion commands too, the hidden ones (man) included; not
// cobra's own __complete.
func visible(root *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if strings.HasPrefix(c.Name(), "__") {
			return
		}
		out = append(out, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return out
}

// Every command has a one-line summary, a description and examples, and
// its examples show spbe commands.
func TestEveryCommandIsDocumented(t *testing.T) {
	root := newRootCmd(&streams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	cmds := visible(root)
	if len(cmds) < 15 {
		t.Fatalf("walked %d commands, want every command", len(cmds))
	}
	for _, c := range cmds {
		name := c.CommandPath()
		switch {
		case c.Short == "":
			t.Errorf("%s: no Short", name)
		case c.Long == "":
			t.Errorf("%s: no Long", name)
		case !strings.Contains(c.Example, "$ spbe "):
			t.Errorf("%s: no Example of the form \"  $ spbe ...\"", name)
		}
		if strings.HasSuffix(c.Short, ".") {
			t.Errorf("%s: Short ends with a period", name)
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Usage == "" {
				t.Errorf("%s --%s: no usage text", name, f.Name)
			}
		})
	}
}

// The same thing has the same flag, with the same words, on every command:
// a flag name has one usage text across the tree, but for the flags whose
// meaning is the command's own.
func TestSameFlagsSameWords(t *testing.T) {
	// --rubric: the commands that read workbooks choose the rubric by
	// their indicators when it is not given; template has no workbook, so
	// it has a default.
	// --instansi selects an instansi to read, but names the one a new form
	// is for in template; --detail lists a score's indicators, and the
	// details of each pair of a compare.
	own := map[string]bool{"output": true, "format": true, "help": true, "sheet": true, "rubric": true, "instansi": true, "detail": true}
	root := newRootCmd(&streams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	usage := map[string]map[string][]string{} // flag -> usage -> commands
	for _, c := range visible(root) {
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if usage[f.Name] == nil {
				usage[f.Name] = map[string][]string{}
			}
			usage[f.Name][f.Usage] = append(usage[f.Name][f.Usage], c.CommandPath())
		})
	}
	for name, texts := range usage {
		if len(texts) > 1 && !own[name] {
			t.Errorf("--%s has %d different help texts: %q", name, len(texts), texts)
		}
	}
	// Every command that reads workbooks reads them with the same flags;
	// every one that reads many has the flags of batches; every -o has
	// --force.
	has := func(path string, names ...string) {
		c, _, err := root.Find(strings.Fields(path)[1:])
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if c.Flags().Lookup(n) == nil {
				t.Errorf("%s has no --%s", path, n)
			}
		}
	}
	read := []string{"sheet", "id-col", "level-col", "password", "max-unzip-size"}
	for _, p := range []string{"spbe score", "spbe compare", "spbe plan", "spbe whatif", "spbe rubric diff"} {
		has(p, read...)
	}
	for _, p := range []string{"spbe score", "spbe compare", "spbe plan", "spbe whatif", "spbe template"} {
		has(p, "rubric", "lang")
	}
	for _, p := range []string{"spbe score", "spbe compare"} {
		has(p, "recursive", "keep-going", "jobs")
	}
	for _, c := range visible(root) {
		if c.Flags().Lookup("output") != nil && c.Flags().Lookup("force") == nil {
			t.Errorf("%s has -o but no --force", c.CommandPath())
		}
	}
}
