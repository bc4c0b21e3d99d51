package workbook

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// A file that cannot be opened is said so, with its cause kept for
// errors.Is (syscall.EMFILE for a run out of file descriptors), by every
// way into a workbook: never a damaged zip, a wrong password or an
// unsupported format.
func TestOpenErrorKeepsTheCause(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "hilang.xlsx")
	_, scanErr := openScan(missing, UnzipSizeLimit)
	_, excelizeErr := readXLSXExcelize(missing, Options{})
	wideErr := readWideExcelize(missing, WideOptions{}, nil)
	for name, err := range map[string]error{"openScan": scanErr, "readXLSXExcelize": excelizeErr, "readWideExcelize": wideErr} {
		if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrUnsupportedFormat) || errors.Is(err, ErrWrongPassword) {
			t.Errorf("%s: %v, want fs.ErrNotExist and no class of bad workbook", name, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), missing+": ") {
			t.Errorf("%s: %q does not name the file first", name, err)
		}
	}
}
