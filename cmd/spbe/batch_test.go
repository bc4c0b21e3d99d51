package main

import (
	"bytes"
	"github.com/spbe-id/spbe/internal/label"
	"strings"
	"testing"
)

// TestBatchProgress forces the progress bar (shown only when stderr is a
// terminal) and checks that it reaches the end and is cleared; without
// the force, a buffer gets none.
func TestBatchProgress(t *testing.T) {
	dir := t.TempDir()
	if err := writeBatchWorkbooks(dir); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{true, false} {
		var out, errOut bytes.Buffer
		opts := &scoreOptions{io: &streams{Out: &out, ErrOut: &errOut}, Paths: []string{dir + "/batch"},
			Rubric: "permenpanrb-59-2020", Format: "csv", readFlags: readFlags{Lang: label.Indonesian}, progress: force}
		if err := runScore(opts); err != nil {
			t.Fatal(err)
		}
		got := errOut.String()
		if has := strings.Contains(got, "] 4/4"); has != force {
			t.Errorf("progress %v: stderr %q", force, got)
		}
		if force && !strings.Contains(got, "4/4\r\x1b[K") {
			t.Errorf("the bar is not cleared at the end: %q", got)
		}
		if n := strings.Count(out.String(), "\n"); n != 5 {
			t.Errorf("progress %v: %d lines of CSV, want 5", force, n)
		}
	}
}
