package outfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An output that cannot be written names its folder and the output, never
// the temporary file: checked before any work (Check) and by Save.
func TestSaveNamesTheFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "catatan.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	readOnly := filepath.Join(dir, "ro")
	os.Mkdir(readOnly, 0o555)
	tests := []struct {
		path, want string
		checked    bool // Check refuses it already
	}{
		{filepath.Join(dir, "tidak", "ada", "r.xlsx"), "r.xlsx: cannot write there: the folder " + filepath.Join(dir, "tidak", "ada") + " does not exist", true},
		{filepath.Join(file, "r.xlsx"), "r.xlsx: cannot write there: " + file + " is not a folder", true},
		{filepath.Join(readOnly, "r.xlsx"), "r.xlsx: cannot create a file in the folder " + readOnly + ": permission denied", false},
	}
	for _, tt := range tests {
		if tt.path == filepath.Join(readOnly, "r.xlsx") && os.Getuid() == 0 {
			continue // root writes anywhere
		}
		cerr := Check(tt.path, Options{})
		if tt.checked != (cerr != nil) {
			t.Errorf("Check(%s) = %v, want an error: %v", tt.path, cerr, tt.checked)
		}
		err := Save(tt.path, Options{}, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
		if err == nil || !strings.HasSuffix(err.Error(), tt.want) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("Save(%s) = %v, want ...%s", tt.path, err, tt.want)
		}
	}
}
