package rubric

import (
	"bytes"
	"strings"
	"testing"
)

func TestCanonicalSmall(t *testing.T) {
	r, err := Parse("t.yaml", []byte(validBase))
	if err != nil {
		t.Fatal(err)
	}
	want := `id: t
name: Test
total: 10
precision: 2
rounding: half-up
predicate_on: rounded
scales:
  - id: s
    min: 1
    max: 3
    integer: true
    levels:
      1: a
      2: b
      3: c
predicates:
  - {name: Low, from: 1, to: 2}
  - {name: High, from: 2, to: 3}
domains:
  - id: D1
    name: Domain
    weight: 10
    aspects:
      - id: A1
        name: Aspect
        weight: 10
        indicators:
          - {id: "1", name: One, weight: 4}
          - {id: "2", name: Two, weight: 6}
`
	if got := string(r.Canonical()); got != want {
		t.Errorf("Canonical() =\n%s\nwant:\n%s", got, want)
	}
}

// TestCanonicalIgnoresPresentation rewrites a rubric without changing what it
// means (comments, key order, quoting, comma decimals, trailing zeros, flow
// and block style) and expects the same canonical form and fingerprint.
func TestCanonicalIgnoresPresentation(t *testing.T) {
	restyled := `# a comment
predicate_on: "rounded"
rounding: half-up
precision: 2
total: 10.00
name: 'Test'
id: t
scales:
  - {id: s, levels: {3: c, 2: b, 1: a}, integer: true, max: 3, min: 1.0}
predicates:
  - name: Low   # inline comment
    from: 1
    to: "2,0"
  - {to: 3, from: 2, name: High}
domains:
  - aspects:
      - indicators:
          - {weight: "4,00", name: One, id: "1"}
          - {weight: 6.0, name: "Two", id: '2'}
        weight: 10
        name: Aspect
        id: A1
    weight: 10
    name: Domain
    id: D1
`
	a, err := Parse("a.yaml", []byte(validBase))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.yaml", []byte(restyled))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Canonical(), b.Canonical()) {
		t.Errorf("canonical forms differ:\n%s\n----\n%s", a.Canonical(), b.Canonical())
	}
	if a.SHA256() != b.SHA256() {
		t.Errorf("SHA256 differ: %s and %s", a.SHA256(), b.SHA256())
	}
	if got := len(a.SHA256()); got != 64 {
		t.Errorf("SHA256 has %d hex digits, want 64", got)
	}
	c, err := Parse("c.yaml", []byte(strings.Replace(validBase, "name: Two", "name: Deux", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if a.SHA256() == c.SHA256() {
		t.Errorf("a renamed indicator keeps the same SHA256")
	}
}

func TestCanonicalEmbedded(t *testing.T) {
	for _, id := range EmbeddedIDs() {
		r, err := ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		canon := r.Canonical()
		back, problems := Check(id+".canonical.yaml", canon)
		if back == nil || len(problems) > 0 {
			t.Fatalf("%s: the canonical form does not parse cleanly: %v\n%s", id, problems, canon)
		}
		if again := back.Canonical(); !bytes.Equal(canon, again) {
			t.Errorf("%s: canonical form is not a fixed point:\n%s\n----\n%s", id, canon, again)
		}
		if len(back.Indicators()) != len(r.Indicators()) {
			t.Errorf("%s: %d indicators after the round trip, want %d", id, len(back.Indicators()), len(r.Indicators()))
		}
		for i, ind := range r.Indicators() {
			b := back.Indicators()[i]
			if b.ID != ind.ID || b.Name != ind.Name || b.Weight != ind.Weight || b.LevelScale.ID != ind.LevelScale.ID || b.Aspect.ID != ind.Aspect.ID {
				t.Errorf("%s: indicator %d changed in the round trip: %+v, want %+v", id, i, b, ind)
			}
		}
		if bytes.Contains(canon, []byte("#")) {
			t.Errorf("%s: canonical form keeps a comment", id)
		}
		if Diff(r, back).Len() != 0 {
			t.Errorf("%s: Diff after the round trip: %+v", id, Diff(r, back))
		}
	}
}
