package batch

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/spbe-id/spbe/pkg/rubric"

	"github.com/spbe-id/spbe/internal/msg"
)

// ChooseError is a problem that the command line must settle: inputs
// that hold several instansi where one is wanted, or an --instansi name
// that is not among them. Its message says which flag chooses.
type ChooseError struct{ Err error }

func (e *ChooseError) Error() string { return e.Err.Error() }
func (e *ChooseError) Unwrap() error { return e.Err }

// Embedded are the embedded rubrics, in the order rubric.EmbeddedIDs
// lists them: what a workbook's rubric is chosen among when none is given
// (Options.Choices). Each is parsed only when its Scorer is asked for
// (EmbeddedChoices).
var Embedded = sync.OnceValue(EmbeddedChoices)

// One is the one evaluation of an input that a command of one instansi
// works on (spbe plan, whatif, and score --instansi): the one the
// Options.Instansi it was read with selects (name), or the input's only
// one. A wide table or sheets of several instansi without a name is a
// *ChooseError that names some of them; so is a name that is not there,
// with the closest.
func (in *Input) One(name string) (*Eval, error) {
	if name != "" {
		if err := Find([]*Input{in}, name, in.Path); err != nil {
			return nil, &ChooseError{fmt.Errorf("--instansi: %w", err)}
		}
	}
	if len(in.Errs) > 0 && (name != "" || len(in.Evals) == 0 || !in.Wide) {
		return nil, errors.Join(in.Errs...)
	}
	switch {
	case len(in.Evals) == 1 && len(in.Errs) == 0:
		return in.Evals[0], nil
	case len(in.Evals) == 0:
		return nil, msg.Errorf("%s: no instansi to read", in.Path) // an empty wide table: its warning says so
	}
	var names []string
	for _, e := range in.Evals[:min(len(in.Evals), 3)] {
		names = append(names, fmt.Sprintf("%q", e.Instansi))
	}
	list := strings.Join(names, ", ")
	var more any = ""
	if len(in.Evals) > 3 {
		more = msg.New(" and %d more", len(in.Evals)-3)
	}
	if name != "" {
		return nil, &ChooseError{msg.Errorf("--instansi: %s: %d instansi are named %q: give --sheet to choose", in.Path, len(in.Evals), name)}
	}
	if !in.Wide {
		return nil, &ChooseError{msg.Errorf("%s: sheets of %d instansi (%s%s): give --instansi NAME to choose one", in.Path, len(in.Evals), list, more)}
	}
	return nil, &ChooseError{msg.Errorf("%s: a wide table of %d instansi (%s%s): give --instansi NAME to choose one", in.Path, len(in.Evals), list, more)}
}

// FindAll is Find for a command's --instansi over inputs ins (named by
// inputs in the message): a *ChooseError when the name is not found.
func FindAll(ins []*Input, name, inputs string) error {
	if name == "" {
		return nil
	}
	if err := Find(ins, name, inputs); err != nil {
		return &ChooseError{fmt.Errorf("--instansi: %w", err)}
	}
	return nil
}

// SingleRubric is the one rubric of the inputs' evaluations: the one
// given (r), else the one chosen for them. Inputs of different rubrics
// (instruments) are not ranked or compared together (what: "ranked",
// "compared"): that is an error that says which are which and what to
// do. With no evaluation at all, it is the default rubric, for the
// errors' sake.
func SingleRubric(r *rubric.Rubric, ins []*Input, what string) (*rubric.Rubric, error) {
	if r != nil {
		return r, nil
	}
	var rs []*rubric.Rubric
	files := map[*rubric.Rubric][]string{}
	for _, in := range ins {
		for _, ir := range in.Rubrics {
			if !slices.Contains(rs, ir) {
				rs = append(rs, ir)
			}
			if len(files[ir]) < 3 {
				files[ir] = append(files[ir], in.Path)
			} else if len(files[ir]) == 3 {
				files[ir] = append(files[ir], "...")
			}
		}
	}
	switch len(rs) {
	case 0:
		return rubric.ByID(rubric.DefaultID)
	case 1:
		return rs[0], nil
	}
	var parts []string
	for _, x := range rs {
		parts = append(parts, fmt.Sprintf("%s (%s)", x.ID, strings.Join(files[x], ", ")))
	}
	return nil, msg.Errorf("the inputs are of different instruments: %s; they have different indicators and predicate bands, "+
		"so they are not %s together: give the inputs of each apart, or --rubric to read all with one "+
		"(with --keep-going, the inputs of another are reported and the rest %s)", strings.Join(parts, "; "), msg.Word(what), msg.Word(what))
}

// Names lists the names of the instansi of the input at path, read with
// o but scoring none of them (for the completion of --instansi): every
// row of a wide table, every sheet of one instansi per sheet.
func Names(path string, o *Options) []string {
	ro := *o
	ro.Instansi = "\x00" // selects none: every name is passed over and kept
	return Read(path, &ro).Others
}
