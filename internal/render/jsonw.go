package render

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// jsonw appends JSON to a byte slice, one evaluation at a time, without
// building the JSON types (JSONResult, ...) and without a second pass to
// indent: it writes, byte for byte, what encoding/json's Encoder writes
// for those types with SetIndent(prefix, "  ") (TestJSONWriterMatches
// holds it to that). ind is the number of spaces that start the lines of
// the value being written: the prefix plus two per level.
type jsonw struct {
	b []byte
	// html escapes <, > and & as \u003c, \u003e and \u0026, as
	// encoding/json does unless SetEscapeHTML(false); spbe writes them
	// as they are.
	html bool
	err  error // of the encoding/json fallback (any)
}

// spaces holds the indentation of every line spbe writes.
const spaces = "                                                                "

func (w *jsonw) nl(ind int) {
	w.b = append(w.b, '\n')
	for ind > len(spaces) {
		w.b = append(w.b, spaces...)
		ind -= len(spaces)
	}
	w.b = append(w.b, spaces[:ind]...)
}

// jsonObj writes the members of one object.
type jsonObj struct {
	w   *jsonw
	ind int
	n   int
}

// object opens an object whose closing brace is indented by ind.
func (w *jsonw) object(ind int) jsonObj {
	w.b = append(w.b, '{')
	return jsonObj{w: w, ind: ind}
}

// key starts the member named k (a plain ASCII name, written as is).
func (o *jsonObj) key(k string) *jsonw {
	w := o.w
	if o.n > 0 {
		w.b = append(w.b, ',')
	}
	o.n++
	w.nl(o.ind + 2)
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':', ' ')
	return w
}

func (o *jsonObj) close() {
	if o.n > 0 {
		o.w.nl(o.ind)
	}
	o.w.b = append(o.w.b, '}')
}

// array writes n elements with elem, each on its own line indented by
// ind+2; an empty array is [].
func (w *jsonw) array(ind, n int, elem func(i, ind int)) {
	w.b = append(w.b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.nl(ind + 2)
		elem(i, ind+2)
	}
	if n > 0 {
		w.nl(ind)
	}
	w.b = append(w.b, ']')
}

// str writes s as a JSON string, escaped as encoding/json escapes it.
func (w *jsonw) str(s string) {
	b := append(w.b, '"')
	safe := &jsonSafe
	if w.html {
		safe = &jsonHTMLSafe
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonSafe and jsonHTMLSafe are the ASCII bytes written as they are,
// without and with HTML escaping.
var jsonSafe, jsonHTMLSafe = func() (safe, html [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
		html[c] = safe[c] && c != '<' && c != '>' && c != '&'
	}
	return safe, html
}()

func (w *jsonw) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *jsonw) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// num writes d as Num does: fixed to places (at least one) decimals.
func (w *jsonw) num(d rubric.Decimal, places int) { w.b = appendFixed(w.b, d, max(places, 1)) }

// val writes v rounded half-up to places, as val does.
func (w *jsonw) val(v index.Value, places int) { w.num(v.Round(places), places) }

// level writes a level with at least one decimal, as levelText does.
func (w *jsonw) level(l rubric.Decimal) {
	if l.IsInteger() {
		w.b = strconv.AppendInt(w.b, l.Int(), 10)
		w.b = append(w.b, '.', '0')
		return
	}
	w.b = append(w.b, l.String()...)
}

// any writes v with encoding/json, for the parts of a document written
// once (summary, provenance), at indentation ind.
func (w *jsonw) any(v any, ind int) {
	if w.err != nil {
		return
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(w.html)
	enc.SetIndent(spaces[:ind], "  ")
	if w.err = enc.Encode(v); w.err == nil {
		w.b = append(w.b, strings.TrimSuffix(sb.String(), "\n")...)
	}
}

// appendFixed appends d.Fixed(places) without allocating.
func appendFixed(b []byte, d rubric.Decimal, places int) []byte {
	places = min(max(places, 0), rubric.DecimalPlaces)
	v := uint64(d.Units())
	neg := d < 0
	if neg {
		v = -v
	}
	div := uint64(1)
	for i := places; i < rubric.DecimalPlaces; i++ {
		div *= 10
	}
	q := v/div + (v%div+div/2)/div
	if neg && q != 0 {
		b = append(b, '-')
	}
	var tmp [24]byte
	s := strconv.AppendUint(tmp[:0], q, 10)
	if places == 0 {
		return append(b, s...)
	}
	if len(s) <= places { // 0.0…0s
		b = append(b, '0', '.')
		for n := len(s); n < places; n++ {
			b = append(b, '0')
		}
		return append(b, s...)
	}
	b = append(b, s[:len(s)-places]...)
	b = append(b, '.')
	return append(b, s[len(s)-places:]...)
}

// jsonHead is what a batch writes before an evaluation's members.
type jsonHead struct {
	Rank     int
	Category string
}

// result writes e as JSONResult (with head, as JSONBatchResult; with
// prov, its provenance member), the object's closing brace indented by
// ind.
func (w *jsonw) result(ind int, e *result.Evaluation, head *jsonHead, prov *result.Provenance) {
	r := e.Result
	p := r.Rubric.Precision
	cp := p + 2 // as NewJSONResult
	o := w.object(ind)
	if head != nil {
		o.key("rank").int(head.Rank)
		if head.Category != "" {
			o.key("category").str(head.Category)
		}
	}
	o.key("source").str(e.Source)
	o.key("sheet").str(e.Sheet)
	o.key("instansi").str(e.Instansi)
	o.key("rubric")
	ro := w.object(ind + 2)
	ro.key("id").str(r.Rubric.ID)
	ro.key("name").str(r.Rubric.Name)
	ro.close()
	o.key("index").num(r.Published, p)
	o.key("index_exact").str(r.Index.Exact())
	o.key("predicate").str(label.PredicateName(r.Predicate, "id"))
	o.key("edge")
	if r.Edge == nil {
		w.b = append(w.b, "null"...)
	} else {
		eo := w.object(ind + 2)
		eo.key("boundary").num(r.Edge.Boundary, p)
		eo.key("exact_predicate").str(label.PredicateName(r.Edge.ExactBand, "id"))
		eo.key("crossed").bool(r.Edge.Crossed(r.Predicate))
		eo.close()
	}
	group := func(g *index.Group, ind int) {
		o := w.object(ind)
		o.key("id").str(g.ID)
		if g.Domain != "" {
			o.key("domain").str(g.Domain)
		}
		o.key("name").str(g.Name)
		o.key("weight").num(g.Weight, weightPlaces)
		o.key("index").val(g.Index, p)
		o.key("index_exact").str(g.Index.Exact())
		o.key("contribution").val(g.Contribution, cp)
		o.key("available").val(g.Available, cp)
		o.close()
	}
	o.key("domains")
	w.array(ind+2, len(r.Domains), func(i, ind int) { group(&r.Domains[i], ind) })
	o.key("aspects")
	w.array(ind+2, len(r.Aspects), func(i, ind int) { group(&r.Aspects[i], ind) })
	margins := plan.Marginal(r)
	o.key("indicators")
	w.array(ind+2, len(r.Indicators), func(i, ind int) {
		it := &r.Indicators[i]
		o := w.object(ind)
		o.key("id").str(it.Indicator.ID)
		o.key("aspect").str(it.Indicator.Aspect.ID)
		o.key("name").str(it.Indicator.Name)
		o.key("weight").num(it.Indicator.Weight, weightPlaces)
		o.key("level").level(it.Level)
		o.key("level_name").str(it.LevelName)
		o.key("contribution").val(it.Contribution, cp)
		o.key("available").val(it.Available, cp)
		o.key("step").val(it.Step, cp)
		o.key("to_next_predicate").int(margins[i].ToNextBand)
		if c := e.Cells[it.Indicator.ID]; c != "" {
			o.key("cell").str(c)
		}
		o.close()
	})
	if prov != nil {
		o.key("provenance").any(prov, ind+2)
	}
	o.close()
}
