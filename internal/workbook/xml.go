package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
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

// scanText reads the text up to the next '<' (or the end of the part).
func (x *xmlScan) scanText() error {
	if x.pos < x.lim && x.buf[x.pos] == '<' {
		return nil
	}
	for {
		i := bytes.IndexByte(x.buf[x.pos:x.lim], '<')
		if i >= 0 {
			err := x.textPiece(x.buf[x.pos:x.pos+i], false, x.off+int64(x.pos))
			x.pos += i
			return err
		}
		// No '<' in the buffer: take what cannot be cut in a reference,
		// a character, a line end or "]]>", and read more.
		cut := safeCut(x.buf[x.pos:x.lim])
		if err := x.textPiece(x.buf[x.pos:x.pos+cut], false, x.off+int64(x.pos)); err != nil {
			return err
		}
		x.pos += cut
		if !x.more() {
			if x.rerr != io.EOF {
				return x.rerr
			}
			err := x.textPiece(x.buf[x.pos:x.lim], false, x.off+int64(x.pos))
			x.pos = x.lim
			return err
		}
	}
}

// safeCut returns how much of p can be taken as text when more text may
// follow: not inside an entity reference, a UTF-8 sequence, a "\r\n" or
// a "]]>".
func safeCut(p []byte) int {
	n := len(p)
	if n < 64 {
		return 0
	}
	cut := n
	if i := bytes.LastIndexByte(p[n-40:], '&'); i >= 0 && bytes.IndexByte(p[n-40+i:], ';') < 0 {
		cut = n - 40 + i
	}
	for k := 0; k < 8 && (p[cut-1] == '\r' || p[cut-1] == ']'); k++ {
		cut--
	}
	for k := 1; k <= 4; k++ {
		c := p[cut-k]
		if c < 0x80 {
			break
		}
		if c >= 0xC0 {
			if !utf8.FullRune(p[cut-k : cut]) {
				cut -= k
			}
			break
		}
	}
	return cut
}

// textPiece checks a piece of text (or of a CDATA section) and, when
// kept, appends it decoded to x.text: references replaced, line ends
// made "\n".
func (x *xmlScan) textPiece(p []byte, cdata bool, off int64) error {
	start := 0
	for i := 0; i < len(p); {
		b := p[i]
		if b >= 0x20 && b < 0x80 && b != '&' && b != '>' {
			i++
			continue
		}
		switch {
		case b >= 0x80:
			r, n := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && n == 1 {
				return x.errAt(off+int64(i), "invalid UTF-8")
			}
			if !xmlChar(r) {
				return x.errAt(off+int64(i), "illegal character code %U", r)
			}
			i += n
			continue
		case b == '&' && !cdata:
			if x.keep {
				x.text = append(x.text, p[start:i]...)
			}
			s, n, err := x.reference(p[i:], off+int64(i))
			if err != nil {
				return err
			}
			if x.keep {
				x.text = append(x.text, s...)
			}
			i += n
			start = i
			continue
		case b == '\r':
			if x.keep {
				x.text = append(x.text, p[start:i]...)
				x.text = append(x.text, '\n')
			}
			i++
			if i < len(p) && p[i] == '\n' {
				i++
			}
			start = i
			continue
		case b == '>' && !cdata && i >= 2 && p[i-1] == ']' && p[i-2] == ']':
			return x.errAt(off+int64(i), "unescaped ]]> not in CDATA section")
		case b < 0x20 && b != '\t' && b != '\n':
			return x.errAt(off+int64(i), "illegal character code %U", rune(b))
		}
		i++
	}
	if x.keep {
		x.text = append(x.text, p[start:]...)
		if len(x.text) > maxText {
			return errTextTooLong
		}
	}
	return nil
}

// xmlChar reports whether r is in the XML character range.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// reference decodes the entity or character reference at the start of
// p ("&amp;", "&#65;", "&#x41;"): its text and length. Only the five
// predefined entities exist: no DOCTYPE can define others.
func (x *xmlScan) reference(p []byte, off int64) (string, int, error) {
	end := bytes.IndexByte(p[:min(len(p), 40)], ';')
	if end < 0 {
		return "", 0, x.errAt(off, "invalid character entity %s", quoteStart(p))
	}
	name := string(p[1:end])
	switch name {
	case "lt":
		return "<", end + 1, nil
	case "gt":
		return ">", end + 1, nil
	case "amp":
		return "&", end + 1, nil
	case "apos":
		return "'", end + 1, nil
	case "quot":
		return `"`, end + 1, nil
	}
	if len(name) > 1 && name[0] == '#' {
		digits, base := name[1:], 10
		if digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err == nil && digits != "" && digits[0] != '+' && n <= utf8.MaxRune {
			r := rune(n)
			if r >= 0xD800 && r <= 0xDFFF {
				r = utf8.RuneError // as encoding/xml: string(rune(n))
			}
			if !xmlChar(r) {
				return "", 0, x.errAt(off, "illegal character code %U", r)
			}
			return string(r), end + 1, nil
		}
	}
	return "", 0, x.errAt(off, "invalid character entity &%s;", name)
}

func quoteStart(p []byte) string {
	return strconv.Quote(string(p[:min(len(p), 12)]))
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

// procInst skips a processing instruction <?target ...?>. The XML
// declaration that names an encoding other than UTF-8 is errHandOver:
// excelize converts such parts.
func (x *xmlScan) procInst() error {
	for x.lim-x.pos < 270 && x.more() {
	}
	n, _, err := x.name(x.buf[x.pos+2 : x.lim])
	if err != nil {
		return err
	}
	if n == 0 {
		return x.errAt(x.tagOff, "expected target name after <?")
	}
	if string(x.buf[x.pos+2:x.pos+2+n]) == "xml" {
		i := x.find(2, "?>", false)
		if i < 0 {
			return x.readErr("the XML declaration")
		}
		decl := x.buf[x.pos+5 : x.pos+i]
		if enc, _ := declAttr(decl, "encoding"); enc != "" && !utf8Label(enc) {
			return errHandOver
		}
		if v, _ := declAttr(decl, "version"); v != "" && v != "1.0" {
			return x.errAt(x.tagOff, "unsupported XML version %q", v)
		}
		x.pos += i + 2
		return nil
	}
	i := x.find(2+n, "?>", true)
	if i < 0 {
		return x.readErr("a processing instruction")
	}
	x.pos += i + 2
	return nil
}

// declAttr returns a pseudo-attribute of the XML declaration, found as
// encoding/xml finds it (procInst): the first key=" or key=' anywhere.
func declAttr(decl []byte, key string) (string, bool) {
	s, param := string(decl), key+"="
	i, sep := 0, byte(0)
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || len(param)+k >= len(sub) {
			return "", false
		}
		i += len(param) + k + 1
		if c := sub[len(param)+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return "", false
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return "", false
	}
	return s[i : i+j], true
}

// bang reads what starts with "<!": a comment, which it skips, or a CDATA
// section, whose text it takes. A DOCTYPE or another declaration is
// refused.
func (x *xmlScan) bang() error {
	for x.lim-x.pos < 9 && x.more() {
	}
	rest := x.buf[x.pos:x.lim]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		// As encoding/xml: the first "--" must end the comment.
		i := x.find(4, "--", true)
		if i < 0 {
			return x.readErr("a comment")
		}
		for x.lim-x.pos < i+3 && x.more() {
		}
		if x.lim-x.pos < i+3 {
			return x.readErr("a comment")
		}
		if x.buf[x.pos+i+2] != '>' {
			return x.errAt(x.off+int64(x.pos+i), `invalid sequence "--" not allowed in comments`)
		}
		x.pos += i + 3
		return nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		x.pos += 9
		for {
			i := bytes.Index(x.buf[x.pos:x.lim], []byte("]]>"))
			if i >= 0 {
				err := x.textPiece(x.buf[x.pos:x.pos+i], true, x.off+int64(x.pos))
				x.pos += i + 3
				return err
			}
			cut := safeCut(x.buf[x.pos:x.lim])
			if err := x.textPiece(x.buf[x.pos:x.pos+cut], true, x.off+int64(x.pos)); err != nil {
				return err
			}
			x.pos += cut
			if !x.more() {
				return x.readErr("a CDATA section")
			}
		}
	case len(rest) < 9 && x.rerr != nil:
		return x.readErr("a tag")
	}
	return x.errAt(x.tagOff, "a DOCTYPE or other <! declaration is not allowed in a workbook part")
}

// tagEnd returns the index (relative to pos) of the '>' that ends the
// tag at pos, outside quoted attribute values, reading more as needed.
// Tags are short: a loop over bytes beats searching.
func (x *xmlScan) tagEnd() (int, error) {
	i, quote := x.pos+1, byte(0)
	for {
		buf := x.buf[:x.lim]
		for ; i < len(buf); i++ {
			c := buf[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
				continue
			}
			switch c {
			case '>':
				return i - x.pos, nil
			case '"', '\'':
				quote = c
			}
		}
		i -= x.pos
		if !x.more() {
			return 0, x.readErr("a tag")
		}
		i += x.pos
	}
}

// endTag reads </name> and checks that it closes the open element.
func (x *xmlScan) endTag() error {
	e, err := x.tagEnd()
	if err != nil {
		return err
	}
	tag := x.buf[x.pos+2 : x.pos+e]
	n, local, err := x.name(tag)
	if err != nil {
		return err
	}
	name := tag[:n]
	if n == 0 {
		return x.errAt(x.tagOff, "expected element name after </")
	}
	for _, c := range tag[n:] {
		if !isSpace(c) {
			return x.errAt(x.tagOff, "invalid characters between </%s and >", name)
		}
	}
	if x.depth() == 0 {
		return x.errAt(x.tagOff, "unexpected end element </%s>", name)
	}
	top := x.starts[len(x.starts)-1]
	if !bytes.Equal(x.names[top:], name) {
		return x.errAt(x.tagOff, "element <%s> closed by </%s>", x.names[top:], name)
	}
	x.qname = append(x.qname[:0], name...)
	x.names, x.starts = x.names[:top], x.starts[:len(x.starts)-1]
	for len(x.ns) > 0 && x.ns[len(x.ns)-1].depth > x.depth() {
		x.ns = x.ns[:len(x.ns)-1]
	}
	x.local, x.end, x.self, x.attrs = intern(name[local:]), true, false, x.attrs[:0]
	x.lvl = x.depth()
	x.pos += e + 1
	return nil
}

// startTag reads <name attr="value" ...> or <name .../>.
func (x *xmlScan) startTag() error {
	e, err := x.tagEnd()
	if err != nil {
		return err
	}
	tag := x.buf[x.pos+1 : x.pos+e]
	n, local, err := x.name(tag)
	if err != nil {
		return err
	}
	if n == 0 {
		return x.errAt(x.tagOff, "expected element name after <")
	}
	name := tag[:n]
	x.attrs, x.abuf = x.attrs[:0], x.abuf[:0]
	var decoded [8]int // attributes whose value was decoded into abuf: {attr, start, end}...
	dec := decoded[:0]
	self := false
	rest := tag[n:]
	off := x.tagOff + 1 + int64(n)
	for {
		k := 0
		for k < len(rest) && isSpace(rest[k]) {
			k++
		}
		rest, off = rest[k:], off+int64(k)
		if len(rest) == 0 {
			break
		}
		if rest[0] == '/' {
			if len(rest) != 1 {
				return x.errAt(off, "expected /> in element")
			}
			self = true
			break
		}
		an, alocal, err := x.name(rest)
		if err != nil {
			return err
		}
		if an == 0 {
			return x.errAt(off, "expected attribute name in element")
		}
		aname := rest[:an]
		k = an
		for k < len(rest) && isSpace(rest[k]) {
			k++
		}
		if k == len(rest) || rest[k] != '=' {
			return x.errAt(off, "attribute name without = in element")
		}
		k++
		for k < len(rest) && isSpace(rest[k]) {
			k++
		}
		if k == len(rest) || rest[k] != '"' && rest[k] != '\'' {
			return x.errAt(off, "unquoted or missing attribute value in element")
		}
		q, vEnd := rest[k], -1
		for j, c := range rest[k+1:] {
			if c == q {
				vEnd = j
				break
			}
		}
		if vEnd < 0 {
			return x.errAt(off, "unterminated attribute value")
		}
		raw := rest[k+1 : k+1+vEnd]
		a := xmlAttr{local: aname[alocal:], value: raw}
		if alocal > 0 {
			a.prefix = aname[:alocal-1]
		}
		if !plainValue(raw) {
			vs := len(x.abuf)
			if err := x.attrValue(raw, off+int64(k+1)); err != nil {
				return err
			}
			dec = append(dec, len(x.attrs), vs, len(x.abuf))
		}
		x.attrs = append(x.attrs, a)
		rest, off = rest[k+2+vEnd:], off+int64(k+2+vEnd)
	}
	for i := 0; i < len(dec); i += 3 {
		x.attrs[dec[i]].value = x.abuf[dec[i+1]:dec[i+2]]
	}
	x.qname = append(x.qname[:0], name...)
	x.local, x.end, x.self = intern(name[local:]), false, self
	x.lvl = x.depth()
	d := x.depth() + 1
	for _, a := range x.attrs {
		if a.local[0] != 'x' && (len(a.prefix) == 0 || a.prefix[0] != 'x') {
			continue
		}
		switch {
		case len(a.prefix) == 0 && string(a.local) == "xmlns":
			x.ns = append(x.ns, nsBinding{depth: d, uri: string(a.value)})
		case string(a.prefix) == "xmlns":
			x.ns = append(x.ns, nsBinding{depth: d, prefix: string(a.local), uri: string(a.value)})
		}
	}
	if !self {
		if x.depth() >= maxDepth {
			return x.errAt(x.tagOff, "elements nested more than %d deep", maxDepth)
		}
		x.starts = append(x.starts, len(x.names))
		x.names = append(x.names, name...)
	}
	x.pos += e + 1
	return nil
}

// plainValue reports whether an attribute value is its own text: no
// reference, line end or character to check.
func plainValue(v []byte) bool {
	for _, c := range v {
		if c < 0x20 || c >= 0x80 || c == '&' || c == '<' {
			return false
		}
	}
	return true
}

// attrValue appends an attribute value to abuf, decoded as text.
func (x *xmlScan) attrValue(raw []byte, off int64) error {
	if i := bytes.IndexByte(raw, '<'); i >= 0 {
		return x.errAt(off+int64(i), "unescaped < inside quoted string")
	}
	keep, text := x.keep, x.text
	x.keep, x.text = true, x.abuf
	err := x.textPiece(raw, false, off)
	x.abuf = x.text
	x.keep, x.text = keep, text
	if err == errTextTooLong {
		err = nil // bounded by maxTag
	}
	return err
}

// attr returns the value of the last attribute of the current tag whose
// local name is key, whatever its prefix, as excelize reads attributes.
func (x *xmlScan) attr(key string) ([]byte, bool) {
	for i := len(x.attrs) - 1; i >= 0; i-- {
		if string(x.attrs[i].local) == key {
			return x.attrs[i].value, true
		}
	}
	return nil, false
}

// attrNS returns the value of the attribute key in one of the namespaces
// uris (r:id is {relationships}id).
func (x *xmlScan) attrNS(key string, uris ...string) ([]byte, bool) {
	for i := len(x.attrs) - 1; i >= 0; i-- {
		a := x.attrs[i]
		if string(a.local) == key && len(a.prefix) > 0 && string(a.prefix) != "xmlns" {
			u := x.uri(a.prefix)
			for _, want := range uris {
				if u == want {
					return a.value, true
				}
			}
		}
	}
	return nil, false
}

// uri is the namespace a prefix is bound to where the current tag is.
func (x *xmlScan) uri(prefix []byte) string {
	for i := len(x.ns) - 1; i >= 0; i-- {
		if x.ns[i].prefix == string(prefix) {
			return x.ns[i].uri
		}
	}
	return ""
}

// name reads the name at the start of p and checks it as encoding/xml
// does, for ASCII names (the parts of a workbook use no others): a
// letter, '_' or ':' first, then letters, digits, '_', ':', '.' and '-',
// at most one ':', at most 256 bytes. It returns the name's length and
// where its local part begins (after a prefix and ':'); n is 0 when p
// starts with no name.
func (x *xmlScan) name(p []byte) (n, local int, err error) {
	colon := -1
	for n < len(p) {
		c := p[n]
		if !isNameByte(c) {
			if c < 0x80 {
				break
			}
			return 0, 0, x.errAt(x.tagOff, "a name that is not ASCII")
		}
		if c == ':' {
			if colon >= 0 {
				return 0, 0, x.errAt(x.tagOff, "invalid XML name: %q", p[:n+1])
			}
			colon = n
		}
		n++
	}
	if n == 0 {
		return 0, 0, nil
	}
	if c := p[0]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == ':') {
		return 0, 0, x.errAt(x.tagOff, "invalid XML name: %q", p[:n])
	}
	if n > 256 {
		return 0, 0, x.errAt(x.tagOff, "a name longer than 256 bytes")
	}
	if colon > 0 && colon < n-1 {
		local = colon + 1
	}
	return n, local, nil
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName is a name without its prefix ("x:c" is "c"), as encoding/xml
// splits it: "a:" or ":a" have no prefix.
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

// intern returns the names the readers use as constant strings (the
// compiler does not allocate for string(b) in a switch), others as "".
func intern(n []byte) string {
	switch string(n) {
	case "row":
		return "row"
	case "c":
		return "c"
	case "v":
		return "v"
	case "t":
		return "t"
	case "r":
		return "r"
	case "is":
		return "is"
	case "f":
		return "f"
	case "si":
		return "si"
	case "sst":
		return "sst"
	case "sheetData":
		return "sheetData"
	case "numFmt":
		return "numFmt"
	case "numFmts":
		return "numFmts"
	case "cellXfs":
		return "cellXfs"
	case "xf":
		return "xf"
	case "styleSheet":
		return "styleSheet"
	case "workbook":
		return "workbook"
	case "workbookPr":
		return "workbookPr"
	case "sheets":
		return "sheets"
	case "sheet":
		return "sheet"
	case "Relationships":
		return "Relationships"
	case "Relationship":
		return "Relationship"
	case "worksheet":
		return "worksheet"
	}
	return ""
}

// unescapeX decodes Excel's _xHHHH_ escapes of characters XML cannot
// hold, as excelize does (bstrUnmarshal): "_x005F_" is "_", a surrogate
// code is dropped.
func unescapeX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 {
			sb.WriteString(s)
			return sb.String()
		}
		if i+7 > len(s) || s[i+6] != '_' || !isHex4(s[i+2:i+6]) {
			sb.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		n, _ := strconv.ParseUint(s[i+2:i+6], 16, 16)
		sb.WriteString(s[:i])
		if r := rune(n); r < 0xD800 || r > 0xDFFF {
			sb.WriteRune(r)
		}
		s = s[i+7:]
	}
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// utf8Label reports whether an XML encoding label names UTF-8 or its
// ASCII subset: the only encodings the scanner reads.
func utf8Label(label string) bool {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return true
	}
	return false
}
