package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/spbe-id/spbe/internal/workbook"
)

func TestOutOfFiles(t *testing.T) {
	open := func(errno syscall.Errno) error {
		return &workbook.Error{File: "a.xlsx", Err: &fs.PathError{Op: "open", Path: "a.xlsx", Err: errno}}
	}
	tests := []struct {
		err  error
		says string // "" when it is not a LimitError
	}{
		{nil, ""},
		{open(syscall.ENOENT), ""},
		{errors.New("a.xlsx: damaged sheet"), ""},
		{open(syscall.EMFILE), "a.xlsx: too many open files (ulimit -n"},
		{fmt.Errorf("wrapped: %w", open(syscall.EMFILE)), "a lower -j"},
		{open(syscall.ENFILE), "a.xlsx: too many open files in the system"},
	}
	for _, tt := range tests {
		got := OutOfFiles("a.xlsx", tt.err)
		var le *LimitError
		switch {
		case tt.says == "" && got != nil:
			t.Errorf("OutOfFiles(%v) = %v, want nil", tt.err, got)
		case tt.says != "" && (!errors.As(got, &le) || !strings.Contains(got.Error(), tt.says) || !strings.Contains(got.Error(), "the inputs are not at fault")):
			t.Errorf("OutOfFiles(%v) = %v, want a LimitError saying %q", tt.err, got, tt.says)
		}
	}
	in := &Input{Path: "a.xlsx", Errs: []error{errors.New("a.xlsx: bad"), open(syscall.EMFILE)}}
	if err := in.OutOfFiles(); err == nil {
		t.Errorf("Input.OutOfFiles missed the EMFILE among its errors")
	}
}
