package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrExists is wrapped by the error for an existing output file written
// without Force.
var ErrExists = errors.New("file exists")

// ErrIsInput is wrapped by the error for an output file that is one of the
// command's own inputs.
var ErrIsInput = errors.New("is an input of this command")

// SaveOptions say when an output file may be written.
type SaveOptions struct {
	// Force allows replacing an existing file (never an input).
	Force bool
	// Inputs are the files the command reads; the output may not be one
	// of them, by path or by identity (a hard or symbolic link).
	Inputs []string
}

// CheckOutput reports whether path may be written: an error wrapping
// ErrIsInput when it is one of the inputs, or ErrExists when it exists and
// Force is not set. Call it before the work, so that a refusal costs
// nothing; Save calls it again.
func CheckOutput(path string, o SaveOptions) error {
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
			return fmt.Errorf("%s: refusing to write there: the file %w", path, ErrIsInput)
		}
		if statErr != nil {
			continue
		}
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return fmt.Errorf("%s: refusing to write there: it is the same file as %s, which %w", path, in, ErrIsInput)
		}
	}
	switch {
	case statErr == nil && st.IsDir():
		return fmt.Errorf("%s: is a directory", path)
	case statErr == nil && !o.Force:
		return fmt.Errorf("%s: %w; use --force to overwrite it", path, ErrExists)
	case statErr != nil && !errors.Is(statErr, os.ErrNotExist):
		return fmt.Errorf("%s: %w", path, statErr)
	}
	return nil
}

// Save writes a file atomically: write fills a temporary file in the same
// folder, which is renamed into place only when write and the sync
// succeed. A failed run leaves neither the file nor the temporary file.
func Save(path string, o SaveOptions, write func(io.Writer) error) (err error) {
	if err := CheckOutput(path, o); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
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
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
