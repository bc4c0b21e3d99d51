package plan

import (
	"errors"
	"fmt"
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
		return Target{}, errors.New("target is empty: want an index such as 4.2 or a predicate such as Memuaskan")
	}
	if b := r.BandNamed(name); b != nil {
		return Target{Index: b.From, Band: b}, nil
	}
	d, err := rubric.ParseDecimal(name)
	if err != nil {
		return Target{}, fmt.Errorf("target %q is neither an index nor a predicate (%s)", s, bandNames(r))
	}
	lo, hi := r.Predicates[0].From, r.Predicates[0].To
	for _, b := range r.Predicates {
		lo, hi = min(lo, b.From), max(hi, b.To)
	}
	if d < lo || d > hi {
		return Target{}, fmt.Errorf("target %s is outside the index range %s to %s", d, lo, hi)
	}
	return Target{Index: d}, nil
}

// ParseChanges reads level changes such as "21=3,22=3,29..31=2": id=level
// pairs separated by commas, semicolons or spaces, where "a..b" names every
// indicator from a to b in rubric order. Levels are written with a decimal
// point ("3.5"). Every bad part is reported, by its text.
func ParseChanges(r *rubric.Rubric, s string) (index.Levels, error) {
	parts := strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' })
	if len(parts) == 0 {
		return nil, errors.New("changes are empty: want id=level pairs such as 21=3,29..31=2")
	}
	pos := map[string]int{}
	for i, ind := range r.Indicators() {
		pos[ind.ID] = i
	}
	out := index.Levels{}
	var errs []error
	bad := func(part, format string, args ...any) {
		errs = append(errs, fmt.Errorf("change %q: %s", part, fmt.Sprintf(format, args...)))
	}
	for _, part := range parts {
		ids, val, ok := strings.Cut(part, "=")
		if !ok {
			if _, err := rubric.ParseDecimal(part); err == nil {
				bad(part, "want id=level (write a decimal level with a point: 3.5)")
			} else {
				bad(part, "want id=level")
			}
			continue
		}
		ids, val = strings.TrimSpace(ids), strings.TrimSpace(val)
		level, err := rubric.ParseLevel(val)
		if err != nil {
			bad(part, "level %q is not a number", val)
			continue
		}
		var inds []*rubric.Indicator
		if a, b, isRange := strings.Cut(ids, ".."); isRange {
			ia, okA := pos[a]
			ib, okB := pos[b]
			switch {
			case !okA:
				bad(part, "indicator %q is not in the rubric", a)
				continue
			case !okB:
				bad(part, "indicator %q is not in the rubric", b)
				continue
			case ia > ib:
				bad(part, "indicator %s comes after %s in the rubric", a, b)
				continue
			}
			inds = r.Indicators()[ia : ib+1]
		} else {
			ind := r.Indicator(ids)
			if ind == nil {
				bad(part, "indicator %q is not in the rubric", ids)
				continue
			}
			inds = []*rubric.Indicator{ind}
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

// WhatIf scores levels with changes applied. The changes must name
// indicators of the rubric with levels on their scales; they may lower a
// level as well as raise it.
func WhatIf(r *rubric.Rubric, levels index.Levels, changes index.Levels) (*index.Result, error) {
	var errs []error
	for _, id := range sortedKeys(changes) {
		ind := r.Indicator(id)
		if ind == nil {
			errs = append(errs, fmt.Errorf("what-if: change of indicator %s: %w", id, index.ErrUnknown))
			continue
		}
		if err := ind.LevelScale.Check(changes[id]); err != nil {
			errs = append(errs, fmt.Errorf("what-if: change of indicator %s: %w", id, err))
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
