package batch

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// butirRead is a butir list as the reader handed it over.
type butirRead struct {
	list *workbook.ButirList
	err  error
}

// ErrButirMissing: a butir list has no butir for indicators of the rubric
// (other than the external ones under AssumeExternal).
var ErrButirMissing = msg.Errorf("indicators without butir")

// butirError is a workbook.ErrButir with its message.
type butirError struct{ err error }

func (e *butirError) Error() string        { return e.err.Error() }
func (e *butirError) Is(target error) bool { return target == workbook.ErrButir }

// missingError is an ErrButirMissing with its message.
type missingError struct{ msg string }

func (e *missingError) Error() string        { return e.msg }
func (e *missingError) Is(target error) bool { return target == ErrButirMissing }

// butirLists scores the butir lists of an input. A list beside the one
// table of indicator values read from the same input (an assessor's
// workbook with both) does not change it: the table's values stand, and
// the indicators where the butir give another value are noted. A list
// alone becomes an evaluation whose levels are simulated from its butir.
func (in *Input) butirLists(o *Options, lists []butirRead) {
	for _, b := range lists {
		if b.err != nil {
			in.Errs = append(in.Errs, flatten(b.err)...)
			continue
		}
		in.butirList(o, b.list, len(lists))
	}
}

func (in *Input) butirList(o *Options, list *workbook.ButirList, lists int) {
	name := in.tableName(list.Sheet)
	for _, w := range list.Warnings {
		in.Warnings = append(in.Warnings, msg.Sprintf(o.Lang, "%s: warning: %s", in.Path, w))
	}
	// The table of values it stands beside: the one evaluation of a long
	// table read from the input, when there is exactly one of each.
	var table *Eval
	if lists == 1 && len(in.Evals) == 1 && !in.Wide {
		table = in.Evals[0]
	}
	var sc *Scorer
	if table != nil {
		sc = NewScorer(in.Rubrics[0])
		if o.Scorer != nil && o.Scorer.R == in.Rubrics[0] {
			sc = o.Scorer
		}
	} else {
		var note string
		var err error
		sc, note, err = o.pickButir(name, list)
		if err != nil {
			in.Errs = append(in.Errs, &workbook.Error{File: in.Path, Sheet: list.Sheet, Err: err})
			return
		}
		in.use(sc.R, note)
	}
	r := sc.R
	items, err := list.Items(r)
	if err != nil {
		in.Errs = append(in.Errs, flatten(err)...)
		return
	}
	sheet, err := butir.Score(r, items)
	if err != nil {
		for _, e := range flatten(err) {
			var el *butir.EmptyLevelsError
			if errors.As(e, &el) {
				var ls []string
				for _, l := range el.Levels {
					ls = append(ls, strconv.Itoa(l))
				}
				e = errors.New(msg.Sprintf(o.Lang, "indicator %s: no butir on level %s: a level without butir would count as complete; list its butir", el.Indicator, strings.Join(ls, ", ")))
			}
			in.Errs = append(in.Errs, &workbook.Error{File: in.Path, Sheet: list.Sheet, Err: fmt.Errorf("%w", &butirError{e})})
		}
		return
	}
	where := ""
	if list.Sheet != "" {
		where = msg.Sprintf(o.Lang, " in sheet %q", list.Sheet)
	}
	bt := &result.Butir{Source: in.Path, Sheet: list.Sheet, Scored: sheet, HasCost: list.HasCost}
	if table != nil {
		for i, ind := range r.Indicators() {
			p := sheet.Of(ind.ID)
			if p != nil && p.Rounded != table.Levels.At(i) {
				bt.Differ = append(bt.Differ, result.ButirDiff{Indicator: ind, Table: table.Levels.At(i), Butir: p.Rounded})
			}
		}
		table.butir = bt
		note := msg.Sprintf(o.Lang, "%s: a butir list%s (%d butir) stands beside the table of indicator values; the table's values stand", name, where, len(items))
		if len(bt.Differ) > 0 {
			var d []string
			for _, x := range bt.Differ {
				d = append(d, msg.Sprintf(o.Lang, "%s (table %s, butir %s)", x.Indicator.ID, label.Level(x.Table, string(o.Lang)), label.Level(x.Butir, string(o.Lang))))
			}
			note += msg.Sprintf(o.Lang, "; the butir give other values for %s %s", msg.Plural(len(d), "indicator", "indicators"), strings.Join(d, ", "))
		}
		in.Warnings = append(in.Warnings, note)
		return
	}
	// Indicators without butir: an error, but for the external ones under
	// AssumeExternal.
	var missing, assumed []string
	levels := sheet.Levels()
	for _, ind := range sheet.Missing {
		if ind.External != nil && o.AssumeExternal {
			l, _ := rubric.LevelOf(ind.External.Assume)
			levels[ind.ID] = l
			assumed = append(assumed, ind.ID)
			continue
		}
		missing = append(missing, ind.ID)
	}
	if len(missing) > 0 {
		m := msg.Sprintf(o.Lang, "no butir for %s %s", msg.Plural(len(missing), "indicator", "indicators"), strings.Join(missing, ", "))
		var ext []string
		for _, id := range missing {
			if r.Indicator(id).External != nil {
				ext = append(ext, id)
			}
		}
		if len(ext) > 0 {
			m += msg.Sprintf(o.Lang, " (%s %s scored by other agencies: --assume-external takes the rubric's assumption)", msg.Plural(len(ext), "indicator", "indicators"), strings.Join(ext, ", "))
		}
		in.Errs = append(in.Errs, &workbook.Error{File: in.Path, Sheet: list.Sheet, Err: &missingError{m}})
		return
	}
	if !o.selects(in, list.Instansi) {
		return
	}
	bt.Simulated = true
	inds := r.Indicators()
	ls := make([]rubric.Level, len(inds))
	for i, ind := range inds {
		ls[i] = levels[ind.ID]
	}
	e := NewEval(sc, ls)
	e.Assumed = assumed
	e.Source, e.Sheet, e.Instansi, e.Named = in.Path, list.Sheet, list.Instansi, list.InstansiCell != ""
	e.Category = nameCategory(e.Instansi)
	e.butir = bt
	in.Evals = append(in.Evals, e)
	status := msg.Sprintf(o.Lang, "status column %s %q", list.StatusColumn, list.StatusHeader)
	if len(list.OtherStatusColumns) > 0 {
		status = msg.Sprintf(o.Lang, "status column %s %q (also found: %s)", list.StatusColumn, list.StatusHeader, strings.Join(list.OtherStatusColumns, ", "))
	}
	note := msg.Sprintf(o.Lang, "%s: a butir list%s (%d butir, %s): the values are simulated from the butir (simulasi dari butir)", name, where, len(items), status)
	if ig := sheet.Ignored(); len(ig) > 0 {
		const most = 10 // a thousand codes would bury the message; the JSON keeps every code
		var codes []string
		for _, it := range ig[:min(len(ig), most)] {
			codes = append(codes, it.Name())
		}
		list := strings.Join(codes, ", ")
		if len(ig) > most {
			list = msg.Sprintf(o.Lang, "%s and %d more", list, len(ig)-most)
		}
		note += msg.Sprintf(o.Lang, "; %d accepted butir above an incomplete level count for nothing: %s", len(ig), list)
	}
	in.Warnings = append(in.Warnings, note)
}

// pickButir returns the Scorer a butir list is scored with: the rubric
// given, else the one embedded rubric whose scales have level bands.
func (o *Options) pickButir(name string, list *workbook.ButirList) (*Scorer, string, error) {
	if o.Rubric != nil {
		sc := o.Scorer
		if sc == nil || sc.R != o.Rubric {
			sc = NewScorer(o.Rubric)
		}
		return sc, "", nil
	}
	banded := o.banded()
	if banded == nil {
		return nil, "", msg.Errorf("%w: a butir list is scored with a rubric whose scales have level bands; give --rubric", workbook.ErrButir)
	}
	return banded, msg.Sprintf(o.Lang, "%s: rubric %s: the butir list is scored with the one embedded rubric with level bands; --rubric chooses another", name, Describe(banded.R)), nil
}

// banded is the one rubric of the choices whose scales have level bands,
// which a butir list is scored with, or nil when there is not one.
func (o *Options) banded() *Scorer {
	var banded []*Scorer
	for _, c := range o.Choices { // parses them: a butir list is rare
		if sc := c.Scorer(); slices.ContainsFunc(sc.R.Scales, func(s *rubric.Scale) bool { return len(s.Bands) > 0 }) {
			banded = append(banded, sc)
		}
	}
	if len(banded) != 1 {
		return nil
	}
	return banded[0]
}

// butirRubric is the evidence a butir list gives of the instrument of a
// table of values beside it (Evidence.Butir): the rubric the list is
// scored with (banded), when every row's indicator, level and code are
// of it; nil when they are not, or there is no such rubric.
func (o *Options) butirRubric(list *workbook.ButirList) *rubric.Rubric {
	sc := o.banded()
	if sc == nil {
		return nil
	}
	if _, err := list.Items(sc.R); err != nil {
		return nil
	}
	return sc.R
}
