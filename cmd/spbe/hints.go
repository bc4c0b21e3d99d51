package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/workbook"
)

// checkInputPaths looks at the workbooks named on the command line before
// they are read, for two mistakes that the reader's own message would not
// explain to someone who knows Excel rather than files:
//
//   - ~$name.xlsx is the lock file Excel keeps beside name.xlsx while it is
//     open: not a workbook (an unsupported format, as the reader would say);
//   - a name without its extension (Windows hides extensions) where the
//     name with .xlsx, .xlsm or .csv exists: "did you mean name.xlsx?" (the
//     file does not exist, as the reader would say).
//
// Folders are passed over (their listing leaves lock files out).
func checkInputPaths(paths ...string) error {
	var errs []error
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		base := filepath.Base(p)
		st, err := os.Stat(p)
		switch {
		case err == nil && st.IsDir():
		case strings.HasPrefix(base, "~$") && batch.IsWorkbookName(base[2:]):
			wb := filepath.Join(filepath.Dir(p), base[2:])
			errs = append(errs, &workbook.Error{File: p, Err: msg.Errorf("this is the lock file Excel keeps while %[1]s is open, not a workbook: read %[1]s (and close it in Excel first if its levels were changed and not saved)%[2]w", wb, silent{workbook.ErrUnsupportedFormat})})
		case err != nil && errors.Is(err, fs.ErrNotExist) && filepath.Ext(p) == "":
			var found []string
			for _, ext := range []string{".xlsx", ".xlsm", ".csv"} {
				if st, err := os.Stat(p + ext); err == nil && !st.IsDir() {
					found = append(found, p+ext)
				}
			}
			if len(found) > 0 {
				errs = append(errs, &workbook.Error{File: p, Err: msg.Errorf("no such file; did you mean %s? (Windows hides the extensions of file names)%w", msg.Or(found), silent{fs.ErrNotExist})})
			}
		}
	}
	return errors.Join(errs...)
}

// silent is an error of a class the callers test with errors.Is
// (fs.ErrNotExist, workbook.ErrUnsupportedFormat) that adds nothing to the
// message it is wrapped in.
type silent struct{ class error }

func (e silent) Error() string { return "" }
func (e silent) Unwrap() error { return e.class }
