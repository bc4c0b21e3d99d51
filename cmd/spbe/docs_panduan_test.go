package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// panduanPrompt starts a command in the sessions of the analysts' guide.
const panduanPrompt = `PS C:\Evaluasi> `

// TestDocPanduan runs the PowerShell sessions of docs/panduan-analis.md,
// in order, in one folder holding the guide's example
// (pemdi-2026-contoh.csv), and checks that each command prints what the
// guide shows: stdout and stderr as a console shows them, one after the
// other as they are written; "$LASTEXITCODE" shows the exit code of the
// command before it. Paths are written as on Windows (backslashes).
// SPBE_UPDATE=1 rewrites the outputs in the guide.
func TestDocPanduan(t *testing.T) {
	const path = "../../docs/panduan-analis.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("../../testdata/pemdi-2026-contoh.csv")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pemdi-2026-contoh.csv"), example, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv(langEnv, "") // what a user sees: messages in Indonesian

	lines := strings.Split(string(data), "\n")
	var out []string // the guide with the outputs of this run
	sessions, last := 0, 0
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
		if strings.TrimSpace(lines[i]) != "```text" || i+1 >= len(lines) ||
			!strings.HasPrefix(lines[i+1], indent+panduanPrompt) {
			continue
		}
		sessions++
		// The block: commands, each followed by what it prints.
		end := i + 1
		for end < len(lines) && lines[end] != indent+"```" {
			end++
		}
		if end == len(lines) {
			t.Fatalf("%s:%d: the session has no end", path, i+1)
		}
		block := lines[i+1 : end]
		for j := 0; j < len(block); {
			cmd := strings.TrimPrefix(block[j], indent+panduanPrompt)
			k := j + 1
			for k < len(block) && !strings.HasPrefix(block[k], indent+panduanPrompt) {
				k++
			}
			var want []string
			for _, l := range block[j+1 : k] {
				want = append(want, strings.TrimPrefix(l, indent))
			}
			var got string
			if cmd == "$LASTEXITCODE" {
				got = strconv.Itoa(last) + "\n"
			} else {
				words, err := shellWords(cmd)
				if err != nil || len(words) == 0 || words[0] != "spbe" {
					t.Fatalf("%s:%d: %q is not a spbe command (%v)", path, i+2+j, cmd, err)
				}
				args := words[1:]
				for a := range args {
					args[a] = strings.ReplaceAll(args[a], `\`, "/")
				}
				var console bytes.Buffer
				last = run(args, &streams{In: strings.NewReader(""), Out: &console, ErrOut: &console})
				got = console.String()
			}
			out = append(out, block[j])
			for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if got == "" {
					break
				}
				if l == "" {
					out = append(out, "")
				} else {
					out = append(out, indent+l)
				}
			}
			if w := strings.Join(want, "\n"); w != strings.TrimSuffix(got, "\n") {
				if os.Getenv("SPBE_UPDATE") == "" {
					t.Errorf("%s:%d: %s prints otherwise than the guide shows (SPBE_UPDATE=1 rewrites the guide):\ngot:\n%s\nguide:\n%s", path, i+2+j, cmd, got, w)
				}
			}
			j = k
		}
		out = append(out, lines[end])
		i = end
	}
	if sessions < 10 {
		t.Errorf("%s: %d sessions, want the guide's commands (a block of ```text whose first line starts with %q)", path, sessions, panduanPrompt)
	}
	if os.Getenv("SPBE_UPDATE") != "" {
		if err := os.WriteFile(abs, []byte(strings.Join(out, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// shellWords splits a command line as PowerShell and sh split the simple
// ones of the guide: words separated by spaces, double quotes around a
// word with spaces or commas, single quotes around one with a $ that
// PowerShell would otherwise expand ('~$laporan.xlsx').
func shellWords(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	var quoted rune // the open quote, or 0
	for _, r := range line {
		switch {
		case quoted == 0 && (r == '"' || r == '\''), r == quoted:
			if quoted == 0 {
				quoted = r
			} else {
				quoted = 0
			}
			inWord = true
		case r == ' ' && quoted == 0:
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted != 0 {
		return nil, fmt.Errorf("unbalanced quotes in %q", line)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{`spbe score a.csv`, []string{"spbe", "score", "a.csv"}},
		{`spbe plan a.csv --target "Sangat Baik"`, []string{"spbe", "plan", "a.csv", "--target", "Sangat Baik"}},
		{`spbe score '~$lap.xlsx'`, []string{"spbe", "score", "~$lap.xlsx"}},
		{`spbe x "it's" 'say "hi"'`, []string{"spbe", "x", "it's", `say "hi"`}},
		{`spbe x ""`, []string{"spbe", "x", ""}},
	} {
		got, err := shellWords(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := shellWords(`spbe "x`); err == nil {
		t.Errorf("shellWords accepts an unbalanced quote")
	}
}
