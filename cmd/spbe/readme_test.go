package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestREADMEQuickStart runs the README's quick-start commands on the
// examples in testdata/ (Indeks Pemdi first, then an SPBE evaluation) and
// checks that each prints what the README shows, on stdout and on stderr.
func TestREADMEQuickStart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	t.Chdir("../..")
	t.Setenv(langEnv, "") // what a user sees: messages in Indonesian
	for _, cmd := range []string{
		"go run ./cmd/spbe score testdata/pemdi-2026-contoh.csv",
		"go run ./cmd/spbe score testdata/perekonomian-2021.xlsx",
	} {
		i := strings.Index(text, "```sh\n"+cmd+"\n```")
		if i < 0 {
			t.Fatalf("README does not show %q", cmd)
		}
		rest := text[i:]
		start := strings.Index(rest, "prints:\n\n```\n")
		if start < 0 {
			t.Fatalf("README shows no output after %q", cmd)
		}
		rest = rest[start+len("prints:\n\n```\n"):]
		want := rest[:strings.Index(rest, "```")]
		// Then stderr: the rubric chosen and why, and the level column read.
		const errIntro = "and on stderr which rubric it chose and why, and which level column it read:\n\n```\n"
		e := strings.Index(rest, errIntro)
		if e < 0 {
			t.Fatalf("README shows no stderr after %q", cmd)
		}
		rest = rest[e+len(errIntro):]
		wantErr := rest[:strings.Index(rest, "```")]

		var out, errOut bytes.Buffer
		args := strings.Fields(cmd)[3:]
		if code := run(args, &streams{Out: &out, ErrOut: &errOut}); code != exitOK {
			t.Fatalf("%s: exit %d: %s", cmd, code, errOut.String())
		}
		if out.String() != want {
			t.Errorf("%s: README differs from the output:\ngot:\n%s\nREADME:\n%s", cmd, out.String(), want)
		}
		if errOut.String() != wantErr {
			t.Errorf("%s: README differs from stderr:\ngot:\n%s\nREADME:\n%s", cmd, errOut.String(), wantErr)
		}
	}
}

// TestDocCIScript checks that the CI shell script in docs/rubric.md is the
// one that testdata/script/rubric-ci.txtar runs.
func TestDocCIScript(t *testing.T) {
	const path = "../../docs/rubric.md"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	const intro = "Other CI systems:"
	i := strings.Index(text, intro)
	if i < 0 {
		t.Fatalf("%s has no %q section", path, intro)
	}
	rest := text[i:]
	rest = rest[strings.Index(rest, "```sh\n")+len("```sh\n"):]
	inDoc := rest[:strings.Index(rest, "```")]

	archive, err := txtar.ParseFile("testdata/script/rubric-ci.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range archive.Files {
		if f.Name == "spbe-rubric-ci.sh" {
			if string(f.Data) != inDoc {
				t.Errorf("the CI script of %s differs from the one rubric-ci.txtar tests:\n%s:\n%s\ntest:\n%s", path, path, inDoc, f.Data)
			}
			return
		}
	}
	t.Fatal("rubric-ci.txtar has no spbe-rubric-ci.sh")
}
