package rubric

import (
	"fmt"
	"slices"
	"strings"
)

// ChangeKind says whether an item was added, removed or changed.
type ChangeKind string

// The kinds of change of an item between two rubrics.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is an old and a new value of one property.
type Change[T any] struct {
	Old T `json:"old"`
	New T `json:"new"`
}

func change[T comparable](old, new T) *Change[T] {
	if old == new {
		return nil
	}
	return &Change[T]{Old: old, New: new}
}

// Changes is what differs between two rubrics, matching domains, aspects,
// indicators and scales by id and predicate bands by name. Each list holds
// only what changed: first the items of the new rubric in its order, then
// the removed ones in the order of the old rubric. A nil list is empty.
type Changes struct {
	Old RubricRef `json:"old"`
	New RubricRef `json:"new"`
	// Fields are the rubric-wide settings that changed: id, name,
	// index_name, index_name_en, regulation, years, total, precision,
	// rounding and predicate_on.
	Fields     []FieldChange `json:"fields"`
	Scales     []ScaleChange `json:"scales"`
	Predicates []BandChange  `json:"predicates"`
	Domains    []ItemChange  `json:"domains"`
	Aspects    []ItemChange  `json:"aspects"`
	Indicators []ItemChange  `json:"indicators"`
	// Unpaired is set when the rubrics compute indices of different names
	// (IndexName: Indeks SPBE and Indeks Pemdi) from different sets of
	// indicator ids: different instruments, whose domains, aspects and
	// indicators are not matched by id (indicator 1 of one has nothing to
	// do with indicator 1 of the other), so that every one is removed or
	// added. A rubric that only renames its index is still paired.
	Unpaired bool `json:"unpaired,omitempty"`
}

// RubricRef names a compared rubric and fingerprints its canonical form.
type RubricRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// FieldChange is a rubric-wide setting that changed. Field is its YAML key;
// Old and New hold a string, an int ("precision"), a Decimal ("total") or
// a []int ("years").
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// ScaleChange is a level scale added, removed or changed.
type ScaleChange struct {
	ID     string     `json:"id"`
	Change ChangeKind `json:"change"`
	// Min, Max and Integer are the scale's values in the new rubric (in
	// the old one when it was removed).
	Min     Decimal `json:"min"`
	Max     Decimal `json:"max"`
	Integer bool    `json:"integer"`
	// The changes of a scale present in both rubrics.
	MinChange     *Change[Decimal] `json:"min_change,omitempty"`
	MaxChange     *Change[Decimal] `json:"max_change,omitempty"`
	IntegerChange *Change[bool]    `json:"integer_change,omitempty"`
	Levels        []LevelChange    `json:"levels,omitempty"`
	// BandsChange is the scale's level bands, written "1 [1, 1.5], 2 [1.5,
	// 2.5]" ("" for none), when they changed.
	BandsChange *Change[string] `json:"bands_change,omitempty"`
}

// LevelChange is a level whose name changed; Old is "" when the level had
// no name and New is "" when it has none now.
type LevelChange struct {
	Level int    `json:"level"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// BandChange is a predicate band added, removed or changed, matched by
// Name.
type BandChange struct {
	Name   string     `json:"name"`
	Change ChangeKind `json:"change"`
	// From and To are the band's bounds in the new rubric (in the old one
	// when it was removed).
	From         Decimal          `json:"from"`
	To           Decimal          `json:"to"`
	FromChange   *Change[Decimal] `json:"from_change,omitempty"`
	ToChange     *Change[Decimal] `json:"to_change,omitempty"`
	NameENChange *Change[string]  `json:"name_en_change,omitempty"`
	// AliasesChange holds the aliases, joined by ", ".
	AliasesChange *Change[string] `json:"aliases_change,omitempty"`
}

// ItemChange is a domain, aspect or indicator added, removed or changed.
type ItemChange struct {
	ID     string     `json:"id"`
	Change ChangeKind `json:"change"`
	// Name, Parent and Weight are the item's values in the new rubric (in
	// the old one when it was removed). Parent is the id of the domain of
	// an aspect or of the aspect of an indicator; "" for a domain.
	Name   string  `json:"name"`
	Parent string  `json:"parent,omitempty"`
	Weight Decimal `json:"weight"`
	// The changes of an item present in both rubrics.
	Renamed    *Change[string]  `json:"renamed,omitempty"`
	Moved      *Change[string]  `json:"moved,omitempty"` // to another domain or aspect: parent ids
	Reweighted *Change[Decimal] `json:"reweighted,omitempty"`
	// Rescaled is the scale declared by a domain or aspect ("" when it
	// inherits one), and for an indicator the scale its level is read on.
	Rescaled *Change[string] `json:"rescaled,omitempty"`
	// ChildrenWeight is an aspect's declared children_weight; nil stands
	// for none.
	ChildrenWeight *Change[*Decimal] `json:"children_weight_change,omitempty"`
	// Recoded is an indicator's code ("" for none), and External its
	// external source (the zero External for none).
	Recoded  *Change[string]   `json:"code_change,omitempty"`
	External *Change[External] `json:"external_change,omitempty"`
}

// Len returns the number of changed things, 0 when the rubrics mean the
// same.
func (c *Changes) Len() int {
	return len(c.Fields) + len(c.Scales) + len(c.Predicates) + len(c.Domains) + len(c.Aspects) + len(c.Indicators)
}

// Diff returns what changed from old to new.
func Diff(old, new *Rubric) *Changes {
	c := &Changes{
		Old: RubricRef{ID: old.ID, Name: old.Name, SHA256: old.SHA256()},
		New: RubricRef{ID: new.ID, Name: new.Name, SHA256: new.SHA256()},
	}
	field := func(name string, o, n any) {
		c.Fields = append(c.Fields, FieldChange{Field: name, Old: o, New: n})
	}
	for _, f := range []struct {
		name string
		o, n any
	}{
		{"id", old.ID, new.ID},
		{"name", old.Name, new.Name},
		{"index_name", old.IndexName("id"), new.IndexName("id")},
		{"index_name_en", old.IndexName("en"), new.IndexName("en")},
		{"regulation", old.Regulation, new.Regulation},
		{"total", old.Total, new.Total},
		{"precision", old.Precision, new.Precision},
		{"rounding", old.Rounding, new.Rounding},
		{"predicate_on", old.PredicateOn, new.PredicateOn},
	} {
		if f.o != f.n {
			field(f.name, f.o, f.n)
		}
	}
	if !slices.Equal(old.Years, new.Years) {
		field("years", old.Years, new.Years)
	}
	// Keep the fields in the order of the YAML keys.
	order := []string{"id", "name", "index_name", "index_name_en", "regulation", "years", "total", "precision", "rounding", "predicate_on"}
	slices.SortStableFunc(c.Fields, func(a, b FieldChange) int {
		return slices.Index(order, a.Field) - slices.Index(order, b.Field)
	})

	c.Scales = diffScales(old.Scales, new.Scales)
	c.Predicates = diffBands(old.Predicates, new.Predicates)

	c.Unpaired = old.IndexName("id") != new.IndexName("id") && !sameIDs(old.Indicators(), new.Indicators())
	pair := !c.Unpaired
	c.Domains = diffItems(pair, old.Domains, new.Domains, func(d *Domain) item {
		return item{id: d.ID, name: d.Name, weight: d.Weight, scale: d.Scale}
	})
	c.Aspects = diffItems(pair, old.Aspects(), new.Aspects(), func(a *Aspect) item {
		parent := ""
		if a.Domain != nil {
			parent = a.Domain.ID
		}
		return item{id: a.ID, name: a.Name, parent: parent, weight: a.Weight, scale: a.Scale, childrenWeight: a.ChildrenWeight}
	})
	c.Indicators = diffItems(pair, old.Indicators(), new.Indicators(), func(i *Indicator) item {
		scale := ""
		if i.LevelScale != nil {
			scale = i.LevelScale.ID
		}
		it := item{id: i.ID, name: i.Name, parent: i.Aspect.ID, weight: i.Weight, scale: scale, code: i.Code}
		if i.External != nil {
			it.external = *i.External
		}
		return it
	})
	return c
}

// sameIDs reports whether two lists of indicators have the same set of ids.
func sameIDs(a, b []*Indicator) bool {
	ids := map[string]bool{}
	for _, ind := range a {
		ids[ind.ID] = true
	}
	other := map[string]bool{}
	for _, ind := range b {
		if !ids[ind.ID] {
			return false
		}
		other[ind.ID] = true
	}
	return len(other) == len(ids)
}

// item is what Diff compares of a domain, aspect or indicator.
type item struct {
	id, name, parent string
	weight           Decimal
	scale            string
	childrenWeight   *Decimal
	code             string   // an indicator's code
	external         External // an indicator's external source, zero for none
}

func diffItems[T any](pair bool, old, new []T, get func(T) item) []ItemChange {
	byID := map[string]item{}
	for _, o := range old {
		if !pair {
			break
		}
		it := get(o)
		if _, dup := byID[it.id]; !dup {
			byID[it.id] = it
		}
	}
	var out []ItemChange
	seen := map[string]bool{}
	for _, n := range new {
		it := get(n)
		if seen[it.id] {
			continue
		}
		seen[it.id] = true
		ch := ItemChange{ID: it.id, Name: it.name, Parent: it.parent, Weight: it.weight}
		o, ok := byID[it.id]
		if !ok {
			ch.Change = Added
			out = append(out, ch)
			continue
		}
		ch.Change = Changed
		ch.Renamed = change(o.name, it.name)
		ch.Moved = change(o.parent, it.parent)
		ch.Reweighted = change(o.weight, it.weight)
		ch.Rescaled = change(o.scale, it.scale)
		if !equalPtr(o.childrenWeight, it.childrenWeight) {
			ch.ChildrenWeight = &Change[*Decimal]{Old: o.childrenWeight, New: it.childrenWeight}
		}
		ch.Recoded = change(o.code, it.code)
		ch.External = change(o.external, it.external)
		if ch.Renamed != nil || ch.Moved != nil || ch.Reweighted != nil || ch.Rescaled != nil || ch.ChildrenWeight != nil || ch.Recoded != nil || ch.External != nil {
			out = append(out, ch)
		}
	}
	seenOld := map[string]bool{}
	for _, o := range old {
		it := get(o)
		if pair && seen[it.id] || seenOld[it.id] {
			continue
		}
		seenOld[it.id] = true
		out = append(out, ItemChange{ID: it.id, Change: Removed, Name: it.name, Parent: it.parent, Weight: it.weight})
	}
	return out
}

func equalPtr[T comparable](a, b *T) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func diffScales(old, new []*Scale) []ScaleChange {
	byID := map[string]*Scale{}
	for _, s := range old {
		if _, dup := byID[s.ID]; !dup {
			byID[s.ID] = s
		}
	}
	var out []ScaleChange
	seen := map[string]bool{}
	for _, n := range new {
		if seen[n.ID] {
			continue
		}
		seen[n.ID] = true
		ch := ScaleChange{ID: n.ID, Min: n.Min, Max: n.Max, Integer: n.Integer}
		o, ok := byID[n.ID]
		if !ok {
			ch.Change = Added
			out = append(out, ch)
			continue
		}
		ch.Change = Changed
		ch.MinChange = change(o.Min, n.Min)
		ch.MaxChange = change(o.Max, n.Max)
		ch.IntegerChange = change(o.Integer, n.Integer)
		var levels []int
		for l := range o.Levels {
			levels = append(levels, l)
		}
		for l := range n.Levels {
			if _, ok := o.Levels[l]; !ok {
				levels = append(levels, l)
			}
		}
		slices.Sort(levels)
		for _, l := range levels {
			if o.Levels[l] != n.Levels[l] {
				ch.Levels = append(ch.Levels, LevelChange{Level: l, Old: o.Levels[l], New: n.Levels[l]})
			}
		}
		ch.BandsChange = change(levelBandsString(o), levelBandsString(n))
		if ch.MinChange != nil || ch.MaxChange != nil || ch.IntegerChange != nil || ch.Levels != nil || ch.BandsChange != nil {
			out = append(out, ch)
		}
	}
	for _, o := range old {
		if !seen[o.ID] {
			seen[o.ID] = true
			out = append(out, ScaleChange{ID: o.ID, Change: Removed, Min: o.Min, Max: o.Max, Integer: o.Integer})
		}
	}
	return out
}

func diffBands(old, new []*Band) []BandChange {
	byName := map[string]*Band{}
	for _, b := range old {
		if _, dup := byName[b.Name]; !dup {
			byName[b.Name] = b
		}
	}
	var out []BandChange
	seen := map[string]bool{}
	for _, n := range new {
		if seen[n.Name] {
			continue
		}
		seen[n.Name] = true
		ch := BandChange{Name: n.Name, From: n.From, To: n.To}
		o, ok := byName[n.Name]
		if !ok {
			ch.Change = Added
			out = append(out, ch)
			continue
		}
		ch.Change = Changed
		ch.FromChange = change(o.From, n.From)
		ch.ToChange = change(o.To, n.To)
		ch.NameENChange = change(o.NameEN, n.NameEN)
		ch.AliasesChange = change(strings.Join(o.Aliases, ", "), strings.Join(n.Aliases, ", "))
		if ch.FromChange != nil || ch.ToChange != nil || ch.NameENChange != nil || ch.AliasesChange != nil {
			out = append(out, ch)
		}
	}
	for _, o := range old {
		if !seen[o.Name] {
			seen[o.Name] = true
			out = append(out, BandChange{Name: o.Name, Change: Removed, From: o.From, To: o.To})
		}
	}
	return out
}

// levelBandsString writes the level bands of a scale: "1 [1, 1.5], 2 [1.5, 2.5]".
func levelBandsString(s *Scale) string {
	var parts []string
	for _, b := range s.Bands {
		parts = append(parts, fmt.Sprintf("%d [%s, %s]", b.Level, b.From, b.To))
	}
	return strings.Join(parts, ", ")
}
