package butir

import (
	"strings"
	"testing"
)

// FuzzParseCode: no panic; a code it accepts names a level from its own
// digits and reads the same in lower case.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"I13-L1-02", "i1_l5_10", "I7.L2.3", " I20 - L3 - 01 ", "X", "I99999-L1-01", "I1-L99999999999999999999-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, l, n, ok := ParseCode(s)
		if !ok {
			return
		}
		id2, l2, n2, ok2 := ParseCode(strings.ToLower(s))
		if !ok2 || id != id2 || l != l2 || n != n2 || l < 0 || n < 0 || id == "" {
			t.Fatalf("ParseCode(%q) = %q %d %d, lower case %q %d %d %v", s, id, l, n, id2, l2, n2, ok2)
		}
	})
}

// FuzzParseStatus: no panic; a status it accepts is one of the six, and
// its name reads back to it.
func FuzzParseStatus(f *testing.F) {
	for _, s := range append(StatusWords(), "Revisi: tidak tepat", "revisi (belum diunggah)", "", "DITERIMA ") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseStatus(s)
		if err != nil {
			return
		}
		if st < Accepted || st > AutoRejected {
			t.Fatalf("ParseStatus(%q) = %d", s, st)
		}
		for _, lang := range []string{"id", "en"} {
			if back, err := ParseStatus(st.Name(lang)); err != nil || back != st {
				t.Fatalf("%q: %s name %q reads back as %v, %v", s, lang, st.Name(lang), back, err)
			}
		}
	})
}
