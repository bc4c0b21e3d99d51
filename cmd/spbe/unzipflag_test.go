package main

import (
	"bytes"
	"strings"
	"testing"
)

// --max-unzip-size takes a size in MiB from 1 to 1 TiB: anything else is
// a usage error (exit 2) of every command that has it, before any file is
// read.
func TestMaxUnzipSizeRefused(t *testing.T) {
	for _, args := range [][]string{
		{"score", "x.xlsx", "--max-unzip-size", "-5"},
		{"score", "x.xlsx", "--max-unzip-size=0"},
		{"score", "x.xlsx", "--max-unzip-size", "lima"},
		{"score", "x.xlsx", "--max-unzip-size", "99999999999999"},
		{"rubric", "diff", "permenpanrb-59-2020", "permenpanrb-59-2020", "--evals", "x.xlsx", "--max-unzip-size", "-5"},
	} {
		var out, errOut bytes.Buffer
		code := run(args, &streams{Out: &out, ErrOut: &errOut})
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, code, exitUsage, errOut.String())
		}
		if !strings.Contains(errOut.String(), "--max-unzip-size") || !strings.Contains(errOut.String(), "want a size in MiB from 1 to 1048576") {
			t.Errorf("%v: stderr does not say what is wrong:\n%s", args, errOut.String())
		}
	}
}
