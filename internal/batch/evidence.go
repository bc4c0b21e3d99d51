package batch

import (
	"fmt"
	"slices"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Evidence is what a table says of its instrument besides its ids (issue
// 19, item 2): plain ids 1..20 are all the indicators of Indeks Pemdi and
// a part of Indeks SPBE, so that a 59/2020 workbook split over two sheets
// would be scored as Indeks Pemdi by its ids alone.
type Evidence struct {
	// IDs are the table's ids, in sheet order.
	IDs []string
	// Names are the indicator names beside the ids, by id ("" for none).
	Names map[string]string
	// Year is the year of the evaluation above the table (Sheet.Year),
	// else the latest year in its title or its sheet's name
	// (Sheet.TitleYear), 0 for none, found at YearAt ("Penilaian!A1").
	Year   int
	YearAt string
	// Others are the other sheets of the workbook that hold a table.
	Others []string
	// Butir is the rubric a butir list beside the table is scored with
	// (an assessor's workbook: a sheet of values, a sheet of butir), when
	// the list's indicators, levels and codes are all of it; ButirAt the
	// list's sheet. nil for none.
	Butir   *rubric.Rubric
	ButirAt string
}

// evidenceOf is the Evidence of a long table.
func evidenceOf(sh *workbook.Sheet, others []string) Evidence {
	ev := Evidence{IDs: sh.IDs(), Year: sh.Year, Others: others, YearAt: yearAt(sh.Sheet, sh.YearCell)}
	if ev.Year == 0 {
		ev.Year, ev.YearAt = sh.TitleYear, yearAt(sh.Sheet, sh.TitleYearCell)
	}
	for _, e := range sh.Entries {
		if e.Name != "" {
			if ev.Names == nil {
				ev.Names = map[string]string{}
			}
			ev.Names[e.ID] = e.Name
		}
	}
	return ev
}

// wideEvidence is the Evidence of a wide table's header.
func wideEvidence(t *workbook.WideTable) Evidence {
	ev := Evidence{IDs: t.IDs(), Year: t.Year, YearAt: yearAt(t.Sheet, t.YearCell)}
	if ev.Year == 0 {
		ev.Year, ev.YearAt = t.TitleYear, yearAt(t.Sheet, t.TitleYearCell)
	}
	return ev
}

func yearAt(sheet, cell string) string {
	switch {
	case cell == "" && sheet != "":
		return "the sheet's name"
	case sheet == "":
		return cell
	}
	return sheet + "!" + cell
}

// vote is what one kind of evidence says: the candidates it supports and
// why, in words for stderr.
type vote struct {
	for_ []*fit
	what msg.Message
}

// votes returns what the year and the names say of the candidates, each
// kind that speaks of some of them but not all.
func (ev Evidence) votes(cands []*fit) []vote {
	var out []vote
	keep := func(v vote) {
		if len(v.for_) > 0 && len(v.for_) < len(cands) {
			out = append(out, v)
		}
	}
	if ev.Year > 0 {
		v := vote{what: msg.New("the year %d (%s)", ev.Year, ev.YearAt)}
		for _, f := range cands {
			if slices.Contains(f.c.Scorer().R.Years, ev.Year) {
				v.for_ = append(v.for_, f)
			}
		}
		keep(v)
	}
	if ev.Butir != nil {
		v := vote{what: msg.New("the butir list beside it (sheet %q)", ev.ButirAt)}
		for _, f := range cands {
			if f.c.ID == ev.Butir.ID {
				v.for_ = append(v.for_, f)
			}
		}
		keep(v)
	}
	if len(ev.Names) >= 3 {
		v := vote{}
		for _, f := range cands {
			match := 0
			for id, name := range ev.Names {
				if ind := workbook.Indicator(f.c.Scorer().R, id); ind != nil && workbook.SameName(ind.Name, name) {
					match++
				}
			}
			if match*2 >= len(ev.Names) {
				v.for_ = append(v.for_, f)
				v.what = msg.New("the indicator names (%d of %d are those of %s)", match, len(ev.Names), f.c.ID)
			}
		}
		keep(v)
	}
	return out
}

// plainIDs reports whether no id is a code.
func plainIDs(ids []string) bool {
	return !slices.ContainsFunc(ids, workbook.IsCode)
}

// decide applies the evidence to candidates that the ids alone do not
// tell apart (see ChooseBy): the one candidate every kind of evidence
// supports, with why; or an error when two kinds disagree; or nil and ""
// when nothing tells them apart.
func (ev Evidence) decide(cands []*fit) (*fit, fmt.Stringer, error) {
	votes := ev.votes(cands)
	if len(votes) == 0 {
		return nil, nil, nil
	}
	left := slices.Clone(cands)
	var why []msg.Message
	for _, v := range votes {
		left = slices.DeleteFunc(left, func(f *fit) bool { return !slices.Contains(v.for_, f) })
		why = append(why, v.what)
	}
	switch len(left) {
	case 1:
		return left[0], msg.And(why), nil
	case 0:
		var says []msg.Message
		for _, v := range votes {
			says = append(says, msg.New("%s: %s", v.what, fitNames(v.for_)))
		}
		return nil, nil, msg.Errorf("%w: its ids fit %s, and the workbook disagrees on which: %s: give --rubric",
			ErrAmbiguous, fitNames(cands), msg.List(says))
	}
	return nil, nil, nil
}

func fitNames(fs []*fit) fmt.Stringer {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.c.ID
	}
	return msg.And(names)
}

// fitting returns the fits whose rubric every id fits.
func fitting(fits []*fit) []*fit {
	var out []*fit
	for _, f := range fits {
		if f.fits() {
			out = append(out, f)
		}
	}
	return out
}

// complete decides for a table whose ids are every indicator of c's
// rubric, among the rubrics that fit (see ChooseBy, rule 2).
func (ev Evidence) complete(c *fit, fitting []*fit) (*Scorer, msg.Message, error) {
	var none msg.Message
	base := msg.New("its %d indicators match (ids %s)", c.known, c.c.idRanges(c.codes))
	if len(fitting) < 2 || !plainIDs(ev.IDs) {
		return c.c.Scorer(), base, nil
	}
	var parts []*fit
	for _, f := range fitting {
		if f != c {
			parts = append(parts, f)
		}
	}
	f, why, err := ev.decide(fitting)
	switch {
	case err != nil:
		return nil, none, err
	case f == c:
		return c.c.Scorer(), base, nil
	case f != nil:
		return f.c.Scorer(), msg.New("its ids are all the indicators of %s and %d of the %d of this rubric, chosen by %s (%d missing)",
			c.c.ID, f.known, len(f.c.keys.IDs), why, f.missing), nil
	case len(ev.Others) > 0:
		q := make([]string, len(ev.Others))
		for i, o := range ev.Others {
			q[i] = fmt.Sprintf("%q", o)
		}
		return nil, none, msg.Errorf("%w: its plain ids %s are all the indicators of %s and a part of %s, and other sheets of the "+
			"workbook hold a table (%s: the larger instrument split over sheets?); no year or indicator names tell them apart: give --rubric",
			ErrAmbiguous, c.c.idRanges(false), c.c.ID, fitNames(parts), msg.And(q))
	}
	return c.c.Scorer(), msg.New("its %d indicators match (ids %s); plain ids %s are indicators of %s too, and nothing else in the file "+
		"(kode ids, indicator names, a year) tells them apart", c.known, c.c.idRanges(c.codes), c.c.idRanges(false), fitNames(parts)), nil
}
