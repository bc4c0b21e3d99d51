// Command spbe computes Indonesia's SPBE index (Indeks Sistem Pemerintahan
// Berbasis Elektronik) from evaluation workbooks and a rubric.
//
// This package is wiring only: each command binds its flags to an options
// struct, calls internal/batch, internal/textout or internal/excelout (and
// pkg/), and returns errors that exitCode maps to the exit status.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spbe-id/spbe/internal/iostreams"
	"github.com/spbe-id/spbe/internal/outfile"
)

func main() {
	os.Exit(runMain(os.Args[1:]))
}

// runMain is main but for the exit: the process's streams, with signals
// handled.
func runMain(args []string) int {
	handleSignals(os.Stderr)
	return run(args, iostreams.System())
}

// handleSignals makes SIGINT, SIGTERM and SIGHUP stop the process cleanly:
// the temporary files of the outputs being written are removed, and the
// exit status is 128 plus the signal's number (exitSignal). It is the one
// place that handles signals.
func handleSignals(errOut io.Writer) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig := <-c
		outfile.RemoveTemporary()
		fmt.Fprintf(errOut, "spbe: stopped by %s; no output file was left half written\n", signalName(sig))
		os.Exit(exitSignal(sig))
	}()
}

func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT (interrupted)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}
