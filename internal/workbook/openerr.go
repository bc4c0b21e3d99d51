package workbook

import (
	"errors"
	"io/fs"
)

// openErr is the error of a file that could not be opened or read (not
// found, no permission, too many open files), as fileErr says it; nil when
// err is about the content. Readers call it before classifying an error as
// a damaged or encrypted workbook, so that the cause (syscall.EMFILE for a
// run out of file descriptors) stays for errors.Is.
func openErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fileErr(path, err)
	}
	return nil
}
