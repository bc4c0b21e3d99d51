package rubric

import (
	"fmt"
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
	t := strings.TrimSpace(s)
	byID := r.byID[t]
	if byID == nil && strings.ContainsFunc(t, unicode.IsLetter) {
		for _, ind := range r.indicators {
			if strings.EqualFold(ind.ID, t) {
				byID = ind
				break
			}
		}
	}
	var byCode *Indicator
	if c, ok := canonicalCode(t); ok {
		byCode = r.byCode[c]
	}
	switch {
	case byID != nil && byCode != nil && byID != byCode:
		return nil, fmt.Errorf("indicator %q is ambiguous: the id of indicator %s and the code of indicator %s", s, byID.ID, byCode.ID)
	case byID != nil:
		return byID, nil
	case byCode != nil:
		return byCode, nil
	}
	return nil, fmt.Errorf("indicator %q is not in the rubric", s)
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
