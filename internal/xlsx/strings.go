package xlsx

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// MaxSharedStrings bounds the text of the shared strings, which the
// reader holds in one block for the sheets to refer to.
const MaxSharedStrings = 64 << 20

// stringTable is the shared string table held in one block: each string
// as its length (a uvarint) then its bytes, with the offset of every
// 64th string, so that a table of millions of empty strings costs a byte
// each. Strings are made once, on first use.
type stringTable struct {
	data  []byte
	index []uint32 // offset in data of strings 0, 64, 128, ...
	n     int
	made  map[int]string
}

func (t *stringTable) add(s []byte) error {
	if t.n%64 == 0 {
		t.index = append(t.index, uint32(len(t.data)))
	}
	t.data = binary.AppendUvarint(t.data, uint64(len(s)))
	t.data = append(t.data, s...)
	t.n++
	if len(t.data) > MaxSharedStrings {
		return fmt.Errorf("the shared strings hold more than %d MiB of text", MaxSharedStrings>>20)
	}
	return nil
}

// len is the number of strings.
func (t *stringTable) len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// get returns string i, and whether there is one.
func (t *stringTable) get(i int) (string, bool) {
	if t == nil || i < 0 || i >= t.n {
		return "", false
	}
	if s, ok := t.made[i]; ok {
		return s, true
	}
	off := int(t.index[i/64])
	for k := i - i%64; ; k++ {
		n, w := binary.Uvarint(t.data[off:])
		off += w
		if k == i {
			s := string(t.data[off : off+int(n)])
			if t.made == nil {
				t.made = map[int]string{}
			}
			t.made[i] = s
			return s, true
		}
		off += int(n)
	}
}

// loadStrings reads the shared string table: the text of every <si> of
// the root <sst>, as richText reads it.
func (b *Book) loadStrings() (*stringTable, error) {
	t := &stringTable{}
	var item richText
	in := false
	err := b.scanPart(partStrings, false, func(x *xmlScan) error {
		switch {
		case x.lvl == 0 && !x.end && x.local != "sst":
			return fmt.Errorf("the root element is <%s>, not <sst>", x.qname)
		case in && x.end && x.lvl == 1:
			in = false
			s, err := item.text()
			if err == nil {
				err = t.add(s)
			}
			if err != nil {
				return fmt.Errorf("string %d: %w", t.n, err)
			}
		case in:
			if err := item.tag(x); err != nil {
				return fmt.Errorf("string %d: %w", t.n, err)
			}
		case !x.end && x.local == "si" && x.lvl == 1:
			item.reset()
			if x.self {
				return t.add(nil)
			}
			in = true
		}
		x.keep = in && item.keep()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// richText is the text of a string item (<si> of the shared strings, <is>
// of a cell) as excelize reads it (xlsxSI.String): the text of its last
// <t> child, then that of the last <t> of each <r> run child, in that
// order, with Excel's _xHHHH_ escapes decoded in the whole. Phonetic runs
// (<rPh>) and other elements are left out, and so is text in elements
// inside a <t>.
type richText struct {
	depth  int  // elements open inside the item
	inT    int  // 1: in the item's <t>; 2: in a run's <t>
	inRun  bool // in an <r> child
	t, run []byte
	runs   []byte
}

func (r *richText) reset() {
	r.depth, r.inT, r.inRun = 0, 0, false
	r.t, r.run, r.runs = r.t[:0], r.run[:0], r.runs[:0]
}

// keep reports whether the text before the next tag is the item's.
func (r *richText) keep() bool {
	return r.inT == 1 && r.depth == 1 || r.inT == 2 && r.depth == 2
}

// tag takes a tag inside the item, and the text before it.
func (r *richText) tag(x *xmlScan) error {
	if r.keep() {
		if r.inT == 1 {
			r.t = append(r.t, x.text...)
		} else {
			r.run = append(r.run, x.text...)
		}
		if len(r.t)+len(r.runs)+len(r.run) > maxText {
			return errTextTooLong
		}
	}
	if x.end {
		r.depth--
		switch {
		case r.depth == 0 && r.inT == 1:
			r.inT = 0
		case r.depth == 0 && r.inRun:
			r.runs, r.inRun = append(r.runs, r.run...), false
		case r.depth == 1 && r.inT == 2:
			r.inT = 0
		}
		return nil
	}
	switch {
	case r.depth == 0 && x.local == "t":
		r.t = r.t[:0]
		if !x.self {
			r.inT = 1
		}
	case r.depth == 0 && x.local == "r":
		r.run = r.run[:0]
		r.inRun = !x.self
	case r.depth == 1 && r.inRun && x.local == "t":
		r.run = r.run[:0]
		if !x.self {
			r.inT = 2
		}
	}
	if !x.self {
		r.depth++
	}
	return nil
}

// text is the item's text, or an error when it is longer than a cell
// can hold.
func (r *richText) text() ([]byte, error) {
	s := append(r.t, r.runs...)
	r.t = s
	if len(s) == 0 {
		return s, nil
	}
	if bytes.Contains(s, []byte("_x")) {
		s = []byte(unescapeX(string(s)))
	}
	if err := checkCellLen(s); err != nil {
		return nil, err
	}
	return s, nil
}

// checkCellLen refuses a text of more than maxCellChars characters
// (UTF-16 units, as Excel counts them).
func checkCellLen[T string | []byte](s T) error {
	if len(s) <= maxCellChars {
		return nil
	}
	n := 0
	for _, r := range string(s) {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	if n > maxCellChars {
		return fmt.Errorf("%d characters, more than the %d a cell can hold", n, maxCellChars)
	}
	return nil
}
