package workbook

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
)

// xmlScan splits XML into tags and the text before each: enough for the
// flat, machine-written parts of an .xlsx workbook, and far cheaper than
// encoding/xml.
type xmlScan struct {
	r        *bufio.Reader
	txt, tag []byte
}

func newXMLScan(r io.Reader) *xmlScan {
	return &xmlScan{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next tag without its angle brackets (`c r="A1" t="s"`,
// `/c`, `v/`) and the text that came before it. Comments, processing
// instructions and CDATA sections come as tags starting with '!' or '?',
// cut at their first '>' (the parts Excel writes have none inside).
// The slices are valid until the next call.
func (x *xmlScan) next() (tag, text []byte, err error) {
	x.txt, err = readUntil(x.r, '<', x.txt[:0])
	if err != nil {
		if err == io.EOF && len(bytes.TrimSpace(x.txt)) > 0 {
			return nil, nil, io.ErrUnexpectedEOF
		}
		return nil, nil, err
	}
	x.tag, err = readUntil(x.r, '>', x.tag[:0])
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return x.tag, x.txt, err
}

// readUntil appends the bytes before delim to buf, consuming delim.
func readUntil(r *bufio.Reader, delim byte, buf []byte) ([]byte, error) {
	for {
		s, err := r.ReadSlice(delim)
		if err == nil {
			return append(buf, s[:len(s)-1]...), nil
		}
		buf = append(buf, s...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return buf, err
		}
	}
}

// tagName returns a tag's local name (without namespace prefix), and
// whether it is an end tag or self-closing.
func tagName(tag []byte) (name string, end, self bool) {
	if len(tag) > 0 && tag[0] == '/' {
		end, tag = true, tag[1:]
	}
	if len(tag) > 0 && tag[len(tag)-1] == '/' {
		self, tag = true, tag[:len(tag)-1]
	}
	i := 0
	for i < len(tag) && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' && tag[i] != '\r' {
		i++
	}
	n := tag[:i]
	if j := bytes.IndexByte(n, ':'); j >= 0 {
		n = n[j+1:]
	}
	// The few names used are interned by the compiler's string(bytes) in
	// a switch; returning string(n) would allocate.
	switch string(n) {
	case "row":
		return "row", end, self
	case "c":
		return "c", end, self
	case "v":
		return "v", end, self
	case "t":
		return "t", end, self
	case "is":
		return "is", end, self
	case "f":
		return "f", end, self
	case "si":
		return "si", end, self
	case "rPh":
		return "rPh", end, self
	case "sheetData":
		return "sheetData", end, self
	case "numFmt":
		return "numFmt", end, self
	case "cellXfs":
		return "cellXfs", end, self
	case "xf":
		return "xf", end, self
	}
	return "", end, self
}

// attr returns the value of the attribute key in a tag.
func attr(tag []byte, key string) ([]byte, bool) {
	for i := 0; i+len(key)+2 <= len(tag); i++ {
		j := bytes.Index(tag[i:], []byte(key))
		if j < 0 {
			return nil, false
		}
		i += j
		k := i + len(key)
		if (i == 0 || tag[i-1] == ' ' || tag[i-1] == '\t' || tag[i-1] == '\n' || tag[i-1] == '\r') && k+1 < len(tag) && tag[k] == '=' && (tag[k+1] == '"' || tag[k+1] == '\'') {
			q := tag[k+1]
			end := bytes.IndexByte(tag[k+2:], q)
			if end < 0 {
				return nil, false
			}
			return tag[k+2 : k+2+end], true
		}
	}
	return nil, false
}

var entities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")

// unescape decodes the XML entities of text, and Excel's _xHHHH_ escapes
// of control characters.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 && !bytes.Contains(b, []byte("_x")) {
		return string(b)
	}
	s := string(b)
	if strings.Contains(s, "&#") {
		var sb strings.Builder
		for {
			i := strings.Index(s, "&#")
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], ';')
			if j < 0 {
				break
			}
			ref := s[i+2 : i+j]
			var n uint64
			var err error
			if strings.HasPrefix(ref, "x") || strings.HasPrefix(ref, "X") {
				n, err = strconv.ParseUint(ref[1:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref, 10, 32)
			}
			sb.WriteString(entities.Replace(s[:i]))
			if err != nil {
				sb.WriteString(s[i : i+j+1])
			} else {
				sb.WriteRune(rune(n))
			}
			s = s[i+j+1:]
		}
		sb.WriteString(entities.Replace(s))
		s = sb.String()
	} else {
		s = entities.Replace(s)
	}
	if strings.Contains(s, "_x") {
		s = unescapeX(s)
	}
	return s
}

// unescapeX decodes _xHHHH_ (Excel's escape of control characters).
func unescapeX(s string) string {
	var sb strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) || s[i+6] != '_' {
			if i >= 0 && i+2 <= len(s) {
				sb.WriteString(s[:i+2])
				s = s[i+2:]
				continue
			}
			sb.WriteString(s)
			return sb.String()
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			sb.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		sb.WriteString(s[:i])
		sb.WriteRune(rune(n))
		s = s[i+7:]
	}
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

// foreignEncoding reports whether tag is an XML declaration naming an
// encoding other than UTF-8 (<?xml version="1.0" encoding="ISO-8859-1"?>).
func foreignEncoding(tag []byte) bool {
	if !bytes.HasPrefix(tag, []byte("?xml")) {
		return false
	}
	enc, ok := attr(tag, "encoding")
	return ok && !utf8Label(string(enc))
}
