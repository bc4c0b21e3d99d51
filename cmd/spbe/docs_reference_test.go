package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// referenceDir holds the command reference, one page per command,
// generated from the cobra commands by referencePages.
const referenceDir = "../../docs/reference"

// referencePages returns the command reference: a Markdown page per
// command a user can reach (cobra/doc's layout: spbe.md, spbe_score.md,
// spbe_rubric_diff.md, ...), made from the same text as --help, with the
// exit codes on every page whose help shows them.
func referencePages(t *testing.T) map[string]string {
	t.Helper()
	root := newRootCmd(&streams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard})
	root.DisableAutoGenTag = true
	root.InitDefaultVersionFlag() // added when the command runs; --version is documented too
	pages := map[string]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				walk(sub)
			}
		}
		c.Long = helpToMarkdown(c.Long)
		var buf bytes.Buffer
		if err := doc.GenMarkdownCustom(c, &buf, func(s string) string { return s }); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		if strings.Contains(c.UsageTemplate(), exitStatusHelp) {
			_, codes, _ := strings.Cut(exitStatusHelp, "\n")
			page = strings.TrimRight(page, "\n") + "\n\n### Exit status\n\n```\n" + codes + "\n```\n"
		}
		header := "<!-- Generated from the commands' help by TestDocReference (cmd/spbe/docs_test.go):\n" +
			"     do not edit; SPBE_UPDATE=1 go test ./cmd/spbe -run TestDocReference rewrites it. -->\n\n"
		pages[strings.ReplaceAll(c.CommandPath(), " ", "_")+".md"] = header + page
	}
	walk(root)
	return pages
}

// helpToMarkdown turns a help text written for a terminal into Markdown
// that shows the same: runs of lines indented by two spaces or more (a
// command to type, a table of values) become code blocks; in prose,
// characters Markdown would take for markup are escaped.
func helpToMarkdown(long string) string {
	esc := strings.NewReplacer(`\`, `\\`, "<", `\<`, ">", `\>`, "*", `\*`, "`", "\\`", "_", `\_`)
	var out []string
	inCode := false
	for _, line := range strings.Split(long, "\n") {
		code := strings.HasPrefix(line, "  ") && strings.TrimSpace(line) != ""
		switch {
		case code && !inCode:
			if n := len(out); n > 0 && out[n-1] != "" {
				out = append(out, "")
			}
			out = append(out, "```")
		case !code && inCode:
			out = append(out, "```")
			if strings.TrimSpace(line) != "" {
				out = append(out, "")
			}
		}
		inCode = code
		if code {
			out = append(out, line)
		} else {
			out = append(out, esc.Replace(line))
		}
	}
	if inCode {
		out = append(out, "```")
	}
	return strings.Join(out, "\n")
}

// TestDocReference keeps docs/reference equal to the commands' help: a
// help text changed without regenerating the reference fails here.
// SPBE_UPDATE=1 rewrites the folder (and removes pages of commands that
// are gone).
func TestDocReference(t *testing.T) {
	pages := referencePages(t)
	if len(pages) < 14 {
		t.Fatalf("%d pages, want one per command", len(pages))
	}
	onDisk, err := filepath.Glob(filepath.Join(referenceDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("SPBE_UPDATE") != "" {
		if err := os.MkdirAll(referenceDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range onDisk {
			if _, ok := pages[filepath.Base(f)]; !ok {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, text := range pages {
			if err := os.WriteFile(filepath.Join(referenceDir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	const hint = "(SPBE_UPDATE=1 go test ./cmd/spbe -run TestDocReference rewrites docs/reference)"
	for _, f := range onDisk {
		if _, ok := pages[filepath.Base(f)]; !ok {
			t.Errorf("%s: no command has this page %s", f, hint)
		}
	}
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(referenceDir, name))
		if err != nil {
			t.Errorf("docs/reference/%s is missing %s", name, hint)
			continue
		}
		if string(got) != want {
			t.Errorf("docs/reference/%s differs from the help of its command %s:\ngot:\n%s\nwant:\n%s", name, hint, got, want)
		}
	}
}

// The help's Markdown shows what the terminal shows: indented lines in a
// code block, markup characters of prose escaped.
func TestHelpToMarkdown(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Reads <workbook> and *all* of children_weight.", `Reads \<workbook\> and \*all\* of children\_weight.`},
		{"Install:\n  spbe completion bash > f\nthen open a shell.",
			"Install:\n\n```\n  spbe completion bash > f\n```\n\nthen open a shell."},
		{"Values:\n\n  a   one\n  b   two\n\nDone.", "Values:\n\n```\n  a   one\n  b   two\n```\n\nDone."},
		{"End:\n  spbe x", "End:\n\n```\n  spbe x\n```"},
	} {
		if got := helpToMarkdown(tt.in); got != tt.want {
			t.Errorf("helpToMarkdown(%q):\ngot:\n%s\nwant:\n%s", tt.in, got, tt.want)
		}
	}
}
