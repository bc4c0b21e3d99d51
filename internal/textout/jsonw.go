package textout

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

// The JSON of results is appended to a byte slice, one evaluation at a
// time, without building the JSON types (JSONResult, ...) and without a
// second pass to indent: the functions below write, byte for byte, what
// encoding/json's Encoder writes for those types with SetIndent(prefix,
// "  ") (TestJSONMatchesEncodingJSON and TestBatchJSONMatchesEncodingJSON
// hold them to it). ind is the number of spaces that start a line: the
// prefix plus two per level. html escapes <, > and & as \u003c, \u003e and
// \u0026, as encoding/json does unless SetEscapeHTML(false); spbe writes
// them as they are.

// spaces is the indentation of every line spbe writes; nlSpaces and
// commaSpaces start a line after a newline, or a comma and a newline.
const (
	spaces      = "                                                                "
	nlSpaces    = "\n" + spaces
	commaSpaces = ",\n" + spaces
)

// appendNewline starts a line indented by ind.
func appendNewline(b []byte, ind int) []byte {
	if ind <= len(spaces) {
		return append(b, nlSpaces[:1+ind]...)
	}
	b = append(b, '\n')
	for ; ind > len(spaces); ind -= len(spaces) {
		b = append(b, spaces...)
	}
	return append(b, spaces[:ind]...)
}

// appendKey starts the member k of an object, on a line indented by ind,
// after a comma unless first. k is a plain ASCII name.
func appendKey(b []byte, ind int, k string, first bool) []byte {
	switch {
	case ind > len(spaces):
		if !first {
			b = append(b, ',')
		}
		b = appendNewline(b, ind)
	case first:
		b = append(b, nlSpaces[:1+ind]...)
	default:
		b = append(b, commaSpaces[:2+ind]...)
	}
	b = append(b, '"')
	b = append(b, k...)
	return append(b, '"', ':', ' ')
}

// appendEnd ends an object or an array (c is '}' or ']') whose members
// were indented by ind+2: on a line indented by ind, unless it was empty.
func appendEnd(b []byte, ind int, c byte, empty bool) []byte {
	if !empty {
		b = appendNewline(b, ind)
	}
	return append(b, c)
}

// appendAny writes v with encoding/json, for the parts of a document
// written once (summary, provenance), as a value on a line indented by
// ind.
func appendAny(b []byte, v any, ind int, html bool) ([]byte, error) {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(html)
	enc.SetIndent(strings.Repeat(" ", ind), "  ")
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, escape(strings.TrimSuffix(sb.String(), "\n"), "\n", true)...), nil
}

// appendString writes s as a JSON string, escaped as encoding/json
// escapes it, and DEL, the C1 controls and the bidirectional marks too
// (see escape.go), which encoding/json leaves as they are.
func appendString(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	safe := &jsonSafe
	if html {
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
		case unsafeRune(r):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonSafe and jsonHTMLSafe are the ASCII bytes written as they are,
// without and with HTML escaping.
var jsonSafe, jsonHTMLSafe = func() (safe, html [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\' && c != 0x7f // DEL: see escape.go
		html[c] = safe[c] && c != '<' && c != '>' && c != '&'
	}
	return safe, html
}()

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

// appendNum writes d as Num writes it: fixed to places (at least one)
// decimals.
func appendNum(b []byte, d rubric.Decimal, places int) []byte {
	return appendFixed(b, d, max(places, 1))
}

// appendVal writes v rounded half-up to places, as val does.
func appendVal(b []byte, v index.Value, places int) []byte {
	return appendNum(b, v.Round(places), places)
}

// appendLevel writes a level with at least one decimal, as levelText
// does.
func appendLevel(b []byte, l rubric.Level) []byte {
	if l.IsInteger() {
		b = strconv.AppendInt(b, l.Floor(), 10)
		return append(b, '.', '0')
	}
	return append(b, l.String()...)
}

// jsonHead is what a batch writes before an evaluation's members.
type jsonHead struct {
	Rank     int
	Category string
}

// appendResult writes e as JSONResult (with head, as JSONBatchResult;
// with prov, its provenance member) as a value on a line indented by ind.
func appendResult(b []byte, ind int, e *result.Evaluation, head *jsonHead, prov *result.Provenance, html bool) ([]byte, error) {
	r := e.Result
	p := r.Rubric.Precision
	cp := p + 2 // as NewJSONResult
	in := ind + 2
	b = append(b, '{')
	first := true
	if head != nil {
		b = appendKey(b, in, "rank", true)
		b = strconv.AppendInt(b, int64(head.Rank), 10)
		if head.Category != "" {
			b = appendKey(b, in, "category", false)
			b = appendString(b, head.Category, html)
		}
		first = false
	}
	b = appendKey(b, in, "source", first)
	b = appendString(b, e.Source, html)
	b = appendKey(b, in, "sheet", false)
	b = appendString(b, e.Sheet, html)
	b = appendKey(b, in, "instansi", false)
	b = appendString(b, e.Instansi, html)
	b = appendKey(b, in, "rubric", false)
	b = append(b, '{')
	b = appendKey(b, in+2, "id", true)
	b = appendString(b, r.Rubric.ID, html)
	b = appendKey(b, in+2, "name", false)
	b = appendString(b, r.Rubric.Name, html)
	if m := newJSONRubric(r.Rubric).DiffersFromEmbedded; m != nil { // rare: encoding/json is fine
		b = appendKey(b, in+2, "differs_from_embedded", false)
		var err error
		if b, err = appendAny(b, m, in+2, html); err != nil {
			return b, err
		}
	}
	b = appendEnd(b, in, '}', false)
	b = appendKey(b, in, "index", false)
	b = appendNum(b, r.Published, p)
	b = appendKey(b, in, "index_exact", false)
	b = appendString(b, r.Index.Exact(), html)
	b = appendKey(b, in, "predicate", false)
	b = appendString(b, label.PredicateName(r.Predicate, "id"), html)
	b = appendKey(b, in, "edge", false)
	if r.Edge == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '{')
		b = appendKey(b, in+2, "boundary", true)
		b = appendNum(b, r.Edge.Boundary, p)
		b = appendKey(b, in+2, "exact_predicate", false)
		b = appendString(b, label.PredicateName(r.Edge.ExactBand, "id"), html)
		b = appendKey(b, in+2, "crossed", false)
		b = strconv.AppendBool(b, r.Edge.Crossed(r.Predicate))
		b = appendEnd(b, in, '}', false)
	}
	if pr := newJSONProvisional(e.Result.Rubric, e.Assumed); pr != nil { // rare: encoding/json is fine
		b = appendKey(b, in, "provisional", false)
		var err error
		if b, err = appendAny(b, pr, in, html); err != nil {
			return b, err
		}
	}
	if bt := newJSONButir(e); bt != nil { // rare: encoding/json is fine
		b = appendKey(b, in, "butir", false)
		var err error
		if b, err = appendAny(b, bt, in, html); err != nil {
			return b, err
		}
	}
	b = appendKey(b, in, "domains", false)
	b = appendGroups(b, in, r.Domains, p, html)
	b = appendKey(b, in, "aspects", false)
	b = appendGroups(b, in, r.Aspects, p, html)
	b = appendKey(b, in, "indicators", false)
	b = append(b, '[')
	margins := plan.Marginal(r)
	for i := range r.Indicators {
		it := &r.Indicators[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNewline(b, in+2)
		b = append(b, '{')
		b = appendKey(b, in+4, "id", true)
		b = appendString(b, it.Indicator.ID, html)
		b = appendKey(b, in+4, "aspect", false)
		b = appendString(b, it.Indicator.Aspect.ID, html)
		b = appendKey(b, in+4, "name", false)
		b = appendString(b, it.Indicator.Name, html)
		b = appendKey(b, in+4, "weight", false)
		b = appendNum(b, it.Indicator.Weight, weightPlaces)
		b = appendKey(b, in+4, "level", false)
		b = appendLevel(b, it.Level)
		b = appendKey(b, in+4, "level_name", false)
		b = appendString(b, it.LevelName, html)
		b = appendKey(b, in+4, "contribution", false)
		b = appendVal(b, it.Contribution, cp)
		b = appendKey(b, in+4, "available", false)
		b = appendVal(b, it.Available, cp)
		b = appendKey(b, in+4, "step", false)
		b = appendVal(b, it.Step, cp)
		b = appendKey(b, in+4, "to_next_predicate", false)
		if n := margins[i].ToNextBand; n > 0 {
			b = strconv.AppendInt(b, int64(n), 10)
		} else {
			b = append(b, "null"...)
		}
		if c := e.Cells[it.Indicator.ID]; c != "" {
			b = appendKey(b, in+4, "cell", false)
			b = appendString(b, c, html)
		}
		b = appendEnd(b, in+2, '}', false)
	}
	b = appendEnd(b, in, ']', len(r.Indicators) == 0)
	if prov != nil {
		var err error
		b = appendKey(b, in, "provenance", false)
		if b, err = appendAny(b, prov, in, html); err != nil {
			return b, err
		}
	}
	return appendEnd(b, ind, '}', false), nil
}

// appendGroups writes domains or aspects as an array of JSONGroup.
func appendGroups(b []byte, ind int, groups []index.Group, p int, html bool) []byte {
	cp := p + 2
	in := ind + 4 // of the groups' members
	b = append(b, '[')
	for i := range groups {
		g := &groups[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNewline(b, ind+2)
		b = append(b, '{')
		b = appendKey(b, in, "id", true)
		b = appendString(b, g.ID, html)
		if g.Domain != "" {
			b = appendKey(b, in, "domain", false)
			b = appendString(b, g.Domain, html)
		}
		b = appendKey(b, in, "name", false)
		b = appendString(b, g.Name, html)
		b = appendKey(b, in, "weight", false)
		b = appendNum(b, g.Weight, weightPlaces)
		b = appendKey(b, in, "index", false)
		b = appendVal(b, g.Index, p)
		b = appendKey(b, in, "index_exact", false)
		b = appendString(b, g.Index.Exact(), html)
		b = appendKey(b, in, "contribution", false)
		b = appendVal(b, g.Contribution, cp)
		b = appendKey(b, in, "available", false)
		b = appendVal(b, g.Available, cp)
		b = appendEnd(b, ind+2, '}', false)
	}
	return appendEnd(b, ind, ']', len(groups) == 0)
}

// appendErrors writes the errors of a batch as an array of
// JSONBatchError.
func appendErrors(b []byte, ind int, errs []result.InputError, html bool) []byte {
	b = append(b, '[')
	for i := range errs {
		e := &errs[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNewline(b, ind+2)
		b = append(b, '{')
		b = appendKey(b, ind+4, "source", true)
		b = appendString(b, e.Source, html)
		if e.Sheet != "" {
			b = appendKey(b, ind+4, "sheet", false)
			b = appendString(b, e.Sheet, html)
		}
		if e.Cell != "" {
			b = appendKey(b, ind+4, "cell", false)
			b = appendString(b, e.Cell, html)
		}
		b = appendKey(b, ind+4, "error", false)
		b = appendString(b, e.Message, html)
		b = appendEnd(b, ind+2, '}', false)
	}
	return appendEnd(b, ind, ']', len(errs) == 0)
}
