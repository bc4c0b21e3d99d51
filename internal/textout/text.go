package textout

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ANSI styles used only when Options.Color is set.
const (
	bold  = "\x1b[1m"
	reset = "\x1b[0m"
)

var bandColor = []string{"\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[32m", "\x1b[1;32m"}

// Text writes a readable report of each evaluation: the index and its
// predicate, then domains with their aspects (and indicators with Detail).
func Text(w io.Writer, evals []*result.Evaluation, o Options) error {
	var buf strings.Builder
	sb := NewTerminalWriter(&buf)
	for i, e := range evals {
		if i > 0 {
			sb.WriteString("\n")
		}
		writeText(sb, e, o)
	}
	_, err := io.WriteString(w, buf.String())
	return err
}

// writeText writes one evaluation to sb; what comes from the inputs is
// escaped there, and only the styles are written around it.
func writeText(sb *TerminalWriter, e *result.Evaluation, o Options) {
	r := e.Result
	rb := r.Rubric
	lang, p := o.Lang, rb.Precision
	style := func(code, s string) {
		if o.Color {
			sb.raw(code)
		}
		sb.WriteString(s)
		if o.Color {
			sb.raw(reset)
		}
	}
	n := func(d rubric.Decimal, places int) string { return label.Number(d, places, lang) }
	v := func(x index.Value) string { return n(x.Round(p), p) }

	src := e.Source
	if e.Sheet != "" {
		src += ", " + label.Text.Get(lang, "sheet") + " " + e.Sheet
	}
	fmt.Fprintf(sb, "%-10s %s\n", label.Text.Get(lang, "instansi"), e.Instansi)
	fmt.Fprintf(sb, "%-10s %s\n", label.Text.Get(lang, "source"), src)
	fmt.Fprintf(sb, "%-10s %s (%s)\n", label.Text.Get(lang, "rubric"), rb.Name, rb.ID)
	if note := label.MismatchNote(rb.Mismatch(), lang); note != "" {
		fmt.Fprintf(sb, "%-10s ", "")
		style(bandColor[0], note)
		sb.WriteString("\n")
	}
	if note := label.ProvisionalNote(rb, e.Assumed, lang); note != "" {
		fmt.Fprintf(sb, "%-10s ", label.Text.Get(lang, "status"))
		style(bandColor[0], note)
		sb.WriteString("\n")
	}
	for i, note := range butirNotes(e, lang) {
		head := ""
		if i == 0 {
			head = label.Butir.Get(lang, "status")
		}
		fmt.Fprintf(sb, "%-10s ", head)
		style(bandColor[0], note)
		sb.WriteString("\n")
	}
	sb.WriteString("\n")
	pred := label.PredicateName(r.Predicate, lang)
	style(bold, label.Index(rb, lang, label.Text.Get(lang, "title")))
	sb.WriteString("  ")
	style(bold, n(r.Published, p))
	sb.WriteString("  ")
	style(predColor(rb, r.Predicate), pred)
	sb.WriteString("\n")
	if note := label.EdgeNote(r, lang); note != "" {
		sb.WriteString(note + "\n")
	}
	sb.WriteString("\n")

	groupWord := label.Text.Get(lang, "group")
	if len(r.Domains) == 0 {
		groupWord = label.Text.Get(lang, "group:aspects")
	}
	t := &textTable{nameWidth: 60, head: groupWord, cols: []column{
		{head: label.Text.Get(lang, "weight"), min: 6},
		{head: label.Text.Get(lang, "index"), min: 7},
	}}
	var margins []plan.Margin
	toNext := false // whether some indicator alone reaches the next band
	if o.Detail {
		next := nextBand(rb, r.Predicate)
		if next != nil {
			if pl, err := plan.Make(rb, e.Levels(), plan.Target{Index: next.From, Band: next}, plan.Options{}); err == nil && pl.Reachable {
				short := next.From - r.Published
				fmt.Fprintf(sb, label.Text.Get(lang, "gap")+"\n\n", label.PredicateName(next, lang), n(next.From, p), n(short, p), pl.TotalSteps, next.Name)
			}
		}
		margins = plan.Marginal(r)
		for _, m := range margins {
			toNext = toNext || m.ToNextBand > 0
		}
		t.cols = append(t.cols,
			column{head: label.Text.Get(lang, "level"), left: true, min: 22, sep: 2},
			column{head: label.Text.Get(lang, "contribution"), min: 10},
			column{head: label.Text.Get(lang, "available"), min: 6},
			column{head: "+1", min: 6})
		// The steps to the next predicate only when some indicator alone
		// can reach it: a column of "-" says nothing.
		if toNext {
			t.cols = append(t.cols, column{head: fmt.Sprintf(label.Text.Get(lang, "next"), label.PredicateName(next, lang)), left: true})
		}
	}
	items := r.Indicators
	aspects := r.Aspects
	// group adds a domain's or an aspect's line; with Detail, also its
	// contribution and the points still open, so the room shows per group.
	group := func(name string, g index.Group) {
		cells := []string{n(g.Weight, 2), v(g.Index)}
		if o.Detail {
			cells = append(cells, "", n(g.Contribution.Round(p+2), p+2), n(g.Available.Round(p+2), p+2))
		}
		t.row(name, cells...)
	}
	// aspect adds an aspect's line, indented by indent, and with Detail
	// its indicators beneath.
	aspect := func(a index.Group, indent string) {
		group(indent+a.ID+" "+a.Name, a)
		for len(items) > 0 && items[0].Indicator.Aspect.ID == a.ID {
			it := items[0]
			items = items[1:]
			if !o.Detail {
				continue
			}
			lvl := strings.TrimSpace(fmt.Sprintf("%s %s", label.Level(it.Level, lang), it.LevelName))
			m := margins[len(r.Indicators)-len(items)-1]
			cells := []string{n(it.Indicator.Weight, 2), "", lvl, n(it.Contribution.Round(p+2), p+2), n(it.Available.Round(p+2), p+2),
				n(m.Gain.Round(p+2), p+2)}
			if toNext {
				next := "-"
				if m.ToNextBand > 0 {
					next = fmt.Sprintf("+%d", m.ToNextBand)
				}
				cells = append(cells, next)
			}
			t.row(indent+"  "+label.IndicatorKey(it.Indicator)+" "+shortName(it.Indicator.Name), cells...)
		}
	}
	if len(r.Domains) == 0 { // aspects directly under the index
		for _, a := range aspects {
			aspect(a, "")
		}
	}
	for _, d := range r.Domains {
		group(d.ID+" "+d.Name, d)
		for len(aspects) > 0 && aspects[0].Domain == d.ID {
			a := aspects[0]
			aspects = aspects[1:]
			aspect(a, "  ")
		}
	}
	lines := t.lines()
	style(bold, lines[0])
	sb.WriteString("\n")
	for _, l := range lines[1:] {
		sb.WriteString(l + "\n")
	}
	writeButirText(sb, e, lang)
}

// pad cuts or pads s to width runes.
func pad(s string, width int) string {
	if c := utf8.RuneCountInString(s); c > width {
		rs := []rune(s)
		return string(rs[:width-1]) + "…"
	} else if c < width {
		return s + strings.Repeat(" ", width-c)
	}
	return s
}

func predColor(rb *rubric.Rubric, b *rubric.Band) string {
	if b == nil {
		return ""
	}
	rank := 0
	for _, o := range rb.Predicates {
		if o.From < b.From {
			rank++
		}
	}
	return bandColor[min(rank, len(bandColor)-1)]
}

// shortName drops the "Tingkat Kematangan" that every 59/2020 indicator
// name starts with, so that the part that differs fits the column.
func shortName(s string) string {
	return strings.TrimPrefix(s, "Tingkat Kematangan ")
}

// nextBand returns the predicate band just above b, or nil at the top.
func nextBand(r *rubric.Rubric, b *rubric.Band) *rubric.Band {
	var next *rubric.Band
	for _, o := range r.Predicates {
		if o.From > b.From && (next == nil || o.From < next.From) {
			next = o
		}
	}
	return next
}
