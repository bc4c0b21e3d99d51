// Command spbe computes Indonesia's SPBE index (Indeks Sistem Pemerintahan
// Berbasis Elektronik) from evaluation workbooks and a rubric.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], newStreams()))
}
