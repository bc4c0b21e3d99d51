package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

type manOptions struct {
	io    *streams
	Dir   string
	Force bool
}

func newManCmd(s *streams, runF func(*manOptions) error) *cobra.Command {
	opts := &manOptions{io: s}
	cmd := &cobra.Command{
		Use:   "man <folder>",
		Short: "Write the man pages of spbe and of every command into a folder",
		Long: `Writes a man page (section 1) for spbe and for every command, generated from
the same text as --help: spbe.1, spbe-score.1, spbe-rubric-diff.1, ... The
folder is created if needed. Pages that exist already are replaced only with
--force, and never through a symbolic link or over anything but a regular file:
each page is written as -o writes its file. Install them where man looks, for
one user:

  spbe man ~/.local/share/man/man1

(man-db finds ~/.local/share/man when ~/.local/bin is on the PATH; otherwise
add it to MANPATH), or for everyone:

  sudo spbe man /usr/local/share/man/man1 && sudo mandb

then: man spbe, man spbe-score. To update installed pages: spbe man --force DIR.`,
		Example: `  $ spbe man ~/.local/share/man/man1
  $ spbe man --force ~/.local/share/man/man1
  $ man spbe-score`,
		Args: usageArgs(exactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runMan(opts, cmd.Root())
		},
	}
	addForceFlag(cmd, &opts.Force)
	return cmd
}

// runMan writes the man pages of root's tree into opts.Dir, each by the
// output policy of every file spbe writes (outfile): every page is checked
// before any is written. The exit codes go into the page of spbe itself,
// as the help shows them.
func runMan(opts *manOptions, root *cobra.Command) error {
	dir := opts.Dir
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
	var pages []manPage
	if err := manPages(root, header, &pages); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	save := saveOptions(opts.io, opts.Force, false, nil)
	save.Stdout = nil // a folder, not standard output
	if !missingFolder(dir) {
		for _, p := range pages { // every page before any is written
			if err := outfile.Check(filepath.Join(dir, p.name), save); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	for _, p := range pages {
		if err := outfile.Save(filepath.Join(dir, p.name), save, func(w io.Writer) error {
			_, err := w.Write(p.text)
			return err
		}); err != nil {
			return err
		}
	}
	fmt.Fprintln(opts.io.ErrOut, "spbe: "+msg.Sprintf(msgLang(opts.io), "wrote %d man pages to %s", len(pages), dir))
	return nil
}

// missingFolder reports whether dir does not exist yet: then its pages
// cannot be checked before it is made, and nothing is there to refuse.
func missingFolder(dir string) bool {
	_, err := os.Lstat(dir)
	return errors.Is(err, fs.ErrNotExist)
}

// manPage is one man page: its file name (spbe-rubric-diff.1) and text.
type manPage struct {
	name string
	text []byte
}

// manPages renders the pages of c and of its available commands, as
// doc.GenManTree names them, into pages.
func manPages(c *cobra.Command, header *doc.GenManHeader, pages *[]manPage) error {
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		if err := manPages(sub, header, pages); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	h := *header
	if err := doc.GenMan(c, &h, &buf); err != nil {
		return err
	}
	*pages = append(*pages, manPage{strings.ReplaceAll(c.CommandPath(), " ", "-") + "." + header.Section, buf.Bytes()})
	return nil
}
