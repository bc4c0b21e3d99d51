package textout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// oddNames are names that every escape of encoding/json meets: quotes,
// backslashes, control characters, HTML characters, non-ASCII, U+2028
// and U+2029, invalid UTF-8.
var oddNames = []string{
	"Pemerintah Kabupaten Biasa",
	`Kota "Kutip" \ Miring / Garis`,
	"Kontrol \x00\x01\x07\b\t\n\v\f\r\x1b\x1f\x7f akhir",
	"<script>alert('x')</script> & Co",
	"Kabupaten Pidië — 日本語 🇮🇩",
	"Pemisah \u2028 baris \u2029 paragraf",
	"UTF-8 rusak \xff\xfe \xc3( \xe2\x82",
	"",
	"=HYPERLINK(\"x\") | Kabupaten",
}

// oddRubric is the default rubric with odd names, a precision of 3 and
// levels that need not be whole.
func oddRubric(t testing.TB) *rubric.Rubric {
	t.Helper()
	src, ok := rubric.EmbeddedSource("permenpanrb-59-2020")
	if !ok {
		t.Fatal("no default rubric")
	}
	s := strings.ReplaceAll(string(src), "integer: true", "integer: false")
	for _, rep := range [][2]string{
		{"precision: 2", "precision: 3"},
		{"name: Evaluasi SPBE (PermenPANRB 59/2020)", `name: "Evaluasi <SPBE> & \"uji\"\t\u2029 é"`},
		{"1: Rintisan", `1: "Rintisan\u0001 <b>"`},
		{"name: Tingkat Kematangan Layanan Kepegawaian}", `name: "Kepegawaian \u007f \\ / \u2028"}`},
		{"name: Layanan Publik Berbasis Elektronik", `name: "Layanan \"Publik\" & <Elektronik>"`},
	} {
		if !strings.Contains(s, rep[0]) {
			t.Fatalf("default rubric lacks %q", rep[0])
		}
		s = strings.Replace(s, rep[0], rep[1], 1)
	}
	r, err := rubric.Parse("odd.yaml", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// testBatch scores n evaluations with levels from rng (halves when half),
// odd names and categories, with a cell for most indicators.
func testBatch(t testing.TB, r *rubric.Rubric, n int, rng *rand.Rand, half, groupBy bool, workers int) *result.Batch {
	t.Helper()
	sc := batch.NewScorer(r)
	inds := r.Indicators()
	ls := make([]rubric.Level, len(inds))
	var evals []*batch.Eval
	for i := 0; i < n; i++ {
		for j, ind := range inds {
			lo, hi := ind.LevelScale.Min.Int(), ind.LevelScale.Max.Int()
			l := rubric.NewLevel(lo + rng.Int63n(hi-lo+1))
			if half && l.Cmp(ind.LevelScale.Max) < 0 && rng.Intn(3) == 0 {
				l += rubric.NewLevel(1) / 2 // a half
			}
			ls[j] = l
		}
		e := batch.NewEval(sc, ls)
		e.Source = oddNames[rng.Intn(len(oddNames))] + ".xlsx"
		e.Sheet = oddNames[rng.Intn(len(oddNames))]
		e.Instansi = fmt.Sprintf("%s %d", oddNames[i%len(oddNames)], i)
		e.Category = []string{"", "Kabupaten", "Kota", "Lain <&>"}[rng.Intn(4)]
		evals = append(evals, e)
	}
	errs := []*batch.InputError{
		{Path: "rusak \"1\".xlsx", Err: errors.New("rusak \"1\".xlsx: not a workbook <&>")},
		{Path: "kosong\t.csv", Err: errors.New("kosong\t.csv: no table \u2028")},
	}
	b := batch.Build(sc, evals, errs, groupBy, workers)
	row := b.Row
	b.Row = func(i int, byRank bool) *result.RankRow {
		rr := row(i, byRank)
		full := rr.Full
		rr.Full = func() (*result.Evaluation, error) {
			e, err := full()
			if err != nil {
				return nil, err
			}
			for j, ind := range inds {
				if (i+j)%7 != 0 {
					e.Cells[ind.ID] = fmt.Sprintf("Penilaian!%c%d", 'C'+rune(j%20), i+2)
				}
			}
			return e, nil
		}
		return rr
	}
	return b
}

// referenceBatchJSON is the batch document as encoding/json writes it
// from the JSON types, all in memory: what BatchJSON wrote before it
// streamed.
func referenceBatchJSON(t testing.TB, b *result.Batch, o Options) []byte {
	t.Helper()
	doc := struct {
		Results    []JSONBatchResult  `json:"results"`
		Errors     []JSONBatchError   `json:"errors"`
		Summary    *JSONSummary       `json:"summary"`
		Groups     []*JSONSummary     `json:"groups,omitempty"`
		Provenance *result.Provenance `json:"provenance,omitempty"`
	}{Results: []JSONBatchResult{}, Errors: []JSONBatchError{}, Provenance: o.Provenance}
	for i := 0; i < b.Len; i++ {
		rr := b.Row(i, false)
		e, err := rr.Full()
		if err != nil {
			t.Fatal(err)
		}
		doc.Results = append(doc.Results, JSONBatchResult{Rank: rr.Rank, Category: rr.Category, JSONResult: NewJSONResult(e)})
	}
	for _, e := range b.Errors {
		doc.Errors = append(doc.Errors, JSONBatchError{Source: e.Source, Sheet: e.Sheet, Cell: e.Cell, Error: e.Message})
	}
	doc.Summary = newJSONSummary(b.Rubric, b.Summary)
	for _, g := range b.Groups {
		doc.Groups = append(doc.Groups, newJSONSummary(b.Rubric, g.Summary))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return jsonEscaped(buf.Bytes())
}

// jsonEscaped is what spbe writes for encoding/json's output: the same,
// with DEL, the C1 controls and the bidirectional marks escaped too (see
// escape.go), as every JSON printer does.
func jsonEscaped(b []byte) []byte { return []byte(escape(string(b), "\n", true)) }

func testProvenance(r *rubric.Rubric) *result.Provenance {
	p := result.NewProvenance("v1.2.3 <dev> & \"x\"", r, "embedded", time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC))
	p.AddFile("nasional <1>.xlsx", strings.Repeat("ab", 32))
	return p
}

// TestBatchJSONMatchesEncodingJSON holds the streaming writer to
// encoding/json byte for byte on varied batches.
func TestBatchJSONMatchesEncodingJSON(t *testing.T) {
	def, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	old, err := rubric.ByID("permenpanrb-5-2018")
	if err != nil {
		t.Fatal(err)
	}
	odd := oddRubric(t)
	tests := []struct {
		name    string
		r       *rubric.Rubric
		n       int
		half    bool
		groupBy bool
		workers int
		prov    bool
	}{
		{"empty", def, 0, false, false, 1, false},
		{"one", def, 1, false, false, 1, true},
		{"default", def, 40, false, false, 2, false},
		{"grouped", def, 40, false, true, 1, true},
		{"2018", old, 30, false, true, 2, false},
		{"odd rubric, halves", odd, 40, true, true, 2, true},
		{"sequential", odd, 25, true, false, 1, false},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := testBatch(t, tt.r, tt.n, rand.New(rand.NewSource(int64(k+1))), tt.half, tt.groupBy, tt.workers)
			if tt.name == "sequential" {
				b.Each = nil
			}
			var o Options
			if tt.prov {
				o.Provenance = testProvenance(tt.r)
			}
			var got bytes.Buffer
			if err := BatchJSON(&got, b, o); err != nil {
				t.Fatal(err)
			}
			want := referenceBatchJSON(t, b, o)
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("BatchJSON differs from encoding/json at byte %d:\ngot:  %q\nwant: %q",
					firstDiff(got.Bytes(), want), around(got.Bytes(), want), around(want, got.Bytes()))
			}
			if !json.Valid(got.Bytes()) {
				t.Error("BatchJSON wrote invalid JSON")
			}
		})
	}
}

// TestJSONMatchesEncodingJSON compares JSON (one and several evaluations)
// and the writer with HTML escaping against json.MarshalIndent.
func TestJSONMatchesEncodingJSON(t *testing.T) {
	r := oddRubric(t)
	b := testBatch(t, r, 30, rand.New(rand.NewSource(7)), true, false, 1)
	var evals []*result.Evaluation
	for i := 0; i < b.Len; i++ {
		e, err := b.Row(i, false).Full()
		if err != nil {
			t.Fatal(err)
		}
		evals = append(evals, e)
	}
	// A result with no domains and no aspects: an instrument of aspects
	// only writes "domains": [].
	eko := evaluation(t, "permenpanrb-59-2020", slices.Repeat([]int{3}, 47), "<Eko> & \"Sons\"")
	bare := *eko
	res := *eko.Result
	res.Domains, res.Aspects = nil, nil
	bare.Result = &res
	evals = append(evals, &bare)
	// Results near a predicate edge, on either side of it.
	def, _ := rubric.ByID("permenpanrb-59-2020")
	rng := rand.New(rand.NewSource(3))
	crossed := map[bool]bool{}
	for try := 0; try < 100000 && len(crossed) < 2; try++ {
		ls := index.Levels{}
		for _, ind := range def.Indicators() {
			ls[ind.ID] = rubric.NewLevel(1 + rng.Int63n(5))
		}
		res, err := index.Compute(def, ls)
		if err != nil {
			t.Fatal(err)
		}
		if ed := res.Edge; ed != nil && !crossed[ed.Crossed(res.Predicate)] {
			crossed[ed.Crossed(res.Predicate)] = true
			evals = append(evals, &result.Evaluation{Source: "tepi.csv", Instansi: fmt.Sprintf("Tepi %d", try), Result: res})
		}
	}
	if len(crossed) < 2 {
		t.Errorf("results near a predicate edge: found crossed %v, want both", crossed)
	}
	prov := testProvenance(r)

	encode := func(v any, html bool) []byte {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(html)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	check := func(name string, got, want []byte) {
		t.Helper()
		want = jsonEscaped(want)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from encoding/json at byte %d:\ngot:  %q\nwant: %q",
				name, firstDiff(got, want), around(got, want), around(want, got))
		}
	}
	for i, e := range evals {
		for _, p := range []*result.Provenance{nil, prov} {
			var got bytes.Buffer
			if err := JSON(&got, []*result.Evaluation{e}, Options{Provenance: p}); err != nil {
				t.Fatal(err)
			}
			want := NewJSONResult(e)
			want.Provenance = p
			check(fmt.Sprintf("JSON of evaluation %d", i), got.Bytes(), encode(want, false))

			// With HTML escaping, as json.MarshalIndent writes.
			head := &jsonHead{Rank: i + 1, Category: oddNames[i%len(oddNames)]}
			escaped, err := appendResult(nil, 0, e, head, p, true)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := json.MarshalIndent(struct {
				JSONBatchResult
				Provenance *result.Provenance `json:"provenance,omitempty"`
			}{JSONBatchResult{Rank: head.Rank, Category: head.Category, JSONResult: want}, p}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			check(fmt.Sprintf("escaped result %d", i), escaped, ref)
		}
	}
	var got bytes.Buffer
	if err := JSON(&got, evals, Options{Provenance: prov}); err != nil {
		t.Fatal(err)
	}
	all := struct {
		Results    []JSONResult       `json:"results"`
		Provenance *result.Provenance `json:"provenance,omitempty"`
	}{Provenance: prov}
	for _, e := range evals {
		all.Results = append(all.Results, NewJSONResult(e))
	}
	check("JSON of several", got.Bytes(), encode(all, false))
	got.Reset()
	if err := JSON(&got, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	check("JSON of none", got.Bytes(), encode(struct {
		Results []JSONResult `json:"results"`
	}{[]JSONResult{}}, false))

	got.Reset()
	if err := JSON(&got, []*result.Evaluation{&bare}, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got.Bytes(), []byte("\n  \"domains\": [],\n  \"aspects\": [],\n")) {
		t.Errorf("no domains: want \"domains\": [], got\n%s", got.Bytes())
	}
}

// TestBatchJSONError: the first evaluation that cannot be computed ends
// the document with its error.
func TestBatchJSONError(t *testing.T) {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	for _, workers := range []int{1, 2} {
		b := testBatch(t, r, 20, rand.New(rand.NewSource(1)), false, false, workers)
		row := b.Row
		b.Row = func(i int, byRank bool) *result.RankRow {
			rr := row(i, byRank)
			if i == 5 || i == 9 {
				rr.Full = func() (*result.Evaluation, error) { return nil, fmt.Errorf("row %d: broken", i) }
			}
			return rr
		}
		err := BatchJSON(&bytes.Buffer{}, b, Options{})
		if err == nil || err.Error() != "row 5: broken" {
			t.Errorf("workers %d: err = %v, want row 5: broken", workers, err)
		}
	}
}

func TestAppendFixed(t *testing.T) {
	values := []rubric.Decimal{0, 1, -1, 4, 5, 9, 10, 49, 50, 51, 499_999, 500_000, 500_001, 999_999,
		1_000_000, 2_635_000, 2_634_999, -2_635_000, -4_999, -5_000, 123_456_789,
		math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		values = append(values, rubric.Decimal(rng.Int63n(20_000_000)-10_000_000))
	}
	for _, d := range values {
		for places := -1; places <= rubric.DecimalPlaces+1; places++ {
			if got, want := string(appendFixed([]byte("x"), d, places)), "x"+d.Fixed(places); got != want {
				t.Errorf("appendFixed(%d, %d) = %q, want %q", d, places, got, want)
			}
		}
	}
}

func firstDiff(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// around is a's text near where a and b first differ.
func around(a, b []byte) string {
	i := firstDiff(a, b)
	return string(a[max(0, i-80):min(len(a), i+80)])
}

// resultCounter counts the results written to it.
type resultCounter struct {
	results *atomic.Int64
}

func (c resultCounter) Write(p []byte) (int, error) {
	c.results.Add(int64(bytes.Count(p, []byte(`"rank": `))))
	return len(p), nil
}

// TestBatchJSONStreams: BatchJSON computes a full result only a few
// results ahead of writing it, so that a batch of 100,000 never holds
// 100,000 full results.
func TestBatchJSONStreams(t *testing.T) {
	r, _ := rubric.ByID("permenpanrb-59-2020")
	for _, workers := range []int{1, 2, 4} {
		const n = 300
		b := testBatch(t, r, n, rand.New(rand.NewSource(1)), false, false, workers)
		var computed, written, most atomic.Int64
		row := b.Row
		b.Row = func(i int, byRank bool) *result.RankRow {
			rr := row(i, byRank)
			full := rr.Full
			rr.Full = func() (*result.Evaluation, error) {
				ahead := computed.Add(1) - written.Load()
				for m := most.Load(); ahead > m && !most.CompareAndSwap(m, ahead); m = most.Load() {
				}
				return full()
			}
			return rr
		}
		if err := BatchJSON(resultCounter{&written}, b, Options{}); err != nil {
			t.Fatal(err)
		}
		if computed.Load() != n || written.Load() != n {
			t.Fatalf("workers %d: %d results computed, %d written, want %d", workers, computed.Load(), written.Load(), n)
		}
		// Results waiting in order (2 per worker), being written (1 per
		// worker), and those in the output buffer (64 KiB, about 3).
		if limit := int64(3*workers + 8); most.Load() > limit {
			t.Errorf("workers %d: up to %d full results computed and not yet written, want at most %d", workers, most.Load(), limit)
		}
	}
}

// FuzzAppendString holds appendString to encoding/json on any string,
// with and without HTML escaping, and the escaping of escape.go.
func FuzzAppendString(f *testing.F) {
	for _, s := range oddNames {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			if got := appendString(nil, s, html); string(got) != string(jsonEscaped(bytes.TrimSuffix(want.Bytes(), []byte("\n")))) {
				t.Errorf("appendString(%q, html %v) = %s, want %s", s, html, got, want.Bytes())
			}
		}
	})
}
