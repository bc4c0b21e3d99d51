package textout

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestEscapeControls(t *testing.T) {
	tests := []struct{ in, keep, want string }{
		{"Kabupaten Contoh", "\n\t", "Kabupaten Contoh"},
		{"Kota Bau-Bau ≥ 4,2 → é", "", "Kota Bau-Bau ≥ 4,2 → é"},
		{"\x1b[31mMerah\x1b[0m", "\n\t", `\x1b[31mMerah\x1b[0m`},
		{"a\r\nb\tc", "\n\t", "a\\x0d\nb\tc"},
		{"a\nb", "", `a\x0ab`},
		{"DEL\x7f", "", `DEL\x7f`},
		{"C1 \u009b2J", "", `C1 \u009b2J`},
		{"bidi \u202eevil\u2066x\u2069 \u200f", "", `bidi \u202eevil\u2066x\u2069 \u200f`},
		{"bad \xff\xfe utf-8", "", `bad \xff\xfe utf-8`},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := escapeControls(tt.in, tt.keep); got != tt.want {
			t.Errorf("escapeControls(%q, %q) = %q, want %q", tt.in, tt.keep, got, tt.want)
		}
	}
	if got := escape("x\x7f\u009b\u202e\xff", "\n", true); got != `x\u007f\u009b\u202e\ufffd` {
		t.Errorf("escape for JSON = %q", got)
	}
}

// A rune split across two writes (bufio flushes every 4096 bytes) is kept
// whole, not escaped as two bad bytes.
func TestTerminalWriterSplitRune(t *testing.T) {
	var buf bytes.Buffer
	tw := NewTerminalWriter(&buf)
	s := []byte("≥ 4,2 \x1b!")
	for i := range s {
		if _, err := tw.Write(s[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := buf.String(), `≥ 4,2 \x1b!`; got != want {
		t.Errorf("byte by byte: %q, want %q", got, want)
	}
	if NewTerminalWriter(tw) != tw {
		t.Error("a TerminalWriter is wrapped twice")
	}
}

// hostile is text that a terminal, a spreadsheet or a Markdown viewer
// would act on: colours, a screen clear, a carriage return, reversed
// text, raw HTML and a link.
const hostile = "\x1b[31mMerah\x1b[0m <script>alert(1)</script> \u202eevil \u009b2J \r\x7f x|y `z` [klik](http://contoh)"

// TestHostileTextEveryFormat writes a model full of hostile text in
// every format of every command; none may pass a control character
// through, and Markdown no HTML or link.
func TestHostileTextEveryFormat(t *testing.T) {
	e := evaluation(t, "permenpanrb-59-2020", fixture.Perekonomian2021, hostile)
	e.Source, e.Sheet = hostile+".xlsx", hostile
	r := e.Result.Rubric
	src, _ := rubric.EmbeddedSource("permenpanrb-59-2020")
	r2, err := rubric.Parse(hostile+".yaml", bytes.Replace(src, []byte("name: Evaluasi SPBE (PermenPANRB 59/2020)"),
		[]byte(`name: "\e[31mEvaluasi <script>x</script> \u202e [a](http://b)"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	sc := batch.NewScorer(r)
	var ls []rubric.Level
	for _, it := range e.Result.Indicators {
		ls = append(ls, it.Level)
	}
	be := batch.NewEval(sc, ls)
	be.Source, be.Sheet, be.Instansi = e.Source, e.Sheet, hostile
	b := batch.Build(sc, []*batch.Eval{be}, []*batch.InputError{{Path: hostile, Err: errors.New(hostile)}}, false, 1)
	cs := &result.Comparisons{Pairs: []*result.Comparison{{Old: e, New: e, OldLabel: hostile, NewLabel: hostile}},
		OnlyOld: []string{hostile}, OnlyNew: []string{hostile}, Errors: []result.InputError{{Source: hostile, Message: hostile}}}
	target := r.BandNamed("Sangat Baik")
	pl, err := plan.Make(r, e.Levels(), plan.Target{Index: target.From, Band: target}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &result.RubricDiff{
		Old:     result.RubricSide{Arg: hostile, File: hostile, Rubric: r},
		New:     result.RubricSide{Arg: hostile, File: hostile, Rubric: r2},
		Changes: rubric.Diff(r, r2),
		Evals:   []*result.EvalDiff{{Source: hostile, Instansi: hostile, Old: e.Result, New: e.Result, OldRank: 1, NewRank: 1}},
		Failed:  []string{hostile},
	}
	e2 := *e // the same levels under the edited rubric: marked as not official
	if e2.Result, err = index.Compute(r2, e.Levels()); err != nil {
		t.Fatal(err)
	}
	type write func(io.Writer) error
	var cases []struct {
		name string
		w    write
	}
	add := func(name string, w write) {
		cases = append(cases, struct {
			name string
			w    write
		}{name, w})
	}
	for _, f := range ScoreFormats {
		for _, o := range []Options{{Lang: "id"}, {Lang: "en", Detail: true, Color: true}} {
			add("score one "+f.Name, func(w io.Writer) error { return f.Write.One(w, []*result.Evaluation{e, &e2}, o) })
			add("score batch "+f.Name, func(w io.Writer) error { return f.Write.Batch(w, b, o) })
		}
	}
	for _, f := range CompareFormats {
		add("compare "+f.Name, func(w io.Writer) error { return f.Write(w, cs, Options{}) })
	}
	for _, f := range PlanFormats {
		add("plan "+f.Name, func(w io.Writer) error { return f.Write(w, e, pl, Options{}) })
	}
	for _, f := range WhatIfFormats {
		add("whatif "+f.Name, func(w io.Writer) error { return f.Write(w, e, e.Result, Options{}) })
	}
	for _, f := range DiffFormats {
		add("rubric diff "+f.Name, func(w io.Writer) error { return f.Write(w, d) })
	}
	for _, f := range ProblemFormats {
		p := &rubric.PosError{File: hostile, Line: 1, Col: 2, Err: errors.New(hostile)}
		add("rubric validate "+f.Name, func(w io.Writer) error { return f.Write(w, p, label.English) })
	}
	for _, f := range RubricListFormats {
		add("rubric list "+f.Name, func(w io.Writer) error { return f.Write(w, []RubricInfo{NewRubricInfo(r2, false)}, Options{}) })
	}
	for _, f := range RubricFormats {
		if f.Name == "yaml" {
			continue // the rubric's own file, as it is (spbe rubric show file.yaml is cat)
		}
		add("rubric show "+f.Name, func(w io.Writer) error { return f.Write(w, r2, nil, Options{}) })
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.w(&buf); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			// The colours of --color are spbe's own: drop them first.
			for _, code := range append([]string{bold, reset}, bandColor...) {
				out = strings.ReplaceAll(out, code, "")
			}
			for _, bad := range []string{"\x1b", "\r", "\x7f", "\u009b", "\u202e"} {
				if strings.Contains(out, bad) {
					t.Errorf("output has a raw %q:\n%s", bad, out)
				}
			}
			if !strings.Contains(out, "Merah") && !strings.Contains(c.name, "rubric") && !strings.Contains(c.name, "whatif") && !strings.Contains(c.name, "plan csv") {
				t.Errorf("output lost the name:\n%s", out)
			}
			if strings.Contains(c.name, "markdown") {
				// Code spans show their text as it is; outside them no
				// HTML tag or link may start unescaped.
				text := regexp.MustCompile("`[^`]*`").ReplaceAllString(out, "")
				for _, bad := range []string{`(^|[^\\])<`, `(^|[^\\])\]\(`} {
					if m := regexp.MustCompile(bad).FindString(text); m != "" {
						t.Errorf("Markdown passes %q:\n%s", m, out)
					}
				}
			}
		})
	}
}
