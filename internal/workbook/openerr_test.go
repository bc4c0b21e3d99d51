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
	_, excelErr := openExcel(missing, Options{})
	_, pwErr := openExcel(missing, Options{Password: "rahasia"})
	readErr := Read(missing, Options{Layout: LayoutAuto, Known: func(string) bool { return true }}, Visitor{})
	for name, err := range map[string]error{"openScan": scanErr, "openExcel": excelErr, "openExcel with a password": pwErr, "Read": readErr} {
		if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrUnsupportedFormat) || errors.Is(err, ErrWrongPassword) {
			t.Errorf("%s: %v, want fs.ErrNotExist and no class of bad workbook", name, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), missing+": ") {
			t.Errorf("%s: %q does not name the file first", name, err)
		}
	}
}
