package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// xmlTokens lists the tokens of an XML text as the scanner reads them:
// "<local attr=value ...>", "</local>", and the text between two tags
// when there is any.
func scanTokens(data []byte) ([]string, error) {
	x := newXMLScan(bytes.NewReader(data), uint64(len(data)))
	var toks []string
	for {
		x.keep = true
		err := x.next()
		if len(x.text) > 0 {
			toks = append(toks, "text "+string(x.text))
		}
		if err == io.EOF {
			return toks, nil
		}
		if err != nil {
			return toks, err
		}
		if x.end {
			toks = append(toks, "</"+x.localName()+">")
			continue
		}
		var sb strings.Builder
		sb.WriteString("<" + x.localName())
		for _, a := range x.attrs {
			fmt.Fprintf(&sb, " %s=%q", a.local, a.value)
		}
		sb.WriteString(">")
		toks = append(toks, sb.String())
		if x.self {
			toks = append(toks, "</"+x.localName()+">")
		}
	}
}

// charsetReader is what excelize gives encoding/xml
// (golang.org/x/net/html/charset.NewReaderLabel, which is this).
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, err
	}
	return transform.NewReader(r, e.NewDecoder()), nil
}

// stdTokens lists the tokens of encoding/xml in the same form.
func stdTokens(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	var toks []string
	var text []byte
	for {
		tok, err := d.Token()
		_, start := tok.(xml.StartElement)
		_, end := tok.(xml.EndElement)
		if (start || end || err != nil) && len(text) > 0 {
			toks = append(toks, "text "+string(text))
			text = text[:0]
		}
		if err == io.EOF {
			return toks, nil
		}
		if err != nil {
			return toks, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var sb strings.Builder
			sb.WriteString("<" + t.Name.Local)
			for _, a := range t.Attr {
				fmt.Fprintf(&sb, " %s=%q", a.Name.Local, a.Value)
			}
			sb.WriteString(">")
			toks = append(toks, sb.String())
		case xml.EndElement:
			toks = append(toks, "</"+t.Name.Local+">")
		case xml.CharData:
			text = append(text, t...)
		}
	}
}

// localName is the current tag's local name, whether or not the readers
// use it.
func (x *xmlScan) localName() string { return string(localName(x.qname)) }

func TestXMLScanLikeEncodingXML(t *testing.T) {
	for _, in := range []string{
		`<?xml version="1.0" encoding="UTF-8"?><a x="1" y='2'>t&amp;<![CDATA[<&>]]><!-- c --><?p i?>u</a>`,
		"<p:a xmlns:p=\"u\" p:b = \"&#65;&#x42;\r\n\"><p:c/>a\r\nb\rc</p:a>",
		`<a b="x>y"><b>1</b><b/></a>`,
		// Declared encodings, decoded as excelize decodes them.
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"Pidi\xeb\">\xe9\x80\xff&#233;</a>",
		"<?xml version='1.0' encoding='us-ascii'?><a>caf\xe9</a>",
		"<?xml version=\"1.0\" encoding=\"Windows-1252\"?><a>\x93x\x94</a><?xml encoding=\"utf-8\"?>",
		"<?xml version=\"1.0\" encoding=\"utf8\"?><a>caf\xc3\xa9</a>",
	} {
		got, err := scanTokens([]byte(in))
		want, werr := stdTokens([]byte(in))
		if err != nil || werr != nil || strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q:\nscanner  %q %v\nencoding %q %v", in, got, err, want, werr)
		}
	}
}

// FuzzXMLScan: XML the scanner reads, encoding/xml (and so excelize)
// reads too, as the same tags, attributes and text. The scanner may refuse
// more (a DOCTYPE, names that are not ASCII, nesting past maxDepth).
func FuzzXMLScan(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><a x="1" y='2'>t&amp;<![CDATA[<&>]]><!-- c --><?p i?>u</a>`))
	f.Add([]byte("<p:a xmlns:p=\"u\" p:b = \"&#65;\r\n\"><p:c/>a\r\nb</p:a>"))
	f.Add([]byte(`<a b="x>y"><b>1]]</b><b/></a>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"\xeb\">\xe9\x80</a>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := scanTokens(data)
		if err != nil {
			return
		}
		want, werr := stdTokens(data)
		if werr != nil {
			t.Fatalf("the scanner read what encoding/xml refuses (%v):\n%q\nscanner %q", werr, data, got)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%q:\nscanner  %q\nencoding %q", data, got, want)
		}
	})
}
