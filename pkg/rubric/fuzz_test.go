package rubric

import (
	"bytes"
	"testing"
)

// FuzzParse checks that Check never panics, that an accepted rubric has no
// errors, and that its canonical form parses again to the same canonical
// form. It is seeded with the embedded rubrics and the broken ones of the
// validation table.
func FuzzParse(f *testing.F) {
	for _, id := range EmbeddedIDs() {
		src, _ := EmbeddedSource(id)
		f.Add(src)
	}
	f.Add([]byte(validBase))
	for _, c := range brokenRubrics {
		f.Add([]byte(c.source(f)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, problems := Check("f.yaml", data)
		if r == nil {
			if _, err := Parse("f.yaml", data); err == nil {
				t.Fatalf("Check rejects the rubric (%v) but Parse accepts it", problems)
			}
			return
		}
		for _, p := range problems {
			if !p.Warning {
				t.Fatalf("Check returned a rubric and the error %v", p)
			}
		}
		canon := r.Canonical()
		back, err := Parse("canonical.yaml", canon)
		if err != nil {
			t.Fatalf("the canonical form does not parse: %v\n%s", err, canon)
		}
		if again := back.Canonical(); !bytes.Equal(canon, again) {
			t.Fatalf("canonical form changes when parsed again:\n%s\n----\n%s", canon, again)
		}
	})
}
