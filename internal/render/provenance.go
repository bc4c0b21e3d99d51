package render

// Provenance says where a JSON result came from, so that it can be checked
// later: the spbe version, the rubric and the hash of its canonical form,
// the rounding rule, the time of the run and every input file with its
// hash. The cell each level was read from is in the indicators' "cell".
type Provenance struct {
	Version     string            `json:"spbe_version"`
	Rubric      ProvenanceRubric  `json:"rubric"`
	Rounding    string            `json:"rounding"`
	Precision   int               `json:"precision"`
	PredicateOn string            `json:"predicate_on"`
	Time        string            `json:"time"`
	Inputs      []ProvenanceInput `json:"inputs"`
}

// ProvenanceRubric identifies the rubric of a run.
type ProvenanceRubric struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	// Source is "embedded" or the path of the rubric file.
	Source string `json:"source"`
}

// ProvenanceInput is one input file of a run.
type ProvenanceInput struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}
