package workbook

import (
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"strings"
	"unicode"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// SameName reports whether text, a name in a workbook, is the rubric's
// name of an indicator: equal ignoring case, punctuation and spaces, or
// one holding the other when the shorter has three words or more.
func SameName(rubricName, text string) bool {
	return sameKey(nameKey(rubricName), nameKey(text))
}

// sameKey is SameName of two names' keys (nameKey).
func sameKey(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	return len(strings.Fields(short)) >= 3 && strings.Contains(" "+long+" ", " "+short+" ")
}

func nameKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(fold(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// CheckNames checks the ids of the entries against the indicator names
// beside them (Entry.Name) under r: a row whose name is another
// indicator's is two readings, by the id or by the name, that give
// different levels (a running "No" as the only id column of a table
// sorted by level, issue 19 item 1). It returns one error
// (ErrAmbiguous) naming the first rows that disagree and --id-col, or
// nil. A name that is no indicator's of r says nothing.
func (s *Sheet) CheckNames(r *rubric.Rubric) error {
	var bad []msg.Message
	n := 0
	inds := r.Indicators()
	var keys []string // of the indicators' names, made on the first name
	for _, e := range s.Entries {
		if e.Name == "" {
			continue
		}
		if keys == nil {
			keys = make([]string, len(inds))
			for i, ind := range inds {
				keys[i] = nameKey(ind.Name)
			}
		}
		own := Indicator(r, e.ID)
		key := nameKey(e.Name)
		var named *rubric.Indicator
		for i, ind := range inds {
			if sameKey(keys[i], key) {
				if ind == own {
					named = nil
					break
				}
				if named == nil {
					named = ind
				}
			}
		}
		if named == nil || own == nil {
			continue
		}
		if n++; n <= 3 {
			bad = append(bad, msg.New("%s holds id %s, beside the name of indicator %s", e.IDCell, e.IDText, named.ID))
		}
	}
	if n == 0 {
		return nil
	}
	var which fmt.Stringer = msg.New("%s", bad[0])
	if len(bad) > 1 {
		which = msg.New("%s; %s", msg.New("%s", bad[0]), bad[1])
	}
	if len(bad) > 2 {
		which = msg.New("%s; %s", which, bad[2])
	}
	if n > 3 {
		which = msg.New("%s and %d more", which, n-3)
	}
	return &Error{File: s.Source, Sheet: s.Sheet, Err: classedf(ErrAmbiguous,
		"the ids in column %s (%q) and the indicator names beside them disagree: %s; the id column may be a running number: "+
			"--id-col chooses the column of the indicators' own numbers", s.IDColumn, s.IDHeader, which)}
}
