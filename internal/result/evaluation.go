package result

import "github.com/spbe-id/spbe/pkg/index"

// Evaluation is one scored instansi with where its levels came from.
type Evaluation struct {
	Source   string // input file as given
	Sheet    string // sheet read ("" for CSV)
	Instansi string
	// Cells maps an indicator id to the cell its level was read from.
	Cells  map[string]string
	Result *index.Result
}

// Levels returns the levels the evaluation was computed from.
func (e *Evaluation) Levels() index.Levels {
	ls := make(index.Levels, len(e.Result.Indicators))
	for _, it := range e.Result.Indicators {
		ls[it.Indicator.ID] = it.Level
	}
	return ls
}
