package textout

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// diffLine is one changed thing, described once for every format.
type diffLine struct {
	section string // "Settings", "Scales", "Predicates", "Domains", "Aspects", "Indicators"
	kind    string // for Rubric.Position: "rubric", "scale", ...
	id      string
	key     string // the most specific YAML key, for the position
	mark    string // "+" added, "-" removed, "~" changed
	label   string // "11 Tingkat Kematangan ..."
	detail  string // "weight 2.5 → 3; renamed from ..."
}

func diffChangeLines(c *rubric.Changes) []diffLine {
	var out []diffLine
	for _, f := range c.Fields {
		out = append(out, diffLine{"Settings", "rubric", "", f.Field, "~", f.Field, diffFieldValue(f.Old) + " → " + diffFieldValue(f.New)})
	}
	for _, s := range c.Scales {
		l := diffLine{section: "Scales", kind: "scale", id: s.ID, mark: diffMark(s.Change), label: s.ID}
		kind := "levels"
		if s.Integer {
			kind = "whole levels"
		}
		switch s.Change {
		case rubric.Added:
			l.detail = fmt.Sprintf("%s %s to %s", kind, s.Min, s.Max)
		case rubric.Removed:
			l.detail = fmt.Sprintf("was %s %s to %s", kind, s.Min, s.Max)
		default:
			var parts []string
			if s.MinChange != nil {
				parts = append(parts, fmt.Sprintf("min %s → %s", s.MinChange.Old, s.MinChange.New))
				l.key = diffKeyOr(l.key, "min")
			}
			if s.MaxChange != nil {
				parts = append(parts, fmt.Sprintf("max %s → %s", s.MaxChange.Old, s.MaxChange.New))
				l.key = diffKeyOr(l.key, "max")
			}
			if s.IntegerChange != nil {
				parts = append(parts, fmt.Sprintf("integer %t → %t", s.IntegerChange.Old, s.IntegerChange.New))
				l.key = diffKeyOr(l.key, "integer")
			}
			if s.BandsChange != nil {
				parts = append(parts, fmt.Sprintf("level bands %q → %q", s.BandsChange.Old, s.BandsChange.New))
				l.key = diffKeyOr(l.key, "bands")
			}
			for _, lv := range s.Levels {
				switch {
				case lv.Old == "":
					parts = append(parts, fmt.Sprintf("level %d named %q", lv.Level, lv.New))
				case lv.New == "":
					parts = append(parts, fmt.Sprintf("level %d %q has no name now", lv.Level, lv.Old))
				default:
					parts = append(parts, fmt.Sprintf("level %d %q → %q", lv.Level, lv.Old, lv.New))
				}
				l.key = diffKeyOr(l.key, "levels")
			}
			l.detail = strings.Join(parts, "; ")
		}
		out = append(out, l)
	}
	for _, b := range c.Predicates {
		l := diffLine{section: "Predicates", kind: "predicate", id: b.Name, mark: diffMark(b.Change), label: b.Name}
		switch b.Change {
		case rubric.Added:
			l.detail = fmt.Sprintf("from %s to %s", b.From, b.To)
		case rubric.Removed:
			l.detail = fmt.Sprintf("was from %s to %s", b.From, b.To)
		default:
			var parts []string
			if b.FromChange != nil {
				parts = append(parts, fmt.Sprintf("from %s → %s", b.FromChange.Old, b.FromChange.New))
				l.key = diffKeyOr(l.key, "from")
			}
			if b.ToChange != nil {
				parts = append(parts, fmt.Sprintf("to %s → %s", b.ToChange.Old, b.ToChange.New))
				l.key = diffKeyOr(l.key, "to")
			}
			if b.NameENChange != nil {
				parts = append(parts, fmt.Sprintf("name_en %q → %q", b.NameENChange.Old, b.NameENChange.New))
				l.key = diffKeyOr(l.key, "name_en")
			}
			l.detail = strings.Join(parts, "; ")
		}
		out = append(out, l)
	}
	for _, sec := range []struct {
		name, kind, parent string
		items              []rubric.ItemChange
	}{
		{"Domains", "domain", "", c.Domains},
		{"Aspects", "aspect", "domain", c.Aspects},
		{"Indicators", "indicator", "aspect", c.Indicators},
	} {
		for _, it := range sec.items {
			l := diffLine{section: sec.name, kind: sec.kind, id: it.ID, mark: diffMark(it.Change), label: it.ID + " " + it.Name}
			in := ""
			if it.Parent != "" {
				in = "in " + sec.parent + " " + it.Parent + ", "
			}
			switch it.Change {
			case rubric.Added:
				l.detail = fmt.Sprintf("added %sweight %s", in, it.Weight)
			case rubric.Removed:
				l.detail = fmt.Sprintf("removed, was %sweight %s", in, it.Weight)
			default:
				var parts []string
				if it.Reweighted != nil {
					parts = append(parts, fmt.Sprintf("weight %s → %s", it.Reweighted.Old, it.Reweighted.New))
					l.key = diffKeyOr(l.key, "weight")
				}
				if it.Renamed != nil {
					parts = append(parts, fmt.Sprintf("renamed from %q", it.Renamed.Old))
					l.key = diffKeyOr(l.key, "name")
				}
				if m := it.Moved; m != nil {
					switch {
					case m.Old == "": // an aspect of a rubric without domains
						parts = append(parts, fmt.Sprintf("moved from directly under the index to %s %s", sec.parent, m.New))
					case m.New == "":
						parts = append(parts, fmt.Sprintf("moved from %s %s to directly under the index", sec.parent, m.Old))
					default:
						parts = append(parts, fmt.Sprintf("moved from %s %s to %s", sec.parent, m.Old, m.New))
					}
				}
				if it.Rescaled != nil {
					parts = append(parts, fmt.Sprintf("scale %s → %s", diffOrNone(it.Rescaled.Old), diffOrNone(it.Rescaled.New)))
					l.key = diffKeyOr(l.key, "scale")
				}
				if it.ChildrenWeight != nil {
					parts = append(parts, fmt.Sprintf("children_weight %s → %s", diffDecOrNone(it.ChildrenWeight.Old), diffDecOrNone(it.ChildrenWeight.New)))
					l.key = diffKeyOr(l.key, "children_weight")
				}
				if it.Recoded != nil {
					parts = append(parts, fmt.Sprintf("code %s -> %s", diffOrNone(it.Recoded.Old), diffOrNone(it.Recoded.New)))
					l.key = diffKeyOr(l.key, "code")
				}
				if it.External != nil {
					parts = append(parts, fmt.Sprintf("external %s -> %s", diffExternal(it.External.Old), diffExternal(it.External.New)))
					l.key = diffKeyOr(l.key, "external")
				}
				l.detail = strings.Join(parts, "; ")
			}
			out = append(out, l)
		}
	}
	return out
}

func diffMark(k rubric.ChangeKind) string {
	switch k {
	case rubric.Added:
		return "+"
	case rubric.Removed:
		return "-"
	}
	return "~"
}

func diffKeyOr(key, k string) string {
	if key != "" {
		return key
	}
	return k
}

func diffOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func diffExternal(e rubric.External) string {
	if e == (rubric.External{}) {
		return "none"
	}
	return fmt.Sprintf("%q (assume %s)", e.Source, e.Assume)
}

// diffUnpairedNote says why nothing is matched between two instruments.
func diffUnpairedNote(d *result.RubricDiff) string {
	return fmt.Sprintf("The rubrics compute different indices (%s, %s): different instruments, whose domains, aspects and indicators are not matched by id.",
		d.Old.Rubric.IndexName("id"), d.New.Rubric.IndexName("id"))
}

func diffDecOrNone(d *rubric.Decimal) string {
	if d == nil {
		return "none"
	}
	return d.String()
}

func diffFieldValue(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case []int:
		if len(v) == 0 {
			return "none"
		}
		return Years(v)
	}
	return fmt.Sprint(v)
}

func diffSideName(s result.RubricSide) string {
	if s.File != "" {
		return s.File
	}
	return s.Arg
}

func diffChangeCount(n int) string {
	if n == 1 {
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

func diffArrow(old, new string) string {
	if old == new {
		return old
	}
	return old + " → " + new
}

// DiffText writes the changes grouped by kind, then the evaluations as a
// table, for a terminal or a CI log.
func DiffText(w io.Writer, d *result.RubricDiff) error {
	var sb strings.Builder
	c := d.Changes
	fmt.Fprintf(&sb, "old  %s: %s (sha256 %.12s)\n", diffSideName(d.Old), c.Old.Name, c.Old.SHA256)
	fmt.Fprintf(&sb, "new  %s: %s (sha256 %.12s)\n", diffSideName(d.New), c.New.Name, c.New.SHA256)
	if c.Unpaired {
		sb.WriteString("\n" + diffUnpairedNote(d) + "\n")
	}
	lines := diffChangeLines(c)
	if len(lines) == 0 {
		sb.WriteString("\nNo changes: the rubrics mean the same.\n")
	}
	section := ""
	for _, l := range lines {
		if l.section != section {
			section = l.section
			sb.WriteString("\n" + section + "\n")
		}
		fmt.Fprintf(&sb, "  %s %s: %s\n", l.mark, l.label, l.detail)
	}
	if len(lines) > 0 {
		fmt.Fprintf(&sb, "\n%s\n", diffChangeCount(c.Len()))
	}
	if d.Evals != nil {
		sb.WriteString("\n")
		diffEvalTable(&sb, d)
	}
	for _, f := range d.Failed {
		fmt.Fprintf(&sb, "\nfailed: %s", f)
	}
	if len(d.Failed) > 0 {
		sb.WriteString("\n")
	}
	_, err := io.WriteString(NewTerminalWriter(w), sb.String())
	return err
}

func diffEvalTable(sb *strings.Builder, d *result.RubricDiff) {
	hdr := []string{"Instansi", "Old", "New", "Change", "Predicate", "Rank", "Source"}
	rows := [][]string{hdr}
	for _, e := range d.Evals {
		op, np := e.Old.Rubric.Precision, e.New.Rubric.Precision
		p := max(op, np)
		rows = append(rows, []string{
			e.Name(), e.Old.Published.Fixed(op), e.New.Published.Fixed(np), result.Signed(e.Change(), p),
			diffArrow(e.Old.Predicate.Name, e.New.Predicate.Name),
			diffArrow(fmt.Sprint(e.OldRank), fmt.Sprint(e.NewRank)), e.Source,
		})
	}
	widths := make([]int, len(hdr))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	right := map[int]bool{1: true, 2: true, 3: true}
	for _, r := range rows {
		var cells []string
		for i, c := range r {
			if right[i] {
				cells = append(cells, strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))+c)
			} else {
				cells = append(cells, pad(c, widths[i]))
			}
		}
		sb.WriteString(strings.TrimRight(strings.Join(cells, "  "), " ") + "\n")
	}
	sb.WriteString(diffSummaryText(d.Summary()) + "\n")
}

func diffSummaryText(s result.DiffSummary) string {
	n := func(k int, one, many string) string {
		if k == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	return fmt.Sprintf("%s: %s (%d up, %d down), %s, %s", n(s.Evaluations, "evaluation", "evaluations"),
		n(s.IndexChanged, "index changed", "indices changed"), s.Up, s.Down,
		n(s.PredicateChanged, "predicate changed", "predicates changed"), n(s.RankChanged, "rank changed", "ranks changed"))
}

// diffJSON is the JSON form of a result.RubricDiff.
type diffJSON struct {
	OldSource   string              `json:"old_source"`
	NewSource   string              `json:"new_source"`
	Changes     *rubric.Changes     `json:"changes"`
	ChangeCount int                 `json:"change_count"`
	Evaluations []diffJSONEval      `json:"evaluations,omitempty"`
	Summary     *result.DiffSummary `json:"summary,omitempty"`
	Failed      []string            `json:"failed"`
}

type diffJSONEval struct {
	Source           string         `json:"source"`
	Instansi         string         `json:"instansi"`
	Old              diffJSONScore  `json:"old"`
	New              diffJSONScore  `json:"new"`
	Change           rubric.Decimal `json:"change"`
	PredicateChanged bool           `json:"predicate_changed"`
	RankChanged      bool           `json:"rank_changed"`
}

type diffJSONScore struct {
	Index     rubric.Decimal `json:"index"`
	Predicate string         `json:"predicate"`
	Rank      int            `json:"rank"`
}

// DiffJSON writes the diff as one JSON object; lists are [] when empty.
func DiffJSON(w io.Writer, d *result.RubricDiff) error {
	c := *d.Changes
	c.Fields = diffOrEmpty(c.Fields)
	c.Scales = diffOrEmpty(c.Scales)
	c.Predicates = diffOrEmpty(c.Predicates)
	c.Domains = diffOrEmpty(c.Domains)
	c.Aspects = diffOrEmpty(c.Aspects)
	c.Indicators = diffOrEmpty(c.Indicators)
	out := diffJSON{OldSource: diffSideName(d.Old), NewSource: diffSideName(d.New), Changes: &c, ChangeCount: c.Len(), Failed: diffOrEmpty(d.Failed)}
	if d.Evals != nil {
		s := d.Summary()
		out.Summary = &s
		out.Evaluations = []diffJSONEval{}
		for _, e := range d.Evals {
			out.Evaluations = append(out.Evaluations, diffJSONEval{
				Source: e.Source, Instansi: e.Instansi,
				Old:    diffJSONScore{e.Old.Published, e.Old.Predicate.Name, e.OldRank},
				New:    diffJSONScore{e.New.Published, e.New.Predicate.Name, e.NewRank},
				Change: e.Change(), PredicateChanged: e.PredicateChanged(), RankChanged: e.OldRank != e.NewRank,
			})
		}
	}
	enc := json.NewEncoder(jsonWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func diffOrEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// DiffMarkdown writes the diff for a pull-request comment.
func DiffMarkdown(w io.Writer, d *result.RubricDiff) error {
	var sb strings.Builder
	c := d.Changes
	fmt.Fprintf(&sb, "### Rubric diff: `%s` → `%s`\n\n", mdCode(diffSideName(d.Old)), mdCode(diffSideName(d.New)))
	sb.WriteString("| | Rubric | Name | SHA-256 |\n|---|---|---|---|\n")
	fmt.Fprintf(&sb, "| old | `%s` | %s | `%.12s` |\n", mdCode(c.Old.ID), mdEscape(c.Old.Name), c.Old.SHA256)
	fmt.Fprintf(&sb, "| new | `%s` | %s | `%.12s` |\n\n", mdCode(c.New.ID), mdEscape(c.New.Name), c.New.SHA256)
	if c.Unpaired {
		sb.WriteString("> [!NOTE]\n> " + mdEscape(diffUnpairedNote(d)) + "\n\n")
	}
	lines := diffChangeLines(c)
	if len(lines) == 0 {
		sb.WriteString("No changes: the rubrics mean the same.\n")
	} else {
		fmt.Fprintf(&sb, "**%s**\n", diffChangeCount(c.Len()))
	}
	section := ""
	for _, l := range lines {
		if l.section != section {
			section = l.section
			fmt.Fprintf(&sb, "\n#### %s\n\n| | Item | Change |\n|---|---|---|\n", section)
		}
		fmt.Fprintf(&sb, "| %s | %s | %s |\n", diffMDMark(l.mark), mdEscape(l.label), mdEscape(l.detail))
	}
	if d.Evals != nil {
		sb.WriteString("\n#### Evaluations rescored\n\n| Instansi | Old | New | Change | Predicate | Rank |\n|---|---:|---:|---:|---|---|\n")
		for _, e := range d.Evals {
			op, np := e.Old.Rubric.Precision, e.New.Rubric.Precision
			pred := mdEscape(e.New.Predicate.Name)
			if e.PredicateChanged() {
				pred = fmt.Sprintf("**%s → %s**", mdEscape(e.Old.Predicate.Name), mdEscape(e.New.Predicate.Name))
			}
			fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s | %s |\n", mdEscape(e.Name()), e.Old.Published.Fixed(op), e.New.Published.Fixed(np),
				result.Signed(e.Change(), max(op, np)), pred, diffArrow(fmt.Sprint(e.OldRank), fmt.Sprint(e.NewRank)))
		}
		fmt.Fprintf(&sb, "\n%s\n", diffSummaryText(d.Summary()))
	}
	if len(d.Failed) > 0 {
		sb.WriteString("\n> [!CAUTION]\n> This change fails its checks:\n")
		for _, f := range d.Failed {
			fmt.Fprintf(&sb, "> - %s\n", mdEscape(f))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func diffMDMark(m string) string {
	switch m {
	case "+":
		return "added"
	case "-":
		return "removed"
	}
	return "changed"
}

// DiffGitHub writes GitHub Actions workflow commands: a notice on the line
// of the new rubric file for every change found there, one notice that
// lists the changes without a position (removals, embedded rubrics), a
// warning for every predicate that changes and an error for every --fail-on
// condition met.
func DiffGitHub(w io.Writer, d *result.RubricDiff) error {
	var elsewhere []string
	var err error
	write := func(a Annotation) {
		if err == nil {
			err = WriteAnnotation(w, a)
		}
	}
	c := d.Changes
	for _, l := range diffChangeLines(c) {
		text := fmt.Sprintf("%s %s: %s", strings.ToLower(strings.TrimSuffix(l.section, "s")), l.label, l.detail)
		if l.kind == "rubric" {
			text = fmt.Sprintf("%s: %s", l.label, l.detail)
		}
		if d.New.File != "" && l.mark != "-" {
			if p, ok := d.New.Rubric.Position(l.kind, l.id, l.key); ok {
				write(Annotation{Level: "notice", File: d.New.File, Line: p.Line, Col: p.Col, Title: "rubric change", Msg: text})
				continue
			}
		}
		elsewhere = append(elsewhere, text)
	}
	summary := fmt.Sprintf("%s from %s to %s", diffChangeCount(c.Len()), diffSideName(d.Old), diffSideName(d.New))
	if c.Len() == 0 {
		summary = fmt.Sprintf("no changes from %s to %s: the rubrics mean the same", diffSideName(d.Old), diffSideName(d.New))
	}
	if len(elsewhere) > 0 {
		summary += ":\n" + strings.Join(elsewhere, "\n")
	}
	write(Annotation{Level: "notice", Title: "rubric diff", Msg: summary})
	if d.Evals != nil {
		for _, e := range d.Evals {
			if e.PredicateChanged() {
				write(Annotation{Level: "warning", Title: "predicate change", Msg: fmt.Sprintf("%s (%s): %s → %s, index %s → %s",
					e.Name(), e.Source, e.Old.Predicate.Name, e.New.Predicate.Name,
					e.Old.Published.Fixed(e.Old.Rubric.Precision), e.New.Published.Fixed(e.New.Rubric.Precision))})
			}
		}
		write(Annotation{Level: "notice", Title: "evaluations rescored", Msg: diffSummaryText(d.Summary())})
	}
	for _, f := range d.Failed {
		write(Annotation{Level: "error", Title: "rubric diff", Msg: f})
	}
	return err
}
