package plan

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Costs are the costs of level steps read from a costs file or from cost
// columns: Each the cost of every step of an indicator ("21": 5), Steps
// the cost of each step of its scale in order ("21": [1, 1, 2, 5] for the
// steps 1→2, 2→3, 3→4 and 4→5). They fill Options.Costs and
// Options.StepCosts.
type Costs struct {
	Each  map[string]rubric.Decimal
	Steps map[string][]rubric.Decimal
}

// Apply sets the costs of o.
// An indicator named in neither costs 1 a step.
func (c Costs) Apply(o *Options) {
	o.Costs, o.StepCosts = c.Each, c.Steps
	if o.Costs == nil {
		o.Costs = map[string]rubric.Decimal{}
	}
}

// ParseCosts reads a costs file (file names it in the errors): a YAML
// mapping of indicator (its id, or its code in a rubric with codes; see
// Lookup) to the cost of one level step, or to a list of the cost of each
// step of its scale, lowest first:
//
//	"21": 5              # every step of indicator 21 costs 5
//	"3.1": [1, 1, 2, 5]  # 1→2 costs 1, 2→3 1, 3→4 2, 4→5 5
//
// A list has one cost per step of the indicator's scale (4 on a scale
// from 1 to 5). Costs are exact decimals, not negative. Every problem is
// reported, as file:line:col.
func ParseCosts(r *rubric.Rubric, file string, data []byte) (Costs, error) {
	c := Costs{Each: map[string]rubric.Decimal{}}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return Costs{}, fmt.Errorf("%s: %v", file, err)
	}
	m := &doc
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	if m.Kind != yaml.MappingNode {
		return Costs{}, messagef("%s:%d:%d: want a mapping of indicator id to cost (21: 5) or to the costs of its steps (21: [1, 1, 2, 5])", file, m.Line, m.Column)
	}
	seen := map[string]bool{}
	var errs []error
	at := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d:%d: %w", file, n.Line, n.Column, messagef(format, args...)))
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		ind, lerr := Lookup(r, k.Value)
		switch {
		case lerr != nil:
			at(k, "%q is not an indicator of rubric %s", k.Value, r.ID)
			continue
		case seen[ind.ID]:
			at(k, "indicator %s has a cost already (by its id or its code)", ind.ID)
			continue
		}
		seen[ind.ID] = true
		switch v.Kind {
		case yaml.ScalarNode:
			d, err := ParseCost(v.Value)
			if err != nil {
				at(v, "indicator %s: %v", ind.ID, err)
				continue
			}
			c.Each[ind.ID] = d
		case yaml.SequenceNode:
			want := scaleSteps(ind.LevelScale)
			if len(v.Content) != want {
				at(v, "indicator %s: %d costs, want %d, one for each step of its scale (%s)", ind.ID, len(v.Content), want, stepNames(ind.LevelScale))
				continue
			}
			steps := make([]rubric.Decimal, 0, want)
			ok := true
			for _, e := range v.Content {
				d, err := ParseCost(e.Value)
				if e.Kind != yaml.ScalarNode || err != nil {
					if err == nil {
						err = messagef("want a number")
					}
					at(e, "indicator %s: %v", ind.ID, err)
					ok = false
					continue
				}
				steps = append(steps, d)
			}
			if ok {
				if c.Steps == nil {
					c.Steps = map[string][]rubric.Decimal{}
				}
				c.Steps[ind.ID] = steps
			}
		default:
			at(v, "indicator %s: want a cost (5) or a list of the costs of its steps ([1, 1, 2, 5])", ind.ID)
		}
	}
	if len(errs) > 0 {
		return Costs{}, errors.Join(errs...)
	}
	return c, nil
}

// ParseCost reads one cost: an exact decimal with a point or a comma
// ("2.5", "2,5"), spaces allowed ("1 500"), not negative.
func ParseCost(s string) (rubric.Decimal, error) {
	t := strings.Join(strings.Fields(s), "")
	d, err := rubric.ParseDecimal(t)
	switch {
	case err != nil:
		return 0, messagef("cost %q is not a number", s)
	case d < 0:
		return 0, messagef("cost %s is negative", t)
	}
	return d, nil
}

// StepNames names the level steps of an indicator's scale, for messages
// and column headers: "1→2, 2→3, 3→4, 4→5".
func StepNames(ind *rubric.Indicator) string { return stepNames(ind.LevelScale) }

func stepNames(s *rubric.Scale) string {
	lo := floor(s.Min).Int()
	var names []string
	for k := 0; k < scaleSteps(s); k++ {
		names = append(names, fmt.Sprintf("%d→%d", lo+int64(k), lo+int64(k)+1))
	}
	return strings.Join(names, ", ")
}
