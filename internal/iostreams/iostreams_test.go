package iostreams

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

type escaping struct{ w io.Writer }

func (e escaping) Write(p []byte) (int, error) { return e.w.Write(p) }
func (e escaping) Unwrap() io.Writer           { return e.w }

// The bar is drawn only when forced or on a terminal (a buffer is not),
// goes beneath an escaping stderr, and is cleared before a message.
func TestProgress(t *testing.T) {
	var raw bytes.Buffer
	s := &IOStreams{ErrOut: escaping{&raw}}
	if s.RawErr() != io.Writer(&raw) {
		t.Fatalf("RawErr is not the writer beneath ErrOut")
	}
	p := s.NewProgress(100, false)
	p.Step()
	p.Clear()
	if raw.Len() != 0 {
		t.Errorf("a bar on a stderr that is not a terminal: %q", raw.String())
	}
	p = s.NewProgress(2, true)
	p.Step()
	p.Step()
	p.Clear()
	p.Clear() // once only
	want := "\r[" + strings.Repeat("#", 15) + strings.Repeat(".", 15) + "] 1/2" +
		"\r[" + strings.Repeat("#", 30) + "] 2/2" + "\r\x1b[K"
	if got := raw.String(); got != want {
		t.Errorf("bar = %q, want %q", got, want)
	}
	var nilBar *Progress
	nilBar.Step()
	nilBar.Clear()
}

func TestColorEnabled(t *testing.T) {
	for _, tt := range []struct {
		tty           bool
		noColor, term string
		want          bool
	}{
		{true, "", "xterm", true},
		{false, "", "xterm", false},
		{true, "1", "xterm", false},
		{true, "", "dumb", false},
	} {
		t.Setenv("NO_COLOR", tt.noColor)
		t.Setenv("TERM", tt.term)
		if got := (&IOStreams{OutTTY: tt.tty}).ColorEnabled(); got != tt.want {
			t.Errorf("tty %v NO_COLOR=%q TERM=%q: %v, want %v", tt.tty, tt.noColor, tt.term, got, tt.want)
		}
	}
}
