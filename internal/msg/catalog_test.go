package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const importPath = "github.com/spbe-id/spbe/internal/msg"

// formatArgs are the functions of this package that take a message, with
// the positions of the arguments that are catalog keys.
var formatArgs = map[string][]int{"Sprintf": {1}, "Errorf": {0}, "New": {0}, "Word": {0}, "Plural": {1, 2}}

// helperName is the function by which a package that may not import this
// one makes its errors that users meet (their method MessageFormat gives
// the format to Text): its first argument is a catalog key.
const helperName = "messagef"

// callSite is a catalog key found in the source.
type callSite struct {
	key string
	pos token.Position
}

// moduleFiles parses the Go files of the module but its tests and
// testdata.
func moduleFiles(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root: %v", err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fset, files
}

// constString returns the value of a string constant expression: a
// literal or literals joined with +.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(e.X)
		b, ok2 := constString(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(e.X)
	}
	return "", false
}

// scan returns every catalog key passed to the functions of this package
// in the module, and the calls whose key is not a constant. A function
// that passes a parameter of its own on as a key (func usagef(format
// string, args ...any) error { ... msg.Errorf(format, args...) }) is a
// wrapper: the keys passed to it are scanned in turn.
func scan(t *testing.T) (keys []callSite, bad []token.Position) {
	fset, files := moduleFiles(t)
	// targets: the functions whose arguments at the positions are keys:
	// this package's ("msg", name), a wrapper declared in a package (its
	// package's name, the function's or method's name), or a closure
	// assigned to a variable in a function (that function's position, name).
	type target struct {
		pkgSel string
		scope  token.Pos
		name   string
	}
	imported := func(f *ast.File, id string) string { // the package a selector names, or ""
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			if name == id {
				return p[strings.LastIndex(p, "/")+1:]
			}
		}
		return ""
	}
	targets := map[target][]int{}
	for n, a := range formatArgs {
		targets[target{pkgSel: "msg", name: n}] = a
	}
	// The helpers of the packages that may import nothing internal (pkg/,
	// internal/outfile): func messagef(format string, args ...any) error,
	// whose error says its format through MessageFormat (see Text).
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == helperName {
				targets[target{pkgSel: f.Name.Name, name: helperName}] = []int{0}
			}
		}
	}
	local := func(f *ast.File) string { // the name this package is imported by in f
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == importPath {
				if im.Name != nil {
					return im.Name.Name
				}
				return "msg"
			}
		}
		if f.Name.Name == "msg" {
			return "" // this package: called by name
		}
		return "-"
	}
	callee := func(f *ast.File, call *ast.CallExpr, scope token.Pos) (target, bool) {
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			if local(f) == "" {
				if _, ok := formatArgs[fn.Name]; ok {
					return target{pkgSel: "msg", name: fn.Name}, true
				}
			}
			if t := (target{scope: scope, name: fn.Name}); scope != 0 && targets[t] != nil {
				return t, true
			}
			return target{pkgSel: f.Name.Name, name: fn.Name}, true
		case *ast.SelectorExpr:
			id, ok := fn.X.(*ast.Ident)
			if ok && id.Name == local(f) {
				return target{pkgSel: "msg", name: fn.Sel.Name}, true
			}
			if ok && imported(f, id.Name) != "" {
				return target{pkgSel: imported(f, id.Name), name: fn.Sel.Name}, true
			}
			return target{pkgSel: f.Name.Name, name: fn.Sel.Name}, true // a method of the package
		}
		return target{}, false
	}
	// The functions that may be wrappers: declared ones, and closures
	// assigned to a name in a function body (fail := func(...)).
	type fun struct {
		file  *ast.File
		self  target
		typ   *ast.FuncType
		body  *ast.BlockStmt
		scope token.Pos // the declared function it is in
	}
	var funs []fun
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			funs = append(funs, fun{f, target{pkgSel: f.Name.Name, name: fd.Name.Name}, fd.Type, fd.Body, fd.Pos()})
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
					return true
				}
				id, ok1 := as.Lhs[0].(*ast.Ident)
				lit, ok2 := as.Rhs[0].(*ast.FuncLit)
				if ok1 && ok2 {
					funs = append(funs, fun{f, target{scope: fd.Pos(), name: id.Name}, lit.Type, lit.Body, fd.Pos()})
				}
				return true
			})
		}
	}
	// Find the wrappers, to a fixed point (a wrapper of a wrapper).
	passed := map[token.Pos]bool{} // the arguments that are a wrapper's parameter
	for changed := true; changed; {
		changed = false
		for _, fn := range funs {
			params := map[string]int{}
			i := 0
			for _, fl := range fn.typ.Params.List {
				for _, n := range fl.Names {
					params[n.Name] = i
					i++
				}
				if len(fl.Names) == 0 {
					i++
				}
			}
			ast.Inspect(fn.body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				tg, ok := callee(fn.file, call, fn.scope)
				if !ok {
					return true
				}
				for _, a := range targets[tg] {
					if a >= len(call.Args) {
						continue
					}
					id, ok := call.Args[a].(*ast.Ident)
					if !ok {
						continue
					}
					p, ok := params[id.Name]
					if !ok {
						continue
					}
					passed[id.Pos()] = true
					if !slices.Contains(targets[fn.self], p) {
						targets[fn.self] = append(targets[fn.self], p)
						changed = true
					}
				}
				return true
			})
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			var scope token.Pos
			if fd, ok := d.(*ast.FuncDecl); ok {
				scope = fd.Pos()
			}
			ast.Inspect(d, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				tg, ok := callee(f, call, scope)
				if !ok {
					return true
				}
				for _, a := range targets[tg] {
					if a >= len(call.Args) {
						continue
					}
					if s, ok := constString(call.Args[a]); ok {
						keys = append(keys, callSite{s, fset.Position(call.Args[a].Pos())})
					} else if !passed[call.Args[a].Pos()] {
						bad = append(bad, fset.Position(call.Args[a].Pos()))
					}
				}
				return true
			})
		}
	}
	return keys, bad
}

// TestCatalog: every message passed to this package anywhere in the module
// (a constant) has its Indonesian entry, and the catalog has no entry that
// no code uses.
func TestCatalog(t *testing.T) {
	keys, bad := scan(t)
	for _, p := range bad {
		t.Errorf("%s: a message must be a constant string (the catalog's key)", p)
	}
	used := map[string]bool{}
	for _, k := range keys {
		used[k.key] = true
		if _, ok := indonesian[k.key]; !ok {
			t.Errorf("%s: no Indonesian entry in internal/msg/catalog.go for %q", k.pos, k.key)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(indonesian)) {
		if !used[k] {
			t.Errorf("catalog.go: entry %q is used nowhere: remove it", k)
		}
	}
	if len(keys) < len(indonesian) {
		t.Errorf("found %d call sites for %d entries", len(keys), len(indonesian))
	}
}

// TestCatalogVerbs: the Indonesian format of every entry takes the same
// arguments with the same verbs as the English one (in any order, with
// %[n]s), and is not empty.
func TestCatalogVerbs(t *testing.T) {
	verbs := func(f string) map[int]rune {
		m := map[int]rune{}
		for _, v := range parseVerbs(f) {
			m[v.arg] = v.verb
		}
		return m
	}
	for en, id := range indonesian {
		if strings.TrimSpace(id) == "" {
			t.Errorf("%q: empty Indonesian entry", en)
			continue
		}
		if got, want := verbs(id), verbs(en); !maps.Equal(got, want) {
			t.Errorf("%q:\n Indonesian %q takes %q,\n English takes %q", en, id, fmtVerbs(got), fmtVerbs(want))
		}
	}
}

func fmtVerbs(m map[int]rune) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(m)) {
		b.WriteString("%[" + strconv.Itoa(k+1) + "]" + string(m[k]) + " ")
	}
	return b.String()
}

// TestMessageFormatHelpers: a package with an error type that says its
// message through MessageFormat makes those errors with its helper
// messagef, whose formats TestCatalog checks (pkg/message's Error, which
// every messagef makes, is the one type exempt). So no format reaches Text
// unchecked.
func TestMessageFormatHelpers(t *testing.T) {
	fset, files := moduleFiles(t)
	methods, helpers := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		dir := filepath.Dir(fset.Position(f.Package).Filename)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			switch {
			case fd.Recv != nil && fd.Name.Name == "MessageFormat":
				methods[dir] = true
			case fd.Recv == nil && fd.Name.Name == helperName:
				helpers[dir] = true
			}
		}
	}
	if len(helpers) < 4 {
		t.Errorf("found %d packages with %s, want at least 4 (pkg/plan, pkg/rubric, pkg/butir, internal/outfile)", len(helpers), helperName)
	}
	for dir := range methods {
		if !helpers[dir] && filepath.Base(dir) != "message" { // pkg/message's Error serves every helper
			t.Errorf("%s: a type has MessageFormat but the package declares no %s", dir, helperName)
		}
	}
}
