//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// badRuns is the list below the table of bad inputs in docs/bad-input.md:
// runs that go wrong otherwise than by a bad input file. Each row is a test (TestBadRuns)
// that returns stderr and the exit code; TestBadRunsDoc keeps that page
// equal to the list.
var badRuns = []struct {
	what string // the situation, as docs/bad-input.md says it (Markdown)
	says string // what stderr must contain
	exit int
	run  func(t *testing.T, dir string) (stderr string, exit int)
}{
	{
		"`-o` names a workbook inside a folder argument, even with `--force` (`spbe score hasil/ -o hasil/b.xlsx --force`; every command with `-o` protects every input, however it was named)",
		"refusing to write there: the file is an input of this command", exitInvalid,
		func(t *testing.T, dir string) (string, int) {
			out := filepath.Join(dir, "batch", "b.xlsx")
			return runKeeps(t, []string{"score", filepath.Join(dir, "batch"), "-o", out, "--force"}, out)
		},
	},
	{
		"`-o` is a symbolic link, even with `--force`: it is never replaced by a file (name its target, or `-o -` for stdout)",
		"refusing to replace it: it is a symbolic link", exitInvalid,
		func(t *testing.T, dir string) (string, int) {
			target := filepath.Join(dir, "elsewhere.xlsx")
			os.WriteFile(target, []byte("kept"), 0o644)
			link := filepath.Join(dir, "laporan.xlsx")
			if err := os.Symlink(target, link); err != nil {
				t.Skip(err)
			}
			stderr, code := runKeeps(t, []string{"score", filepath.Join(dir, "perekonomian.xlsx"), "-o", link, "--force"}, target)
			if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
				t.Errorf("the link was replaced")
			}
			return stderr, code
		},
	},
	{
		"`spbe man DIR` where a page in `DIR` is a symbolic link (to a file outside `DIR`), even with `--force`; a page that exists only with `--force`; no page is written when one is refused",
		"spbe-score.1: refusing to replace it: it is a symbolic link", exitInvalid,
		func(t *testing.T, dir string) (string, int) {
			man := filepath.Join(dir, "man1")
			os.Mkdir(man, 0o755)
			outside := filepath.Join(dir, "outside.txt")
			os.WriteFile(outside, []byte("kept"), 0o644)
			if err := os.Symlink(outside, filepath.Join(man, "spbe-score.1")); err != nil {
				t.Skip(err)
			}
			stderr, code := runKeeps(t, []string{"man", man, "--force"}, outside)
			if ents, _ := os.ReadDir(man); len(ents) != 1 {
				t.Errorf("pages were written beside the refused one: %v", ents)
			}
			// A page that exists is replaced only with --force.
			os.Remove(filepath.Join(man, "spbe-score.1"))
			page := filepath.Join(man, "spbe.1")
			os.WriteFile(page, []byte("mine"), 0o644)
			if s, c := runKeeps(t, []string{"man", man}, page); c != exitInvalid || !strings.Contains(s, "spbe.1: file exists; use --force") {
				t.Errorf("over an existing page without --force: exit %d, stderr:\n%s", c, s)
			}
			if s, c := runKeeps(t, []string{"man", man, "--force"}); c != exitOK {
				t.Errorf("--force: exit %d, stderr:\n%s", c, s)
			}
			if b, _ := os.ReadFile(page); !bytes.Contains(b, []byte(".TH")) {
				t.Errorf("--force did not replace %s", page)
			}
			return stderr, code
		},
	},
	{
		"`-o` is a device or a named pipe (`/dev/null`, `mkfifo pipe.xlsx`), even with `--force`",
		"refusing to replace it: it is not a regular file (a named pipe)", exitInvalid,
		func(t *testing.T, dir string) (string, int) {
			fifo := filepath.Join(dir, "pipe.xlsx")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Skip(err)
			}
			stderr, code := runKeeps(t, []string{"score", filepath.Join(dir, "perekonomian.xlsx"), "-o", fifo, "--force"})
			if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("the pipe was replaced")
			}
			return stderr, code
		},
	},
	{
		"the process runs out of file descriptors (`-j` beyond what `ulimit -n` allows), even with `--keep-going`: a failure of the run, never inputs taken for unreadable, and no partial ranking",
		"too many open files (ulimit -n", exitInvalid,
		func(t *testing.T, dir string) (string, int) {
			// The first input's warning lowers the limit to the open
			// files: every input after it meets EMFILE (-j 1 reads them
			// one after the other).
			b := dir + string(filepath.Separator) + "batch" + string(filepath.Separator)
			stdout, stderr, code := helper(t, "emfile-after-note", []string{"score", filepath.Join(dir, "rumus.xlsx"),
				b + "a.xlsx", b + "b.xlsx", b + "c.csv", "--keep-going", "-j", "1"}, 0)
			if stdout != "" {
				t.Errorf("stdout is not empty: a partial ranking:\n%s", stdout)
			}
			for _, want := range []string{"the run was stopped, and the inputs are not at fault", "a lower -j", "raise the limit (ulimit -n"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			return stderr, code
		},
	},
	{
		"Ctrl-C (SIGINT) while an output file is written: its temporary file (`.report.xlsx.NNNN.tmp`) is removed",
		"stopped by SIGINT", exitInterrupted,
		func(t *testing.T, dir string) (string, int) { return interrupt(t, dir, syscall.SIGINT) },
	},
	{
		"SIGTERM while an output file is written: the same",
		"stopped by SIGTERM", exitTerminated,
		func(t *testing.T, dir string) (string, int) { return interrupt(t, dir, syscall.SIGTERM) },
	},
}

// badRunsDir writes the inputs of badRuns.
func badRunsDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeWorkbooks(dir); err != nil {
		t.Fatal(err)
	}
	if err := writeBatchWorkbooks(dir); err != nil {
		t.Fatal(err)
	}
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range fixture.CellInputs(r) {
		if b.Name == "rumus.xlsx" { // scores, with a warning
			if err := b.Write(filepath.Join(dir, b.Name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestBadRuns(t *testing.T) {
	for _, tt := range badRuns {
		t.Run(tt.says, func(t *testing.T) {
			stderr, code := tt.run(t, badRunsDir(t))
			if code != tt.exit {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.exit, stderr)
			}
			if !strings.Contains(stderr, tt.says) {
				t.Errorf("stderr does not say %q:\n%s", tt.says, stderr)
			}
		})
	}
}

// runKeeps runs spbe in-process and checks that it printed nothing on
// stdout and left the files keep unchanged.
func runKeeps(t *testing.T, args []string, keep ...string) (string, int) {
	t.Helper()
	before := map[string][32]byte{}
	for _, k := range keep {
		before[k] = fileHash(t, k)
	}
	var out, errOut bytes.Buffer
	code := run(args, &streams{Out: &out, ErrOut: &errOut})
	if code != exitOK && out.Len() > 0 {
		t.Errorf("stdout is not empty on failure:\n%s", out.String())
	}
	for _, k := range keep {
		if fileHash(t, k) != before[k] {
			t.Errorf("%s was changed", k)
		}
	}
	return errOut.String(), code
}

// helper runs TestHelperProcess in a child process as role with args,
// sending sig (when not 0) once the child has printed its first line.
func helper(t *testing.T, role string, args []string, sig syscall.Signal) (stdout, stderr string, exit int) {
	t.Helper()
	// The deadline only keeps a broken handler from hanging the tests.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "SPBE_HELPER="+role, "SPBE_HELPER_ARGS="+strings.Join(args, "\n"))
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(pipe)
	var out strings.Builder
	if sig != 0 {
		line, err := rd.ReadString('\n')
		if err != nil {
			cmd.Wait()
			t.Fatalf("the child printed %q (%v); stderr:\n%s", line, err, errBuf.String())
		}
		out.WriteString(line)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
	}
	rest, _ := io.ReadAll(rd)
	out.Write(rest)
	err = cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return out.String(), errBuf.String(), cmd.ProcessState.ExitCode()
}

// interrupt stops a child with sig while it writes an output file: the
// temporary file is there before, and gone after.
func interrupt(t *testing.T, dir string, sig syscall.Signal) (string, int) {
	out := filepath.Join(dir, "report.xlsx")
	stdout, stderr, code := helper(t, "write-and-wait", []string{out}, sig)
	tmp, _ := strings.CutPrefix(strings.TrimSpace(stdout), "writing ")
	if !strings.HasPrefix(filepath.Base(tmp), ".report.xlsx.") || !strings.HasSuffix(tmp, ".tmp") {
		t.Errorf("the child wrote no temporary file: stdout %q", stdout)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") || e.Name() == "report.xlsx" {
			t.Errorf("left after %v: %s", sig, e.Name())
		}
	}
	return stderr, code
}

// TestHelperProcess is the child of helper, run by it only.
func TestHelperProcess(t *testing.T) {
	role := os.Getenv("SPBE_HELPER")
	if role == "" {
		t.Skip("run by the tests of bad runs in a child process")
	}
	args := strings.Split(os.Getenv("SPBE_HELPER_ARGS"), "\n")
	switch role {
	case "write-and-wait":
		// main's signal handling, and Save blocked while it writes.
		handleSignals(os.Stderr)
		outfile.Save(args[0], outfile.Options{}, func(w io.Writer) error {
			io.WriteString(w, "half a report")
			fmt.Printf("writing %s\n", w.(*os.File).Name())
			select {}
		})
		os.Exit(99)
	case "emfile-after-note":
		lower := &onFirstWrite{w: os.Stderr, do: limitOpenFiles}
		os.Exit(run(args, &streams{Out: os.Stdout, ErrOut: lower}))
	}
	os.Exit(98)
}

// onFirstWrite calls do before its first write.
type onFirstWrite struct {
	w    io.Writer
	do   func() error
	done bool
}

func (o *onFirstWrite) Write(p []byte) (int, error) {
	if !o.done {
		o.done = true
		if err := o.do(); err != nil {
			fmt.Fprintf(os.Stderr, "helper: %v\n", err)
			os.Exit(97)
		}
	}
	return o.w.Write(p)
}

// limitOpenFiles lowers the limit of open files to the ones open now: the
// next file opened meets EMFILE.
func limitOpenFiles() error {
	fd, err := syscall.Dup(2) // the lowest free descriptor
	if err != nil {
		return err
	}
	syscall.Close(fd)
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return err
	}
	rl.Cur = uint64(fd)
	return syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
}

// TestBadRunsDoc keeps the list below the table of bad inputs in
// docs/bad-input.md equal to badRuns. SPBE_UPDATE=1 rewrites it.
func TestBadRunsDoc(t *testing.T) {
	var sb strings.Builder
	for _, tt := range badRuns {
		fmt.Fprintf(&sb, "- %s: `%s`, exit %d\n", tt.what, tt.says, tt.exit)
	}
	const begin, end = "<!-- bad-runs: begin -->\n", "<!-- bad-runs: end -->"
	doc, err := os.ReadFile(badInputDoc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q ... %q section", badInputDoc, begin, end)
	}
	got := text[i+len(begin) : j]
	if got == sb.String() {
		return
	}
	if os.Getenv("SPBE_UPDATE") != "" {
		text = text[:i+len(begin)] + sb.String() + text[j:]
		if err := os.WriteFile(badInputDoc, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the list of bad runs differs from badRuns (SPBE_UPDATE=1 rewrites it):\ngot:\n%s\nwant:\n%s", badInputDoc, got, sb.String())
}
