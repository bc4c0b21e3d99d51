package workbook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Levels parses every entry's level with ParseLevel and checks it against
// the rubric. It reports every problem at once, as an errors.Join of
// *Error, in sheet order then rubric order:
//   - a level that is empty or not a number (ErrBadLevel), naming the
//     level cell: `indicator 21: level "n/a" is not a number from 1 to 5`;
//   - a level outside the indicator's scale (ErrBadLevel), with the
//     reason LevelScale.Check gives;
//   - an indicator that appears twice (ErrDuplicate), naming both cells;
//   - an id the rubric does not know (ErrUnknownIndicator; Read already
//     rejects those Options.Known rejects);
//   - all missing indicators in one error (ErrMissing), in rubric order.
//
// The returned Levels hold every valid level even when err is not nil.
func (s *Sheet) Levels(r *rubric.Rubric) (index.Levels, error) {
	return s.levels(r.Indicators(), r.Indicator)
}

// levels is Levels on a list of indicators and a lookup, so that tests
// can use small fixtures.
func (s *Sheet) levels(all []*rubric.Indicator, lookup func(string) *rubric.Indicator) (index.Levels, error) {
	levels := make(index.Levels, len(all))
	first := make(map[string]*Entry, len(s.Entries))
	var errs []error
	if s.allEmpty() {
		// An unfilled form: one message, not one per indicator.
		return levels, &Error{File: s.Source, Sheet: s.Sheet, Err: classed(ErrBadLevel,
			fmt.Sprintf("no level is filled in: the level column %s (%q) is empty on all %d indicator rows", s.LevelColumn, s.LevelHeader, len(s.Entries)))}
	}
	fail := func(cell string, class error, format string, args ...any) {
		errs = append(errs, &Error{File: s.Source, Sheet: s.Sheet, Cell: cell, Err: classed(class, fmt.Sprintf(format, args...))})
	}
	for i := range s.Entries {
		e := &s.Entries[i]
		ind := lookup(e.ID)
		if ind == nil {
			fail(e.IDCell, ErrUnknownIndicator, "unknown indicator %q", e.ID)
			continue
		}
		if prev, ok := first[e.ID]; ok {
			fail(e.IDCell, ErrDuplicate, "indicator %s appears twice: here and at %s (levels %s and %s)",
				e.ID, cellRef(s.Sheet, prev.IDCell), cellRef(s.Sheet, prev.Cell), cellRef(s.Sheet, e.Cell))
			continue
		}
		first[e.ID] = e
		sc := ind.LevelScale
		lv, name, err := parseLevel(e.Raw)
		switch {
		case err != nil && strings.TrimSpace(fold(e.Raw)) == "":
			fail(e.Cell, ErrBadLevel, "indicator %s: level is empty; want a number from %s to %s", e.ID, scaleMin(sc), scaleMax(sc))
			continue
		case err != nil:
			fail(e.Cell, ErrBadLevel, "indicator %s: level %q is not a number from %s to %s", e.ID, e.Raw, scaleMin(sc), scaleMax(sc))
			continue
		}
		if sc != nil {
			if err := checkLevel(e.Raw, name, lv, sc); err != nil {
				fail(e.Cell, ErrBadLevel, "indicator %s: %v", e.ID, err)
				continue
			}
		}
		levels[e.ID] = lv
	}
	var missing []string
	for _, ind := range all {
		if _, ok := first[ind.ID]; !ok {
			missing = append(missing, ind.ID)
		}
	}
	if len(missing) > 0 {
		word := "indicators"
		if len(missing) == 1 {
			word = "indicator"
		}
		errs = append(errs, &Error{File: s.Source, Sheet: s.Sheet, Err: classed(ErrMissing,
			fmt.Sprintf("missing %s %s (no row in id column %s)", word, strings.Join(missing, ", "), s.IDColumn))})
	}
	return levels, errors.Join(errs...)
}

// allEmpty reports whether the table has rows but no level in any of them.
func (s *Sheet) allEmpty() bool {
	for _, e := range s.Entries {
		if strings.TrimSpace(fold(e.Raw)) != "" {
			return false
		}
	}
	return len(s.Entries) > 1
}

func scaleMin(sc *rubric.Scale) string {
	if sc == nil {
		return "?"
	}
	return sc.Min.String()
}

func scaleMax(sc *rubric.Scale) string {
	if sc == nil {
		return "?"
	}
	return sc.Max.String()
}
