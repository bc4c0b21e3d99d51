package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
)

// Size limits that make a zip bomb or a huge file fail instead of
// exhausting memory.
const (
	// UnzipSizeLimit bounds the total unpacked size of an .xlsx workbook.
	UnzipSizeLimit = 256 << 20
	// UnzipXMLSizeLimit bounds a worksheet or the shared strings held in
	// memory; larger parts are unpacked to a temporary file by excelize.
	UnzipXMLSizeLimit = 64 << 20
	// MaxFileSize bounds the size of a CSV or encrypted workbook, which
	// are read into memory whole.
	MaxFileSize = 64 << 20
)

type fileKind int

const (
	kindXLSX fileKind = iota
	kindCSV
	kindEncrypted // an encrypted workbook, and a password to open it
)

var (
	oleMagic         = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	encryptedPackage = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func unsupported(path, format string, args ...any) error {
	return &Error{File: path, Err: fmt.Errorf("%w: %w", ErrUnsupportedFormat, msg.Errorf(format, args...))}
}

// sniff recognises the format of the file from its first bytes. For CSV
// and an encrypted workbook it returns the file's content.
func sniff(path string, opts Options) (fileKind, []byte, error) {
	password := opts.Password
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, fileErr(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, nil, fileErr(path, err)
	}
	if st.IsDir() {
		return 0, nil, &Error{File: path, Err: msg.Errorf("is a directory, not a workbook")}
	}
	size := st.Size()
	if size == 0 {
		return 0, nil, unsupported(path, "the file is empty")
	}
	head := make([]byte, min(size, 1024))
	if _, err := io.ReadFull(f, head); err != nil {
		return 0, nil, fileErr(path, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return kindXLSX, nil, checkZip(path, f, size, opts.unzipLimit())
	case bytes.HasPrefix(head, oleMagic):
		if size > MaxFileSize {
			return 0, nil, unsupported(path, "old Office (OLE2) file larger than %d MiB", MaxFileSize>>20)
		}
		all, err := io.ReadAll(io.NewSectionReader(f, 0, size))
		if err != nil {
			return 0, nil, fileErr(path, err)
		}
		if bytes.Contains(all, encryptedPackage) {
			if password == "" {
				return 0, nil, &Error{File: path, Err: classedf(ErrEncrypted, "workbook is encrypted; use --password")}
			}
			return kindEncrypted, all, nil
		}
		if bytes.Contains(all, utf16le("Workbook")) || bytes.Contains(all, utf16le("Book")) {
			return 0, nil, unsupported(path, "this is an Excel 97-2003 .xls workbook; open it in Excel or LibreOffice and save it as .xlsx")
		}
		return 0, nil, unsupported(path, "this is an old Microsoft Office (OLE2) document, not a workbook; save the workbook as .xlsx")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return 0, nil, unsupported(path, "this is a PDF document, not a workbook; use the .xlsx workbook the PDF was made from")
	}
	ext := strings.ToLower(filepath.Ext(path))
	lower := bytes.ToLower(head)
	if ext != ".csv" && ext != ".txt" && ext != ".tsv" {
		switch {
		case bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<table")) || bytes.Contains(lower, []byte("<!doctype")):
			return 0, nil, unsupported(path, "this is an HTML page, not a workbook; open it in Excel and save it as .xlsx")
		case bytes.Contains(lower, []byte("<?xml")):
			return 0, nil, unsupported(path, "this is an XML file (perhaps an Excel 2003 XML workbook), not .xlsx; open it in Excel and save it as .xlsx")
		case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods" || ext == ".xlsb":
			return 0, nil, unsupported(path, "the file is named %s but is not a workbook (damaged, or another kind of file)", ext)
		}
	}
	if bytes.IndexByte(head, 0) >= 0 && !bytes.HasPrefix(head, []byte{0xff, 0xfe}) && !bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return 0, nil, unsupported(path, "not a workbook or a CSV file")
	}
	if size > MaxFileSize {
		return 0, nil, unsupported(path, "CSV file larger than %d MiB", MaxFileSize>>20)
	}
	data, err := io.ReadAll(io.NewSectionReader(f, 0, size))
	if err != nil {
		return 0, nil, fileErr(path, err)
	}
	return kindCSV, data, nil
}

// fileErr turns an *fs.PathError into an *Error without repeating the
// path; errors.Is(err, fs.ErrNotExist) still holds.
func fileErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = errors.New("unexpected end of file")
	}
	return &Error{File: path, Err: err}
}

// checkZip tells .ods, .xlsb, other zip files and damaged archives from
// .xlsx workbooks, and refuses archives that unpack to too much.
func checkZip(path string, f io.ReaderAt, size, limit int64) error {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return unsupported(path, "damaged or truncated zip archive, not a readable .xlsx workbook")
	}
	var total uint64
	workbook, xlsb := false, false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		switch strings.ToLower(zf.Name) {
		case "xl/workbook.xml":
			workbook = true
		case "xl/workbook.bin":
			xlsb = true
		case "mimetype":
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			mt, _ := io.ReadAll(io.LimitReader(rc, 128))
			rc.Close()
			if bytes.HasPrefix(mt, []byte("application/vnd.oasis.opendocument.spreadsheet")) {
				return unsupported(path, "this is an OpenDocument .ods spreadsheet; open it in LibreOffice or Excel and save it as .xlsx")
			}
			if bytes.HasPrefix(mt, []byte("application/vnd.oasis.opendocument")) {
				return unsupported(path, "this is an OpenDocument file, not a spreadsheet")
			}
		}
	}
	switch {
	case total > uint64(limit):
		return tooLarge(path, limit)
	case xlsb && !workbook:
		return unsupported(path, "this is a binary .xlsb workbook; open it in Excel and save it as .xlsx")
	case !workbook:
		return unsupported(path, "zip archive without xl/workbook.xml, not an .xlsx workbook")
	}
	return nil
}

func tooLarge(path string, limit int64) error {
	return unsupported(path, "the workbook unpacks to more than %d MiB; refusing to read it (--max-unzip-size raises the limit)", limit>>20)
}
