package main

import (
	"fmt"

	"github.com/spbe-id/spbe/internal/msg"
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
// written (outfile.Check) or whose name does not end in .xlsx
// (outfile.CheckName): spbe writes an Excel workbook there, which Excel
// would not open under another extension. formats are the command's
// other output formats, to suggest one when the extension names it (-o
// r.csv: --format csv).
func checkWorkbookOutput(path string, save outfile.Options, formats []string) error {
	if err := outfile.Check(path, save); err != nil {
		return err
	}
	return outfile.CheckName(path, msg.Word("an Excel workbook"), []string{".xlsx"}, formats)
}

// wrote says on stderr what a command wrote (what, with detail), and
// where: "spbe: wrote r.xlsx (detail)", or "spbe: wrote what to standard
// output (detail)" for -o -.
func wrote(s *streams, path string, what fmt.Stringer, detail string) {
	if path == outfile.Stdout {
		fmt.Fprintln(s.ErrOut, "spbe: "+msg.Sprintf(msgLang(s), "wrote %s to standard output (%s)", what, detail))
		return
	}
	fmt.Fprintln(s.ErrOut, "spbe: "+msg.Sprintf(msgLang(s), "wrote %s (%s)", path, detail))
}
