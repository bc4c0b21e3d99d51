// Command spbe computes Indonesia's SPBE index (Indeks Sistem Pemerintahan
// Berbasis Elektronik) from evaluation workbooks and a rubric.
//
// This package is wiring only: each command binds its flags to an options
// struct, calls internal/batch, internal/render or internal/report (and
// pkg/), and returns errors that exitCode maps to the exit status.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], newStreams()))
}
