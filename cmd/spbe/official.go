package main

import (
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// loadRubric loads the rubric named by arg (rubric.Load) and says on
// stderr when it presents itself as an embedded official rubric but
// differs from it (noteMismatch).
func loadRubric(s *streams, arg string) (*rubric.Rubric, error) {
	r, err := rubric.Load(arg)
	if err != nil {
		return nil, err
	}
	noteMismatch(s, arg, r)
	return r, nil
}

// mismatchShown is how many of its changes the note on a mismatched
// rubric lists.
const mismatchShown = 3

// noteMismatch writes one line on w when rubric r, read from file,
// carries the id (or the name) of an embedded official rubric but differs
// from it: the file, the id, how many changes and the first of them.
func noteMismatch(s *streams, file string, r *rubric.Rubric) {
	m := r.Mismatch()
	if m == nil {
		return
	}
	n := m.Changes.Len()
	first := strings.Join(textout.MismatchChanges(m, mismatchShown), "; ")
	if n > mismatchShown {
		first += "; ..."
	}
	by := msg.Word("id")
	if m.By == "name" {
		by = msg.Word("name")
	}
	fmt.Fprintln(s.ErrOut, "spbe: "+msg.Sprintf(msgLang(s), "%s: warning: its %s is that of the embedded official rubric %s, but it differs from it "+
		"(%d %s: %s); results under it are not the official ones (spbe rubric diff %s %s)",
		file, by, m.ID, n, msg.Plural(n, "change", "changes"), first, m.ID, file))
}

// givenRubric is loadRubric for the commands that read workbooks: an
// empty arg (no --rubric) gives nil, and the rubric is chosen per
// workbook by its indicators (batch.Choose).
func givenRubric(s *streams, arg string) (*rubric.Rubric, error) {
	if arg == "" {
		return nil, nil
	}
	return loadRubric(s, arg)
}
