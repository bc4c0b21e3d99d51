package rubric

import (
	"strings"
	"unicode"
)

// Lookup returns the indicator that s names, as a person or a workbook
// writes it: its id ("5", in any case, with spaces around), or, in a
// rubric whose indicators have codes, its code ("3.1", the assessors'
// kode aspect.indicator), whose parts are compared as numbers ("03.1" is
// "3.1"). A text that is the id of one indicator and the code of another
// is an error that names both, as is one that names none. It is the one
// lookup of an indicator by what names it; Indicator takes an id exactly.
func (r *Rubric) Lookup(s string) (*Indicator, error) {
	return lookup(s, r.byID, r.indicators, func(ind *Indicator) string { return ind.ID }, r.byCode)
}

// lookup is Lookup over any index of indicators (T): a rubric's, or the
// positions of Keys. all lists them in rubric order, idOf gives the id of
// one; byID and byCode find one by its id and by its canonical code.
func lookup[T comparable](s string, byID map[string]T, all []T, idOf func(T) string, byCode map[string]T) (T, error) {
	var none T
	t := strings.TrimSpace(s)
	id, okID := byID[t]
	if !okID && strings.ContainsFunc(t, unicode.IsLetter) {
		for _, x := range all {
			if strings.EqualFold(idOf(x), t) {
				id, okID = x, true
				break
			}
		}
	}
	var code T
	okCode := false
	if c, ok := canonicalCode(t); ok {
		code, okCode = byCode[c]
	}
	switch {
	case okID && okCode && id != code:
		return none, messagef("indicator %q is ambiguous: the id of indicator %s and the code of indicator %s", s, idOf(id), idOf(code))
	case okID:
		return id, nil
	case okCode:
		return code, nil
	}
	return none, messagef("indicator %q is not in the rubric", s)
}

// Keys are the ids and codes of the indicators of a rubric, in rubric
// order, and the lookup of Lookup over them: what choosing a rubric by the
// ids of a table needs. Rubric.Keys gives those of a rubric; NewKeys
// builds them from a table known in advance, without parsing the rubric.
type Keys struct {
	IDs   []string
	Codes []string // Codes[i] is "" for an indicator without a code
	pos   []int
	byID  map[string]int
	byCod map[string]int
}

// NewKeys returns the keys of indicators with ids and codes, in rubric
// order (codes[i] "" where indicator i has none).
func NewKeys(ids, codes []string) *Keys {
	k := &Keys{IDs: ids, Codes: codes, byID: map[string]int{}, byCod: map[string]int{}}
	for i, id := range ids {
		k.pos = append(k.pos, i)
		if _, dup := k.byID[id]; !dup {
			k.byID[id] = i
		}
		if c, ok := canonicalCode(codes[i]); ok {
			if _, dup := k.byCod[c]; !dup {
				k.byCod[c] = i
			}
		}
	}
	return k
}

// Keys returns the ids and codes of r's indicators.
func (r *Rubric) Keys() *Keys {
	var ids, codes []string
	for _, ind := range r.indicators {
		ids, codes = append(ids, ind.ID), append(codes, ind.Code)
	}
	return NewKeys(ids, codes)
}

// Lookup returns the position, in rubric order, of the indicator that s
// names, as (*Rubric).Lookup finds it.
func (k *Keys) Lookup(s string) (int, error) {
	return lookup(s, k.byID, k.pos, func(i int) string { return k.IDs[i] }, k.byCod)
}

// canonicalCode writes a code, numbers separated by points, with the
// leading zeros of each number dropped ("03.02" is "3.2"); it reports
// false for a text of another shape.
func canonicalCode(s string) (string, bool) {
	if s == "" || len(s) > 24 {
		return "", false
	}
	parts := strings.Split(s, ".")
	for i, p := range parts {
		if p == "" || !digits(p) {
			return "", false
		}
		if parts[i] = strings.TrimLeft(p, "0"); parts[i] == "" {
			parts[i] = "0"
		}
	}
	return strings.Join(parts, "."), true
}
