// Package trend computes one instansi's index year by year across
// instruments (PermenPANRB 5/2018, 59/2020, 8/2026), and its place among
// the instansi of its kind, from observations already read: it is pure (no
// files, no printing) and builds the results model (result.Trend).
//
// The rules:
//   - a year has one value: two observations of a year that agree (same
//     instrument, same published index) are one point, two that differ are
//     refused (*DuplicateError);
//   - an observation given only as the values of its domains (or aspects)
//     gets its index from them with the rubric's weights, exactly
//     (index.FromGroups), rounded half-up only when shown;
//   - the change of a point is from the previous year of the same
//     instrument; the first point of an instrument after another is a
//     break, and is never differenced with the points before it: the
//     scales, indicators and predicate bands differ, and the officials
//     have said the old scores are no reference for the new index.
package trend

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Observation is one published or scored result of one instansi in one
// year, as read.
type Observation struct {
	// Instansi is the name as read; Key the key names are matched by
	// (batch.Key); Group its kind (Provinsi, Kabupaten, Kota, or a
	// --group-col column's value), "" when unknown.
	Instansi, Key, Group string
	Year                 int
	Rubric               *rubric.Rubric
	// Index is the index given or scored, nil when only Parts are known.
	Index *index.Value
	// Parts are the domain values (or with Aspects the aspect values) in
	// rubric order, nil for one not given; Parts itself is nil when none
	// was given.
	Parts   []*index.Value
	Aspects bool
	// Provisional: not final.
	Provisional bool
	// Scored: Index was scored from an evaluation's levels, not read.
	Scored bool
	// Source names where it was read (file, sheet or row); YearFrom where
	// the year came from.
	Source, YearFrom string
}

// DuplicateError is two observations of one year that disagree.
type DuplicateError struct {
	// Instansi is named when it is not the trend's (a peer's rows).
	Instansi   string
	Year       int
	A, B       string       // the sources
	AVal, BVal fmt.Stringer // their index and instrument, as shown
}

func (e *DuplicateError) Error() string { return e.Message().String() }

// Message is the error's message, said in the user's language by msg.Text.
func (e *DuplicateError) Message() msg.Message {
	if e.Instansi != "" {
		return msg.New("%s %d is given twice with different values: %s gives %s, %s gives %s; give one input per year",
			e.Instansi, e.Year, e.A, e.AVal, e.B, e.BVal)
	}
	return msg.New("%d is given twice with different values: %s gives %s, %s gives %s; give one input per year",
		e.Year, e.A, e.AVal, e.B, e.BVal)
}

// Resolve returns the exact index of an observation: the one given, else
// the one computed from its parts, with "domains" or "aspects" saying so.
func Resolve(o *Observation) (v index.Value, computed string, err error) {
	if o.Index != nil {
		return *o.Index, "", nil
	}
	what, word := "domains", msg.Word("domains")
	if o.Aspects {
		what, word = "aspects", msg.Word("aspects")
	}
	if o.Parts == nil {
		return index.Value{}, "", msg.Errorf("%s: no index and no values of the %s", o.Source, word)
	}
	vals := make([]index.Value, len(o.Parts))
	var missing []string
	for i, p := range o.Parts {
		if p == nil {
			missing = append(missing, PartID(o.Rubric, o.Aspects, i))
			continue
		}
		vals[i] = *p
	}
	if len(missing) > 0 {
		return index.Value{}, "", msg.Errorf("%s: no index, and the index cannot be computed from the %s: %s missing", o.Source, word, msg.And(missing))
	}
	v, err = index.FromGroups(o.Rubric, vals, o.Aspects)
	if err != nil {
		return index.Value{}, "", fmt.Errorf("%s: %w", o.Source, err)
	}
	return v, what, nil
}

// PartID names the i-th domain (or aspect) of r.
func PartID(r *rubric.Rubric, aspects bool, i int) string {
	if aspects {
		return r.Aspects()[i].ID
	}
	return r.Domains[i].ID
}

// PartName is the name of the i-th domain (or aspect) of r.
func PartName(r *rubric.Rubric, aspects bool, i int) string {
	if aspects {
		return r.Aspects()[i].Name
	}
	return r.Domains[i].Name
}

// Series builds the trend of one instansi (name) from its observations,
// in any order. notes says what was merged (the same value given twice).
func Series(name string, obs []Observation) (t *result.Trend, notes []msg.Message, err error) {
	obs = slices.Clone(obs)
	slices.SortStableFunc(obs, func(a, b Observation) int { return cmp.Compare(a.Year, b.Year) })
	t = &result.Trend{Instansi: name}
	last := map[string]int{} // rubric id -> index in t.Points
	for i := range obs {
		o := &obs[i]
		v, computed, err := Resolve(o)
		if err != nil {
			return nil, notes, err
		}
		pub, band := index.Judge(o.Rubric, v)
		if n := len(t.Points); n > 0 && t.Points[n-1].Year == o.Year {
			p := &t.Points[n-1]
			if p.Rubric.ID == o.Rubric.ID && p.Published == pub {
				notes = append(notes, msg.New("%d: %s gives the same index as %s (%s); taken once", o.Year, o.Source, p.Source, msg.Fixed(pub, o.Rubric.Precision)))
				continue
			}
			return nil, notes, &DuplicateError{Year: o.Year, A: p.Source, B: o.Source,
				AVal: pub0(p.Published, p.Rubric), BVal: pub0(pub, o.Rubric)}
		}
		p := result.TrendPoint{Year: o.Year, Rubric: o.Rubric, Index: v, Published: pub, Predicate: band,
			Provisional: o.Provisional, Computed: computed, Scored: o.Scored, Aspects: o.Aspects, Source: o.Source, YearFrom: o.YearFrom}
		for j, part := range o.Parts {
			if part != nil {
				p.Groups = append(p.Groups, result.GroupValue{ID: PartID(o.Rubric, o.Aspects, j), Name: PartName(o.Rubric, o.Aspects, j), Value: *part})
			}
		}
		if n := len(t.Points); n > 0 && t.Points[n-1].Rubric.ID != o.Rubric.ID {
			p.Break = true
			t.Breaks = append(t.Breaks, result.TrendBreak{Year: o.Year, From: t.Points[n-1].Year, Old: t.Points[n-1].Rubric, New: o.Rubric})
		}
		// No change across a break, even back to an instrument of an
		// earlier year (59/2020, 8/2026, 59/2020): the points between
		// are of another scale.
		if k, ok := last[o.Rubric.ID]; ok && !p.Break {
			p.Since = t.Points[k].Year
			p.Change = pub - t.Points[k].Published
		}
		last[o.Rubric.ID] = len(t.Points)
		t.Points = append(t.Points, p)
	}
	return t, notes, nil
}

// pub0 shows an index with its instrument: "3.41 (permenpanrb-59-2020)",
// with a decimal comma in an Indonesian message.
func pub0(d rubric.Decimal, r *rubric.Rubric) fmt.Stringer {
	return msg.New("%s (%s)", msg.Fixed(d, r.Precision), r.ID)
}
