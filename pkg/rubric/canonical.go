package rubric

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"

	"gopkg.in/yaml.v3"
)

// Canonical returns the rubric as YAML in a canonical form: keys in a fixed
// order (that of the Go struct fields), numbers normalised ("1.30" becomes
// 1.3), comments, anchors and quoting choices of the source dropped, each
// predicate band and indicator on one line. Two rubrics that differ only in
// such presentation have the same canonical form, and Parse reads it back
// to an equal rubric.
func (r *Rubric) Canonical() []byte {
	var root yaml.Node
	if err := root.Encode(r); err != nil {
		// Every field is a string, a number or a list of them: encoding a
		// Rubric cannot fail.
		panic("rubric: canonical form: " + err.Error())
	}
	for _, n := range items(&root, "predicates") {
		n.Style = yaml.FlowStyle
	}
	for _, sc := range items(&root, "scales") {
		for _, n := range items(sc, "bands") {
			n.Style = yaml.FlowStyle
		}
	}
	aspects := items(&root, "aspects")
	for _, d := range items(&root, "domains") {
		aspects = append(aspects, items(d, "aspects")...)
	}
	for _, a := range aspects {
		for _, ind := range items(a, "indicators") {
			ind.Style = yaml.FlowStyle
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&root); err != nil {
		panic("rubric: canonical form: " + err.Error())
	}
	enc.Close()
	return buf.Bytes()
}

// SHA256 returns the hex SHA-256 of the canonical form: a fingerprint of
// what the rubric means, for provenance, that ignores comments and layout.
func (r *Rubric) SHA256() string {
	sum := sha256.Sum256(r.Canonical())
	return hex.EncodeToString(sum[:])
}
