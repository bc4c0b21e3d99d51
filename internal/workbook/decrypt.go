package workbook

import (
	"bytes"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"

	"github.com/spbe-id/spbe/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// openEncrypted opens an encrypted workbook for the scanner. data is the
// whole file, at most MaxFileSize (sniff); excelize decrypts it in
// memory (Decrypt), and the scanner reads the package as it reads any
// other, so that memory follows the table, not the sheet. The bounds are
// the file's size and the unzip limit, which the decrypted package may
// not pass (before it is unpacked), nor the sum of its parts unpacked. A
// password that does not decrypt it, or gives no zip package, is
// ErrWrongPassword.
func openEncrypted(path string, data []byte, opts Options) (*scanBook, error) {
	limit := opts.unzipLimit()
	pkg, err := decrypt(data, opts.Password)
	if err != nil {
		return nil, &Error{File: path, Err: ErrWrongPassword}
	}
	if int64(len(pkg)) > limit {
		return nil, unsupported(path, "the encrypted workbook decrypts to more than %d MiB; refusing to read it (--max-unzip-size raises the limit)", limit>>20)
	}
	if !bytes.HasPrefix(pkg, []byte("PK\x03\x04")) && !bytes.HasPrefix(pkg, []byte("PK\x05\x06")) {
		return nil, &Error{File: path, Err: ErrWrongPassword} // decrypted to noise
	}
	b, err := xlsx.OpenReader(path, bytes.NewReader(pkg), int64(len(pkg)), limit)
	if err != nil {
		return nil, scanErr(path, limit, err)
	}
	return &scanBook{Book: b, path: path, limit: limit}, nil
}

// decrypt is excelize's Decrypt, which may panic on a damaged file.
func decrypt(data []byte, password string) (pkg []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("excelize failed: %v", p)
		}
	}()
	pkg, err = excelize.Decrypt(data, &excelize.Options{Password: password})
	if err == nil && len(pkg) == 0 {
		err = msg.Errorf("an encryption spbe cannot decrypt")
	}
	return pkg, err
}
