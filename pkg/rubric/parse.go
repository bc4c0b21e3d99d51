package rubric

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed rubrics/*.yaml
var embedded embed.FS

// DefaultID is the id of the rubric used when none is named for what is
// made new (a form, a rubric to edit): the instrument in force, Indeks
// Pemdi under PermenPANRB 8/2026. Reading a workbook does not default to
// it: the rubric is chosen by the workbook's indicators.
const DefaultID = "permenpanrb-8-2026"

// EmbeddedIDs returns the ids of the rubrics built into the binary, the
// default first, then the others newest first (by the year that ends
// their id).
func EmbeddedIDs() []string {
	ents, _ := embedded.ReadDir("rubrics")
	var ids []string
	for _, e := range ents {
		if id := strings.TrimSuffix(e.Name(), ".yaml"); id != DefaultID {
			ids = append(ids, id)
		}
	}
	year := func(id string) string { return id[max(0, len(id)-4):] }
	sort.SliceStable(ids, func(i, j int) bool {
		if yi, yj := year(ids[i]), year(ids[j]); yi != yj {
			return yi > yj
		}
		return ids[i] < ids[j]
	})
	return append([]string{DefaultID}, ids...)
}

// EmbeddedSource returns the YAML text of an embedded rubric.
func EmbeddedSource(id string) ([]byte, bool) {
	data, err := embedded.ReadFile("rubrics/" + id + ".yaml")
	return data, err == nil
}

// ByID returns the embedded rubric with the given id. Each embedded
// rubric is parsed and validated once, on first use, and shared (a Rubric
// is read-only): a run pays only for the rubrics it uses.
func ByID(id string) (*Rubric, error) {
	load, ok := embeddedLoaders[id]
	if !ok {
		return nil, messagef("no embedded rubric %q (embedded: %s)", id, strings.Join(EmbeddedIDs(), ", "))
	}
	return load()
}

// embeddedLoaders parses each embedded rubric once, on first use. Listing
// the files parses nothing.
var embeddedLoaders = func() map[string]func() (*Rubric, error) {
	m := map[string]func() (*Rubric, error){}
	for _, id := range EmbeddedIDs() {
		m[id] = sync.OnceValues(func() (*Rubric, error) {
			data, _ := EmbeddedSource(id)
			r, err := Parse(id+".yaml", data)
			if err == nil {
				// The embedded rubric is the official one: no Mismatch,
				// and no second parse nor hash to find that out.
				r.official.once.Do(func() {})
			}
			return r, err
		})
	}
	return m
}()

// Load returns the embedded rubric named by arg, or else parses the YAML
// file at path arg. An empty arg means DefaultID.
func Load(arg string) (*Rubric, error) {
	if arg == "" {
		arg = DefaultID
	}
	if _, ok := EmbeddedSource(arg); ok {
		return ByID(arg)
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(arg, `/\.`) {
			return nil, messagef("rubric %q is neither an embedded rubric (%s) nor a file", arg, strings.Join(EmbeddedIDs(), ", "))
		}
		return nil, fmt.Errorf("rubric: %w", err)
	}
	return Parse(arg, data)
}

// Parse reads and validates a rubric. The error joins every problem found,
// each a *PosError with the file, line and column; warnings do not fail.
func Parse(file string, data []byte) (*Rubric, error) {
	r, problems := Check(file, data)
	var errs []error
	for _, p := range problems {
		if !p.Warning {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// Check parses and validates a rubric and returns every problem, warnings
// included, in file order. The rubric is nil when any problem is an error.
func Check(file string, data []byte) (*Rubric, []*PosError) {
	v := &validator{file: file}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			v.errorf(nil, "empty rubric")
		} else {
			v.add(yamlSyntaxError(file, err))
		}
		return nil, v.problems
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		v.errorf(&extra, "more than one YAML document")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	// Unknown keys leave the shape intact (decoding skips them), so the
	// weights, ids and bands are still checked and every problem is
	// reported at once; a missing key or a value of the wrong shape would
	// only add noise after itself, so checking stops there.
	r := &Rubric{}
	v.checkKeys(root, reflect.TypeOf(*r))
	if !v.blocked() {
		if err := root.Decode(r); err != nil {
			v.add(decodeError(file, err))
		}
	}
	if !v.blocked() {
		v.validate(r, root)
	}
	sort.SliceStable(v.problems, func(i, j int) bool {
		a, b := v.problems[i], v.problems[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	if v.failed() {
		return nil, v.problems
	}
	r.recordPositions(root)
	r.official = &official{}
	return r, v.problems
}

type validator struct {
	file     string
	problems []*PosError
}

func (v *validator) failed() bool {
	for _, p := range v.problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

// blocked reports an error other than an unknown key: the rubric's shape
// is in doubt and it cannot be decoded and validated.
func (v *validator) blocked() bool {
	for _, p := range v.problems {
		if !p.Warning && !p.unknownKey {
			return true
		}
	}
	return false
}

func (v *validator) add(p *PosError) {
	p.File = v.file
	v.problems = append(v.problems, p)
}

func (v *validator) errorf(n *yaml.Node, format string, args ...any) {
	p := &PosError{Err: messagef(format, args...)}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	v.add(p)
}

// errorAt adds err, a message already, at n.
func (v *validator) errorAt(n *yaml.Node, err error) {
	v.add(&PosError{Line: n.Line, Col: n.Column, Err: err})
}

func (v *validator) warnf(n *yaml.Node, format string, args ...any) {
	v.errorf(n, format, args...)
	v.problems[len(v.problems)-1].Warning = true
}

var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

func yamlSyntaxError(file string, err error) *PosError {
	msg := err.Error()
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &PosError{File: file, Line: line, Col: 1, Err: yamlMessage(m[2])}
	}
	return &PosError{File: file, Err: yamlMessage(strings.TrimPrefix(msg, "yaml: "))}
}

// yamlMessage is a syntax error of the YAML parser: the ones met most
// said in the user's language, any other as the parser says it.
func yamlMessage(s string) error {
	switch s {
	case "did not find expected key":
		return messagef("did not find expected key")
	case "mapping values are not allowed in this context":
		return messagef("mapping values are not allowed in this context")
	case "found character that cannot start any token":
		return messagef("found character that cannot start any token")
	case "could not find expected ':'":
		return messagef("could not find expected ':'")
	case "did not find expected '-' indicator":
		return messagef("did not find expected '-' indicator")
	case "found a tab character that violates indentation":
		return messagef("found a tab character that violates indentation")
	case "found unexpected end of stream":
		return messagef("found unexpected end of stream")
	}
	return errors.New(s)
}

func decodeError(file string, err error) *PosError {
	var pe *PosError
	if errors.As(err, &pe) {
		return pe
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return yamlSyntaxError(file, errors.New(te.Errors[0]))
	}
	return yamlSyntaxError(file, err)
}

// checkKeys walks a YAML node against the Go type it decodes into and
// reports unknown keys, missing required keys, duplicate keys and values of
// the wrong shape, each at its own line and column.
func (v *validator) checkKeys(n *yaml.Node, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		v.errorf(n, "aliases are not allowed in a rubric")
		return
	}
	if t == reflect.TypeOf(Decimal(0)) {
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!str" {
			v.errorf(n, "want a number, got %s", describe(n))
		} else if _, err := ParseDecimal(n.Value); errors.Is(err, ErrSyntax) {
			v.errorf(n, "want a number, got %s", describe(n))
		} else if err != nil {
			v.errorAt(n, err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			v.errorf(n, "want a mapping, got %s", describe(n))
			return
		}
		fields := map[string]reflect.StructField{}
		var required []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			f, ok := fields[k.Value]
			switch {
			case !ok:
				v.errorf(k, "unknown key %q%s", k.Value, suggest(k.Value, fields))
				v.problems[len(v.problems)-1].unknownKey = true
			case seen[k.Value] != nil:
				v.errorf(k, "key %q appears twice (first at line %d)", k.Value, seen[k.Value].Line)
			default:
				v.checkKeys(val, f.Type)
			}
			if seen[k.Value] == nil {
				seen[k.Value] = k
			}
		}
		var missing []string
		for _, name := range required {
			if seen[name] == nil {
				missing = append(missing, strconv.Quote(name))
			}
		}
		switch len(missing) {
		case 0:
		case 1:
			v.errorf(n, "missing key %s", missing[0])
		default:
			v.errorf(n, "missing keys %s", joinAnd(missing))
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			v.errorf(n, "want a list, got %s", describe(n))
			return
		}
		for _, c := range n.Content {
			v.checkKeys(c, t.Elem())
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			v.errorf(n, "want a mapping, got %s", describe(n))
			return
		}
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if first := seen[k.Value]; first != nil {
				v.errorf(k, "key %q appears twice (first at line %d)", k.Value, first.Line)
			} else {
				seen[k.Value] = k
			}
			v.checkKeys(k, t.Key())
			v.checkKeys(n.Content[i+1], t.Elem())
		}
	case reflect.Int:
		if _, err := strconv.Atoi(n.Value); n.Kind != yaml.ScalarNode || err != nil {
			v.errorf(n, "want a whole number, got %s", describe(n))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			v.errorf(n, "want true or false, got %s", describe(n))
		}
	default:
		if n.Kind != yaml.ScalarNode {
			v.errorf(n, "want a single value, got %s", describe(n))
		}
	}
}

// suggest names the known key closest to a misspelt one: at most two edits
// away, and no more edits than half the key's length ("x" suggests nothing).
func suggest(key string, fields map[string]reflect.StructField) any {
	best, bestD := "", 3
	for name := range fields {
		if d := editDistance(key, name); 2*d <= len(key) && (d < bestD || d == bestD && name < best) {
			best, bestD = name, d
		}
	}
	if best == "" {
		return ""
	}
	return messagef(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
