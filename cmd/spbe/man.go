package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCmd(s *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "man <folder>",
		Short: "Write the man pages of spbe and of every command into a folder",
		Long: `Writes a man page (section 1) for spbe and for every command, generated from
the same text as --help: spbe.1, spbe-score.1, spbe-rubric-diff.1, ... The
folder is created if needed. Install them where man looks, for one user:

  spbe man ~/.local/share/man/man1

(man-db finds ~/.local/share/man when ~/.local/bin is on the PATH; otherwise
add it to MANPATH), or for everyone:

  sudo spbe man /usr/local/share/man/man1 && sudo mandb

then: man spbe, man spbe-score.`,
		Example: `  $ spbe man ~/.local/share/man/man1
  $ man spbe-score`,
		Hidden: true,
		Args:   usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMan(s, cmd.Root(), args[0])
		},
	}
}

// runMan writes the man pages of root's tree into dir. The exit codes go
// into the page of spbe itself, as the help shows them.
func runMan(s *streams, root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	root.DisableAutoGenTag = true
	// The pages are Markdown turned into roff: <workbook> would be taken
	// for HTML and dropped, and the exit codes reflowed unless indented as
	// code.
	esc := strings.NewReplacer("<", `\<`, ">", `\>`)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Use = esc.Replace(c.Use)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	title, codes, _ := strings.Cut(exitStatusHelp, "\n")
	root.Long += "\n\n" + title + "\n\n    " + strings.ReplaceAll(codes, "\n", "\n    ")
	header := &doc.GenManHeader{
		Title:   "SPBE",
		Section: "1",
		Source:  "spbe " + version,
		Manual:  "spbe manual",
	}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	n, _ := filepath.Glob(filepath.Join(dir, "spbe*.1"))
	fmt.Fprintf(s.ErrOut, "spbe: wrote %d man pages to %s\n", len(n), dir)
	return nil
}
