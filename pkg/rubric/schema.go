package rubric

import _ "embed"

//go:embed schema.json
var schemaJSON []byte

// JSONSchema returns a JSON Schema (draft 2020-12) of the rubric YAML
// format, for editors and other tools. It checks keys and value types; the
// sums, the band tiling and the cross-references are checked only by Parse.
func JSONSchema() []byte {
	return append([]byte(nil), schemaJSON...)
}
