package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every command with -o protects every one of its inputs, however it was
// named: a file, a file of a folder argument (recursive too), a hard link
// to one, the rubric file, the costs file. Even with --force, before any
// output is written.
func TestOutputProtectsEveryInput(t *testing.T) {
	dir := badRunsDir(t)
	p := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }
	rubricFile, costs := p("rubrik.yaml"), p("costs.yaml")
	if code := run([]string{"rubric", "show", "-o", rubricFile}, &streams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}); code != exitOK {
		t.Fatal("rubric show -o failed")
	}
	os.WriteFile(costs, []byte("\"44\": 10\n"), 0o644)
	hard := p("keras.xlsx") // a second name of batch/b.xlsx
	if err := os.Link(p("batch", "b.xlsx"), hard); err != nil {
		t.Skip(err)
	}
	wb := p("perekonomian.xlsx")
	tests := [][]string{
		{"score", p("batch"), "-o", p("batch", "c.csv")},
		{"score", p("batch"), "-o", p("batch", ".", "d.xlsx")},
		{"score", dir, "--recursive", "-o", p("bad", "a.xlsx")},
		{"score", p("batch", "a.xlsx"), p("batch", "b.xlsx"), "-o", p("batch", "b.xlsx")},
		{"score", p("batch"), "-o", hard},
		{"score", p("batch"), "-o", rubricFile, "--rubric", rubricFile},
		{"compare", p("batch"), p("bad"), "-o", p("bad", "d.xlsx")},
		{"compare", dir, p("bad"), "--recursive", "-o", p("batch", "a.xlsx")},
		{"compare", wb, "--old-col", "F", "--new-col", "G", "-o", wb},
		{"plan", wb, "--target", "Sangat Baik", "-o", wb},
		{"plan", wb, "--target", "Sangat Baik", "--costs", costs, "-o", costs},
		{"plan", wb, "--target", "Sangat Baik", "--rubric", rubricFile, "-o", rubricFile},
		{"template", "--rubric", rubricFile, "-o", rubricFile},
		{"rubric", "show", rubricFile, "-o", rubricFile},
	}
	for _, args := range tests {
		args = append(args, "--force")
		t.Run(strings.ReplaceAll(strings.Join(args, " "), dir, "DIR"), func(t *testing.T) {
			out := args[len(args)-2]
			for i, a := range args {
				if a == "-o" {
					out = args[i+1]
				}
			}
			stderr, code := runKeeps(t, args, out)
			if code != exitInvalid || !strings.Contains(stderr, "refusing to write there") || !strings.Contains(stderr, "is an input of this command") {
				t.Errorf("exit %d, want %d refusing to write over an input; stderr:\n%s", code, exitInvalid, stderr)
			}
			if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) > 0 {
				for _, e := range ents {
					if strings.HasSuffix(e.Name(), ".tmp") {
						t.Errorf("left %s", e.Name())
					}
				}
			}
		})
	}
	// A new file in an input folder is not an input.
	stderr, code := runKeeps(t, []string{"score", p("batch"), "-o", p("batch", "ringkasan.xlsx")})
	if code != exitOK {
		t.Errorf("a new report in the input folder: exit %d; stderr:\n%s", code, stderr)
	}
}

// -o - writes a workbook to stdout instead of the result, but never to a
// terminal; text outputs go to stdout as without -o.
func TestOutputStdout(t *testing.T) {
	dir := badRunsDir(t)
	wb := filepath.Join(dir, "perekonomian.xlsx")
	batch := filepath.Join(dir, "batch")
	for _, args := range [][]string{
		{"score", wb, "-o", "-"},
		{"score", batch, "-o", "-"},
		{"compare", batch, batch, "-o", "-"},
		{"plan", wb, "--target", "Sangat Baik", "-o", "-"},
		{"template", "-o", "-"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(args, &streams{Out: &out, ErrOut: &errOut}); code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, errOut.String())
			}
			f, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatalf("stdout is not a workbook (%v): %.200q", err, out.String())
			}
			defer f.Close()
			if len(f.GetSheetList()) == 0 {
				t.Errorf("a workbook without sheets")
			}
			if ents, _ := os.ReadDir("."); len(ents) > 0 {
				for _, e := range ents {
					if e.Name() == "-" {
						t.Errorf("a file named - was written")
					}
				}
			}
			var tty bytes.Buffer
			errOut.Reset()
			code := run(args, &streams{Out: &tty, ErrOut: &errOut, OutTTY: true})
			if code != exitInvalid || tty.Len() > 0 || !strings.Contains(errOut.String(), "refusing to write a workbook to a terminal") {
				t.Errorf("to a terminal: exit %d, stdout %d bytes; stderr:\n%s", code, tty.Len(), errOut.String())
			}
		})
	}
	for _, args := range [][]string{{"rubric", "show"}, {"rubric", "schema"}} {
		var want, got, errOut bytes.Buffer
		run(args, &streams{Out: &want, ErrOut: &errOut})
		if code := run(append(args, "-o", "-"), &streams{Out: &got, ErrOut: &errOut, OutTTY: true}); code != exitOK || got.String() != want.String() || want.Len() == 0 {
			t.Errorf("%s -o -: exit %d, %d bytes, want the %d bytes of stdout; stderr:\n%s", strings.Join(args, " "), code, got.Len(), want.Len(), errOut.String())
		}
	}
}
