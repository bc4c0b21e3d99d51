package batch

import (
	"errors"
	"sync/atomic"
	"syscall"

	"github.com/spbe-id/spbe/internal/msg"
)

// LimitError is the error of a run that ran out of file descriptors: the
// process's limit of open files (EMFILE, ulimit -n) or the system's
// (ENFILE). It is a failure of the run, never a bad input: the input that
// met it is fine, and so are the ones after it.
type LimitError struct {
	Path string // the input being opened
	Err  error  // the error, matching syscall.EMFILE or syscall.ENFILE
}

func (e *LimitError) Error() string { return e.Message().String() }

// Message is the error's message, in the language of messages (msg.Text).
func (e *LimitError) Message() msg.Message {
	if errors.Is(e.Err, syscall.ENFILE) {
		return msg.New("%s: too many open files in the system: the run was stopped, and the inputs are not at fault; read fewer workbooks at once (a lower -j) or close other programs", e.Path)
	}
	if n, ok := openFileLimit(); ok {
		return msg.New("%s: too many open files (ulimit -n, %d at most): the run was stopped, and the inputs are not at fault; read fewer workbooks at once (a lower -j, e.g. -j 4) or raise the limit (ulimit -n 4096)", e.Path, n)
	}
	return msg.New("%s: too many open files (ulimit -n): the run was stopped, and the inputs are not at fault; read fewer workbooks at once (a lower -j, e.g. -j 4) or raise the limit (ulimit -n 4096)", e.Path)
}

func (e *LimitError) Unwrap() error { return e.Err }

// OutOfFiles returns a *LimitError when err says that the process or the
// system ran out of file descriptors, else nil.
func OutOfFiles(path string, err error) error {
	var le *LimitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &le):
		return le
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return &LimitError{Path: path, Err: err}
	}
	return nil
}

// OutOfFiles returns a *LimitError when reading the input ran out of file
// descriptors, else nil.
func (in *Input) OutOfFiles() error {
	for _, err := range in.Errs {
		if le := OutOfFiles(in.Path, err); le != nil {
			return le
		}
	}
	return nil
}

// ReadAll reads the inputs with up to workers at once (Ordered) and calls
// emit with each in input order. Running out of file descriptors stops
// the run: the inputs not yet read are skipped, and ReadAll returns the
// *LimitError, so that no input is taken for bad because of it.
func ReadAll(inputs []string, workers int, o *Options, emit func(in *Input)) error {
	var stop atomic.Bool
	var limit error
	Ordered(len(inputs), workers, func(i int) *Input {
		if stop.Load() {
			return nil
		}
		in := Read(inputs[i], o)
		if in.OutOfFiles() != nil {
			stop.Store(true)
		}
		return in
	}, func(i int, in *Input) {
		if limit != nil || in == nil {
			return
		}
		if limit = in.OutOfFiles(); limit == nil {
			emit(in)
		}
	})
	// The input that set stop is emitted (only inputs skipped because of
	// it are nil), so limit is set whenever stop is.
	return limit
}
