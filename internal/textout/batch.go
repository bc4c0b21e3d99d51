package textout

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// BatchText writes the ranking table, then the summary; with groups, a
// ranking and a summary per group, then the summary of all.
func BatchText(w io.Writer, b *result.Batch, o Options) error {
	sb := bufio.NewWriter(NewTerminalWriter(w))
	if len(b.Groups) == 0 {
		rows := make([]int, b.Len)
		for i := range rows {
			rows[i] = i
		}
		rankingText(sb, b, rows, nil, o)
		sb.WriteString("\n")
		summaryText(sb, b, b.Summary, o)
	} else {
		for _, g := range b.Groups {
			fmt.Fprintf(sb, "== %s ==\n", label.GroupName(g.Summary.Group, o.Lang))
			rankingText(sb, b, g.Rows, g.Ranks, o)
			sb.WriteString("\n")
			summaryText(sb, b, g.Summary, o)
			sb.WriteString("\n")
		}
		fmt.Fprintf(sb, "== %s ==\n", label.Batch.Get(o.Lang, "all"))
		summaryText(sb, b, b.Summary, o)
	}
	if len(b.Errors) > 0 {
		fmt.Fprintf(sb, "\n%s: %d\n", label.Batch.Get(o.Lang, "failed"), len(b.Errors))
	}
	if b.Simulated > 0 {
		fmt.Fprintf(sb, "\n"+label.Butir.Get(o.Lang, "batch")+"\n", b.Simulated)
		for i := 0; i < b.Len; i++ {
			if r := b.Row(i, true); r.Simulated {
				fmt.Fprintf(sb, "  %s (%s)\n", r.Instansi, r.Source)
			}
		}
	}
	if b.Provisional > 0 {
		fmt.Fprintf(sb, "\n"+label.Batch.Get(o.Lang, "provisional")+"\n", b.Provisional)
		for i := 0; i < b.Len; i++ {
			if r := b.Row(i, true); len(r.Assumed) > 0 {
				fmt.Fprintf(sb, "  %s: %s\n", r.Instansi, label.IndicatorKeys(b.Rubric, r.Assumed))
			}
		}
	}
	return sb.Flush()
}

func rankingText(sb *bufio.Writer, b *result.Batch, rows, ranks []int, o Options) {
	lang, p := o.Lang, b.Rubric.Precision
	const maxName = 50
	nameW := utf8.RuneCountInString(label.Batch.Get(lang, "instansi"))
	predW := utf8.RuneCountInString(label.Batch.Get(lang, "predicate"))
	for _, i := range rows {
		r := b.Row(i, true)
		nameW = max(nameW, min(maxName, utf8.RuneCountInString(r.Instansi)))
		predW = max(predW, utf8.RuneCountInString(label.PredicateName(r.Predicate, lang)))
	}
	rankW := utf8.RuneCountInString(label.Batch.Get(lang, "rank"))
	fmt.Fprintf(sb, "%*s  %s  %6s  %s", rankW, label.Batch.Get(lang, "rank"), pad(label.Batch.Get(lang, "instansi"), nameW),
		label.Batch.Get(lang, "index"), pad(label.Batch.Get(lang, "predicate"), predW))
	for _, d := range b.Rubric.Domains {
		fmt.Fprintf(sb, "  %5s", d.ID)
	}
	sb.WriteString("\n")
	for k, i := range rows {
		r := b.Row(i, true)
		rank := r.Rank
		if ranks != nil {
			rank = ranks[k]
		}
		fmt.Fprintf(sb, "%*d  %s  %6s  %s", rankW, rank, pad(r.Instansi, nameW), label.Number(r.Index, p, lang),
			pad(label.PredicateName(r.Predicate, lang), predW))
		for _, d := range r.Domains {
			fmt.Fprintf(sb, "  %5s", label.Number(d, p, lang))
		}
		sb.WriteString("\n")
	}
}

func summaryText(sb *bufio.Writer, b *result.Batch, s *result.Summary, o Options) {
	lang, p := o.Lang, b.Rubric.Precision
	fmt.Fprintf(sb, "%s: %d %s\n", label.Batch.Get(lang, "summary"), s.Count, label.Batch.Get(lang, "count"))
	if s.Count == 0 {
		return
	}
	// As wide as the longest name ("Embedded (Sangat Baik)"), never cut.
	w := max(20, utf8.RuneCountInString(label.Batch.Get(lang, "mean")), utf8.RuneCountInString(label.Batch.Get(lang, "median")))
	for _, band := range b.Rubric.Predicates {
		w = max(w, utf8.RuneCountInString(label.PredicateName(band, lang)))
	}
	for i, band := range b.Rubric.Predicates {
		fmt.Fprintf(sb, "  %s %6d\n", pad(label.PredicateName(band, lang), w), s.PerBand[i])
	}
	fmt.Fprintf(sb, "  %s %6s\n", pad(label.Batch.Get(lang, "mean"), w), label.Number(s.Mean, p, lang))
	fmt.Fprintf(sb, "  %s %6s\n\n", pad(label.Batch.Get(lang, "median"), w), label.Number(s.Median, p, lang))
	groupWord := label.Batch.Get(lang, "group")
	if len(b.Rubric.Domains) == 0 {
		groupWord = label.Batch.Get(lang, "group:aspects")
	}
	t := &textTable{nameWidth: 60, head: groupWord, cols: []column{{head: label.Batch.Get(lang, "groupmean"), min: 9}}}
	ai := 0
	for ; len(b.Rubric.Domains) == 0 && ai < len(b.Rubric.TopAspects); ai++ { // aspects directly under the index
		a := b.Rubric.TopAspects[ai]
		t.row(a.ID+" "+a.Name, label.Number(s.Aspects[ai], p, lang))
	}
	for di, d := range b.Rubric.Domains {
		t.row(d.ID+" "+d.Name, label.Number(s.Domains[di], p, lang))
		for _, a := range d.Aspects {
			t.row("  "+a.ID+" "+a.Name, label.Number(s.Aspects[ai], p, lang))
			ai++
		}
	}
	sb.WriteString(t.String())
}

// JSONBatchResult is a result of a batch: the single-evaluation object
// with the rank (and the category, when known).
type JSONBatchResult struct {
	Rank     int    `json:"rank"`
	Category string `json:"category,omitempty"`
	JSONResult
}

// JSONBatchError is an input that could not be scored.
type JSONBatchError struct {
	Source string `json:"source"`
	Sheet  string `json:"sheet,omitempty"`
	Cell   string `json:"cell,omitempty"`
	Error  string `json:"error"`
}

// JSONSummary is the JSON form of a result.Summary.
type JSONSummary struct {
	Group      string         `json:"group,omitempty"`
	Count      int            `json:"count"`
	Predicates map[string]int `json:"predicates"`
	Mean       Num            `json:"mean"`
	Median     Num            `json:"median"`
	Domains    []JSONMean     `json:"domains"`
	Aspects    []JSONMean     `json:"aspects"`
}

// JSONMean is the mean index of a domain or an aspect.
type JSONMean struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Mean Num    `json:"mean"`
}

func newJSONSummary(r *rubric.Rubric, s *result.Summary) *JSONSummary {
	p := r.Precision
	out := &JSONSummary{Group: s.Group, Count: s.Count, Predicates: map[string]int{},
		Domains: []JSONMean{}, Aspects: []JSONMean{}}
	for i, b := range r.Predicates {
		out.Predicates[b.Name] = s.PerBand[i]
	}
	if s.Count == 0 {
		return out
	}
	out.Mean, out.Median = num(s.Mean, p), num(s.Median, p)
	for i, d := range r.Domains {
		out.Domains = append(out.Domains, JSONMean{ID: d.ID, Name: d.Name, Mean: num(s.Domains[i], p)})
	}
	for i, a := range r.Aspects() {
		out.Aspects = append(out.Aspects, JSONMean{ID: a.ID, Name: a.Name, Mean: num(s.Aspects[i], p)})
	}
	return out
}

// BatchJSON writes {"results": [...], "errors": [...], "summary": {...}}
// (and "groups" when grouped), results in input order. Each result is
// computed in full (RankRow.Full), written and dropped, one at a time
// (several at once with Batch.Each), so memory does not grow with the
// batch.
func BatchJSON(w io.Writer, b *result.Batch, o Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var werr error
	write := func(p []byte) {
		if werr == nil {
			_, werr = bw.Write(p)
		}
	}
	write([]byte("{\n  \"results\": ["))
	each := b.Each
	if each == nil {
		each = func(n int, work func(int) []byte, emit func(int, []byte)) {
			for i := 0; i < n; i++ {
				emit(i, work(i))
			}
		}
	}
	var (
		mu     sync.Mutex
		ferr   error // of the first evaluation that failed
		ferrAt = -1
		failed bool
	)
	each(b.Len, func(i int) []byte {
		r := b.Row(i, false)
		e, err := r.Full()
		if err != nil {
			mu.Lock()
			if ferrAt < 0 || i < ferrAt {
				ferr, ferrAt = err, i
			}
			mu.Unlock()
			return nil
		}
		js := getJSONBuf()
		if i > 0 {
			js = append(js, ',')
		}
		js = appendNewline(js, 4)
		// No provenance: no error.
		js, _ = appendResult(js, 4, e, &jsonHead{Rank: r.Rank, Category: r.Category}, nil, false)
		return js
	}, func(_ int, js []byte) {
		if js == nil {
			failed = true
		}
		if !failed {
			write(js)
			putJSONBuf(js)
		}
	})
	if failed {
		return ferr
	}
	js := appendEnd(nil, 2, ']', b.Len == 0)
	js = appendKey(js, 2, "errors", false)
	js = appendErrors(js, 2, b.Errors, false)
	var err error
	js = appendKey(js, 2, "summary", false)
	if js, err = appendAny(js, newJSONSummary(b.Rubric, b.Summary), 2, false); err != nil {
		return err
	}
	if len(b.Groups) > 0 {
		gs := make([]*JSONSummary, len(b.Groups))
		for i, g := range b.Groups {
			gs[i] = newJSONSummary(b.Rubric, g.Summary)
		}
		js = appendKey(js, 2, "groups", false)
		if js, err = appendAny(js, gs, 2, false); err != nil {
			return err
		}
	}
	if o.Provenance != nil {
		js = appendKey(js, 2, "provenance", false)
		if js, err = appendAny(js, o.Provenance, 2, false); err != nil {
			return err
		}
	}
	write(append(js, '\n', '}', '\n'))
	if werr != nil {
		return werr
	}
	return bw.Flush()
}

// jsonBufs are the buffers of results on their way from the workers of
// BatchJSON to the output.
var jsonBufs sync.Pool

func getJSONBuf() []byte {
	if p, ok := jsonBufs.Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, 32<<10)
}

func putJSONBuf(b []byte) { jsonBufs.Put(&b) }

// batchColumns are the CSV and Markdown columns of a batch.
func batchColumns(r *rubric.Rubric) []string {
	cols := []string{"rank", "source", "sheet", "instansi", "category", "index", "predicate"}
	for _, d := range r.Domains {
		cols = append(cols, d.ID)
	}
	for _, a := range r.Aspects() {
		cols = append(cols, a.ID)
	}
	return cols
}

func batchRow(b *result.Batch, r *result.RankRow, lang string, rec []string) []string {
	p := b.Rubric.Precision
	rec = append(rec[:0], strconv.Itoa(r.Rank), r.Source, r.Sheet, r.Instansi, r.Category,
		r.Index.Fixed(p), label.PredicateName(r.Predicate, lang))
	for _, d := range r.Domains {
		rec = append(rec, d.Fixed(p))
	}
	for _, a := range r.Aspects {
		rec = append(rec, a.Fixed(p))
	}
	return rec
}

// BatchCSV writes one row per evaluation in input order, with its rank.
func BatchCSV(w io.Writer, b *result.Batch, o Options) error {
	cw := newCSV(w)
	prov := b.Provisional > 0
	if err := cw.Write(withSimulated(withProvisional(batchColumns(b.Rubric), prov, []string{"provisional"}), b, nil, o.Lang)); err != nil {
		return err
	}
	var rec []string
	for i := 0; i < b.Len; i++ {
		row := b.Row(i, false)
		rec = withSimulated(withProvisional(batchRow(b, row, o.Lang, rec), prov, row.Assumed), b, row, o.Lang)
		for j := 1; j <= 4; j++ {
			rec[j] = EscapeFormula(rec[j])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// BatchMarkdown writes the ranking as a Markdown table, in rank order.
func BatchMarkdown(w io.Writer, b *result.Batch, o Options) error {
	prov := b.Provisional > 0
	base := len(withProvisional(batchColumns(b.Rubric), prov, []string{"provisional"}))
	cols := withSimulated(withProvisional(batchColumns(b.Rubric), prov, []string{"provisional"}), b, nil, o.Lang)
	t := newMarkdownTable(cols, func(i int) bool { return i == 0 || i >= 5 && i != 6 && !(prov && i == base-1) && i < base })
	var rec []string
	for i := 0; i < b.Len; i++ {
		row := b.Row(i, true)
		rec = withSimulated(withProvisional(batchRow(b, row, o.Lang, rec), prov, row.Assumed), b, row, o.Lang)
		t.row(rec)
	}
	return t.flush(w)
}
