package textout

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// RubricTable writes a rubric as a readable tree of domains, aspects and
// indicators with their weights, then its scales and predicate bands, in
// the words and with the decimal separator of o.Lang.
func RubricTable(w io.Writer, r *rubric.Rubric, o Options) error {
	lang := o.Lang
	word := func(key string) string { return label.Rubric.Get(lang, key) }
	// orWord is the word for a YAML value ("half-up"), or the value itself.
	orWord := func(key, value string) string {
		if w, ok := label.Rubric[lang][key+value]; ok {
			return w
		}
		return value
	}
	num := func(d rubric.Decimal, places int) string { return label.Number(d, places, lang) }
	dec := func(d rubric.Decimal) string { // as written, with the language's separator
		s := d.String()
		if lang != "en" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s: %s\n", r.ID, r.Name)
	if r.Regulation != "" {
		sb.WriteString(r.Regulation + "\n")
	}
	if len(r.Years) > 0 {
		fmt.Fprintf(&sb, word("years"), Years(r.Years))
	}
	fmt.Fprintf(&sb, word("formula")+"\n\n", dec(r.Total), r.Precision, orWord("round:", r.Rounding), orWord("on:", r.PredicateOn))

	places := rubricWeightPlaces(r)
	head := word("group")
	if len(r.Domains) == 0 {
		head = word("group:aspects") // aspects directly under the index
	}
	width := utf8.RuneCountInString(head)
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
	ww := max(utf8.RuneCountInString(word("weight")), len(r.Total.Fixed(places)))
	row := func(name, weight, note string) {
		sb.WriteString(strings.TrimRight(fmt.Sprintf("%s  %*s  %s", pad(name, width), ww, weight, note), " ") + "\n")
	}
	note := func(ind *rubric.Indicator) string { return indicatorNote(ind, lang) }
	row(head, word("weight"), word("scale"))
	for _, a := range r.TopAspects { // a rubric without domains
		row(line(0, a.ID, a.Name), num(a.Weight, places), a.Scale)
		for _, ind := range a.Indicators {
			row(line(1, ind.ID, ind.Name), num(ind.Weight, places), note(ind))
		}
	}
	for _, d := range r.Domains {
		row(line(0, d.ID, d.Name), num(d.Weight, places), d.Scale)
		for _, a := range d.Aspects {
			n := a.Scale
			if a.ChildrenWeight != nil {
				n = strings.TrimSpace(n + " (" + fmt.Sprintf(word("children"), num(*a.ChildrenWeight, places)) + ")")
			}
			row(line(1, a.ID, a.Name), num(a.Weight, places), n)
			for _, ind := range a.Indicators {
				row(line(2, ind.ID, ind.Name), num(ind.Weight, places), note(ind))
			}
		}
	}
	row(word("total"), num(r.Total, places), "")

	sb.WriteString("\n" + word("scales") + "\n")
	for _, s := range r.Scales {
		kind := word("levels")
		if s.Integer {
			kind = word("whole")
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
		fmt.Fprintf(&sb, "  %s: %s %s: %s\n", s.ID, kind, fmt.Sprintf(word("range"), dec(s.Min), dec(s.Max)), strings.Join(names, ", "))
		if len(s.Bands) > 0 {
			var bands []string
			for _, b := range s.Bands {
				bands = append(bands, fmt.Sprintf("L%d [%s; %s]", b.Level, dec(b.From), dec(b.To)))
			}
			fmt.Fprintf(&sb, "    %s: %s\n", label.Butir.Get(lang, "bands"), strings.Join(bands, ", "))
		}
	}
	sb.WriteString("\n" + word("predicates") + "\n")
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
		band := word("band")
		if b == top {
			band = word("top")
		}
		fmt.Fprintf(&sb, "  %s  %s\n", pad(bandName(b), nw), fmt.Sprintf(band, num(b.From, r.Precision), num(b.To, r.Precision)))
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
func indicatorNote(ind *rubric.Indicator, lang string) string {
	note := ""
	if ind.LevelScale != nil {
		note = ind.LevelScale.ID
	}
	if ind.Code != "" {
		note += ", " + fmt.Sprintf(label.Rubric.Get(lang, "code"), ind.Code)
	}
	if e := ind.External; e != nil {
		assume := e.Assume.String()
		if lang != "en" {
			assume = strings.Replace(assume, ".", ",", 1)
		}
		note += ", " + fmt.Sprintf(label.Rubric.Get(lang, "external"), e.Source, assume)
	}
	return note
}
