package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// xmlScan is the streaming XML tokenizer of the parts the scanner reads
// (the workbook, its relationships, the shared strings, the styles and
// the sheets). It reads XML 1.0 as encoding/xml does, and so as excelize
// does: comments, CDATA sections and processing instructions are not
// tags; entity and character references are decoded, and an unknown one
// is an error; names may carry a namespace prefix (<x:c>); attributes
// come in any order, with either quote and spaces around '='; line ends
// in text become "\n"; a character outside the XML range, invalid UTF-8
// or a tag closed by another name is an error. A DOCTYPE (or any other
// <!declaration) is refused, so that no entity is ever defined, let alone
// expanded.
//
// It holds no more than it must: the current tag (at most maxTag bytes),
// the names of the open elements (at most maxDepth), and the text before
// the tag only when the caller asks for it with keep (at most maxText
// bytes); other text is checked and dropped as it streams by.
type xmlScan struct {
	rd       io.Reader
	buf      []byte
	pos, lim int
	off      int64 // offset in the part of buf[0]
	rerr     error // the error that ended reading (io.EOF at the end)

	// The current tag.
	local     string // local name when it is one the readers use, else ""
	qname     []byte // the qualified name (prefix:local)
	end, self bool   // an end tag; a self-closing tag <x/>
	lvl       int    // the number of elements around the tag (0 for the root)
	attrs     []xmlAttr
	abuf      []byte
	tagOff    int64 // offset of the tag's '<'

	// keep asks for the text before the next tag: next decodes it into
	// text. Other text is checked and dropped.
	keep bool
	text []byte

	names  []byte // qualified names of the open elements, one after another
	starts []int  // where each begins in names
	ns     []nsBinding
	// charsets counts the encodings the part switched to (decode).
	charsets int
}

// xmlAttr is an attribute of the current tag; its slices are valid until
// the next call of next.
type xmlAttr struct {
	prefix, local, value []byte
}

// nsBinding is a namespace declaration (xmlns:p="uri", or xmlns="uri"
// with an empty prefix) of the element at depth.
type nsBinding struct {
	depth       int
	prefix, uri string
}

// The tokenizer's bounds. No part Excel or LibreOffice writes comes near
// them: a sheet nests about 6 deep, its longest tags are a few hundred
// bytes, and a cell holds at most 32 767 characters (maxCellChars).
const (
	maxDepth = 256
	maxTag   = 1 << 20
	maxText  = 8 * maxCellChars
	// maxCellChars is Excel's limit on the characters of a cell.
	maxCellChars = 32767
)

// xmlError is a syntax error at a byte offset of a part.
type xmlError struct {
	off int64
	msg string
}

func (e *xmlError) Error() string { return fmt.Sprintf("byte %d: %s", e.off, e.msg) }

// errTextTooLong is the error of next when the text the caller keeps
// is longer than maxText.
var errTextTooLong = errors.New("text longer than a cell may be")

// newXMLScan reads r, whose size is about size (a zip entry's claim: the
// buffer grows when a tag needs it, and is never larger than 64 KiB for
// text).
func newXMLScan(r io.Reader, size uint64) *xmlScan {
	n := 64 << 10
	if size < uint64(n) {
		n = max(4<<10, int(size)+512)
	}
	return &xmlScan{rd: r, buf: make([]byte, n)}
}

func (x *xmlScan) errAt(off int64, format string, args ...any) error {
	return &xmlError{off: off, msg: fmt.Sprintf(format, args...)}
}

// depth is the number of open elements.
func (x *xmlScan) depth() int { return len(x.starts) }

// more reads more of the part into buf, keeping buf[pos:end]. It returns
// false at the end of the part or on a read error (x.rerr).
func (x *xmlScan) more() bool {
	for x.rerr == nil {
		if x.pos > 0 {
			copy(x.buf, x.buf[x.pos:x.lim])
			x.off += int64(x.pos)
			x.lim -= x.pos
			x.pos = 0
		}
		if x.lim == len(x.buf) {
			if len(x.buf) >= maxTag+64 {
				return false
			}
			nb := make([]byte, min(2*len(x.buf), maxTag+64))
			copy(nb, x.buf[:x.lim])
			x.buf = nb
		}
		n, err := x.rd.Read(x.buf[x.lim:])
		x.lim += n
		if err != nil {
			x.rerr = err
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// readErr is the error for input that ends at offset off inside a
// construct: a read error, or an unexpected end.
func (x *xmlScan) readErr(what string) error {
	if x.rerr != nil && x.rerr != io.EOF {
		return x.rerr
	}
	if x.lim-x.pos >= maxTag {
		return x.errAt(x.off+int64(x.pos), "%s longer than %d bytes", what, maxTag)
	}
	return x.errAt(x.off+int64(x.lim), "unexpected end of the part in %s", what)
}

// next reads the next start or end tag. A self-closing tag <x/> is one
// tag with self set. At the end of the part it returns io.EOF, or an
// error if an element is still open. The text before the tag is in
// x.text when x.keep was set.
func (x *xmlScan) next() error {
	// The bindings of a self-closing tag end with it.
	for len(x.ns) > 0 && x.ns[len(x.ns)-1].depth > x.depth() {
		x.ns = x.ns[:len(x.ns)-1]
	}
	x.text = x.text[:0]
	for {
		if err := x.scanText(); err != nil {
			return err
		}
		if x.pos == x.lim && !x.more() {
			if x.rerr != io.EOF {
				return x.rerr
			}
			if x.depth() > 0 {
				return x.errAt(x.off+int64(x.lim), "unexpected end of the part inside <%s>", x.top())
			}
			return io.EOF
		}
		// buf[pos] is '<'.
		if x.lim-x.pos < 2 && !x.more() {
			return x.readErr("a tag")
		}
		x.tagOff = x.off + int64(x.pos)
		switch x.buf[x.pos+1] {
		case '/':
			return x.endTag()
		case '?':
			if err := x.procInst(); err != nil {
				return err
			}
		case '!':
			if err := x.bang(); err != nil {
				return err
			}
		default:
			return x.startTag()
		}
	}
}

// parent is the local name of the element around the current tag.
func (x *xmlScan) parent() string {
	k := len(x.starts) - 1
	if !x.self && !x.end {
		k--
	}
	if k < 0 {
		return ""
	}
	end := len(x.names)
	if k+1 < len(x.starts) {
		end = x.starts[k+1]
	}
	return string(localName(x.names[x.starts[k]:end]))
}

func (x *xmlScan) top() string {
	if len(x.starts) == 0 {
		return ""
	}
	return string(x.names[x.starts[len(x.starts)-1]:])
}

// find returns the index (relative to x.pos) of sep in the part from
// x.pos+from on, reading more as needed; -1 at the end of the part. With
// skip, the bytes searched are dropped as it goes, so that a comment or a
// processing instruction of any length streams by (x.pos moves).
func (x *xmlScan) find(from int, sep string, skip bool) int {
	for {
		if i := bytes.Index(x.buf[x.pos+from:x.lim], []byte(sep)); i >= 0 {
			return from + i
		}
		from = max(from, x.lim-x.pos-len(sep)+1)
		if skip {
			x.pos += from
			from = 0
		}
		if !x.more() {
			return -1
		}
	}
}
