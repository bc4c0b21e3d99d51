package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// badInputDoc is the page whose tables TestBadInputsDoc and TestBadRunsDoc
// generate from badInputs and badRuns.
const badInputDoc = "../../docs/bad-input.md"

// docFiles are the Markdown files whose links TestDocLinks checks.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"../../README.md", "../../CONTRIBUTING.md", "../../CHANGELOG.md"}
	err := filepath.WalkDir("../../docs", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestDocLinks checks every relative link of the README, CONTRIBUTING,
// CHANGELOG and docs/: the file exists, and a #fragment is the anchor
// GitHub gives one of its headings. Pages moved or headings renamed
// without following their links fail here.
func TestDocLinks(t *testing.T) {
	anchors := map[string][]string{}
	anchorsOf := func(path string) []string {
		if a, ok := anchors[path]; ok {
			return a
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a := headingAnchors(string(data))
		anchors[path] = a
		return a
	}
	for _, file := range docFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			if os.IsNotExist(err) {
				t.Errorf("%s is missing", file)
				continue
			}
			t.Fatal(err)
		}
		for i, line := range proseLines(string(data)) {
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				path, frag, _ := strings.Cut(target, "#")
				full := file
				if path != "" {
					full = filepath.Join(filepath.Dir(file), path)
					if _, err := os.Stat(full); err != nil {
						t.Errorf("%s:%d: link to %s: no such file", file, i+1, target)
						continue
					}
				}
				if frag != "" && !slices.Contains(anchorsOf(full), frag) {
					t.Errorf("%s:%d: link to %s: %s has no heading with that anchor", file, i+1, target, full)
				}
			}
		}
	}
}

// proseLines are the lines of a Markdown text, those of fenced code blocks
// blanked (their brackets are code, not links).
func proseLines(text string) []string {
	lines := strings.Split(text, "\n")
	fence := false
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fence = !fence
			lines[i] = ""
			continue
		}
		if fence {
			lines[i] = ""
		}
	}
	return lines
}

// headingAnchors are the anchors GitHub gives the headings of a Markdown
// text: lower case, punctuation dropped, spaces as hyphens, a repeated
// anchor numbered (-1, -2).
func headingAnchors(text string) []string {
	seen := map[string]int{}
	var out []string
	for _, l := range proseLines(text) {
		if !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		a := b.String()
		if n := seen[a]; n > 0 {
			seen[a]++
			a += "-" + strconv.Itoa(n)
		} else {
			seen[a] = 1
		}
		out = append(out, a)
	}
	return out
}

// The README stays a front page: what spbe does, the quick start, install,
// the commands, the exit codes and links, in at most 200 lines; the rest
// belongs in docs/.
func TestREADMEIsAFrontPage(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n > 200 {
		t.Errorf("README.md has %d lines, want at most 200: move the details into a page of docs/", n)
	}
}

// Every page of docs/ is in its index, docs/README.md (the command
// reference through its first page), so that a new page can be found.
func TestDocIndex(t *testing.T) {
	index, err := os.ReadFile("../../docs/README.md")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(pages, "../../docs/reference/spbe.md") {
		rel, _ := filepath.Rel("../../docs", p)
		if rel == "README.md" {
			continue
		}
		if !strings.Contains(string(index), "]("+filepath.ToSlash(rel)+")") {
			t.Errorf("docs/%s is not linked from docs/README.md, the index of docs/", filepath.ToSlash(rel))
		}
	}
}

// The README shows what ./test.sh prints: its first line and step lines are
// test.sh's own (the times aside), so that a renamed step cannot leave the
// front page behind.
func TestREADMETestShOutput(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../test.sh")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	const cmd = "```sh\n./test.sh\n```"
	i := strings.Index(text, cmd)
	if i < 0 {
		t.Fatalf("README does not show %q", cmd)
	}
	rest := text[i+len(cmd):]
	start := strings.Index(rest, "\n```\n")
	if start < 0 {
		t.Fatal("README shows no output of ./test.sh")
	}
	rest = rest[start+len("\n```\n"):]
	block := strings.Split(rest[:strings.Index(rest, "```")], "\n")

	steps := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s*step "([^"$]*)"`).FindAllStringSubmatch(string(script), -1) {
		steps[m[1]] = true
	}
	first := regexp.MustCompile(`(?m)^echo "test tier: \$tier (.*)"$`).FindStringSubmatch(string(script))
	if first == nil {
		t.Fatal("test.sh prints no test tier line")
	}
	if want := "test tier: fast " + first[1]; block[0] != want {
		t.Errorf("README shows %q as the first line of ./test.sh, test.sh prints %q", block[0], want)
	}
	stepLine := regexp.MustCompile(`^==> \[\d+m\d\ds\] (.*)$`)
	n := 0
	for _, l := range block[1:] {
		m := stepLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n++
		if !steps[m[1]] {
			t.Errorf("README shows the step %q, which test.sh does not print", m[1])
		}
	}
	if n < 4 {
		t.Errorf("README shows %d steps of ./test.sh, want its fast tier's", n)
	}
}
