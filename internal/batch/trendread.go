package batch

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/trend"
)

// TrendInputs are the inputs of spbe trend once read: the evaluations of
// evaluation workbooks (one instansi each, scored with the rubric their
// indicators choose) and the tables of published results (or exports of
// the monitoring application), as observations.
type TrendInputs struct {
	Workbooks []trend.Observation
	// Named reports, per workbook observation, whether its name came
	// from an Instansi cell (true) or from the file name.
	Named  []bool
	Tables []*Published
	// Inputs are the evaluation workbooks as read, for their notes.
	Inputs []*Input
	// Notes say where each workbook's year came from, and other choices.
	Notes []string
}

// ReadTrend reads the inputs of spbe trend, in order: a JSON file as the
// export of the monitoring application (ReadMonitoring), a workbook or CSV
// file with a header of published results as a table (ReadPublished),
// any other as an evaluation workbook (Read, with o). A workbook's year is
// the one a title or a Tahun cell above its table gives, else the one its
// file name holds; a workbook without either is refused. groupBy is
// --group-col; lang the language of the notes.
func ReadTrend(paths []string, o *Options, groupBy, lang string) (*TrendInputs, error) {
	ti := &TrendInputs{}
	// The instansi is chosen here by TrendKey ("Jawa Barat" is "Provinsi
	// Jawa Barat"), not by the reader's Key: every table is read.
	want := TrendKey(o.Instansi)
	ro := *o
	ro.Instansi = ""
	for _, path := range paths {
		if IsJSON(path) {
			p, err := ReadMonitoring(path)
			if err != nil {
				return ti, err
			}
			ti.Notes = append(ti.Notes, msg.Sprintf(label.Lang(lang), "%s: an export of the national monitoring application (a shape known from users, not from an official specification): %d records", path, len(p.Obs)))
			ti.Notes = append(ti.Notes, p.Notes...)
			ti.Tables = append(ti.Tables, p)
			continue
		}
		p, err := ReadPublished(path, o, groupBy)
		var noYear *NoYearError
		if errors.As(err, &noYear) {
			err = nil // perhaps an evaluation workbook after all
		}
		if err != nil {
			return ti, err
		}
		if p != nil {
			ti.Tables = append(ti.Tables, p)
			continue
		}
		in := Read(path, &ro)
		ti.Inputs = append(ti.Inputs, in)
		if len(in.Errs) > 0 {
			if noYear != nil {
				return ti, noYear
			}
			return ti, errors.Join(in.Errs...)
		}
		if want != "" && len(in.Evals) > 1 {
			var keep []*Eval
			for _, e := range in.Evals {
				if TrendKey(e.Instansi) == want {
					keep = append(keep, e)
				}
			}
			if len(keep) == 0 {
				var names []string
				for _, e := range in.Evals {
					names = append(names, e.Instansi)
				}
				return ti, &NotFoundError{Name: o.Instansi, Inputs: path, Count: len(names), Closest: Closest(o.Instansi, names, 3), Some: names[:min(3, len(names))]}
			}
			in.Evals = keep
		}
		switch {
		case len(in.Evals) == 0:
			return ti, msg.Errorf("%s: no evaluation was read", path)
		case len(in.Evals) > 1:
			names := make([]string, 0, 3)
			for _, e := range in.Evals[:min(3, len(in.Evals))] {
				names = append(names, fmt.Sprintf("%q", e.Instansi))
			}
			return ti, msg.Errorf("%s: %d instansi (%s, ...): a trend is of one; --instansi names it", path, len(in.Evals), strings.Join(names, ", "))
		}
		e, r := in.Evals[0], in.Rubrics[0]
		year, from := in.Year, ""
		switch {
		case year != 0:
			from = in.YearCell
			ti.Notes = append(ti.Notes, msg.Sprintf(label.Lang(lang), "%s: year %d from cell %s", path, year, in.YearCell))
		case FileYear(path) != 0:
			year, from = FileYear(path), "file name"
			ti.Notes = append(ti.Notes, msg.Sprintf(label.Lang(lang), "%s: year %d from the file name", path, year))
		default:
			return ti, msg.Errorf("%s: the year of the evaluation is not known: no title such as \"Evaluasi SPBE Tahun 2025\" or Tahun cell above the table, and no year in the file name (name it kalteng-2025.xlsx, say)", path)
		}
		if yr, err := YearRubric(year); err == nil && yr.ID != r.ID {
			ti.Notes = append(ti.Notes, msg.Sprintf(label.Lang(lang), "%s: %d is a year of %s, but its indicators choose %s; scored with %s", path, year, yr.ID, r.ID, r.ID))
		}
		full, err := e.Full(r)
		if err != nil {
			return ti, fmt.Errorf("%s: %w", path, err)
		}
		v := full.Result.Index
		ob := trend.Observation{Instansi: e.Instansi, Key: TrendKey(e.Instansi), Group: Kind(e.Instansi), Year: year, Rubric: r,
			Index: &v, Provisional: len(e.Assumed) > 0, Scored: true, Source: path, YearFrom: from}
		groups := full.Result.Domains
		if len(groups) == 0 {
			groups, ob.Aspects = full.Result.Aspects, true
		}
		for _, g := range groups {
			gv := g.Index
			ob.Parts = append(ob.Parts, &gv)
		}
		ti.Workbooks = append(ti.Workbooks, ob)
		ti.Named = append(ti.Named, e.Instansi != FileInstansi(path))
	}
	return ti, nil
}

// ComputedNote says that an observation's index is computed from its
// domain (or aspect) values, or is "" when it was given.
func ComputedNote(lang string, ob *trend.Observation) string {
	if ob.Index != nil {
		return ""
	}
	what := msg.Word("domain")
	if ob.Aspects {
		what = msg.Word("aspect")
	}
	return msg.Sprintf(label.Lang(lang), "%s: the %d index computed from the %s values with the weights of %s", ob.Source, ob.Year, what, ob.Rubric.ID)
}

// AmbiguousError is a trend of no instansi named (--instansi) among inputs
// of several.
type AmbiguousError struct {
	Names []string
}

func (e *AmbiguousError) Error() string { return e.Message().String() }

// Message is the error's message, in the language of messages (msg.Text).
func (e *AmbiguousError) Message() msg.Message {
	some := e.Names[:min(5, len(e.Names))]
	var more any = ""
	if len(e.Names) > len(some) {
		more = msg.New(" and %d more", len(e.Names)-len(some))
	}
	return msg.New("the inputs hold %d instansi (%s%s): a trend is of one; --instansi names it", len(e.Names), strings.Join(some, ", "), more)
}

// Select chooses the instansi of the trend: the one name gives (by Key),
// else the one the workbooks name in their Instansi cells, else the one
// instansi of the tables. It returns its name and its observations, the
// workbooks' and the tables' rows of it, and refuses workbooks of
// different instansi.
func (ti *TrendInputs) Select(name string) (string, []trend.Observation, error) {
	key := TrendKey(name)
	if key == "" {
		var keys, names []string
		for i, ob := range ti.Workbooks {
			if ti.Named[i] && !slices.Contains(keys, ob.Key) {
				keys, names = append(keys, ob.Key), append(names, fmt.Sprintf("%q (%s)", ob.Instansi, ob.Source))
			}
		}
		if len(keys) > 1 {
			return "", nil, msg.Errorf("the workbooks are of different instansi: %s; a trend is of one: give the workbooks of one instansi", strings.Join(names, ", "))
		}
		if len(keys) == 1 {
			key = keys[0]
		}
	}
	if key == "" {
		var keys, names []string
		for _, t := range ti.Tables {
			for _, ob := range t.Obs {
				if !slices.Contains(keys, ob.Key) {
					keys, names = append(keys, ob.Key), append(names, ob.Instansi)
				}
			}
		}
		if len(keys) > 1 {
			return "", nil, &AmbiguousError{Names: names}
		}
		if len(keys) == 1 {
			key = keys[0]
		}
	}
	// The name shown: a workbook's Instansi cell, else the table's
	// spelling, else --instansi as typed.
	var obs []trend.Observation
	shown := ""
	for i, ob := range ti.Workbooks {
		// A workbook named by its file ("Kalteng 2025") is of the trend's
		// instansi; one with an Instansi cell must be.
		if ti.Named[i] && key != "" && ob.Key != key {
			return "", nil, msg.Errorf("%s: the evaluation of %q, not of %q (--instansi): a trend is of one instansi", ob.Source, ob.Instansi, name)
		}
		if ti.Named[i] && shown == "" {
			shown = ob.Instansi
		}
		obs = append(obs, ob)
	}
	var all []string
	for _, t := range ti.Tables {
		for _, ob := range t.Obs {
			if ob.Key == key {
				obs = append(obs, ob)
				if shown == "" {
					shown = ob.Instansi
				}
			}
			all = append(all, ob.Instansi)
		}
	}
	if key != "" && len(all) > 0 && !slices.ContainsFunc(obs, func(o trend.Observation) bool { return o.Key == key }) && len(ti.Workbooks) == 0 {
		return "", nil, &NotFoundError{Name: name, Inputs: "the tables", Count: len(uniq(all)), Closest: Closest(name, uniq(all), 3), Some: uniq(all)[:min(3, len(uniq(all)))]}
	}
	switch {
	case shown != "":
	case name != "":
		shown = name
	case len(obs) > 0:
		shown = obs[0].Instansi
	}
	return shown, obs, nil
}

func uniq(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
