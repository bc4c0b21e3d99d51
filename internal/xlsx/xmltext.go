package xlsx

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
