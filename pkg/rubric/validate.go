package rubric

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits of a valid rubric. They keep every weighted sum over a rubric
// exact in an int64: a level is at most MaxLevel in magnitude and the
// indicators' weights, each positive, add up to at most MaxWeightSum over
// the whole rubric, so any sum of level x weight is at most 100 x 10,000 =
// 10^6 in magnitude, 10^18 as an integer of units² (Decimal units of a
// level times units of a weight), below 2^63 ≈ 9.22 x 10^18.
const (
	// MaxPrecision is the most decimals an index may be published with:
	// a contribution, shown with two decimals more, still fits a Decimal.
	MaxPrecision = DecimalPlaces - 2
	// MaxLevel bounds the minimum and the maximum of every scale, in
	// magnitude.
	MaxLevel Decimal = 100 * decimalUnit
	// MaxWeightSum bounds the total, and the sum of the weights of all
	// the indicators of a rubric (and so every weight and every
	// children_weight).
	MaxWeightSum Decimal = 10_000 * decimalUnit
	// MaxIndicators is the most indicators a rubric may have.
	MaxIndicators = 10_000
)

// addWeights returns a + b, held within ±2^62 so that summing any number
// of parsed weights (each at most 10^12 units in magnitude) cannot
// overflow; a sum that large is far beyond MaxWeightSum and refused.
func addWeights(a, b Decimal) Decimal {
	const lim = Decimal(1) << 62
	return min(max(a+b, -lim), lim)
}

// field returns the value node of key in a mapping node, or the mapping
// itself when the key is absent, so that a message still has a position.
func field(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return n
}

func items(n *yaml.Node, key string) []*yaml.Node {
	if s := field(n, key); s.Kind == yaml.SequenceNode {
		return s.Content
	}
	return nil
}

// validate checks the decoded rubric against its node tree and derives the
// links and sums used by the computation.
func (v *validator) validate(r *Rubric, root *yaml.Node) {
	v.checkHeader(r, root)
	scales := v.checkScales(r, root)
	hasDomains, hasAspects := hasKey(root, "domains"), hasKey(root, "aspects")
	switch {
	case hasDomains && hasAspects:
		v.errorf(key(root, "aspects"), "a rubric has either domains or aspects directly under the index, not both")
	case !hasDomains && !hasAspects:
		v.errorf(root, "missing key \"domains\" or \"aspects\"")
	case hasDomains && len(r.Domains) == 0:
		v.errorf(field(root, "domains"), "a rubric needs at least one domain")
	case hasAspects && len(r.TopAspects) == 0:
		v.errorf(field(root, "aspects"), "a rubric needs at least one aspect")
	}
	ids := map[string]map[string]*yaml.Node{"domain": {}, "aspect": {}, "indicator": {}, "indicator code": {}}
	unique := func(kind, id string, n *yaml.Node) {
		idNode := field(n, "id")
		if id == "" {
			v.errorf(idNode, "%s id is empty", kindWord(kind))
			return
		}
		if first, dup := ids[kind][id]; dup {
			v.errorf(idNode, "duplicate %s id %q (first at line %d)", kindWord(kind), id, first.Line)
			return
		}
		ids[kind][id] = idNode
	}
	positive := func(kind, id string, w Decimal, n *yaml.Node) {
		wn := field(n, "weight")
		if w <= 0 {
			v.errorf(wn, "%s: weight %s is not positive", named(kind, id), w)
		}
		if decimalPlaces(wn.Value) > 4 {
			v.warnf(wn, "%s: weight %s has more than 4 decimals", named(kind, id), wn.Value)
		}
	}
	scaleOf := func(name string, n *yaml.Node, parent *Scale) *Scale {
		if name == "" {
			return parent
		}
		s, ok := scales[name]
		if !ok {
			v.errorf(field(n, "scale"), "unknown scale %q", name)
			return parent
		}
		return s
	}
	var first *Scale
	if len(r.Scales) > 0 {
		first = r.Scales[0]
	}
	r.byID = map[string]*Indicator{}
	r.byCode = map[string]*Indicator{}
	var indicatorSum Decimal
	// checkAspect checks an aspect, of domain d (nil without domains), and
	// its indicators, and returns its weight for the sum of its parent.
	checkAspect := func(a *Aspect, an *yaml.Node, d *Domain, ds *Scale) {
		a.Domain = d
		unique("aspect", a.ID, an)
		positive("aspect", a.ID, a.Weight, an)
		as := scaleOf(a.Scale, an, ds)
		switch len(a.Indicators) {
		case 0:
			v.errorf(field(an, "indicators"), "%s has no indicators", named("aspect", a.ID))
		case 1:
			v.warnf(field(an, "indicators"), "%s has only one indicator", named("aspect", a.ID))
		}
		indNodes := items(an, "indicators")
		a.IndicatorWeight = 0
		for ii, ind := range a.Indicators {
			in := indNodes[ii]
			ind.Aspect = a
			ind.LevelScale = scaleOf(ind.Scale, in, as)
			unique("indicator", ind.ID, in)
			positive("indicator", ind.ID, ind.Weight, in)
			if ind.Name == "" {
				v.errorf(field(in, "name"), "%s has no name", named("indicator", ind.ID))
			}
			v.checkCode(ind, in, ids["indicator code"])
			v.checkExternal(ind, in)
			a.IndicatorWeight = addWeights(a.IndicatorWeight, ind.Weight)
			sum := addWeights(indicatorSum, ind.Weight)
			if sum > MaxWeightSum && indicatorSum <= MaxWeightSum {
				v.errorf(field(in, "weight"), "%s: the indicators' weights add up to %s here; at most %s is supported", named("indicator", ind.ID), sum, MaxWeightSum)
			}
			indicatorSum = sum
			if len(r.indicators) == MaxIndicators {
				v.errorf(in, "%s: more than %d indicators are not supported", named("indicator", ind.ID), MaxIndicators)
			}
			r.indicators = append(r.indicators, ind)
			if _, dup := r.byID[ind.ID]; !dup {
				r.byID[ind.ID] = ind
			}
			if c, ok := canonicalCode(ind.Code); ok && r.byCode[c] == nil {
				r.byCode[c] = ind
			}
		}
		if d != nil {
			d.IndicatorWeight = addWeights(d.IndicatorWeight, a.IndicatorWeight)
		}
		if a.ChildrenWeight != nil && *a.ChildrenWeight > MaxWeightSum {
			v.errorf(field(an, "children_weight"), "%s: children_weight %s is more than %s, the most supported", named("aspect", a.ID), *a.ChildrenWeight, MaxWeightSum)
		}
		switch {
		case a.ChildrenWeight != nil && *a.ChildrenWeight != a.IndicatorWeight:
			v.errorf(field(an, "children_weight"), "%s: children_weight %s but its indicators' weights add up to %s", named("aspect", a.ID), *a.ChildrenWeight, a.IndicatorWeight)
		case a.ChildrenWeight != nil && *a.ChildrenWeight == a.Weight:
			v.warnf(field(an, "children_weight"), "%s: children_weight equals weight and can be left out", named("aspect", a.ID))
		case a.ChildrenWeight == nil && len(a.Indicators) > 0 && a.IndicatorWeight != a.Weight:
			v.errorf(field(an, "weight"), "%s: weight %s but its indicators' weights add up to %s (set children_weight: %s if that is intended)", named("aspect", a.ID), a.Weight, a.IndicatorWeight, a.IndicatorWeight.String())
		}
	}
	// topSum is the sum of the weights of the top groups: the domains, or
	// the aspects of a rubric without domains.
	var topSum Decimal
	topKind := "domains"
	if len(r.Domains) == 0 && len(r.TopAspects) > 0 && !hasDomains {
		topKind = "aspects"
		for ai, a := range r.TopAspects {
			topSum = addWeights(topSum, a.Weight)
			checkAspect(a, items(root, "aspects")[ai], nil, first)
		}
	}
	domNodes := items(root, "domains")
	for di, d := range r.Domains {
		dn := domNodes[di]
		unique("domain", d.ID, dn)
		positive("domain", d.ID, d.Weight, dn)
		topSum = addWeights(topSum, d.Weight)
		ds := scaleOf(d.Scale, dn, first)
		if len(d.Aspects) == 0 {
			v.errorf(field(dn, "aspects"), "%s has no aspects", named("domain", d.ID))
		}
		var aspectSum Decimal
		aspNodes := items(dn, "aspects")
		for ai, a := range d.Aspects {
			aspectSum = addWeights(aspectSum, a.Weight)
			checkAspect(a, aspNodes[ai], d, ds)
		}
		if len(d.Aspects) > 0 && aspectSum != d.Weight {
			v.errorf(field(dn, "weight"), "%s: weight %s but its aspects' weights add up to %s", named("domain", d.ID), d.Weight, aspectSum)
		}
	}
	if (len(r.Domains) > 0 || topKind == "aspects") && topSum != r.Total {
		if topKind == "aspects" {
			v.errorf(field(root, "total"), "total %s but the aspects' weights add up to %s", r.Total, topSum)
		} else {
			v.errorf(field(root, "total"), "total %s but the domains' weights add up to %s", r.Total, topSum)
		}
	}
	if topSum > MaxWeightSum {
		v.errorf(field(root, "total"), "weights add up to %s; at most %s is supported", topSum, MaxWeightSum)
	}
	v.checkBands(r, root)
}

// hasKey reports whether the mapping n has the key.
func hasKey(n *yaml.Node, k string) bool { return key(n, k) != nil }

// key returns the key node of k in the mapping n, or nil.
func key(n *yaml.Node, k string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == k {
			return n.Content[i]
		}
	}
	return nil
}

// checkCode checks an indicator's optional code: digits separated by
// points ("1.1"), unique in the rubric.
func (v *validator) checkCode(ind *Indicator, in *yaml.Node, seen map[string]*yaml.Node) {
	if !hasKey(in, "code") {
		return
	}
	cn := field(in, "code")
	if !validCode(ind.Code) {
		v.errorf(cn, "%s: code %q is not numbers separated by points, such as 1.1", named("indicator", ind.ID), ind.Code)
		return
	}
	if first, dup := seen[ind.Code]; dup {
		v.errorf(cn, "%s: duplicate code %q (first at line %d)", named("indicator", ind.ID), ind.Code, first.Line)
		return
	}
	seen[ind.Code] = cn
}

// validCode reports whether s is numbers separated by points: "1.1",
// "3.4", "12".
func validCode(s string) bool {
	if s == "" || len(s) > 24 {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" || !digits(part) {
			return false
		}
	}
	return true
}

// checkExternal checks an indicator's external source: named, with an
// assumed level on the indicator's scale.
func (v *validator) checkExternal(ind *Indicator, in *yaml.Node) {
	if ind.External == nil {
		return
	}
	en := field(in, "external")
	if strings.TrimSpace(ind.External.Source) == "" {
		v.errorf(field(en, "source"), "%s: external source is empty", named("indicator", ind.ID))
	}
	if ind.LevelScale == nil {
		return
	}
	l, ok := LevelOf(ind.External.Assume)
	err := messagef("level %s is outside the scale %s to %s", ind.External.Assume, ind.LevelScale.Min, ind.LevelScale.Max)
	if ok {
		err = ind.LevelScale.Check(l)
	}
	if err != nil {
		v.errorf(field(en, "assume"), "%s: external assume: %v", named("indicator", ind.ID), err)
	}
}

func (v *validator) checkHeader(r *Rubric, root *yaml.Node) {
	if r.ID == "" {
		v.errorf(field(root, "id"), "rubric id is empty")
	}
	if r.Name == "" {
		v.errorf(field(root, "name"), "rubric name is empty")
	}
	if r.Total <= 0 {
		v.errorf(field(root, "total"), "total %s is not positive", r.Total)
	}
	if r.Precision < 0 || r.Precision > MaxPrecision {
		v.errorf(field(root, "precision"), "precision %d is not from 0 to %d", r.Precision, MaxPrecision)
	}
	if r.Rounding != "half-up" {
		v.errorf(field(root, "rounding"), "rounding %q is not supported (want half-up)", r.Rounding)
	}
	if r.PredicateOn != "rounded" && r.PredicateOn != "exact" {
		v.errorf(field(root, "predicate_on"), "predicate_on %q: want rounded or exact", r.PredicateOn)
	}
}

func (v *validator) checkScales(r *Rubric, root *yaml.Node) map[string]*Scale {
	scales := map[string]*Scale{}
	nodes := items(root, "scales")
	if len(r.Scales) == 0 {
		v.errorf(field(root, "scales"), "a rubric needs at least one scale")
	}
	for i, s := range r.Scales {
		n := nodes[i]
		if s.ID == "" {
			v.errorf(field(n, "id"), "scale id is empty")
		} else if first, dup := scales[s.ID]; dup {
			v.errorf(field(n, "id"), "duplicate scale id %q (first at line %d)", s.ID, field(nodes[indexOf(r.Scales, first)], "id").Line)
		} else {
			scales[s.ID] = s
		}
		if s.Min >= s.Max {
			v.errorf(field(n, "max"), "%s: max %s is not above min %s", named("scale", s.ID), s.Max, s.Min)
		}
		if s.Max > MaxLevel || s.Min < -MaxLevel {
			v.errorf(field(n, "max"), "%s: levels beyond ±%s are not supported", named("scale", s.ID), MaxLevel)
		}
		if s.Integer && !s.Min.IsInteger() {
			v.errorf(field(n, "min"), "%s: min %s of an integer scale is not a whole number", named("scale", s.ID), s.Min)
		}
		if s.Integer && !s.Max.IsInteger() {
			v.errorf(field(n, "max"), "%s: max %s of an integer scale is not a whole number", named("scale", s.ID), s.Max)
		}
		ln := field(n, "levels")
		for i := 0; i+1 < len(ln.Content); i += 2 {
			k := ln.Content[i]
			lv := Decimal(0)
			if kv, err := ParseDecimal(k.Value); err == nil {
				lv = kv
			}
			if lv < s.Min || lv > s.Max {
				v.errorf(k, "%s: level %s is outside the scale %s to %s", named("scale", s.ID), k.Value, s.Min, s.Max)
			}
			if ln.Content[i+1].Value == "" {
				v.errorf(ln.Content[i+1], "%s: level %s has an empty name", named("scale", s.ID), k.Value)
			}
		}
		if s.Integer && s.Max-s.Min <= NewDecimal(100) {
			var missing []string
			for l := s.Min.Int(); l <= s.Max.Int(); l++ {
				if _, ok := s.Levels[int(l)]; !ok {
					missing = append(missing, NewDecimal(l).String())
				}
			}
			if len(missing) > 0 {
				v.errorf(ln, "%s: no name for %s %s", named("scale", s.ID), plural(len(missing)), joinAnd(missing))
			}
		}
		v.checkLevelBands(s, n)
	}
	return scales
}

// checkLevelBands requires the bands of a scale's levels (for values from
// evidence items) to be one per whole level, the levels consecutive and on
// the scale, each band rising (from below to), each starting where the one
// below ends, all inside the scale, and the scale not an integer one (a
// value inside a band is not a whole number).
func (v *validator) checkLevelBands(s *Scale, n *yaml.Node) {
	if len(s.Bands) == 0 {
		return
	}
	nodes := items(n, "bands")
	if s.Integer {
		v.errorf(field(n, "bands"), "%s: an integer scale cannot have level bands (a value inside a band is not a whole number)", named("scale", s.ID))
	}
	for i, b := range s.Bands {
		bn := nodes[i]
		lv := NewDecimal(int64(b.Level))
		switch {
		case lv < s.Min || lv > s.Max:
			v.errorf(field(bn, "level"), "%s: band of level %d: the level is outside the scale %s to %s", named("scale", s.ID), b.Level, s.Min, s.Max)
		case i > 0 && b.Level != s.Bands[i-1].Level+1:
			v.errorf(field(bn, "level"), "%s: band of level %d follows the band of level %d: want level %d (one band per level, rising)", named("scale", s.ID), b.Level, s.Bands[i-1].Level, s.Bands[i-1].Level+1)
		}
		if b.From >= b.To {
			v.errorf(field(bn, "to"), "%s: band of level %d: to %s is not above from %s", named("scale", s.ID), b.Level, b.To, b.From)
		}
		if b.From < s.Min || b.To > s.Max {
			v.errorf(field(bn, "from"), "%s: band of level %d: [%s, %s] is outside the scale %s to %s", named("scale", s.ID), b.Level, b.From, b.To, s.Min, s.Max)
		}
		if i > 0 && b.From != s.Bands[i-1].To {
			v.errorf(field(bn, "from"), "%s: band of level %d starts at %s, not where the band of level %d ends (%s)", named("scale", s.ID), b.Level, b.From, s.Bands[i-1].Level, s.Bands[i-1].To)
		}
	}
}

// checkBands requires the predicate bands to tile the range of the index
// exactly: no gap, no overlap, nothing outside the level scales.
func (v *validator) checkBands(r *Rubric, root *yaml.Node) {
	nodes := items(root, "predicates")
	if len(r.Predicates) == 0 {
		v.errorf(field(root, "predicates"), "a rubric needs at least one predicate band")
		return
	}
	if len(r.Scales) == 0 {
		return
	}
	lo, hi := r.Scales[0].Min, r.Scales[0].Max
	for _, s := range r.Scales {
		lo, hi = min(lo, s.Min), max(hi, s.Max)
	}
	order := make([]int, len(r.Predicates))
	names := map[string]*yaml.Node{}
	for i, b := range r.Predicates {
		order[i] = i
		if b.Name == "" {
			v.errorf(field(nodes[i], "name"), "predicate band has no name")
		}
		if first, dup := names[b.Name]; dup && b.Name != "" {
			v.errorf(field(nodes[i], "name"), "duplicate predicate %q (first at line %d)", b.Name, first.Line)
		} else {
			names[b.Name] = field(nodes[i], "name")
		}
		if b.From >= b.To {
			v.errorf(field(nodes[i], "to"), "%s: to %s is not above from %s", named("predicate", b.Name), b.To, b.From)
		}
	}
	v.checkAliases(r, nodes)
	sort.SliceStable(order, func(i, j int) bool { return r.Predicates[order[i]].From < r.Predicates[order[j]].From })
	for k, i := range order {
		b, n := r.Predicates[i], nodes[i]
		if k == 0 && b.From != lo {
			v.errorf(field(n, "from"), "%s: the lowest band must start at the scale minimum %s, not %s", named("predicate", b.Name), lo, b.From)
		}
		if k == len(order)-1 && b.To != hi {
			v.errorf(field(n, "to"), "%s: the highest band must end at the scale maximum %s, not %s", named("predicate", b.Name), hi, b.To)
		}
		if k > 0 {
			prev := r.Predicates[order[k-1]]
			switch {
			case b.From < prev.To:
				v.errorf(field(n, "from"), "%s overlaps %s: it starts at %s, before %s ends at %s", named("predicate", b.Name), prev.Name, b.From, prev.Name, prev.To)
			case b.From > prev.To:
				v.errorf(field(n, "from"), "%s leaves a gap: it starts at %s but %s ends at %s", named("predicate", b.Name), b.From, prev.Name, prev.To)
			}
		}
	}
}

// checkAliases requires every alias of a predicate to be a name of its own:
// not empty, and not a name, English name or alias of any band (ignoring
// case), so that BandNamed finds one band for it.
func (v *validator) checkAliases(r *Rubric, nodes []*yaml.Node) {
	taken := map[string]string{} // folded name -> the band it names
	for _, b := range r.Predicates {
		for _, n := range []string{b.Name, b.NameEN} {
			if n != "" {
				if _, ok := taken[strings.ToLower(n)]; !ok {
					taken[strings.ToLower(n)] = b.Name
				}
			}
		}
	}
	for i, b := range r.Predicates {
		an := items(nodes[i], "aliases")
		for j, a := range b.Aliases {
			n := an[j]
			f := strings.ToLower(strings.TrimSpace(a))
			switch owner, dup := taken[f]; {
			case f == "":
				v.errorf(n, "%s: alias is empty", named("predicate", b.Name))
			case dup && owner == b.Name:
				v.errorf(n, "%s: alias %q repeats a name of the same predicate", named("predicate", b.Name), a)
			case dup:
				v.errorf(n, "%s: alias %q is already a name of predicate %s", named("predicate", b.Name), a, owner)
			default:
				taken[f] = b.Name
			}
		}
	}
}

// joinAnd returns s as "a", "a and b", "a, b and c", with "and" said in
// the language of the message it is an argument of.
func joinAnd(s []string) any {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return messagef("%s and %s", strings.Join(s[:len(s)-1], ", "), s[len(s)-1])
}

func indexOf[T comparable](s []T, x T) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// named is "kind id", or kind alone when id is empty, said in the
// language of the message it is an argument of.
func named(kind, id string) error {
	if id == "" {
		return kindWord(kind)
	}
	switch kind {
	case "indicator":
		return messagef("indicator %s", id)
	case "aspect":
		return messagef("aspect %s", id)
	case "domain":
		return messagef("domain %s", id)
	case "scale":
		return messagef("scale %s", id)
	case "predicate":
		return messagef("predicate %s", id)
	}
	return fmt.Errorf("%s %s", kind, id)
}

// kindWord is the kind of an item of a rubric as a word of a message.
func kindWord(kind string) error {
	switch kind {
	case "indicator":
		return messagef("indicator")
	case "aspect":
		return messagef("aspect")
	case "domain":
		return messagef("domain")
	case "scale":
		return messagef("scale")
	case "predicate":
		return messagef("predicate")
	case "indicator code":
		return messagef("indicator code")
	}
	return errors.New(kind)
}

func plural(n int) error {
	if n == 1 {
		return messagef("level")
	}
	return messagef("levels")
}
