package plan

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ParseTarget reads a target: an index such as "4.2" or "4,74" (a comma is
// a decimal separator), or a predicate band named in Indonesian or English,
// in any case ("Memuaskan", "sangat baik", "Very good").
func ParseTarget(r *rubric.Rubric, s string) (Target, error) {
	name := strings.Join(strings.Fields(s), " ")
	if name == "" {
		return Target{}, messagef("target is empty: want an index such as 4.2 or a predicate such as Memuaskan")
	}
	if b := r.BandNamed(name); b != nil {
		return Target{Index: b.From, Band: b}, nil
	}
	d, err := rubric.ParseDecimal(name)
	if err != nil {
		return Target{}, messagef("target %q is neither an index nor a predicate (%s)", s, bandNames(r))
	}
	lo, hi := r.Predicates[0].From, r.Predicates[0].To
	for _, b := range r.Predicates {
		lo, hi = min(lo, b.From), max(hi, b.To)
	}
	if d < lo || d > hi {
		return Target{}, messagef("target %s is outside the index range %s to %s", d, lo, hi)
	}
	return Target{Index: d}, nil
}

// Lookup returns the indicator that s names: its id ("5") or, in a rubric
// whose indicators have codes, its code ("3.1"). It is
// (*rubric.Rubric).Lookup, the one lookup of an indicator by what names it.
func Lookup(r *rubric.Rubric, s string) (*rubric.Indicator, error) { return r.Lookup(s) }

// lookupRange returns the indicators that s names: one id or code, or a
// range "a..b" of every indicator from a to b in rubric order ("29..31",
// "3.1..3.4").
func lookupRange(r *rubric.Rubric, s string) ([]*rubric.Indicator, error) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		ind, err := r.Lookup(s)
		if err != nil {
			if a, b, ok := strings.Cut(s, "-"); ok && r.Indicator(a) != nil && r.Indicator(b) != nil {
				return nil, messagef("%w; a range is written with two dots (%s..%s)", err, a, b)
			}
			return nil, err
		}
		return []*rubric.Indicator{ind}, nil
	}
	if a == "" || b == "" {
		return nil, messagef("range %q needs an indicator on each side of .. (such as 29..31)", s)
	}
	ia, err := r.Lookup(a)
	if err != nil {
		return nil, err
	}
	ib, err := r.Lookup(b)
	if err != nil {
		return nil, err
	}
	inds := r.Indicators()
	i, j := slices.Index(inds, ia), slices.Index(inds, ib)
	if i > j {
		return nil, messagef("indicator %s comes after %s in the rubric", a, b)
	}
	return inds[i : j+1], nil
}

// ParseIndicators reads a list of indicators such as "45,46,47" or
// "29..31" (ranges in rubric order), separated by commas, semicolons or
// spaces, each named by its id or its code (see Lookup). It returns the
// set of their ids.
func ParseIndicators(r *rubric.Rubric, s string) (map[string]bool, error) {
	ids := map[string]bool{}
	var errs []error
	for _, part := range strings.FieldsFunc(tighten(s), isSeparator) {
		inds, err := lookupRange(r, part)
		if err != nil {
			errs = append(errs, fmt.Errorf("%q: %w", part, err))
			continue
		}
		for _, ind := range inds {
			ids[ind.ID] = true
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, messagef("no indicators: want ids such as 45,46,47 or a range such as 29..31")
	}
	return ids, nil
}

func isSeparator(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' }

// tight matches "=" and ".." with the spaces around them.
var tight = regexp.MustCompile(`[ \t\n]*(=|\.\.)[ \t\n]*`)

// tighten drops the spaces around "=" and "..", so that "21 = 3" and
// "29 .. 31" read as 21=3 and 29..31 rather than as separate parts.
func tighten(s string) string { return tight.ReplaceAllString(s, "$1") }

// ParseChanges reads level changes such as "21=3,22=3,29..31=2": id=level
// pairs separated by commas, semicolons or spaces (spaces around "=" and
// ".." are allowed: "21 = 3"), where "a..b" names every
// indicator from a to b in rubric order, and an indicator may be named by
// its code ("3.2=2") in a rubric with codes (see Lookup). Levels are exact
// and written with a decimal point ("2.5", "1.1666666666666667"): a comma
// always separates changes, so "5=2,5" is refused with a hint rather than
// read as 5=2 and a stray 5. A fractional level is refused on an integer
// scale. Every bad part is reported, by its text.
func ParseChanges(r *rubric.Rubric, s string) (index.Levels, error) {
	s = tighten(s)
	parts := strings.FieldsFunc(s, isSeparator)
	if len(parts) == 0 {
		return nil, messagef("changes are empty: want id=level pairs such as 21=3,29..31=2")
	}
	out := index.Levels{}
	var errs []error
	bad := func(part, format string, args ...any) {
		errs = append(errs, messagef("change %q: %w", part, messagef(format, args...)))
	}
	for i, part := range parts {
		ids, val, ok := strings.Cut(part, "=")
		if !ok {
			prevID, prevVal, prevOK := "", "", false
			if i > 0 {
				prevID, prevVal, prevOK = strings.Cut(parts[i-1], "=")
			}
			switch {
			case part == "": // reported with the part before
			case prevOK && digits(part) && digits(prevVal) && strings.Contains(s, parts[i-1]+","+part):
				bad(parts[i-1]+","+part, "a comma separates changes: write a decimal level with a point (%s=%s.%s)", prevID, prevVal, part)
			case i+1 < len(parts) && !strings.Contains(parts[i+1], "=") && strings.Contains(s, part+" "+parts[i+1]):
				bad(part+" "+parts[i+1], "want id=level, with = between them (%s=%s)", part, parts[i+1])
				parts[i+1] = "" // reported with this one
			default:
				bad(part, "want id=level, such as 21=3")
			}
			continue
		}
		switch {
		case ids == "":
			bad(part, "the indicator before = is missing")
			continue
		case val == "":
			bad(part, "the level after = is missing")
			continue
		}
		level, err := rubric.ParseLevel(val)
		if err != nil {
			bad(part, "level %q is not a number", val)
			continue
		}
		inds, err := lookupRange(r, ids)
		if err != nil {
			bad(part, "%v", err)
			continue
		}
		for _, ind := range inds {
			if err := ind.LevelScale.Check(level); err != nil {
				bad(part, "indicator %s: %v", ind.ID, err)
				break
			}
			if _, dup := out[ind.ID]; dup {
				bad(part, "indicator %s is changed twice", ind.ID)
				break
			}
			out[ind.ID] = level
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// WhatIf scores levels with changes applied. The changes must name
// indicators of the rubric with levels on their scales; they may lower a
// level as well as raise it.
func WhatIf(r *rubric.Rubric, levels index.Levels, changes index.Levels) (*index.Result, error) {
	var errs []error
	for _, id := range sortedKeys(changes) {
		ind := r.Indicator(id)
		if ind == nil {
			errs = append(errs, messagef("what-if: change of indicator %s: %w", id, index.ErrUnknown))
			continue
		}
		if err := ind.LevelScale.Check(changes[id]); err != nil {
			errs = append(errs, messagef("what-if: change of indicator %s: %w", id, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	after := copyLevels(levels)
	for id, l := range changes {
		after[id] = l
	}
	res, err := index.Compute(r, after)
	if err != nil {
		return nil, fmt.Errorf("what-if: %w", err)
	}
	return res, nil
}
