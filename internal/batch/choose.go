package batch

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ErrAmbiguous: the ids of a table fit several rubrics equally well, or
// none, so that no rubric is chosen for it; --rubric chooses one.
var ErrAmbiguous = msg.Errorf("no rubric chosen")

// A Choice is a rubric that a table's rubric may be chosen among. Choosing
// needs only the ids and codes of its indicators, which EmbeddedChoices
// knows without parsing the embedded rubrics: a run parses the one chosen.
type Choice struct {
	ID    string
	keys  *rubric.Keys
	codes bool // some indicator has a code
	sc    func() *Scorer
}

// NewChoice is the choice of the rubric of sc.
func NewChoice(sc *Scorer) *Choice {
	return &Choice{ID: sc.R.ID, keys: sc.R.Keys(), codes: workbook.HasCodes(sc.R), sc: func() *Scorer { return sc }}
}

// Scorer returns the Scorer of the choice's rubric, parsing it on first
// use for an embedded one.
func (c *Choice) Scorer() *Scorer { return c.sc() }

// EmbeddedChoices are the embedded rubrics, in the order
// rubric.EmbeddedIDs lists them, from the ids and codes in embeddedKeys;
// each is parsed (rubric.ByID) only when its Scorer is asked for.
func EmbeddedChoices() []*Choice {
	var cs []*Choice
	for _, id := range rubric.EmbeddedIDs() {
		table, ok := embeddedKeys[id]
		if !ok {
			// Not in the table (TestEmbeddedKeys fails): parse it.
			r, err := rubric.ByID(id)
			if err != nil {
				continue
			}
			cs = append(cs, NewChoice(NewScorer(r)))
			continue
		}
		ids, codes := make([]string, len(table)), make([]string, len(table))
		for i, k := range table {
			ids[i], codes[i] = k[0], k[1]
		}
		c := &Choice{ID: id, keys: rubric.NewKeys(ids, codes), codes: slices.ContainsFunc(codes, func(c string) bool { return c != "" })}
		c.sc = sync.OnceValue(func() *Scorer {
			r, err := rubric.ByID(id)
			if err != nil {
				panic(fmt.Sprintf("embedded rubric %s: %v", id, err)) // TestEmbeddedKeys parses each
			}
			return NewScorer(r)
		})
		cs = append(cs, c)
	}
	return cs
}

// indicator returns the position of the indicator that id names (as
// workbook.Indicator finds it: rubric.Lookup), or -1.
func (c *Choice) indicator(id string) int {
	i, err := c.keys.Lookup(id)
	if err != nil {
		return -1
	}
	return i
}

// fit is how the ids of one table fit a rubric.
type fit struct {
	c       *Choice
	known   int  // indicators of the rubric the table names
	unknown int  // ids that name none of its indicators
	missing int  // indicators of the rubric the table does not name
	codes   bool // the table names them by code ("1.1") rather than by id
}

// fits reports whether every id of the table names an indicator of the
// rubric, and at least one does.
func (f *fit) fits() bool { return f.known > 0 && f.unknown == 0 }

// complete reports whether the table names every indicator of the rubric
// and nothing else.
func (f *fit) complete() bool { return f.fits() && f.missing == 0 }

// fitOf measures how ids fit the rubric of c. A code ("1.1") under a
// rubric without codes is a heading, not an id (see workbook.Indicator).
func fitOf(c *Choice, ids []string) *fit {
	f := &fit{c: c}
	n := 0
	seen := make(map[int]bool, len(ids))
	for _, id := range ids {
		isCode := workbook.IsCode(id)
		if isCode {
			n++
		}
		switch i := c.indicator(id); {
		case i >= 0:
			if !seen[i] {
				seen[i] = true
				f.known++
			}
		case !isCode || c.codes:
			f.unknown++
		}
	}
	f.missing = len(c.keys.IDs) - f.known
	f.codes = c.codes && n*2 > len(ids)
	return f
}

// Choose is ChooseBy with the ids alone.
func Choose(choices []*Choice, ids []string) (*Scorer, string, error) {
	return ChooseBy(choices, Evidence{IDs: ids})
}

// ChooseBy chooses the rubric a table is scored with from its ids (as the
// reader gives them, sheet order) and the other evidence of its
// instrument, among choices (the embedded rubrics, in the order they are
// listed). It returns the rubric's Scorer and why it was chosen, for
// stderr; or an error wrapping ErrAmbiguous. The rule:
//
//  1. a rubric fits when every id of the table names one of its
//     indicators (a code such as "3.2" names one only in a rubric with
//     codes; elsewhere it is a heading) and at least one does;
//  2. a fitting rubric whose every indicator is in the table is chosen:
//     "its 20 indicators match (ids 1.1..7.2)"; unless the ids are plain
//     (no kode) and another rubric fits too (ids 1..20 are all of
//     Indeks Pemdi and a part of Indeks SPBE). Then the evidence decides:
//     the year above the table (in a rubric's Years), the indicator
//     names beside the ids (half or more equal to a rubric's), and a
//     butir list beside the table in the workbook (Evidence.Butir: the
//     rubric it is scored with, when its rows are all of it). The
//     rubric every kind of evidence supports is chosen, even the one the
//     table is a part of (its missing indicators are then reported);
//     when two kinds support different rubrics, none is (ErrAmbiguous,
//     naming what each says). Without evidence, the complete one is
//     chosen and stderr says that nothing told them apart, unless other
//     sheets hold a table too: the workbook may be the larger
//     instrument split over sheets, and none is chosen;
//  3. else, when exactly one rubric fits, it is chosen (and the missing
//     indicators are reported as such);
//  4. else, when several fit (a table of ids 1..10 is a part of every
//     form), the evidence decides as in 2; without it none is chosen;
//  5. else, when none fits, the one with the fewest ids that are not its
//     indicators, then the fewest missing, is chosen (and those ids are
//     reported as unknown); a tie is not decided either.
//
// Evidence other than the ids is weighed only when the ids fit several
// rubrics: only then are those rubrics parsed (for their years and names).
func ChooseBy(choices []*Choice, ev Evidence) (*Scorer, string, error) {
	sc, why, err := chooseBy(choices, ev)
	return sc, why.String(), err
}

// chooseBy is ChooseBy with the reason to be said in the language of the
// notes.
func chooseBy(choices []*Choice, ev Evidence) (*Scorer, msg.Message, error) {
	var none msg.Message
	ids := ev.IDs
	fits := make([]*fit, len(choices))
	for i, sc := range choices {
		fits[i] = fitOf(sc, ids)
	}
	cands := fitting(fits)
	for _, f := range fits {
		if f.complete() {
			return ev.complete(f, cands)
		}
	}
	switch len(cands) {
	case 1:
		f := cands[0]
		return f.c.Scorer(), msg.New("its ids are indicators of this rubric alone (%d of its %d; %d missing)",
			f.known, len(f.c.keys.IDs), f.missing), nil
	case 0:
	default:
		f, why, err := ev.decide(cands)
		if err != nil {
			return nil, none, err
		}
		if f != nil {
			return f.c.Scorer(), msg.New("its ids are indicators of %s, this one chosen by %s (%d of its %d; %d missing)",
				fitNames(cands), why, f.known, len(f.c.keys.IDs), f.missing), nil
		}
		var names []string
		for _, f := range cands {
			names = append(names, fmt.Sprintf("%s (%d of %d)", f.c.ID, f.known, len(f.c.keys.IDs)))
		}
		return nil, none, msg.Errorf("%w: its %d indicator ids are in %s, and complete none of them: give --rubric",
			ErrAmbiguous, len(distinct(ids)), msg.And(names))
	}
	var best *fit
	tie := false
	for _, f := range fits {
		if f.known == 0 {
			continue
		}
		switch {
		case best == nil || f.unknown < best.unknown || f.unknown == best.unknown && f.missing < best.missing:
			best, tie = f, false
		case f.unknown == best.unknown && f.missing == best.missing:
			tie = true
		}
	}
	if best == nil {
		return nil, none, msg.Errorf("%w: its ids name no indicator of %s: give --rubric", ErrAmbiguous, msg.And(choiceIDs(choices)))
	}
	if tie {
		return nil, none, msg.Errorf("%w: its ids fit no rubric, and %s fits no better than another: give --rubric", ErrAmbiguous, best.c.ID)
	}
	return best.c.Scorer(), msg.New("the closest (%d of its %d indicators; %d %s none of them)",
		best.known, len(best.c.keys.IDs), best.unknown, msg.Plural(best.unknown, "id is", "ids are")), nil
}

// hintFor returns advice for a table read under the rubric given, sc,
// whose ids are those of another of the choices in full: "this looks like
// a workbook for ...: try --rubric ...", or "".
func hintFor(sc *Scorer, choices []*Choice, ids []string, lang label.Lang) string {
	if fitOf(NewChoice(sc), ids).complete() {
		return ""
	}
	for _, c := range choices {
		if c.ID != sc.R.ID && fitOf(c, ids).complete() {
			other := c.Scorer().R
			return msg.Sprintf(lang, "this looks like a workbook for %s, not %s: all its %d indicators are there; try --rubric %s, or leave --rubric out to choose by the indicators",
				other.Name, sc.R.Name, len(other.Indicators()), c.ID)
		}
	}
	return ""
}

// Describe names a rubric for the notes: its id, then the index it
// computes and the regulation in parentheses, "permenpanrb-8-2026 (Indeks
// Pemdi, PermenPANRB 8/2026)".
func Describe(r *rubric.Rubric) string {
	reg := r.Name
	if i := strings.LastIndex(reg, "("); i >= 0 && strings.HasSuffix(reg, ")") {
		reg = reg[i+1 : len(reg)-1]
	}
	return fmt.Sprintf("%s (%s, %s)", r.ID, r.IndexName("id"), reg)
}

// idRanges writes the ids (or codes) of c's indicators in rubric order as
// ranges: "1..47", "1..34, 35a..35c", "1.1..7.2".
func (c *Choice) idRanges(codes bool) string {
	var labels []string
	for i, l := range c.keys.IDs {
		if codes && c.keys.Codes[i] != "" {
			l = c.keys.Codes[i]
		}
		labels = append(labels, l)
	}
	var parts []string
	for i := 0; i < len(labels); {
		j := i
		for j+1 < len(labels) && follows(labels[j], labels[j+1]) {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, labels[i])
		case j == i+1:
			parts = append(parts, labels[i], labels[j])
		default:
			parts = append(parts, labels[i]+".."+labels[j])
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// follows reports whether id b comes right after a: 7 after 6, 35b after
// 35a, 1.2 after 1.1 and 2.1 after 1.4.
func follows(a, b string) bool {
	if x, err := strconv.Atoi(a); err == nil {
		y, err := strconv.Atoi(b)
		return err == nil && y == x+1
	}
	if ap, as, ok := strings.Cut(a, "."); ok {
		bp, bs, ok := strings.Cut(b, ".")
		x, _ := strconv.Atoi(as)
		y, _ := strconv.Atoi(bs)
		ax, _ := strconv.Atoi(ap)
		bx, _ := strconv.Atoi(bp)
		return ok && (ap == bp && y == x+1 || bx == ax+1 && y == 1)
	}
	n := len(a) - 1
	return len(a) == len(b) && n > 0 && a[:n] == b[:n] && b[n] == a[n]+1
}

func distinct(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func choiceIDs(cs []*Choice) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}
