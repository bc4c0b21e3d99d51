package main

import (
	"os"
	"strings"
	"testing"
)

// ./test.sh says what it does as it starts each step: every command that
// takes a while is announced by a step line before it, and the README says
// how long it takes and what it installs.
func TestTestShAnnouncesSteps(t *testing.T) {
	data, err := os.ReadFile("../../test.sh")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	announced := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "step "):
			announced = true
		case strings.HasPrefix(l, "go vet"), strings.HasPrefix(l, "go test"), strings.HasPrefix(l, "go run"),
			strings.Contains(l, "apt-get install"), strings.Contains(l, "go run honnef.co"):
			if !announced {
				t.Errorf("test.sh runs %q without a step line before it", l)
			}
			announced = false
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"./test.sh", "minutes", "libreoffice-calc-nogui", "staticcheck"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README does not say %q about ./test.sh", want)
		}
	}
}

// An -o whose extension does not match what is written is a usage error,
// refused before anything is read or written.
func TestOutputExtensionIsUsageError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"score", "nope.xlsx", "-o", "r.csv"},
		{"plan", "nope.xlsx", "--target", "Baik", "-o", "r.json"},
		{"compare", "a.xlsx", "b.xlsx", "-o", "r"},
		{"template", "-o", "r.xls"},
		{"rubric", "show", "-o", "r.json"},
		{"rubric", "schema", "-o", "r.yaml"},
	} {
		code, stdout, stderr := runSPBE(t, args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, "-o writes") {
			t.Errorf("%s: exit %d, want %d; stdout %q, stderr %q", strings.Join(args, " "), code, exitUsage, stdout, stderr)
		}
		if ents, _ := os.ReadDir(dir); len(ents) > 0 {
			t.Errorf("%s: wrote %s", strings.Join(args, " "), ents[0].Name())
		}
	}
}
