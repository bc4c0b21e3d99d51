package rubric

import (
	"strings"
	"sync"
)

// Mismatch is a rubric that presents itself as one of the embedded
// (official) rubrics, by its id or by its name, and yet means something
// else: a copy whose weights, bands, scales or names were edited. Its
// results are not the official ones, and every output says so.
type Mismatch struct {
	// ID is the id of the embedded rubric claimed.
	ID string
	// By is what the rubric shares with it: "id" or "name".
	By string
	// SHA256 and EmbeddedSHA256 are the hashes of the canonical forms of
	// the rubric and of the embedded one.
	SHA256, EmbeddedSHA256 string
	// Changes is what changed from the embedded rubric to this one.
	Changes *Changes
}

// String says what the rubric claims and that it differs, without
// naming the file it came from.
func (m *Mismatch) String() string {
	return "rubric " + m.By + " is that of the embedded official rubric " + m.ID + ", but the rubric differs from it"
}

// official caches a rubric's Mismatch, computed on first use.
type official struct {
	once sync.Once
	m    *Mismatch
}

// Mismatch compares r with the embedded rubric it presents itself as: the
// one with its id, or else the one with its name (ignoring case and
// spacing). It returns nil when there is none, or when r means the same
// (the same canonical form, see Canonical); otherwise what differs.
func (r *Rubric) Mismatch() *Mismatch {
	if r.official == nil { // not built by Parse
		return mismatch(r)
	}
	r.official.once.Do(func() { r.official.m = mismatch(r) })
	return r.official.m
}

func mismatch(r *Rubric) *Mismatch {
	by := "id"
	emb := embeddedRubric(r.ID)
	if emb == nil {
		by = "name"
		for _, id := range EmbeddedIDs() {
			if e := embeddedRubric(id); e != nil && sameName(e.Name, r.Name) {
				emb = e
				break
			}
		}
	}
	if emb == nil {
		return nil
	}
	sum, esum := r.SHA256(), embeddedSHA256(emb.ID)
	if sum == esum {
		return nil
	}
	return &Mismatch{ID: emb.ID, By: by, SHA256: sum, EmbeddedSHA256: esum, Changes: Diff(emb, r)}
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// embeddedRubric returns the embedded rubric id (parsed once, see ByID),
// or nil.
func embeddedRubric(id string) *Rubric {
	r, err := ByID(id)
	if err != nil {
		return nil
	}
	return r
}

// embeddedSHA256 returns the hash of the embedded rubric id, computed once.
func embeddedSHA256(id string) string {
	if f, ok := embeddedSums[id]; ok {
		return f()
	}
	return ""
}

var embeddedSums = func() map[string]func() string {
	m := map[string]func() string{}
	for _, id := range EmbeddedIDs() {
		m[id] = sync.OnceValue(func() string {
			if r := embeddedRubric(id); r != nil {
				return r.SHA256()
			}
			return ""
		})
	}
	return m
}()
