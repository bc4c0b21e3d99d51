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
	"runtime/debug"
	"syscall"

	"github.com/spbe-id/spbe/internal/iostreams"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
)

func main() {
	os.Exit(runMain(os.Args[1:]))
}

// runMain is main but for the exit: the process's streams, with signals
// handled.
func runMain(args []string) int {
	handleSignals(os.Stderr)
	softMemoryLimit()
	return run(args, iostreams.System())
}

// memoryLimit is the soft limit on the Go heap that spbe sets for itself:
// the collector works harder as the heap nears it, so that reading any
// input under 10 MB peaks below 256 MB of memory (a workbook of 300 000
// filled cells summed by unsaved formulas peaked at 300 MB without it). It
// is soft: a run that needs more gets more, and only spends more time
// collecting. GOMEMLIMIT, when set, wins.
const memoryLimit = 180 << 20

func softMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
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
		lang, _ := msg.Lang(label.Indonesian, false, os.Getenv(langEnv)) // --lang is not known here
		fmt.Fprintln(errOut, "spbe: "+msg.Sprintf(lang, "stopped by %s; no output file was left half written", signalName(sig)))
		os.Exit(exitSignal(sig))
	}()
}

func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT (Ctrl-C)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}
