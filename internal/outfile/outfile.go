// Package outfile is the policy of every file spbe writes: a report, a
// form, a workbook, a rubric, a schema, a man page. A file is written
// atomically (Save: a temporary file beside it, renamed into place once
// complete), never over one of the command's inputs (by identity, so a
// hard or symbolic link to an input is refused too), never through a
// symbolic link or over a device, a pipe or a socket, over an existing
// file only with Force, and "-" means standard output (Stdout), never a
// terminal for a workbook. RemoveTemporary, called by the one signal
// handler, removes the files being written.
//
// Errors: Error() is English. The errors a user meets also have a method
// MessageFormat() (format string, args []any), giving their English format
// and arguments, by which a program (spbe's command line) can say them in
// another language from a catalog keyed by the format (docs/messages.md).
package outfile

import (
	"github.com/spbe-id/spbe/pkg/message"

	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ErrExists is wrapped by the error for an existing output file written
// without Force.
var ErrExists = messagef("file exists")

// ErrIsInput is wrapped by the error for an output file that is one of the
// command's own inputs.
var ErrIsInput = messagef("is an input of this command")

// ErrNotRegular is wrapped by the error for an output path that is a
// symbolic link, a device, a pipe or a socket: Save never replaces one.
var ErrNotRegular = messagef("is not a regular file")

// ErrInterrupted is returned by Save once RemoveTemporary has run: the
// process is being stopped by a signal.
var ErrInterrupted = messagef("interrupted")

// Stdout is the output path that means standard output (-o -).
const Stdout = "-"

// Options say when an output file may be written.
type Options struct {
	// Force allows replacing an existing file (never an input, never a
	// symbolic link or another file that is not a regular one).
	Force bool
	// Inputs are the files the command reads, every one of them: the
	// files of folder arguments too. The output may not be one of them, by
	// path or by identity (a hard or symbolic link).
	Inputs []string
	// Stdout receives the output when the path is "-" (Stdout); nil
	// refuses "-".
	Stdout io.Writer
	// StdoutIsTerminal refuses "-" because Stdout is a terminal: set it
	// for a binary output (a workbook).
	StdoutIsTerminal bool
}

// Check reports whether path may be written: an error wrapping
// ErrIsInput when it is one of the inputs, ErrNotRegular when it is a
// symbolic link or a device, or ErrExists when it exists and Force is not
// set. Call it before the work, so that a refusal costs nothing; Save
// calls it again.
func Check(path string, o Options) error {
	if path == Stdout {
		switch {
		case o.Stdout == nil:
			return messagef("-: this output cannot go to standard output; name a file (./- for a file named -)")
		case o.StdoutIsTerminal:
			return messagef("-: refusing to write a workbook to a terminal; redirect standard output (-o - > report.xlsx) or name a file")
		}
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	st, statErr := os.Stat(path)
	for _, in := range o.Inputs {
		if in == "" {
			continue
		}
		inAbs, err := filepath.Abs(in)
		if err == nil && inAbs == abs {
			return messagef("%s: refusing to write there: the file %w", path, ErrIsInput)
		}
		if statErr != nil {
			continue
		}
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return messagef("%s: refusing to write there: it is the same file as %s, which %w", path, in, ErrIsInput)
		}
	}
	if lst, err := os.Lstat(path); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		to, _ := os.Readlink(path)
		return messagef("%s: refusing to replace it: it is a symbolic link (to %s) and %w; name the file it points to, or -o - for standard output", path, to, ErrNotRegular)
	}
	switch {
	case statErr == nil && st.IsDir():
		return messagef("%s: is a directory", path)
	case statErr == nil && !st.Mode().IsRegular():
		return messagef("%s: refusing to replace it: it %w (%s); name a file, or -o - for standard output", path, ErrNotRegular, kind(st.Mode()))
	case statErr == nil && !o.Force:
		return messagef("%s: %w; use --force to overwrite it", path, ErrExists)
	case statErr != nil:
		return checkFolder(path, statErr)
	}
	return nil
}

// checkFolder explains why path, which cannot be stat'ed (err), cannot be
// written, naming its folder: one that does not exist or is not a folder.
// A path that simply does not exist yet in a folder that does is fine.
func checkFolder(path string, err error) error {
	dir := filepath.Dir(path)
	st, derr := os.Stat(dir)
	switch {
	case derr != nil && errors.Is(derr, os.ErrNotExist):
		return messagef("%s: cannot write there: the folder %s does not exist", path, dir)
	case derr == nil && !st.IsDir():
		return messagef("%s: cannot write there: %s is not a folder", path, dir)
	case errors.Is(err, os.ErrNotExist):
		return nil
	}
	return fmt.Errorf("%s: %w", path, err)
}

// kind names the type of a file that is not a regular one, in the
// language of the message it is an argument of.
func kind(m fs.FileMode) error {
	switch {
	case m&fs.ModeCharDevice != 0:
		return messagef("a character device")
	case m&fs.ModeDevice != 0:
		return messagef("a block device")
	case m&fs.ModeNamedPipe != 0:
		return messagef("a named pipe")
	case m&fs.ModeSocket != 0:
		return messagef("a socket")
	}
	return messagef("a special file")
}

// temps are the temporary files of the Saves in progress, for
// RemoveTemporary.
var temps struct {
	sync.Mutex
	files   map[string]bool
	stopped bool
}

// RemoveTemporary removes the temporary files of the Saves in progress,
// and makes every later Save fail with ErrInterrupted: a signal handler
// calls it before the process exits. Only a SIGKILL, which no handler
// sees, can leave a temporary file (.NAME.NNNN.tmp beside the output).
func RemoveTemporary() {
	temps.Lock()
	defer temps.Unlock()
	temps.stopped = true
	for name := range temps.files {
		os.Remove(name)
	}
	temps.files = nil
}

// createTemp creates the temporary file of an output and registers it.
func createTemp(dir, base string) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	if temps.stopped {
		return nil, ErrInterrupted
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, err
	}
	if temps.files == nil {
		temps.files = map[string]bool{}
	}
	temps.files[tmp.Name()] = true
	return tmp, nil
}

func forgetTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.files, name)
}

// Save writes a file atomically: write fills a temporary file in the same
// folder, which is renamed into place only when write and the sync
// succeed. A failed run leaves neither the file nor the temporary file,
// and so does a run stopped by a signal whose handler calls
// RemoveTemporary. Path "-" writes to o.Stdout, only once write has
// succeeded.
func Save(path string, o Options, write func(io.Writer) error) (err error) {
	if err := Check(path, o); err != nil {
		return err
	}
	if path == Stdout {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return fmt.Errorf("-: %w", err)
		}
		if _, err := buf.WriteTo(o.Stdout); err != nil {
			return fmt.Errorf("-: %w", err)
		}
		return nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, base)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // not the temporary file's name: the folder's
			return messagef("%s: cannot create a file in the folder %s: %w", path, filepath.Clean(dir), pe.Err)
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	defer forgetTemp(tmp.Name())
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// The checks again, just before the rename: the path may have become
	// a symbolic link or an input while write ran.
	if err := Check(path, o); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// NameError is an output path whose extension says it holds something
// other than what is written there (r.csv for a workbook): a mistake of
// the command line.
type NameError struct {
	Path string
	What fmt.Stringer // what is written ("an Excel workbook"), said in the message's language
	Exts []string     // the extensions it may have, the first preferred
	// Format is the command's --format that the extension names, if any
	// (-o r.csv: --format csv).
	Format string
}

func (e *NameError) Error() string { return e.message().Error() }

// MessageFormat says the message in the user's language (see messagef).
func (e *NameError) MessageFormat() (format string, args []any) {
	return e.message().MessageFormat()
}

func (e *NameError) message() *message.Error {
	name := strings.TrimSuffix(e.Path, filepath.Ext(e.Path)) + e.Exts[0]
	var exts any = e.Exts[0]
	if n := len(e.Exts); n > 1 {
		exts = messagef("%s or %s", strings.Join(e.Exts[:n-1], ", "), e.Exts[n-1])
	}
	var format any = ""
	if e.Format != "" {
		format = messagef(", or --format %s > %s for %s", e.Format, e.Path, strings.ToUpper(e.Format))
	}
	return messagef("%s: -o writes %s, so the name must end in %s: -o %s%s", e.Path, e.What, exts, name, format).(*message.Error)
}

// CheckName refuses, with a *NameError, an output path whose extension is
// not one of exts (compared case-blind): the file would hold what but be
// named as something else, which Excel or an editor would not open.
// formats are the command's other output formats, suggested when the
// extension names one. Standard output has no name to check.
func CheckName(path string, what fmt.Stringer, exts, formats []string) error {
	if path == Stdout {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	if slices.Contains(exts, ext) {
		return nil
	}
	e := &NameError{Path: path, What: what, Exts: exts}
	if f := strings.TrimPrefix(ext, "."); f != "" && slices.Contains(formats, f) {
		e.Format = f
	}
	return e
}
