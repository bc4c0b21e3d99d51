package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/textout"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{&gateError{"below"}, exitGate},
		{usagef("bad flag"), exitUsage},
		{fmt.Errorf("wrapped: %w", usagef("bad flag")), exitUsage},
		{&textout.FormatError{Name: "yaml", Want: "text or json"}, exitUsage},
		{&batch.ChooseError{Err: errors.New("n.xlsx: a wide table of 2 instansi")}, exitUsage},
		{fmt.Errorf("wrapped: %w", &outfile.NameError{Path: "r.csv", What: msg.Word("an Excel workbook"), Exts: []string{".xlsx"}}), exitUsage},
		{errors.New("kaltim.xlsx: Penilaian!F12: bad level"), exitInvalid},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

// TestRunExitCodes runs whole command lines and checks the process's code.
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	if err := writeWorkbooks(dir); err != nil {
		t.Fatal(err)
	}
	wb := filepath.Join(dir, "perekonomian.xlsx")
	tests := []struct {
		args       []string
		want       int
		wantStderr string
	}{
		{[]string{"score", wb}, exitOK, ""},
		{[]string{"score", wb, "--min-predicate", "Sangat Baik"}, exitGate, "below --min-predicate"},
		{[]string{"score", wb, "--fail-under", "2.96"}, exitGate, "below --fail-under 2.96"},
		{[]string{"score", wb, "--fail-under", "2.95"}, exitOK, ""},
		{[]string{"score"}, exitUsage, "requires at least 1 arg"},
		{[]string{"score", wb, "--nope"}, exitUsage, "unknown flag: --nope"},
		{[]string{"score", wb, "--format", "yaml"}, exitUsage, "unknown format"},
		{[]string{"score", wb, "--fail-under", "abc"}, exitUsage, "--fail-under"},
		{[]string{"frobnicate"}, exitUsage, "unknown command"},
		{[]string{"score", filepath.Join(dir, "missing.xlsx")}, exitInvalid, "missing.xlsx"},
		{[]string{"score", wb, "--rubric", "permenpanrb-5-2018"}, exitInvalid, "perekonomian.xlsx"},
		{[]string{"score", wb, "--rubric", "no-such-rubric"}, exitInvalid, "no-such-rubric"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			got := run(tt.args, &streams{Out: &out, ErrOut: &errOut})
			if got != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", got, tt.want, errOut.String())
			}
			if !strings.Contains(errOut.String(), tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", errOut.String(), tt.wantStderr)
			}
		})
	}
}
