package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/workbook"
)

// say returns the message in lang: en in English ("en"), else id, in
// Indonesian, the default. The messages added for issue 21 are in both
// languages; the older ones are still in English only.
func say(lang label.Lang, id, en string) string {
	if lang == label.English {
		return en
	}
	return id
}

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
func checkInputPaths(lang label.Lang, paths ...string) error {
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
			errs = append(errs, &workbook.Error{File: p, Err: &classedError{workbook.ErrUnsupportedFormat, say(lang,
				fmt.Sprintf("ini berkas kunci (lock file) yang dibuat Excel selama %s terbuka, bukan lembar kerja: bacalah %s (dan tutup dulu di Excel bila nilainya baru diubah dan belum disimpan)", wb, wb),
				fmt.Sprintf("this is the lock file Excel keeps while %s is open, not a workbook: read %s (and close it in Excel first if its levels were changed and not saved)", wb, wb))}})
		case err != nil && errors.Is(err, fs.ErrNotExist) && filepath.Ext(p) == "":
			var found []string
			for _, ext := range []string{".xlsx", ".xlsm", ".csv"} {
				if st, err := os.Stat(p + ext); err == nil && !st.IsDir() {
					found = append(found, p+ext)
				}
			}
			if len(found) > 0 {
				errs = append(errs, &workbook.Error{File: p, Err: &classedError{fs.ErrNotExist, say(lang,
					fmt.Sprintf("tidak ada berkas dengan nama itu; maksud Anda %s? (Windows menyembunyikan ekstensi nama berkas)", orWords(found, "atau")),
					fmt.Sprintf("no such file; did you mean %s? (Windows hides the extensions of file names)", orWords(found, "or")))}})
			}
		}
	}
	return errors.Join(errs...)
}

// orWords joins names as "a", "a or b", "a, b or c" with the word or.
func orWords(names []string, or string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + or + " " + names[len(names)-1]
}

// classedError is a message of its own that is still of a class the
// callers test with errors.Is (fs.ErrNotExist, workbook.ErrUnsupportedFormat).
type classedError struct {
	class error
	msg   string
}

func (e *classedError) Error() string { return e.msg }
func (e *classedError) Unwrap() error { return e.class }
