package main

import "github.com/spbe-id/spbe/internal/report"

// saveOptions are the rules of an output file (-o): never over one of the
// inputs (every file the command reads, the files of folder arguments too),
// nor over a symbolic link or a device, over an existing file only with
// force; "-" writes to stdout, but a workbook never to a terminal.
func (s *streams) saveOptions(force, workbook bool, inputs []string) report.SaveOptions {
	return report.SaveOptions{
		Force:            force,
		Inputs:           inputs,
		Stdout:           s.Out,
		StdoutIsTerminal: workbook && s.OutTTY,
	}
}

// outputName is how messages name an output path.
func outputName(path string) string {
	if path == report.Stdout {
		return "standard output"
	}
	return path
}
