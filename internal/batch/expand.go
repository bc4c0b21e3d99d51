package batch

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// workbookExts are the file name extensions taken from folders.
var workbookExts = []string{".xlsx", ".xlsm", ".csv"}

// IsWorkbookName reports whether a file in a folder is taken as a
// workbook: .xlsx, .xlsm or .csv, and not an Excel lock file (~$x.xlsx)
// or a hidden file.
func IsWorkbookName(name string) bool {
	if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
		return false
	}
	return slices.Contains(workbookExts, strings.ToLower(filepath.Ext(name)))
}

// Expand returns the inputs named by paths, in order: a file as given,
// a folder as its workbook files sorted by name (descending into
// sub-folders, sorted with the files, when recursive). A path that does
// not exist is kept as it is, so that reading it reports the error in its
// place. A folder that cannot be read is an error: a *LimitError when the
// process ran out of file descriptors.
func Expand(paths []string, recursive bool) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		files, err := folder(p, recursive)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

func folder(dir string, recursive bool) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if le := OutOfFiles(dir, err); le != nil {
			return nil, le // a failure of the run, not of the folder
		}
		return nil, err
	}
	var out []string
	for _, e := range entries { // ReadDir sorts by name
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && recursive && !strings.HasPrefix(e.Name(), "."):
			sub, err := folder(p, true)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		case e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0:
			if IsWorkbookName(e.Name()) {
				out = append(out, p)
			}
		}
	}
	return out, nil
}
