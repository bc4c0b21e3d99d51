package batch

import (
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
)

// noteKind is the choice a note reports: the rubric of a table, the
// level columns of an input, or that other sheets hold a table.
type noteKind int

const (
	noteRubric noteKind = iota
	noteLevel
	noteSheets
)

// note is one note of an input. Inputs whose notes of a kind have the
// same key made the same choice for the same reason.
type note struct {
	kind noteKind
	key  string
	text string
}

// notes are the input's notes but its warnings, in the order of Notes.
func (in *Input) notes() []note {
	var out []note
	for _, n := range in.RubricNotes {
		out = append(out, note{noteRubric, strings.TrimPrefix(n, in.Path), n})
	}
	if in.LevelNote != "" {
		out = append(out, note{noteLevel, strings.TrimPrefix(in.LevelNote, in.Path), in.LevelNote})
	}
	if in.OtherNote != "" {
		out = append(out, note{noteSheets, "", in.OtherNote}) // the sheets differ; the advice does not
	}
	return out
}

// NoteGroups is the one grouping of the notes of many inputs on stderr:
// the inputs are grouped by the choice their notes report (the rubric
// chosen and why, the level columns used, other sheets holding a table),
// the note of the first input of a group is printed when it is read, and
// Summary names the others of each group, a few of them, at the end. So a
// wrong choice in a batch of hundreds stands out by its group. A nil
// *NoteGroups groups nothing (one input).
type NoteGroups struct {
	// Verbose prints every input's notes as they come, none grouped (-v).
	Verbose bool
	// NoLevels leaves out the notes of the level columns used (spbe
	// compare names its columns in its output).
	NoLevels bool
	// Lang is the language of the lines of Summary (the notes are in
	// Options.Lang).
	Lang   label.Lang
	groups map[note]*noteGroup
	order  []*noteGroup
	said   map[string]bool // Verbose: the notes printed (one file read twice says them once)
}

type noteGroup struct {
	kind  noteKind
	first string   // the input whose note was printed
	more  []string // the other inputs of the group, each once
}

// shown is how many inputs of a group Summary names.
const shown = 3

// Add returns the lines to print for an input as it is read: the notes
// of a choice not met before (every note when g is nil or Verbose), then
// its warnings.
func (g *NoteGroups) Add(in *Input) []string {
	var out []string
	for _, n := range in.notes() {
		if g != nil && g.NoLevels && n.kind == noteLevel {
			continue
		}
		if g == nil {
			out = append(out, n.text)
			continue
		}
		if g.Verbose {
			if !g.said[n.text] {
				if g.said == nil {
					g.said = map[string]bool{}
				}
				g.said[n.text] = true
				out = append(out, n.text)
			}
			continue
		}
		k := note{kind: n.kind, key: n.key}
		gr := g.groups[k]
		switch {
		case gr == nil:
			if g.groups == nil {
				g.groups = map[note]*noteGroup{}
			}
			gr = &noteGroup{kind: n.kind, first: in.Path}
			g.groups[k] = gr
			g.order = append(g.order, gr)
			out = append(out, n.text)
		case gr.first != in.Path && (len(gr.more) == 0 || gr.more[len(gr.more)-1] != in.Path):
			gr.more = append(gr.more, in.Path)
		}
	}
	return append(out, in.Warnings...)
}

// Summary returns a line for every group with inputs whose notes were
// left out, in the order the groups were met, naming a few of them:
// "(the same level columns in 16 more files as in a.xlsx: b.xlsx, c.xlsx,
// d.xlsx and 13 more; -v lists each)".
func (g *NoteGroups) Summary() []string {
	if g == nil {
		return nil
	}
	var out []string
	for _, gr := range g.order {
		n := len(gr.more)
		if n == 0 {
			continue
		}
		files := msg.Plural(n, "file", "files")
		list := strings.Join(gr.more[:min(n, shown)], ", ")
		if n > shown {
			list += msg.Sprintf(g.Lang, " and %d more; -v lists each", n-shown)
		}
		switch gr.kind {
		case noteRubric:
			out = append(out, msg.Sprintf(g.Lang, "(the same rubric, for the same reason, for %d more %s as for %s: %s)", n, files, gr.first, list))
		case noteLevel:
			out = append(out, msg.Sprintf(g.Lang, "(the same level columns in %d more %s as in %s: %s)", n, files, gr.first, list))
		case noteSheets:
			out = append(out, msg.Sprintf(g.Lang, "(other sheets hold a table too in %d more %s: %s)", n, files, list))
		}
	}
	return out
}
