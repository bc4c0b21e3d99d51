package butir

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ParseCosts reads a YAML mapping of costs for a plan by butir: a key is a
// butir code ("I13-L1-02": 2.5), the cost of that butir, or an indicator
// by id or code ("13": 1.5), the cost of each of its butir that no code
// names. It returns the cost of every item: the mapping's, else the
// item's own (a cost column), else 1. Every problem is an error with
// file:line:col: a key that names neither a butir of the list nor an
// indicator, a cost that is not a number or is negative, a key twice.
func ParseCosts(file string, data []byte, r *rubric.Rubric, items []*Item) (func(*Item) rubric.Decimal, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	m := &doc
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	if m.Kind != yaml.MappingNode {
		return nil, messagef("%s:%d:%d: want a mapping of butir code or indicator to cost", file, m.Line, m.Column)
	}
	codes := map[string]*Item{}
	for _, it := range items {
		if it.Code != "" {
			codes[CodeKey(it.Code)] = it
		}
	}
	byCode := map[*Item]rubric.Decimal{}
	byInd := map[string]rubric.Decimal{}
	seen := map[string]int{}
	var errs []error
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		c, err := rubric.ParseDecimal(v.Value)
		switch {
		case v.Kind != yaml.ScalarNode || err != nil:
			errs = append(errs, messagef("%s:%d:%d: %s: cost %q is not a number", file, v.Line, v.Column, k.Value, v.Value))
			continue
		case c < 0:
			errs = append(errs, messagef("%s:%d:%d: %s: cost %s is negative", file, v.Line, v.Column, k.Value, c))
			continue
		}
		key := CodeKey(k.Value)
		if line, dup := seen[key]; dup {
			errs = append(errs, messagef("%s:%d:%d: %s appears twice (first at line %d)", file, k.Line, k.Column, k.Value, line))
			continue
		}
		seen[key] = k.Line
		if it, ok := codes[key]; ok {
			byCode[it] = c
			continue
		}
		if _, _, _, isCode := ParseCode(k.Value); isCode {
			errs = append(errs, messagef("%s:%d:%d: butir %s is not in the list", file, k.Line, k.Column, k.Value))
			continue
		}
		ind, err := plan.Lookup(r, strings.TrimSpace(k.Value))
		if err != nil {
			errs = append(errs, messagef("%s:%d:%d: %q is neither a butir of the list nor an indicator of rubric %s", file, k.Line, k.Column, k.Value, r.ID))
			continue
		}
		byInd[ind.ID] = c
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return func(it *Item) rubric.Decimal {
		if c, ok := byCode[it]; ok {
			return c
		}
		if c, ok := byInd[it.Indicator]; ok {
			return c
		}
		if it.Cost != nil {
			return *it.Cost
		}
		return rubric.NewDecimal(1)
	}, nil
}

// ItemCost is the cost of an item from its own cost (a cost column), else 1.
func ItemCost(it *Item) rubric.Decimal {
	if it.Cost != nil {
		return *it.Cost
	}
	return rubric.NewDecimal(1)
}
