package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// corpusCommands are the command lines that read an input, F, in every
// way: each format of score and --detail, the layouts, a report (-o),
// compare on either side, plan, whatif, verify with F as the input and as
// the report, and rubric diff --evals. G is the official example, R a
// report made from it and O a fresh output file. (template reads no
// input.)
var corpusCommands = [][]string{
	{"score", "F"},
	{"score", "F", "--format", "json"},
	{"score", "F", "--format", "csv"},
	{"score", "F", "--format", "markdown"},
	{"score", "F", "--detail"},
	{"score", "F", "--detail", "--format", "json"},
	{"score", "F", "--layout", "wide"},
	{"score", "F", "--layout", "long"},
	{"score", "F", "--all-sheets", "--format", "json"},
	{"score", "F", "-o", "O"},
	{"score", "F", "G", "--format", "json"},
	{"compare", "G", "F"},
	{"compare", "F", "G", "--format", "json"},
	{"plan", "F", "--target", "Memuaskan"},
	{"whatif", "F", "--set", "21=2"},
	{"verify", "R", "F"},
	{"verify", "F"},
	{"rubric", "diff", "permenpanrb-59-2020", "permenpanrb-5-2018", "--evals", "F"},
}

// Every command over every input of the bad-input corpus: no panic, and
// an exit code of the documented table. The command lines are valid, so
// the code is never 2 (usage).
func TestCorpusEveryCommand(t *testing.T) {
	fixture.Slow(t, "reads every bad input with every command")
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := perekonomianInput(t, dir)
	report := filepath.Join(dir, "laporan.xlsx")
	if code, _, stderr := runSPBE(t, "score", good, "-o", report); code != exitOK {
		t.Fatalf("score -o: exit %d: %s", code, stderr)
	}
	inputs := slices.Concat(fixture.BadInputs(r), fixture.CellInputs(r), fixture.HostileInputs(r), fixture.LayoutInputs(r))
	names := map[string]bool{}
	for _, tt := range badInputs {
		names[tt.file] = true
	}
	for _, b := range inputs {
		if !names[b.Name] {
			t.Errorf("%s is not in badInputs (the table of docs/bad-input.md)", b.Name)
		}
	}
	for _, b := range inputs {
		t.Run(b.Name, func(t *testing.T) {
			in := writeBad(t, filepath.Join(dir, "in"), b.Name)
			defer os.Remove(in)
			for i, cmd := range corpusCommands {
				args := make([]string, len(cmd))
				for j, a := range cmd {
					switch a {
					case "F":
						a = in
					case "G":
						a = good
					case "R":
						a = report
					case "O":
						a = filepath.Join(dir, "out", fmt.Sprintf("%s-%d.xlsx", b.Name, i))
					}
					args[j] = a
				}
				code, out, stderr := runGuarded(args)
				line := strings.Join(cmd, " ")
				for _, bad := range []string{"panic:", "goroutine ", "runtime error"} {
					if strings.Contains(out+stderr, bad) {
						t.Errorf("%s: %q in the output:\n%s\n%s", line, bad, stderr, out)
					}
				}
				if code != exitOK && code != exitGate && code != exitInvalid {
					t.Errorf("%s: exit %d, want 0, 1 or 3; stderr:\n%s", line, code, stderr)
				}
			}
		})
	}
}

// runGuarded runs spbe in this process, turning a panic of the calling
// goroutine into output as the runtime would print it (a panic in another
// goroutine still stops the test binary, which fails it too).
func runGuarded(args []string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	defer func() {
		if p := recover(); p != nil {
			code, stdout, stderr = 2, out.String(), fmt.Sprintf("%s\npanic: %v\n\ngoroutine 1 [running]:\n%s", errOut.String(), p, debug.Stack())
		}
	}()
	code = run(args, &streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}
