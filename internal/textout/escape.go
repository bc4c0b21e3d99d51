package textout

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Text from inputs (instansi names, sheet names, file names, cell text,
// rubric names) reaches every output. A terminal acts on some characters
// instead of showing them: an ESC sequence recolours or rewrites the
// screen, a carriage return overwrites the line, a bidirectional override
// reorders what is shown. Each format makes such text inert in one place:
//
//   - text (and stderr): TerminalWriter, through which every text printer
//     writes; only the styles of Text bypass it;
//   - CSV: csvWriter, which every CSV printer writes its records with;
//   - Markdown: mdEscape (and mdCode for code spans), which every piece of
//     input text in a Markdown table or line goes through;
//   - GitHub annotations: escapeData and escapeProperty;
//   - JSON: encoding/json escapes the C0 controls itself; jsonWriter,
//     through which the JSON printers that use encoding/json write,
//     escapes DEL, the C1 controls and the bidirectional marks it leaves
//     (as \u009b, which decodes to the same string); the streaming writer
//     of results (jsonw.go) escapes the same in appendString.

// escapeControls returns s with the characters a terminal acts on written
// as visible escapes: C0 controls (but those in keep), DEL
// and C1 controls as \x1b or \u009b, the bidirectional marks, overrides
// and isolates as \u202e, and bytes that are not UTF-8 as \xff.
func escapeControls(s string, keep string) string { return escape(s, keep, false) }

// escape is escapeControls; with json, every escape is written \u00XX,
// which is valid inside a JSON string and decodes to the same text.
func escape(s string, keep string, json bool) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c < 0x20 && strings.IndexByte(keep, c) >= 0 {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unsafeRune(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	sb.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c < 0x7f || c < 0x20 && strings.IndexByte(keep, c) >= 0 {
				sb.WriteByte(c)
			} else if json {
				fmt.Fprintf(&sb, `\u%04x`, c)
			} else {
				fmt.Fprintf(&sb, `\x%02x`, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1 && json:
			sb.WriteString(`\ufffd`)
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&sb, `\x%02x`, c)
		case unsafeRune(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// unsafeRune reports whether a terminal acts on r rather than showing it:
// the C1 controls (U+0080 to U+009F, U+009B being CSI) and the marks that
// reorder bidirectional text.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// TerminalWriter writes text for a terminal: everything written to it has
// its control characters escaped (see escapeControls; newlines and tabs
// pass). The text printers and spbe's stderr write through one. A rune
// split across two writes is kept until the next.
type TerminalWriter struct {
	w     io.Writer
	carry []byte
	json  bool // escape as jsonWriter does
}

// jsonWriter returns the writer every JSON printer writes through: it
// escapes DEL, the C1 controls and the bidirectional marks that
// encoding/json leaves as they are, inside the strings (the only place
// they can be), as \u escapes.
func jsonWriter(w io.Writer) *TerminalWriter { return &TerminalWriter{w: w, json: true} }

// NewTerminalWriter returns a TerminalWriter writing to w, or w itself
// when it is one already.
func NewTerminalWriter(w io.Writer) *TerminalWriter {
	if t, ok := w.(*TerminalWriter); ok && !t.json {
		return t
	}
	return &TerminalWriter{w: w}
}

// Unwrap returns the writer underneath, for output that spbe makes itself
// and means a terminal to act on (colours, a progress bar).
func (t *TerminalWriter) Unwrap() io.Writer { return t.w }

// Write escapes p and writes it.
func (t *TerminalWriter) Write(p []byte) (int, error) {
	buf := p
	if len(t.carry) > 0 {
		buf = append(t.carry, p...)
		t.carry = nil
	}
	// Keep an incomplete rune at the end for the next write.
	for k := 1; k <= 3 && k <= len(buf); k++ {
		if b := buf[len(buf)-k]; b&0xc0 != 0x80 {
			if b >= utf8.RuneSelf && !utf8.FullRune(buf[len(buf)-k:]) {
				t.carry = append([]byte(nil), buf[len(buf)-k:]...)
				buf = buf[:len(buf)-k]
			}
			break
		}
	}
	if _, err := io.WriteString(t.w, escape(string(buf), "\n\t", t.json)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteString escapes s and writes it.
func (t *TerminalWriter) WriteString(s string) (int, error) { return t.Write([]byte(s)) }

// raw writes s unescaped: only for the ANSI styles spbe adds itself.
func (t *TerminalWriter) raw(s string) { io.WriteString(t.w, s) }

// csvWriter is how every CSV printer writes: each field has its control
// characters escaped (newlines and tabs pass, inside quotes).
type csvWriter struct{ cw *csv.Writer }

func newCSV(w io.Writer) *csvWriter { return &csvWriter{csv.NewWriter(w)} }

// Write writes one record; it escapes the fields of rec in place.
func (c *csvWriter) Write(rec []string) error {
	for i, f := range rec {
		rec[i] = escapeControls(f, "\n\t")
	}
	return c.cw.Write(rec)
}

// Flush writes what is buffered and returns the first error.
func (c *csvWriter) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// mdEscape makes input text inert in Markdown (a table cell or a line):
// controls escaped, a newline a space, and the characters that would
// start HTML, a link or image, a code span or end a cell escaped with a
// backslash.
func mdEscape(s string) string {
	return mdReplacer.Replace(escapeControls(strings.ReplaceAll(s, "\n", " "), ""))
}

var mdReplacer = strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", `\<`, ">", `\>`, "[", `\[`, "]", `\]`, "`", "\\`")

// mdCode makes input text safe inside a code span (`...`) of a table: a
// backtick would end the span, so it becomes a quote; a pipe is escaped
// (GitHub splits the cells of a table before it reads code spans).
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "|", `\|`).Replace(escapeControls(strings.ReplaceAll(s, "\n", " "), ""))
}
