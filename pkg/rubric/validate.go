package rubric

import (
	"sort"

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
	if len(r.Domains) == 0 {
		v.errorf(field(root, "domains"), "a rubric needs at least one domain")
	}
	ids := map[string]map[string]*yaml.Node{"domain": {}, "aspect": {}, "indicator": {}}
	unique := func(kind, id string, n *yaml.Node) {
		idNode := field(n, "id")
		if id == "" {
			v.errorf(idNode, "%s id is empty", kind)
			return
		}
		if first, dup := ids[kind][id]; dup {
			v.errorf(idNode, "duplicate %s id %q (first at line %d)", kind, id, first.Line)
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
	var domainSum, indicatorSum Decimal
	var levelMax Decimal
	domNodes := items(root, "domains")
	for di, d := range r.Domains {
		dn := domNodes[di]
		unique("domain", d.ID, dn)
		positive("domain", d.ID, d.Weight, dn)
		domainSum = addWeights(domainSum, d.Weight)
		ds := scaleOf(d.Scale, dn, first)
		if len(d.Aspects) == 0 {
			v.errorf(field(dn, "aspects"), "%s has no aspects", named("domain", d.ID))
		}
		var aspectSum Decimal
		aspNodes := items(dn, "aspects")
		for ai, a := range d.Aspects {
			an := aspNodes[ai]
			a.Domain = d
			unique("aspect", a.ID, an)
			positive("aspect", a.ID, a.Weight, an)
			aspectSum = addWeights(aspectSum, a.Weight)
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
				if ind.LevelScale != nil && ind.LevelScale.Max > levelMax {
					levelMax = ind.LevelScale.Max
				}
			}
			d.IndicatorWeight = addWeights(d.IndicatorWeight, a.IndicatorWeight)
			if a.ChildrenWeight != nil && *a.ChildrenWeight > MaxWeightSum {
				v.errorf(field(an, "children_weight"), "%s: children_weight %s is more than %s, the most supported", named("aspect", a.ID), *a.ChildrenWeight, MaxWeightSum)
			}
			switch {
			case a.ChildrenWeight != nil && *a.ChildrenWeight != a.IndicatorWeight:
				v.errorf(field(an, "children_weight"), "%s: children_weight %s but its indicators' weights add up to %s", named("aspect", a.ID), *a.ChildrenWeight, a.IndicatorWeight)
			case a.ChildrenWeight != nil && *a.ChildrenWeight == a.Weight:
				v.warnf(field(an, "children_weight"), "%s: children_weight equals weight and can be left out", named("aspect", a.ID))
			case a.ChildrenWeight == nil && len(a.Indicators) > 0 && a.IndicatorWeight != a.Weight:
				v.errorf(field(an, "weight"), "%s: weight %s but its indicators' weights add up to %s (set children_weight: %s if that is intended)", named("aspect", a.ID), a.Weight, a.IndicatorWeight, a.IndicatorWeight)
			}
		}
		if len(d.Aspects) > 0 && aspectSum != d.Weight {
			v.errorf(field(dn, "weight"), "%s: weight %s but its aspects' weights add up to %s", named("domain", d.ID), d.Weight, aspectSum)
		}
	}
	if len(r.Domains) > 0 && domainSum != r.Total {
		v.errorf(field(root, "total"), "total %s but the domains' weights add up to %s", r.Total, domainSum)
	}
	if domainSum > MaxWeightSum {
		v.errorf(field(root, "total"), "weights add up to %s; at most %s is supported", domainSum, MaxWeightSum)
	}
	v.checkBands(r, root)
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
				v.errorf(ln, "%s: no name for %s %s", named("scale", s.ID), plural(len(missing), "level", "levels"), joinAnd(missing))
			}
		}
	}
	return scales
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

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " and " + s[len(s)-1]
}

func indexOf[T comparable](s []T, x T) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

// named is "kind id", or kind alone when id is empty.
func named(kind, id string) string {
	if id == "" {
		return kind
	}
	return kind + " " + id
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
