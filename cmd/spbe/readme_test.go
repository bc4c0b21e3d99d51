package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestREADMEQuickStart runs the README's first command on the example in
// testdata/ and checks that it prints what the README shows.
func TestREADMEQuickStart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "go run ./cmd/spbe score testdata/perekonomian-2021.xlsx"
	text := string(readme)
	i := strings.Index(text, cmd)
	if i < 0 {
		t.Fatalf("README does not show %q", cmd)
	}
	rest := text[i:]
	start := strings.Index(rest, "prints:\n\n```\n")
	if start < 0 {
		t.Fatal("README shows no output after the quick-start command")
	}
	rest = rest[start+len("prints:\n\n```\n"):]
	want := rest[:strings.Index(rest, "```")]

	t.Chdir("../..")
	var out, errOut bytes.Buffer
	args := strings.Fields(cmd)[3:]
	if code := run(args, &streams{Out: &out, ErrOut: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if out.String() != want {
		t.Errorf("README quick start differs from the output:\ngot:\n%s\nREADME:\n%s", out.String(), want)
	}
}
