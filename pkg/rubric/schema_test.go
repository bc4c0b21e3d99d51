package rubric

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type schemaNode struct {
	Ref                  string                 `json:"$ref"`
	Type                 string                 `json:"type"`
	Required             []string               `json:"required"`
	Properties           map[string]*schemaNode `json:"properties"`
	Items                *schemaNode            `json:"items"`
	AdditionalProperties any                    `json:"additionalProperties"`
	Defs                 map[string]*schemaNode `json:"$defs"`
}

// TestJSONSchemaMatchesStructs walks the yaml tags of the Rubric types and
// checks that the schema has exactly the same keys, required exactly when
// the tag lacks omitempty, so that the two cannot drift apart.
func TestJSONSchemaMatchesStructs(t *testing.T) {
	var root schemaNode
	if err := json.Unmarshal(JSONSchema(), &root); err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	resolve := func(n *schemaNode) *schemaNode {
		if name, ok := strings.CutPrefix(n.Ref, "#/$defs/"); ok {
			d := root.Defs[name]
			if d == nil {
				t.Fatalf("schema: no $defs/%s", name)
			}
			return d
		}
		return n
	}
	checked := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type, n *schemaNode)
	walk = func(path string, typ reflect.Type, n *schemaNode) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		n = resolve(n)
		switch {
		case typ == reflect.TypeOf(Decimal(0)):
			return
		case typ.Kind() == reflect.Slice:
			if n.Type != "array" || n.Items == nil {
				t.Errorf("%s: schema type %q, want an array with items", path, n.Type)
				return
			}
			walk(path+"[]", typ.Elem(), n.Items)
			return
		case typ.Kind() != reflect.Struct:
			return
		}
		if checked[typ] {
			return
		}
		checked[typ] = true
		if n.Type != "object" || n.AdditionalProperties != false {
			t.Errorf("%s: schema must be an object with additionalProperties false", path)
		}
		var keys, required []string
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			keys = append(keys, name)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
			p := n.Properties[name]
			if p == nil {
				t.Errorf("%s: key %q of %s is not in the schema", path, name, typ.Name())
				continue
			}
			walk(path+"."+name, f.Type, p)
		}
		for name := range n.Properties {
			if !slices.Contains(keys, name) {
				t.Errorf("%s: schema key %q is not a field of %s", path, name, typ.Name())
			}
		}
		got, want := slices.Clone(n.Required), slices.Clone(required)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema requires %v, the %s struct %v", path, got, typ.Name(), want)
		}
	}
	walk("rubric", reflect.TypeOf(Rubric{}), &root)
	for _, typ := range []reflect.Type{reflect.TypeOf(Scale{}), reflect.TypeOf(Band{}), reflect.TypeOf(Domain{}), reflect.TypeOf(Aspect{}), reflect.TypeOf(Indicator{})} {
		if !checked[typ] {
			t.Errorf("%s is not reached from the schema root", typ.Name())
		}
	}
	for name := range root.Defs {
		used := name == "decimal"
		for typ := range checked {
			used = used || strings.EqualFold(typ.Name(), name) || name == "band" && typ.Name() == "Band"
		}
		if !used {
			t.Errorf("$defs/%s is not used", name)
		}
	}
}

func TestJSONSchemaIsACopy(t *testing.T) {
	a := JSONSchema()
	a[0] = 'x'
	if JSONSchema()[0] != '{' {
		t.Errorf("JSONSchema returns the embedded bytes, not a copy")
	}
}
