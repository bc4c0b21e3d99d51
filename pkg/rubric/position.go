package rubric

import "gopkg.in/yaml.v3"

// Pos is a line and column in a rubric file, both counted from 1.
type Pos struct{ Line, Col int }

// Position returns where a part of the rubric was read from, for messages
// and annotations that point into the file. kind is "rubric" (with id ""),
// "scale", "predicate", "domain", "aspect" or "indicator"; id is the item's
// id (a predicate band's name); key is one of the item's YAML keys
// ("weight") or "" for the item itself, and a key the item does not have
// gives the item's position. ok is false when r was not read by Parse or
// has no such item.
func (r *Rubric) Position(kind, id, key string) (p Pos, ok bool) {
	if p, ok = r.pos[posKey(kind, id, key)]; ok || key == "" {
		return p, ok
	}
	p, ok = r.pos[posKey(kind, id, "")]
	return p, ok
}

func posKey(kind, id, key string) string { return kind + "\x00" + id + "\x00" + key }

// recordPositions keeps the position of every item of the rubric and of
// each of its keys; the first of duplicate ids wins.
func (r *Rubric) recordPositions(root *yaml.Node) {
	r.pos = map[string]Pos{}
	rec := func(kind, id string, n *yaml.Node) {
		if _, dup := r.pos[posKey(kind, id, "")]; dup {
			return
		}
		r.pos[posKey(kind, id, "")] = Pos{n.Line, n.Column}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			r.pos[posKey(kind, id, k.Value)] = Pos{k.Line, k.Column}
		}
	}
	rec("rubric", "", root)
	for i, n := range items(root, "scales") {
		if i < len(r.Scales) {
			rec("scale", r.Scales[i].ID, n)
		}
	}
	for i, n := range items(root, "predicates") {
		if i < len(r.Predicates) {
			rec("predicate", r.Predicates[i].Name, n)
		}
	}
	for ai, an := range items(root, "aspects") {
		if ai >= len(r.TopAspects) {
			break
		}
		a := r.TopAspects[ai]
		rec("aspect", a.ID, an)
		for ii, in := range items(an, "indicators") {
			if ii < len(a.Indicators) {
				rec("indicator", a.Indicators[ii].ID, in)
			}
		}
	}
	for di, dn := range items(root, "domains") {
		if di >= len(r.Domains) {
			break
		}
		d := r.Domains[di]
		rec("domain", d.ID, dn)
		for ai, an := range items(dn, "aspects") {
			if ai >= len(d.Aspects) {
				break
			}
			a := d.Aspects[ai]
			rec("aspect", a.ID, an)
			for ii, in := range items(an, "indicators") {
				if ii < len(a.Indicators) {
					rec("indicator", a.Indicators[ii].ID, in)
				}
			}
		}
	}
}
