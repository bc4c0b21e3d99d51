package workbook

import (
	"encoding/xml"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/xlsx"
	"github.com/xuri/efp"
	"github.com/xuri/excelize/v2"
)

// The formula guard: what a formula depends on, walked before it is
// computed (see formula.go).

// cellKey is a cell of a sheet; row and col are 1-based.
type cellKey struct {
	sheet    string
	row, col int
}

func (k cellKey) name(from string) string {
	c, _ := excelize.CoordinatesToCellName(k.col, k.row)
	if k.sheet == from {
		return c
	}
	return cellRef(k.sheet, c)
}

// arrayFormula is the range of an array formula and its first cell, where
// the formula is written.
type arrayFormula struct {
	r1, c1, r2, c2 int
	master         cellKey
}

// sheetFacts is what the guard needs of a sheet beyond excelize's API:
// its array formulas, and the last row and column that hold a cell, to
// which excelize cuts whole-column and whole-row references.
type sheetFacts struct {
	arrays         []arrayFormula
	maxRow, maxCol int
	// span is how many cells excelize holds for the sheet once it reads
	// it (every row up to its last cell, every row up to the last): past
	// maxHandOver, no cell of the sheet is read with excelize.
	span int
}

// formulaGuard checks formulas before excelize computes them, for one
// workbook; it remembers the cells it has checked.
type formulaGuard struct {
	f     *excelize.File
	facts map[string]*sheetFacts // by sheet name
	// refuse, when set, refuses every formula (why the workbook's array
	// formulas cannot be checked).
	refuse error
	names  []excelize.DefinedName
	size   map[cellKey]int64 // checked cells: a bound on the size of their value
	work   int
	calc   *calc // computes the cells checked
}

// newFormulaGuard reads the facts of every worksheet of f from its parts.
// parts maps sheet names to part names, or is nil when they are not known
// (an encrypted workbook): then any array formula refuses every formula.
func newFormulaGuard(f *excelize.File, parts map[string]string) *formulaGuard {
	g := &formulaGuard{f: f, facts: map[string]*sheetFacts{}, size: map[cellKey]int64{}}
	encrypted := parts == nil
	if parts == nil {
		for _, name := range f.GetSheetList() {
			// Loading a sheet puts its XML in f.Pkg when it was too
			// large to be kept there on opening.
			_, _ = f.GetCellFormula(name, "A1")
		}
		parts = pkgSheetParts(f)
	}
	total := 0
	read := func(sheet, part string) bool {
		data := pkgPart(f, part)
		if data == nil && sheet != "" {
			_, _ = f.GetCellFormula(sheet, "A1")
			data = pkgPart(f, part)
		}
		if data == nil {
			return true // not a worksheet excelize can read
		}
		sf := scanFacts(data, sheet)
		for _, a := range sf.arrays {
			total += (a.r2 - a.r1 + 1) * (a.c2 - a.c1 + 1)
		}
		if total > maxArrayCells {
			g.refuse = msg.Errorf("the workbook's array formulas cover more than %d cells", maxArrayCells)
			return false
		}
		if encrypted && len(sf.arrays) > 0 {
			g.refuse = msg.Errorf("the workbook has array formulas, which spbe cannot check in an encrypted workbook")
			return false
		}
		if sheet != "" {
			g.facts[sheet] = sf
		}
		return true
	}
	for sheet, part := range parts {
		if !read(sheet, part) {
			return g
		}
	}
	f.Pkg.Range(func(k, _ any) bool {
		name, _ := k.(string)
		if !strings.HasPrefix(strings.ToLower(name), "xl/worksheets/") {
			return true
		}
		for _, p := range parts {
			if strings.EqualFold(p, name) {
				return true // read above
			}
		}
		return read("", name)
	})
	return g
}

// pkgSheetParts maps the sheets of a workbook excelize holds to their
// parts, from xl/workbook.xml and its relationships.
func pkgSheetParts(f *excelize.File) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	parts := map[string]string{}
	if xml.Unmarshal(pkgPart(f, "xl/workbook.xml"), &wb) != nil || xml.Unmarshal(pkgPart(f, "xl/_rels/workbook.xml.rels"), &rels) != nil {
		return parts
	}
	for _, s := range wb.Sheets {
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				if t, abs := strings.CutPrefix(r.Target, "/"); abs {
					parts[s.Name] = t
				} else {
					parts[s.Name] = path.Join("xl", r.Target)
				}
			}
		}
	}
	return parts
}

// pkgPart returns the bytes of a part of the workbook as excelize holds
// them, the name matched ignoring case as the scanner does; nil when
// there is none.
func pkgPart(f *excelize.File, name string) []byte {
	if v, ok := f.Pkg.Load(name); ok {
		b, _ := v.([]byte)
		return b
	}
	var found []byte
	f.Pkg.Range(func(k, v any) bool {
		if n, _ := k.(string); strings.EqualFold(n, name) {
			found, _ = v.([]byte)
			return false
		}
		return true
	})
	return found
}

// scanFacts reads a worksheet's XML for its array formulas and extent.
func scanFacts(data []byte, sheet string) *sheetFacts {
	e := xlsx.ReadExtent(data)
	sf := &sheetFacts{maxRow: e.MaxRow, maxCol: e.MaxCol, span: e.Span}
	for _, a := range e.Arrays {
		sf.arrays = append(sf.arrays, arrayFormula{a.R1, a.C1, a.R2, a.C2, cellKey{sheet, a.Row, a.Col}})
	}
	return sf
}

// arrayAt returns the first cell of the array formula whose range holds
// k, other than that first cell itself.
func (g *formulaGuard) arrayAt(k cellKey) (cellKey, bool) {
	if sf := g.facts[k.sheet]; sf != nil {
		for _, a := range sf.arrays {
			if k.row >= a.r1 && k.row <= a.r2 && k.col >= a.c1 && k.col <= a.c2 && k != a.master {
				return a.master, true
			}
		}
	}
	return cellKey{}, false
}

// isArrayMaster reports whether k is the first cell of an array formula.
func (g *formulaGuard) isArrayMaster(k cellKey) bool {
	if sf := g.facts[k.sheet]; sf != nil {
		for _, a := range sf.arrays {
			if a.master == k {
				return true
			}
		}
	}
	return false
}

// node is a cell being checked: what it depends on (with repetition) and
// the size of its own text.
type node struct {
	key  cellKey
	deps []cellKey
	next int
	own  int64
	sum  int64
}

// check walks the cells that target depends on. It returns nil when
// excelize may compute target, else why not.
func (g *formulaGuard) check(target cellKey) error {
	if g.refuse != nil {
		return g.refuse
	}
	if _, ok := g.size[target]; ok {
		return nil
	}
	from := target.sheet
	var stack []*node
	onStack := map[cellKey]bool{}
	// enter returns the node of a formula cell, nil for a value.
	enter := func(k cellKey) (*node, error) {
		if sf := g.facts[k.sheet]; sf != nil && sf.span > maxHandOver {
			return nil, msg.Errorf("%s is in a sheet that spans %d cells, more than spbe computes formulas in (%d); "+
				"open the workbook in Excel or LibreOffice and save it, so that the formula has its value", k.name(from), sf.span, maxHandOver)
		}
		n, err := g.node(k, from)
		if err != nil || n == nil {
			return nil, err
		}
		if len(stack) >= maxFormulaDepth {
			return nil, msg.Errorf("it depends on a chain of more than %d formulas (%s to %s)",
				maxFormulaDepth, stack[0].key.name(from), k.name(from))
		}
		onStack[k] = true
		stack = append(stack, n)
		return n, nil
	}
	if _, err := enter(target); err != nil {
		return err
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		if n.next < len(n.deps) {
			d := n.deps[n.next]
			n.next++
			if s, ok := g.size[d]; ok {
				n.sum += s
				continue
			}
			if onStack[d] {
				return circular(stack, d, from)
			}
			if _, err := enter(d); err != nil {
				return err
			}
			continue
		}
		stack = stack[:len(stack)-1]
		delete(onStack, n.key)
		s := n.own + n.sum
		if s > maxFormulaText {
			return msg.Errorf("%s could build a text of more than %d bytes", n.key.name(from), maxFormulaText)
		}
		g.size[n.key] = s
		if len(stack) > 0 {
			stack[len(stack)-1].sum += s
		}
	}
	return nil
}

func circular(stack []*node, d cellKey, from string) error {
	i := slices.IndexFunc(stack, func(n *node) bool { return n.key == d })
	var path []string
	for _, n := range stack[i:] {
		path = append(path, n.key.name(from))
	}
	path = append(path, d.name(from))
	return msg.Errorf("circular reference %s", strings.Join(path, " -> "))
}

// node reads a cell for check: a value cell is recorded with its size and
// gives nil; a formula cell gives its node.
func (g *formulaGuard) node(k cellKey, from string) (*node, error) {
	cell, _ := excelize.CoordinatesToCellName(k.col, k.row)
	formula, err := g.f.GetCellFormula(k.sheet, cell)
	if err != nil || formula == "" {
		if m, ok := g.arrayAt(k); ok {
			// A cell of an array formula: excelize computes it from the
			// formula in the first cell.
			return &node{key: k, deps: []cellKey{m}}, nil
		}
		v, _ := g.f.GetCellValue(k.sheet, cell, excelize.Options{RawCellValue: true})
		g.size[k] = int64(len(v))
		return nil, nil
	}
	at := k.name(from)
	if len(formula) > maxFormulaLen {
		return nil, msg.Errorf("%s has a formula of more than %d characters", at, maxFormulaLen)
	}
	n := &node{key: k, own: int64(len(formula))}
	depth := 0
	ps := efp.ExcelParser()
	for _, t := range ps.Parse(formula) {
		switch {
		case t.TSubType == efp.TokenSubTypeStart:
			if depth++; depth > maxFormulaNest {
				return nil, msg.Errorf("%s nests more than %d functions or parentheses", at, maxFormulaNest)
			}
			if t.TType != efp.TokenTypeFunction {
				continue
			}
			fn := formulaFunction(t.TValue)
			switch {
			case fn == "ARRAY" || fn == "ARRAYROW": // an array constant {1,2;3,4}
			case slices.Contains(volatileFunctions, fn):
				return nil, msg.Errorf("%s uses %s, a volatile function: its value changes at every recalculation", at, fn)
			case !slices.Contains(computedFunctions, fn):
				return nil, msg.Errorf("%s uses %s, which spbe does not compute", at, fn)
			}
		case t.TSubType == efp.TokenSubTypeStop:
			depth--
		case t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeRange:
			deps, err := g.refCells(k.sheet, t.TValue)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", at, err)
			}
			n.deps = append(n.deps, deps...)
		}
	}
	return n, nil
}

// refCells returns the cells a reference in a formula of sheet names.
func (g *formulaGuard) refCells(sheet, ref string) ([]cellKey, error) {
	if strings.ContainsAny(ref, "[]") {
		return nil, msg.Errorf("%s refers to another workbook or a table, which spbe does not compute", ref)
	}
	area := ref
	if i := strings.LastIndexByte(ref, '!'); i >= 0 {
		sheet, area = strings.Trim(ref[:i], "'"), ref[i+1:]
		if strings.Contains(sheet, ":") {
			return nil, msg.Errorf("%s refers to several sheets, which spbe does not compute", ref)
		}
	}
	r1, c1, r2, c2, ok := parseArea(area)
	if !ok {
		target, err := g.definedName(sheet, ref)
		if err != nil {
			return nil, err
		}
		return g.refCells(sheet, target)
	}
	sf := g.facts[sheet]
	if sf == nil {
		sf = &sheetFacts{maxRow: maxRows, maxCol: maxCols}
	}
	// Past the last row and column that hold a cell, every cell is
	// empty: a range is read up to there (calc.ref), whatever it spans.
	r2, c2 = min(r2, sf.maxRow), min(c2, sf.maxCol)
	cells := max(0, r2-r1+1) * max(0, c2-c1+1)
	if g.work+cells > maxFormulaWork {
		return nil, msg.Errorf("computing it reads more than %d cells (%s)", maxFormulaWork, ref)
	}
	g.work += cells
	out := make([]cellKey, 0, cells)
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			out = append(out, cellKey{sheet, r, c})
		}
	}
	return out, nil
}

// definedName returns what a defined name refers to when that is a plain
// range.
func (g *formulaGuard) definedName(sheet, name string) (string, error) {
	if g.names == nil {
		g.names = g.f.GetDefinedName()
	}
	found := ""
	for _, d := range g.names {
		if !strings.EqualFold(d.Name, name) {
			continue
		}
		if d.Scope == sheet || found == "" && (d.Scope == "" || d.Scope == "Workbook") {
			found = strings.TrimPrefix(d.RefersTo, "=")
		}
	}
	if found == "" {
		return "", msg.Errorf("%s is not a cell reference or a defined name spbe knows", name)
	}
	area := found
	if i := strings.LastIndexByte(found, '!'); i >= 0 {
		area = found[i+1:]
	}
	if _, _, _, _, ok := parseArea(area); !ok || strings.ContainsAny(found, "[](),") {
		return "", msg.Errorf("the defined name %s is %s, not a plain range, which spbe does not compute", name, found)
	}
	return found, nil
}

// parseArea reads A1, $A$1, A1:B2, A:B or 1:2 into 1-based bounds.
func parseArea(s string) (r1, c1, r2, c2 int, ok bool) {
	from, to, two := strings.Cut(strings.ReplaceAll(s, "$", ""), ":")
	if !two {
		to = from
	}
	pr1, pc1, ok1 := parseRefPart(from)
	pr2, pc2, ok2 := parseRefPart(to)
	if !ok1 || !ok2 {
		return 0, 0, 0, 0, false
	}
	switch {
	case pr1 > 0 && pc1 > 0 && pr2 > 0 && pc2 > 0:
	case two && pr1 == 0 && pr2 == 0 && pc1 > 0 && pc2 > 0: // A:B
		pr1, pr2 = 1, maxRows
	case two && pc1 == 0 && pc2 == 0 && pr1 > 0 && pr2 > 0: // 1:2
		pc1, pc2 = 1, maxCols
	default:
		return 0, 0, 0, 0, false
	}
	return min(pr1, pr2), min(pc1, pc2), max(pr1, pr2), max(pc1, pc2), true
}

// parseRefPart reads "B12", "B" or "12"; 0 stands for a part absent.
func parseRefPart(s string) (row, col int, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		i++
	}
	if i > 3 {
		return 0, 0, false
	}
	if i > 0 {
		n, err := excelize.ColumnNameToNumber(s[:i])
		if err != nil {
			return 0, 0, false
		}
		col = n
	}
	if i < len(s) {
		n, err := strconv.Atoi(s[i:])
		if err != nil || n < 1 || n > maxRows || !digitsOnly(s[i:]) {
			return 0, 0, false
		}
		row = n
	}
	return row, col, i > 0 || row > 0
}
