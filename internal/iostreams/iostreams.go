// Package iostreams holds the process's standard streams, injected into
// every command so that commands are testable: whether they are
// terminals, whether colour may be used, and the progress bar drawn on
// stderr while a batch is read.
package iostreams

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// IOStreams are the process's I/O.
type IOStreams struct {
	In          io.Reader
	Out, ErrOut io.Writer
	// OutTTY is true when Out is a terminal: colour is used only then.
	OutTTY bool
	// Lang is the language of the messages written to ErrOut, "id" or
	// "en" (internal/msg): the command's --lang when given, else
	// SPBE_LANG, else "id". It is set at the edge, once the command line is
	// parsed (cmd/spbe); "" is "id".
	Lang string
}

// System returns the streams of the process: stdin, stdout and stderr.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, OutTTY: IsTerminal(os.Stdout)}
}

// IsTerminal reports whether f is a terminal (a character device).
func IsTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// RawErr is stderr for what spbe writes for a terminal to act on (the
// progress bar): beneath a writer that escapes control characters, when
// ErrOut is one (it has an Unwrap() io.Writer method).
func (s *IOStreams) RawErr() io.Writer {
	if u, ok := s.ErrOut.(interface{ Unwrap() io.Writer }); ok {
		return u.Unwrap()
	}
	return s.ErrOut
}

// ColorEnabled reports whether Out may be coloured: a terminal, and
// neither NO_COLOR (https://no-color.org) nor TERM=dumb.
func (s *IOStreams) ColorEnabled() bool {
	return s.OutTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// ErrTTY reports whether stderr is a terminal that can redraw a line
// (not TERM=dumb).
func (s *IOStreams) ErrTTY() bool {
	f, ok := s.RawErr().(*os.File)
	return ok && IsTerminal(f) && os.Getenv("TERM") != "dumb"
}

// ProgressMin is the number of inputs from which a progress bar is shown.
const ProgressMin = 20

// Progress draws a bar on stderr while a batch is read. Its zero value
// (and a nil one) draws nothing.
type Progress struct {
	w       io.Writer
	n, done int
	shown   bool
}

// NewProgress returns the bar of a batch of n inputs: drawn only for
// ProgressMin inputs or more and when stderr is a terminal, so that logs
// and pipes get none, or always when force is set (tests).
func (s *IOStreams) NewProgress(n int, force bool) *Progress {
	if !force && (n < ProgressMin || !s.ErrTTY()) {
		return &Progress{}
	}
	return &Progress{w: s.RawErr(), n: n}
}

// Step draws the bar one input further.
func (p *Progress) Step() {
	if p == nil || p.w == nil {
		return
	}
	p.done++
	const width = 30
	fill := width * p.done / p.n
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", fill), strings.Repeat(".", width-fill), p.done, p.n)
	p.shown = true
}

// Clear removes the bar so that a message can be printed on its line.
func (p *Progress) Clear() {
	if p != nil && p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
