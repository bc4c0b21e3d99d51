package workbook

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"

	"github.com/spbe-id/spbe/internal/msg"
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
//     rejects those Options.Known rejects, and Unknown lists them);
//   - all missing indicators in one error (ErrMissing), in rubric order;
//   - the indicators scored by other agencies (rubric.External) that
//     have no value, in one error (ErrExternal; see LevelsWith).
//
// Entries are matched to the rubric's indicators by Indicator: a code
// ("3.2") names the indicator with that code; under a rubric without
// codes, a code is a heading and is skipped. The returned Levels hold
// every valid level even when err is not nil.
func (s *Sheet) Levels(r *rubric.Rubric) (index.Levels, error) {
	levels, _, err := s.LevelsWith(r, LevelOptions{})
	return levels, err
}

// LevelOptions say how LevelsWith treats what a workbook leaves out.
type LevelOptions struct {
	// AssumeExternal takes the level a rubric assumes (rubric.External)
	// for an indicator scored by another agency whose value is missing,
	// empty or "N/A" (see NoValue); the result is then provisional.
	// Without it, those indicators are one error (ErrExternal) that names
	// them and the flag --assume-external.
	AssumeExternal bool
}

// LevelsWith is Levels with options; assumed lists, in rubric order, the
// indicators whose level is the rubric's assumption (AssumeExternal).
func (s *Sheet) LevelsWith(r *rubric.Rubric, o LevelOptions) (levels index.Levels, assumed []string, err error) {
	all := r.Indicators()
	levels = make(index.Levels, len(all))
	first := make(map[string]*Entry, len(s.Entries))
	var errs []error
	if s.allEmpty() {
		// An unfilled form: one message, not one per indicator.
		return levels, nil, &Error{File: s.Source, Sheet: s.Sheet, Err: classedf(ErrBadLevel,
			"no level is filled in: the level column %s (%q) is empty on all %d indicator rows", s.LevelColumn, s.LevelHeader, len(s.Entries))}
	}
	fail := func(cell string, class error, format string, args ...any) {
		errs = append(errs, &Error{File: s.Source, Sheet: s.Sheet, Cell: cell, Err: classedf(class, format, args...)})
	}
	codes := HasCodes(r)
	noValue := map[string]bool{}
	for i := range s.Entries {
		e := &s.Entries[i]
		ind := Indicator(r, e.ID)
		if ind == nil {
			if IsCode(e.ID) && !codes {
				continue // a heading ("1.1") under a rubric without codes
			}
			fail(e.IDCell, ErrUnknownIndicator, "unknown indicator %q", e.ID)
			continue
		}
		if prev, ok := first[ind.ID]; ok {
			fail(e.IDCell, ErrDuplicate, "indicator %s appears twice: here and at %s (levels %s and %s)",
				ind.ID, cellRef(s.Sheet, prev.IDCell), cellRef(s.Sheet, prev.Cell), cellRef(s.Sheet, e.Cell))
			continue
		}
		first[ind.ID] = e
		if ind.External != nil && NoValue(e.Raw) {
			noValue[ind.ID] = true
			continue
		}
		sc := ind.LevelScale
		lv, name, err := parseLevel(e.Raw)
		switch {
		case err != nil && strings.TrimSpace(fold(e.Raw)) == "":
			fail(e.Cell, ErrBadLevel, "indicator %s: level is empty; want a number from %s to %s", ind.ID, scaleMin(sc), scaleMax(sc))
			continue
		case err != nil:
			fail(e.Cell, ErrBadLevel, "indicator %s: level %q is not a number from %s to %s", ind.ID, e.Raw, scaleMin(sc), scaleMax(sc))
			continue
		}
		if sc != nil {
			if err := checkLevel(e.Raw, name, lv, sc); err != nil {
				fail(e.Cell, ErrBadLevel, "indicator %s: %v", ind.ID, err)
				continue
			}
		}
		levels[ind.ID] = lv
	}
	var missing, external []*rubric.Indicator
	for _, ind := range all {
		_, ok := first[ind.ID]
		switch {
		case ind.External != nil && (!ok || noValue[ind.ID]):
			external = append(external, ind)
		case !ok:
			missing = append(missing, ind)
		}
	}
	if len(missing) > 0 {
		errs = append(errs, &Error{File: s.Source, Sheet: s.Sheet, Err: classedf(ErrMissing,
			"missing %s %s (no row in id column %s)", msg.Plural(len(missing), "indicator", "indicators"), joinIDs(missing), s.IDColumn)})
	}
	assumed, err = assume(external, levels, o)
	if err != nil {
		errs = append(errs, &Error{File: s.Source, Sheet: s.Sheet, Err: err})
	}
	return levels, assumed, errors.Join(errs...)
}

// Unknown returns the errors of the entries whose id names no indicator
// of r (ErrUnknownIndicator), as Read gives them with Options.Known, or
// nil: "unknown indicator \"48\"", naming the id cell. A code under a
// rubric without codes is a heading, not an unknown id.
func (s *Sheet) Unknown(r *rubric.Rubric) error {
	var errs []error
	codes := HasCodes(r)
	for _, e := range s.Entries {
		if Indicator(r, e.ID) != nil || IsCode(e.ID) && !codes {
			continue
		}
		text := e.IDText
		if text == "" {
			text = e.ID
		}
		errs = append(errs, &Error{File: s.Source, Sheet: s.Sheet, Cell: e.IDCell,
			Err: classedf(ErrUnknownIndicator, "unknown indicator %q", text)})
	}
	return errors.Join(errs...)
}

// IDs returns the ids of the entries, in sheet order: what a rubric is
// chosen by.
func (s *Sheet) IDs() []string {
	ids := make([]string, len(s.Entries))
	for i, e := range s.Entries {
		ids[i] = e.ID
	}
	return ids
}

// NoValue reports whether the text of a level cell says that there is no
// value: empty, or "N/A", "NA", "#N/A", "n.a.", "-" and the like. Only an
// indicator scored by another agency may be without a value (see
// LevelOptions.AssumeExternal); for others it is a bad level.
func NoValue(raw string) bool {
	switch strings.Trim(strings.ToLower(fold(raw)), " .") {
	case "", "n/a", "na", "#n/a", "n.a", "n/a.", "-", "–", "—", "tidak ada", "belum ada", "t/a":
		return true
	}
	return false
}

// assume sets the level of each external indicator without a value to
// the one the rubric assumes, when o allows it, and returns their ids;
// else it returns one error (ErrExternal) naming them, their sources and
// the flag.
func assume(external []*rubric.Indicator, levels index.Levels, o LevelOptions) ([]string, error) {
	if len(external) == 0 {
		return nil, nil
	}
	if !o.AssumeExternal {
		var src []string
		for _, ind := range external {
			src = append(src, fmt.Sprintf("%s: %s", ind.ID, ind.External.Source))
		}
		var lvls []string
		for _, ind := range external {
			if l := ind.External.Assume.String(); !slices.Contains(lvls, l) {
				lvls = append(lvls, l)
			}
		}
		return nil, classedf(ErrExternal, "no value for %s %s (missing or \"N/A\"), which other agencies score (%s); "+
			"--assume-external takes the level the rubric assumes (%s) and marks the result provisional",
			msg.Plural(len(external), "indicator", "indicators"), joinIDs(external), strings.Join(src, "; "), strings.Join(lvls, ", "))
	}
	ids := make([]string, len(external))
	for i, ind := range external {
		l, _ := rubric.LevelOf(ind.External.Assume)
		if levels != nil {
			levels[ind.ID] = l
		}
		ids[i] = ind.ID
	}
	return ids, nil
}

// joinIDs lists indicators' ids: "5, 6, 7, 18".
func joinIDs(inds []*rubric.Indicator) string {
	ids := make([]string, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	return strings.Join(ids, ", ")
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

// ColumnLetters returns the column letter of each indicator of r, in
// rubric order, "" for an indicator without a column.
func (t *WideTable) ColumnLetters(r *rubric.Rubric) []string {
	letters := make([]string, len(r.Indicators()))
	for i, c := range t.columnsOf(r) {
		if c >= 0 {
			letters[i], _ = excelize.ColumnNumberToName(c + 1)
		}
	}
	return letters
}

// IDs returns the ids of the table's indicator columns, in column order:
// what a rubric is chosen by.
func (t *WideTable) IDs() []string {
	var ids []string
	for _, id := range t.ids {
		if id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// ExternalColumns returns the error (ErrExternal) of a table that has no
// column for indicators of r scored by other agencies, when o does not
// assume their levels, or nil.
func (t *WideTable) ExternalColumns(r *rubric.Rubric, o LevelOptions) error {
	var external []*rubric.Indicator
	for i, c := range t.columnsOf(r) {
		if ind := r.Indicators()[i]; c < 0 && ind.External != nil {
			external = append(external, ind)
		}
	}
	if _, err := assume(external, nil, o); err != nil {
		return &Error{File: t.Source, Sheet: t.Sheet, Err: msg.Errorf("the header in row %d: %w", t.HeaderRow, err)}
	}
	return nil
}
