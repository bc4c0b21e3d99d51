package xlsx

import (
	"bytes"
)

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
