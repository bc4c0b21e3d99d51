package result

import "github.com/spbe-id/spbe/pkg/index"

// Evaluation is one scored instansi with where its levels came from.
type Evaluation struct {
	Source   string // input file as given
	Sheet    string // sheet read ("" for CSV)
	Instansi string
	// Region is the region (province) of the instansi when the input
	// says it (a region cell or column, or a provinsi's own name), "" when
	// it is not known.
	Region string
	// Row is the sheet row of the instansi in a wide table (a row per
	// instansi, a column per indicator), 0 for a long table.
	Row int
	// Cells maps an indicator id to the cell its level was read from.
	Cells  map[string]string
	Result *index.Result
	// Assumed are the indicators, in rubric order, whose level is not read
	// but the one the rubric assumes (rubric.External.Assume) because the
	// agency that scores it has given no value yet (spbe score
	// --assume-external). The result is then provisional: every output
	// says so and names them. nil for a result read in full.
	Assumed []string
	// Butir, when not nil, is the butir list the evaluation was read with:
	// its levels are simulated from it (Butir.Simulated), or a table's
	// values stand beside it.
	Butir *Butir
}

// Simulated reports whether the levels are simulated from butir.
func (e *Evaluation) Simulated() bool { return e.Butir != nil && e.Butir.Simulated }

// Levels returns the levels the evaluation was computed from.
func (e *Evaluation) Levels() index.Levels {
	ls := make(index.Levels, len(e.Result.Indicators))
	for _, it := range e.Result.Indicators {
		ls[it.Indicator.ID] = it.Level
	}
	return ls
}

// Provisional reports whether the evaluation is provisional: some levels
// are the rubric's assumption for values other agencies have not given
// yet (Assumed).
func (e *Evaluation) Provisional() bool { return len(e.Assumed) > 0 }
