// Package rubric defines an evaluation rubric of digital government (domains
// or none, aspects, indicators and their weights, the level scales and the
// predicate bands), loads it from strict YAML and validates it, reporting
// every problem with its file, line and column. The rubrics of PermenPANRB
// 8/2026 (Indeks Pemdi), 59/2020 and 5/2018 (Indeks SPBE) are embedded; see
// EmbeddedIDs and Load.
//
// Errors: Error() is English. The errors a user meets also have a method
// MessageFormat() (format string, args []any), giving their English format
// and arguments, by which a program (spbe's command line) can say them in
// another language from a catalog keyed by the format (docs/messages.md).
package rubric

import (
	"math"
	"strings"
)

// Rubric is a validated evaluation rubric. Build one with Parse, Load or
// ByID; a Rubric is read-only after that and safe for concurrent use.
type Rubric struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// IndexNameID and IndexNameEN name the index the rubric computes, in
	// Indonesian and English ("Indeks Pemdi", "Digital Government Index");
	// empty means "Indeks SPBE" and "SPBE index". See IndexName.
	IndexNameID string `yaml:"index_name,omitempty"`
	IndexNameEN string `yaml:"index_name_en,omitempty"`
	Regulation  string `yaml:"regulation,omitempty"`
	Years       []int  `yaml:"years,omitempty,flow"`
	// Total divides the sum of level x weight over all indicators to give
	// the SPBE index. It equals the sum of the domain weights.
	Total Decimal `yaml:"total"`
	// Precision is the number of decimals an index is published with.
	Precision int `yaml:"precision"`
	// Rounding is the only supported rule, "half-up", applied only when an
	// index is shown.
	Rounding string `yaml:"rounding"`
	// PredicateOn says which value the predicate is judged on: "rounded"
	// (the published index, so that the number and the word always agree)
	// or "exact".
	PredicateOn string   `yaml:"predicate_on"`
	Scales      []*Scale `yaml:"scales"`
	Predicates  []*Band  `yaml:"predicates"`
	// Domains group the aspects; a rubric has either Domains or, with no
	// domains, TopAspects (YAML "aspects") directly under the index.
	Domains    []*Domain `yaml:"domains,omitempty"`
	TopAspects []*Aspect `yaml:"aspects,omitempty"`
	indicators []*Indicator
	byID       map[string]*Indicator
	byCode     map[string]*Indicator // by canonical code (see Lookup)
	pos        map[string]Pos        // see Position
	official   *official             // see Mismatch
}

// Scale is a maturity level scale shared by a group of indicators.
type Scale struct {
	ID      string  `yaml:"id"`
	Min     Decimal `yaml:"min"`
	Max     Decimal `yaml:"max"`
	Integer bool    `yaml:"integer"`
	// Levels names each whole level of the scale ("3: Terdefinisi").
	Levels map[int]string `yaml:"levels"`
	// Bands, when set, are the values an indicator takes while it works on
	// each level from its evidence items (butir data dukung): one band per
	// whole level, rising and contiguous, inside the scale. See
	// LevelBand and Scale.BandOf.
	Bands []*LevelBand `yaml:"bands,omitempty"`
}

// LevelBand is the range of values of an indicator whose lowest level not
// yet complete is Level: with n evidence items on that level of which a
// are accepted, the value is From + (To - From) x a / n (PermenPANRB
// 8/2026 as the 2026 assessors apply it: level 1 from 1,00 to 1,50). The
// bands of a scale tile it: each starts where the one below ends, and
// an indicator whose every level is complete takes the To of the top
// band.
type LevelBand struct {
	Level int     `yaml:"level"`
	From  Decimal `yaml:"from"`
	To    Decimal `yaml:"to"`
}

// BandOf returns the band of the whole level l, or nil when the scale has
// none for it.
func (s *Scale) BandOf(l int) *LevelBand {
	for _, b := range s.Bands {
		if b.Level == l {
			return b
		}
	}
	return nil
}

// Band is a predicate band: an index in [From, To) earns Name; the highest
// band also includes To.
type Band struct {
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en,omitempty"`
	// Aliases are other names of the predicate ("Unggul" for Memuaskan),
	// accepted by BandNamed.
	Aliases []string `yaml:"aliases,omitempty,flow"`
	From    Decimal  `yaml:"from"`
	To      Decimal  `yaml:"to"`
}

// Domain is the top level of the rubric tree.
type Domain struct {
	ID      string    `yaml:"id"`
	Name    string    `yaml:"name"`
	Weight  Decimal   `yaml:"weight"`
	Scale   string    `yaml:"scale,omitempty"`
	Aspects []*Aspect `yaml:"aspects"`
	// IndicatorWeight is the sum of the weights of the indicators beneath:
	// the divisor of the domain index. Derived, not read.
	IndicatorWeight Decimal `yaml:"-"`
}

// Aspect groups indicators within a domain.
type Aspect struct {
	ID     string  `yaml:"id"`
	Name   string  `yaml:"name"`
	Weight Decimal `yaml:"weight"`
	// ChildrenWeight declares, when it is set, that the indicators' weights
	// knowingly add up to this value instead of Weight (PermenPANRB 5/2018:
	// six public-service items of 3,3 % under an aspect of 20 %). It must
	// equal the actual sum.
	ChildrenWeight *Decimal     `yaml:"children_weight,omitempty"`
	Scale          string       `yaml:"scale,omitempty"`
	Indicators     []*Indicator `yaml:"indicators"`
	// Domain is the aspect's domain, nil in a rubric without domains.
	// Derived, not read.
	Domain *Domain `yaml:"-"`
	// IndicatorWeight is the sum of the indicators' weights: the divisor
	// of the aspect index. Derived, not read.
	IndicatorWeight Decimal `yaml:"-"`
}

// Indicator is one assessed item with its weight in percent.
type Indicator struct {
	ID string `yaml:"id"`
	// Code is the assessors' code of the indicator, such as "1.1" (aspect
	// 1, indicator 1); optional, unique when given.
	Code   string  `yaml:"code,omitempty"`
	Name   string  `yaml:"name"`
	Weight Decimal `yaml:"weight"`
	Scale  string  `yaml:"scale,omitempty"`
	// External, when set, marks a value scored by another agency.
	External *External `yaml:"external,omitempty"`
	// Aspect is the aspect the indicator belongs to. Derived, not read.
	Aspect *Aspect `yaml:"-"`
	// LevelScale is the scale the indicator's level is read on: its own,
	// else its aspect's, its domain's, or the rubric's first. Derived.
	LevelScale *Scale `yaml:"-"`
}

// External says that an indicator's value comes from another agency's
// assessment, and what level the assessors assume until it arrives.
type External struct {
	// Source names the agency or assessment the value comes from.
	Source string `yaml:"source" json:"source"`
	// Assume is the level taken until the external value arrives, on the
	// indicator's scale.
	Assume Decimal `yaml:"assume" json:"assume"`
}

// IndexName returns the name of the index the rubric computes in the
// language lang ("id" or "en"): IndexNameID or IndexNameEN, by default
// "Indeks SPBE" and "SPBE index" (as the outputs have always named it).
func (r *Rubric) IndexName(lang string) string {
	if lang == "en" {
		if r.IndexNameEN != "" {
			return r.IndexNameEN
		}
		return "SPBE index"
	}
	if r.IndexNameID != "" {
		return r.IndexNameID
	}
	return "Indeks SPBE"
}

// Indicators returns every indicator in rubric order.
func (r *Rubric) Indicators() []*Indicator { return r.indicators }

// Indicator returns the indicator with the given id, or nil.
func (r *Rubric) Indicator(id string) *Indicator { return r.byID[id] }

// Aspects returns every aspect in rubric order: those of the domains, or
// the TopAspects of a rubric without domains.
func (r *Rubric) Aspects() []*Aspect {
	if len(r.Domains) == 0 {
		return r.TopAspects
	}
	var as []*Aspect
	for _, d := range r.Domains {
		as = append(as, d.Aspects...)
	}
	return as
}

// Band returns the predicate band that contains v, or nil when v is outside
// every band.
func (r *Rubric) Band(v Decimal) *Band {
	top := r.Predicates[0]
	for _, b := range r.Predicates {
		if b.To > top.To {
			top = b
		}
	}
	for _, b := range r.Predicates {
		if v >= b.From && (v < b.To || b == top && v == b.To) {
			return b
		}
	}
	return nil
}

// BandNamed returns the band whose Name, NameEN or one of its Aliases
// matches name, ignoring case and surrounding space, or nil.
func (r *Rubric) BandNamed(name string) *Band {
	name = strings.TrimSpace(name)
	for _, b := range r.Predicates {
		if strings.EqualFold(b.Name, name) || b.NameEN != "" && strings.EqualFold(b.NameEN, name) {
			return b
		}
	}
	for _, b := range r.Predicates {
		for _, a := range b.Aliases {
			if strings.EqualFold(a, name) {
				return b
			}
		}
	}
	return nil
}

// Check reports whether level is a valid level on the scale.
func (s *Scale) Check(level Level) error {
	if level.Cmp(s.Min) < 0 || level.Cmp(s.Max) > 0 {
		return messagef("level %s is outside the scale %s to %s", level, s.Min, s.Max)
	}
	if s.Integer && !level.IsInteger() {
		return messagef("level %s is not a whole number from %s to %s", level, s.Min, s.Max)
	}
	return nil
}

// LevelName returns the name of a level, or "" when it has none. On an
// integer scale only a whole level has a name; on a scale of fractional
// levels a level is named by the whole level it has reached (1.26 by the
// name of 1, 2.5 by that of 2).
func (s *Scale) LevelName(level Level) string {
	if !level.IsInteger() && s.Integer {
		return ""
	}
	f := level.Floor()
	if f < math.MinInt32 || f > math.MaxInt32 {
		return ""
	}
	return s.Levels[int(f)]
}
