package main

import (
	"os"
	"strings"
	"testing"
)

// ./test.sh says what it does as it starts each step: every command that
// takes a while is announced by a step line before it; the README gives
// it, and docs/testing.md says what each tier runs, how long it takes and
// what it installs.
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
	if !strings.Contains(string(readme), "./test.sh") {
		t.Errorf("README does not give ./test.sh, the test command")
	}
	doc, err := os.ReadFile("../../docs/testing.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"./test.sh", "./test.sh -full", "CI=true", "minutes", "libreoffice-calc-nogui", "python3-openpyxl", "staticcheck", "-short", "-race"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("docs/testing.md does not say %q about ./test.sh", want)
		}
	}
}

// Every go test of ./test.sh has an explicit -timeout (Go's default of 10
// minutes once stopped a busy CI run), and both tiers are there.
func TestTestShTimeouts(t *testing.T) {
	data, err := os.ReadFile("../../test.sh")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "go test") {
			continue
		}
		n++
		if !strings.Contains(l, " -timeout ") {
			t.Errorf("test.sh: %q has no -timeout", l)
		}
		if strings.Contains(l, "-race") && !strings.Contains(l, "-short") {
			t.Errorf("test.sh: %q runs the slow tests under the race detector", l)
		}
	}
	if n < 4 {
		t.Errorf("test.sh runs go test %d times, want the two of each tier", n)
	}
	for _, want := range []string{"-full", `"${CI:-}" = "true"`, "go test -short "} {
		if !strings.Contains(string(data), want) {
			t.Errorf("test.sh does not say %q", want)
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
