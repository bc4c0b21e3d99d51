package batch

import (
	"errors"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Input.One: the input's only evaluation, else a *ChooseError naming
// some instansi and the flag that chooses; an input's own problem is
// returned as it is.
func TestInputOne(t *testing.T) {
	a, b := &Eval{Instansi: "Kota A"}, &Eval{Instansi: "Kota B"}
	bad := errors.New("nasional.xlsx: Sheet1!C4: level \"x\" is not a number")
	tests := []struct {
		name   string
		in     *Input
		want   *Eval
		choose bool   // a *ChooseError
		says   string // what the error says
	}{
		{"one", &Input{Path: "a.xlsx", Evals: []*Eval{a}}, a, false, ""},
		{"a wide table of two", &Input{Path: "n.xlsx", Wide: true, Evals: []*Eval{a, b}}, nil, true,
			`n.xlsx: a wide table of 2 instansi ("Kota A", "Kota B"): give --instansi NAME to choose one`},
		{"sheets of five", &Input{Path: "s.xlsx", Evals: []*Eval{a, b, a, b, a}}, nil, true,
			`s.xlsx: sheets of 5 instansi ("Kota A", "Kota B", "Kota A" and 2 more)`},
		{"a problem", &Input{Path: "a.xlsx", Errs: []error{bad}}, nil, false, bad.Error()},
		{"none", &Input{Path: "w.xlsx", Wide: true}, nil, false, "w.xlsx: no instansi to read"},
	}
	for _, tt := range tests {
		got, err := tt.in.One("")
		var ce *ChooseError
		if got != tt.want || errors.As(err, &ce) != tt.choose || err != nil && !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: One = %v, %v; want %v, choose %v, saying %q", tt.name, got, err, tt.want, tt.choose, tt.says)
		}
	}
}

// SingleRubric: the rubric given, else the one chosen for every input;
// inputs of two instruments are refused naming each with its files.
func TestSingleRubric(t *testing.T) {
	spbe, _ := rubric.ByID("permenpanrb-59-2020")
	pemdi, _ := rubric.ByID("permenpanrb-8-2026")
	one := []*Input{{Path: "a.xlsx", Rubrics: []*rubric.Rubric{pemdi}}, {Path: "b.xlsx", Rubrics: []*rubric.Rubric{pemdi}}}
	if r, err := SingleRubric(nil, one, "ranked"); r != pemdi || err != nil {
		t.Errorf("one instrument: %v, %v", r, err)
	}
	if r, err := SingleRubric(spbe, one, "ranked"); r != spbe || err != nil {
		t.Errorf("given: %v, %v", r, err)
	}
	if r, err := SingleRubric(nil, nil, "ranked"); err != nil || r.ID != rubric.DefaultID {
		t.Errorf("none: %v, %v; want the default", r, err)
	}
	two := append(one, &Input{Path: "c.xlsx", Rubrics: []*rubric.Rubric{spbe}})
	_, err := SingleRubric(nil, two, "compared")
	if err == nil || !strings.Contains(err.Error(), "permenpanrb-8-2026 (a.xlsx, b.xlsx); permenpanrb-59-2020 (c.xlsx)") ||
		!strings.Contains(err.Error(), "not compared together") {
		t.Errorf("two instruments: %v", err)
	}
}
