package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The direction of imports (docs/testing.md; the house in CONTRIBUTING.md):
// the library under pkg/ and the model depend on nothing above them, and the
// text and Excel printers never on each other. Each group lists the names a
// package has had or will have, so that a rename is a change of this table
// only.
var (
	impTextOut  = []string{"internal/render", "internal/textout"}  // the model -> text, JSON, CSV, Markdown
	impExcelOut = []string{"internal/report", "internal/excelout"} // the model -> Excel
	impReader   = []string{"internal/workbook", "internal/xlsx"}   // the one reader, and its scanner
	impOutFiles = []string{"internal/outfile"}                     // atomic output files
	impExcelize = "github.com/xuri/excelize"
	impCobra    = "github.com/spf13/cobra"
	impPflag    = "github.com/spf13/pflag"
)

// importRules hold for the imports of each package, direct or not (go
// list's Deps; test files left out). A path in the rules is relative to the module when it
// starts with internal/, pkg/ or cmd/; it names a package and those below
// it ("pkg/" every package under pkg).
var importRules = []struct {
	pkgs  []string // the packages the rule holds for
	only  []string // when not nil, the only packages of this module they may import
	never []string // what they never import (of this module or not)
	why   string
}{
	{pkgs: []string{"pkg/"}, only: []string{"pkg/"}, never: []string{impCobra, impPflag, impExcelize},
		why: "pkg/ is a library others import: pure computation, no CLI, no Excel, nothing internal"},
	{pkgs: []string{"internal/result"}, only: []string{"pkg/"},
		why: "the model is computed from pkg/ alone; its printers depend on it, never it on them"},
	{pkgs: []string{"internal/batch"}, never: slices.Concat(impTextOut, impExcelOut),
		why: "batch reads and scores; what it makes is printed by the text and Excel printers, which it does not know"},
	{pkgs: impExcelOut, never: impTextOut,
		why: "the Excel writer and the text renderer are two printers of the same model"},
	{pkgs: impTextOut, never: slices.Concat(impExcelOut, impReader, []string{"internal/batch"}),
		why: "the text renderer prints the model and nothing else"},
	{pkgs: impOutFiles, only: []string{"pkg/message"},
		why: "the output-file policy serves every command and knows nothing of the model (its messages: pkg/message)"},
	{pkgs: []string{"internal/iostreams"}, only: []string{},
		why: "the streams serve every command and know nothing of the model"},
	{pkgs: []string{"pkg/message"}, only: []string{},
		why: "the messages of the packages that may import nothing internal: one mechanism, depending on nothing"},
	{pkgs: []string{"internal/label"}, only: []string{"pkg/"},
		why: "the words of the outputs, shared by the printers and the notes, depend on pkg/ alone"},
	{pkgs: impReader, never: slices.Concat(impTextOut, impExcelOut, impOutFiles, []string{"internal/batch", "internal/result"}),
		why: "the reader turns files into tables and levels; it knows nothing of what is made of them"},
}

const impModule = "github.com/spbe-id/spbe"

// impUnder reports whether import path p is the package prefix names (module
// relative for internal/, pkg/ and cmd/), or one under it.
func impUnder(p, prefix string) bool {
	if strings.HasPrefix(prefix, "internal/") || strings.HasPrefix(prefix, "pkg/") || strings.HasPrefix(prefix, "cmd/") {
		prefix = impModule + "/" + prefix
	}
	if strings.HasSuffix(prefix, "/") {
		return strings.HasPrefix(p, prefix)
	}
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

func impUnderAny(p string, prefixes []string) bool {
	return slices.ContainsFunc(prefixes, func(prefix string) bool { return impUnder(p, prefix) })
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, impModule+"/...").Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	deps := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			deps[f[0]] = f[1:]
		}
	}
	if len(deps) == 0 {
		t.Fatal("go list listed no package")
	}
	for _, rule := range importRules {
		matched := false
		for p, ds := range deps {
			if !impUnderAny(p, rule.pkgs) {
				continue
			}
			matched = true
			for _, d := range ds {
				inModule := strings.HasPrefix(d, impModule+"/")
				switch {
				case impUnderAny(d, rule.never):
					t.Errorf("%s imports %s: %s", strings.TrimPrefix(p, impModule+"/"), d, rule.why)
				case inModule && rule.only != nil && !impUnderAny(d, rule.only) && !impUnderAny(d, rule.pkgs):
					t.Errorf("%s imports %s: %s", strings.TrimPrefix(p, impModule+"/"), strings.TrimPrefix(d, impModule+"/"), rule.why)
				}
			}
		}
		if !matched {
			t.Errorf("no package is %s: a rule of importRules names none (renamed? edit the table)", strings.Join(rule.pkgs, " or "))
		}
	}
}

// The rules catch what they are meant to: a made-up graph that breaks
// each of them, checked with the same matching.
func TestImportRulesMatch(t *testing.T) {
	for _, tt := range []struct {
		p, prefix string
		want      bool
	}{
		{impModule + "/pkg/rubric", "pkg/", true},
		{impModule + "/internal/render", "internal/render", true},
		{impModule + "/internal/renderer", "internal/render", false},
		{impModule + "/internal/textout/table", "internal/textout", true},
		{impExcelize + "/v2", impExcelize, true},
		{impCobra + "/doc", impCobra, true},
		{"github.com/spf13/cobrax", impCobra, false},
	} {
		if got := impUnder(tt.p, tt.prefix); got != tt.want {
			t.Errorf("impUnder(%q, %q) = %v, want %v", tt.p, tt.prefix, got, tt.want)
		}
	}
}
