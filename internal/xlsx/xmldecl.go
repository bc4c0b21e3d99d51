package xlsx

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// procInst skips a processing instruction <?target ...?>. An XML
// declaration that names an encoding other than UTF-8 switches the rest
// of the part to that encoding (decode).
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
		if v, _ := declAttr(decl, "version"); v != "" && v != "1.0" {
			return x.errAt(x.tagOff, "unsupported XML version %q", v)
		}
		x.pos += i + 2
		// encoding/xml reads a part as UTF-8 when the declaration says
		// "utf-8" in any case, and decodes it for any other label.
		if enc, _ := declAttr(decl, "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return x.decode(enc)
		}
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

// maxCharsets bounds the declarations that switch the encoding of a part:
// encoding/xml switches at each, each decoder reading through the last.
const maxCharsets = 4

// decode reads the rest of the part, from x.pos on, through a decoder
// from the charset label to UTF-8, as excelize does (encoding/xml calls
// its CharsetReader, golang.org/x/net/html/charset.NewReaderLabel): the
// label is looked up in the WHATWG index, so that "ISO-8859-1" reads as
// windows-1252, as browsers and excelize read it. A label that index
// does not know is an error, as it is for excelize. Offsets in errors
// after the switch count decoded bytes.
func (x *xmlScan) decode(label string) error {
	e, err := htmlindex.Get(label)
	if err != nil {
		return x.errAt(x.tagOff, "unsupported charset %q in the XML declaration", label)
	}
	if x.charsets++; x.charsets > maxCharsets {
		return x.errAt(x.tagOff, "more than %d XML declarations with an encoding", maxCharsets)
	}
	rest := bytes.Clone(x.buf[x.pos:x.lim])
	var src io.Reader = x.rd
	if x.rerr != nil {
		src = errReader{x.rerr} // the end, or the error, after the rest
		x.rerr = nil
	}
	x.rd = transform.NewReader(io.MultiReader(bytes.NewReader(rest), src), e.NewDecoder())
	x.off += int64(x.pos)
	x.pos, x.lim = 0, 0
	return nil
}

// errReader returns err.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
