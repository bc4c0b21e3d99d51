package render

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// RubricTable writes a rubric as a readable tree of domains, aspects and
// indicators with their weights, then its scales and predicate bands.
// Numbers use decimal points, as in the YAML.
func RubricTable(w io.Writer, r *rubric.Rubric) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %s\n", r.ID, r.Name)
	if r.Regulation != "" {
		sb.WriteString(r.Regulation + "\n")
	}
	if len(r.Years) > 0 {
		fmt.Fprintf(&sb, "Years %s. ", Years(r.Years))
	}
	fmt.Fprintf(&sb, "Index = sum of level x weight / %s, %d decimals, rounded %s; predicate on the %s index.\n\n",
		r.Total, r.Precision, r.Rounding, r.PredicateOn)

	places := rubricWeightPlaces(r)
	head := "Domain / Aspect / Indicator"
	if len(r.Domains) == 0 {
		head = "Aspect / Indicator" // aspects directly under the index
	}
	width := len(head)
	line := func(indent int, id, name string) string { return strings.Repeat("  ", indent) + id + " " + name }
	for _, a := range r.TopAspects { // a rubric without domains
		width = max(width, utf8.RuneCountInString(line(0, a.ID, a.Name)))
		for _, ind := range a.Indicators {
			width = max(width, utf8.RuneCountInString(line(1, ind.ID, ind.Name)))
		}
	}
	for _, d := range r.Domains {
		width = max(width, utf8.RuneCountInString(line(0, d.ID, d.Name)))
		for _, a := range d.Aspects {
			width = max(width, utf8.RuneCountInString(line(1, a.ID, a.Name)))
			for _, ind := range a.Indicators {
				width = max(width, utf8.RuneCountInString(line(2, ind.ID, ind.Name)))
			}
		}
	}
	ww := max(len("Weight"), len(r.Total.Fixed(places)))
	row := func(name, weight, note string) {
		sb.WriteString(strings.TrimRight(fmt.Sprintf("%s  %*s  %s", pad(name, width), ww, weight, note), " ") + "\n")
	}
	row(head, "Weight", "Scale")
	for _, a := range r.TopAspects { // a rubric without domains
		row(line(0, a.ID, a.Name), a.Weight.Fixed(places), a.Scale)
		for _, ind := range a.Indicators {
			row(line(1, ind.ID, ind.Name), ind.Weight.Fixed(places), indicatorNote(ind))
		}
	}
	for _, d := range r.Domains {
		row(line(0, d.ID, d.Name), d.Weight.Fixed(places), d.Scale)
		for _, a := range d.Aspects {
			note := a.Scale
			if a.ChildrenWeight != nil {
				note = strings.TrimSpace(note + " (indicators add up to " + a.ChildrenWeight.Fixed(places) + ")")
			}
			row(line(1, a.ID, a.Name), a.Weight.Fixed(places), note)
			for _, ind := range a.Indicators {
				row(line(2, ind.ID, ind.Name), ind.Weight.Fixed(places), indicatorNote(ind))
			}
		}
	}
	row("Total", r.Total.Fixed(places), "")

	sb.WriteString("\nScales\n")
	for _, s := range r.Scales {
		kind := "levels"
		if s.Integer {
			kind = "whole levels"
		}
		var names []string
		var levels []int
		for l := range s.Levels {
			levels = append(levels, l)
		}
		slices.Sort(levels)
		for _, l := range levels {
			names = append(names, strconv.Itoa(l)+" "+s.Levels[l])
		}
		fmt.Fprintf(&sb, "  %s: %s %s to %s: %s\n", s.ID, kind, s.Min, s.Max, strings.Join(names, ", "))
	}
	sb.WriteString("\nPredicates\n")
	nw := 0
	for _, b := range r.Predicates {
		nw = max(nw, utf8.RuneCountInString(bandName(b)))
	}
	top := r.Predicates[0]
	for _, b := range r.Predicates {
		if b.To > top.To {
			top = b
		}
	}
	for _, b := range r.Predicates {
		to := "up to " + b.To.Fixed(r.Precision)
		if b == top {
			to = "up to and including " + b.To.Fixed(r.Precision)
		}
		fmt.Fprintf(&sb, "  %s  from %s %s\n", pad(bandName(b), nw), b.From.Fixed(r.Precision), to)
	}
	_, err := io.WriteString(NewTerminalWriter(w), sb.String())
	return err
}

func bandName(b *rubric.Band) string {
	if b.NameEN != "" {
		return b.Name + " (" + b.NameEN + ")"
	}
	return b.Name
}

// rubricWeightPlaces is the number of decimals that shows every weight of r
// exactly, at least 2.
func rubricWeightPlaces(r *rubric.Rubric) int {
	p := 2
	see := func(d rubric.Decimal) {
		if _, frac, ok := strings.Cut(d.String(), "."); ok {
			p = max(p, len(frac))
		}
	}
	for _, a := range r.TopAspects {
		see(a.Weight)
		for _, ind := range a.Indicators {
			see(ind.Weight)
		}
	}
	for _, d := range r.Domains {
		see(d.Weight)
		for _, a := range d.Aspects {
			see(a.Weight)
			for _, ind := range a.Indicators {
				see(ind.Weight)
			}
		}
	}
	return p
}

// Years writes a list of years as a range when it has no gaps
// ("2021-2025"), else as a list ("2018, 2020").
func Years(years []int) string {
	if len(years) == 0 {
		return ""
	}
	contiguous := len(years) > 1
	for i := 1; i < len(years); i++ {
		contiguous = contiguous && years[i] == years[i-1]+1
	}
	if contiguous {
		return fmt.Sprintf("%d-%d", years[0], years[len(years)-1])
	}
	var s []string
	for _, y := range years {
		s = append(s, strconv.Itoa(y))
	}
	return strings.Join(s, ", ")
}

// indicatorNote is an indicator's scale, then its code and external source
// when it has them ("pemdi, code 3.1, external: ... (assume 1)").
func indicatorNote(ind *rubric.Indicator) string {
	note := ""
	if ind.LevelScale != nil {
		note = ind.LevelScale.ID
	}
	if ind.Code != "" {
		note += ", code " + ind.Code
	}
	if e := ind.External; e != nil {
		note += ", external: " + e.Source + " (assume " + e.Assume.String() + ")"
	}
	return note
}
