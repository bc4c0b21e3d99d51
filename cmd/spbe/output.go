package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/outfile"
)

// saveOptions are the rules of an output file (-o): never over one of the
// inputs (every file the command reads, the files of folder arguments too),
// nor over a symbolic link or a device, over an existing file only with
// force; "-" writes to stdout, but a workbook never to a terminal.
func saveOptions(s *streams, force, workbook bool, inputs []string) outfile.Options {
	return outfile.Options{
		Force:            force,
		Inputs:           inputs,
		Stdout:           s.Out,
		StdoutIsTerminal: workbook && s.OutTTY,
	}
}

// checkWorkbookOutput refuses, before any work, an -o that may not be
// written (outfile.Check) or whose name does not end in .xlsx: spbe
// writes an Excel workbook there, which Excel would not open under
// another extension. formats are the command's other output formats, to
// suggest one when the extension names it (-o r.csv: --format csv).
func checkWorkbookOutput(path string, save outfile.Options, formats []string) error {
	if err := outfile.Check(path, save); err != nil {
		return err
	}
	return checkExt(path, "an Excel workbook", []string{".xlsx"}, formats)
}

// checkExt refuses an output path whose extension is not one of exts: the
// file would hold what but be named as something else. Standard output
// (-o -) has no name to check.
func checkExt(path, what string, exts, formats []string) error {
	if path == outfile.Stdout {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	if slices.Contains(exts, ext) {
		return nil
	}
	name := strings.TrimSuffix(path, filepath.Ext(path)) + exts[0]
	msg := fmt.Sprintf("%s: -o writes %s, so the name must end in %s: -o %s", path, what, strings.Join(exts, " or "), name)
	if f := strings.TrimPrefix(ext, "."); f != "" && slices.Contains(formats, f) {
		msg += fmt.Sprintf(", or --format %s > %s for %s", f, path, strings.ToUpper(f))
	}
	return usagef("%s", msg)
}

// wrote says on stderr what a command wrote (what, with detail), and
// where: "spbe: wrote r.xlsx (detail)", or "spbe: wrote what to standard
// output (detail)" for -o -.
func wrote(s *streams, path, what, detail string) {
	if path == outfile.Stdout {
		fmt.Fprintf(s.ErrOut, "spbe: wrote %s to standard output (%s)\n", what, detail)
		return
	}
	fmt.Fprintf(s.ErrOut, "spbe: wrote %s (%s)\n", path, detail)
}
