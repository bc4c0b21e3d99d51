package outfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// An output that is not a regular file is never replaced, with or without
// Force: a symbolic link (to a file, or dangling), a device, a pipe.
func TestSaveRefusesNotRegular(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.xlsx")
	os.WriteFile(target, []byte("target"), 0o644)
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	dangling := filepath.Join(dir, "dangling.xlsx")
	os.Symlink(filepath.Join(dir, "none.xlsx"), dangling)
	fifo := filepath.Join(dir, "fifo.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		says string
	}{
		{link, "it is a symbolic link (to " + target + ")"},
		{dangling, "it is a symbolic link"},
		{fifo, "is not a regular file (a named pipe)"},
		{os.DevNull, "is not a regular file (a character device)"},
	}
	for _, tt := range tests {
		for _, force := range []bool{false, true} {
			var err error
			if tt.path == os.DevNull {
				// Only checked: a broken Save, run as root, would replace it.
				err = Check(tt.path, Options{Force: force})
			} else {
				err = Save(tt.path, Options{Force: force}, writeString("new"))
			}
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "-o -") {
				t.Errorf("Save(%s, force %v) = %v, want ErrNotRegular saying %q and suggesting -o -", tt.path, force, err, tt.says)
			}
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st, err)
	}
	if b, _ := os.ReadFile(target); string(b) != "target" {
		t.Errorf("the link's target was changed: %q", b)
	}
	if _, err := os.Lstat(filepath.Join(dir, "none.xlsx")); err == nil {
		t.Errorf("the dangling link's target was created")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		t.Errorf("files: %v, want only the four made here", ents)
	}
}

func TestSaveStdout(t *testing.T) {
	var out bytes.Buffer
	if err := Save("-", Options{Stdout: &out}, writeString("bytes")); err != nil {
		t.Fatal(err)
	}
	if out.String() != "bytes" {
		t.Errorf("stdout = %q, want bytes", out.String())
	}
	out.Reset()
	boom := errors.New("boom")
	err := Save("-", Options{Stdout: &out}, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) || out.Len() != 0 {
		t.Errorf("a failed write: err %v, stdout %q; want %v and nothing written", err, out.String(), boom)
	}
	if err := Save("-", Options{}, writeString("x")); err == nil || !strings.Contains(err.Error(), "name a file") {
		t.Errorf("no Stdout: %v, want a refusal", err)
	}
	err = Save("-", Options{Stdout: &out, StdoutIsTerminal: true}, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "terminal") || out.Len() != 0 {
		t.Errorf("a terminal: %v, want a refusal", err)
	}
	// ./- is a file named -.
	dir := t.TempDir()
	t.Chdir(dir)
	if err := Save("./-", Options{Stdout: &out}, writeString("file")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "-")); string(b) != "file" || out.Len() != 0 {
		t.Errorf("./-: file %q, stdout %q", b, out.String())
	}
}

// RemoveTemporary, as a signal handler calls it, removes the temporary file
// of a Save in progress, and later Saves fail.
func TestRemoveTemporary(t *testing.T) {
	defer func() {
		temps.Lock()
		temps.stopped = false
		temps.Unlock()
	}()
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	writing, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Save(out, Options{}, func(w io.Writer) error {
			io.WriteString(w, "half")
			close(writing)
			<-release
			return nil
		})
	}()
	<-writing
	if ents, _ := os.ReadDir(dir); len(ents) != 1 || !strings.HasPrefix(ents[0].Name(), ".report.xlsx.") {
		t.Fatalf("while writing: %v, want the temporary file", ents)
	}
	RemoveTemporary()
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("after RemoveTemporary: %v, want nothing", ents)
	}
	close(release)
	if err := <-done; err == nil {
		t.Errorf("the interrupted Save succeeded")
	}
	if err := Save(out, Options{}, writeString("x")); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Save after RemoveTemporary = %v, want ErrInterrupted", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left: %v", ents)
	}
}

func TestSaveAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.xlsx")
	boom := errors.New("disk full")
	err := Save(out, Options{}, func(w io.Writer) error {
		w.Write([]byte("half a report"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a failed write left %v", ents)
	}
	// An existing file is kept unless Force, and replaced whole with it.
	os.WriteFile(out, []byte("old"), 0o600)
	err = Save(out, Options{}, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err })
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), out) {
		t.Errorf("err = %v, want ErrExists naming the file", err)
	}
	err = Save(out, Options{Force: true}, func(w io.Writer) error { w.Write([]byte("ne")); return boom })
	if b, _ := os.ReadFile(out); string(b) != "old" || !errors.Is(err, boom) {
		t.Errorf("failed forced write: file %q, err %v; want old kept", b, err)
	}
	if err := Save(out, Options{Force: true}, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "new" {
		t.Errorf("file = %q, want new", b)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the old file's 0600 kept", st.Mode().Perm())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("files left: %v", ents)
	}
}

func TestCheckRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.xlsx")
	os.WriteFile(in, []byte("x"), 0o644)
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Link(in, link); err != nil {
		t.Skip(err)
	}
	sym := filepath.Join(dir, "sym.xlsx")
	os.Symlink(in, sym)
	for _, out := range []string{in, filepath.Join(dir, ".", "in.xlsx"), link, sym} {
		err := Check(out, Options{Force: true, Inputs: []string{in}})
		if !errors.Is(err, ErrIsInput) {
			t.Errorf("Check(%s) = %v, want ErrIsInput", out, err)
		}
	}
	if err := Check(filepath.Join(dir, "new.xlsx"), Options{Inputs: []string{in}}); err != nil {
		t.Errorf("new file: %v", err)
	}
}

// words are the words of what is written, as a fmt.Stringer.
type words string

func (w words) String() string { return string(w) }

// CheckName: the extension says what the file holds, case-blind; one
// that names another format of the command suggests it.
func TestCheckName(t *testing.T) {
	tests := []struct {
		path    string
		exts    []string
		formats []string
		want    string // "" when accepted
	}{
		{"r.xlsx", []string{".xlsx"}, nil, ""},
		{"R.XLSX", []string{".xlsx"}, nil, ""},
		{Stdout, []string{".xlsx"}, nil, ""},
		{"r.csv", []string{".xlsx"}, []string{"csv", "json"}, "r.csv: -o writes an Excel workbook, so the name must end in .xlsx: -o r.xlsx, or --format csv > r.csv for CSV"},
		{"laporan", []string{".xlsx"}, []string{"csv"}, "laporan: -o writes an Excel workbook, so the name must end in .xlsx: -o laporan.xlsx"},
		{"r.yml", []string{".yaml", ".yml"}, nil, ""},
		{"r.txt", []string{".yaml", ".yml"}, nil, "r.txt: -o writes an Excel workbook, so the name must end in .yaml or .yml: -o r.yaml"},
	}
	for _, tt := range tests {
		err := CheckName(tt.path, words("an Excel workbook"), tt.exts, tt.formats)
		got := ""
		if err != nil {
			got = err.Error()
			var ne *NameError
			if !errors.As(err, &ne) {
				t.Errorf("%s: %T, want a *NameError", tt.path, err)
			}
		}
		if got != tt.want {
			t.Errorf("CheckName(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
