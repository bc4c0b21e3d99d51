package textout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/trend"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// TrendFormats are the formats of spbe trend.
var TrendFormats = Formats[func(w io.Writer, t *result.Trend, o Options) error]{
	{"csv", TrendCSV},
	{"json", TrendJSON},
	{"markdown", TrendMarkdown},
	{"text", TrendText},
}

func trendHeader(lang string) []string {
	l := func(k string) string { return label.Trend.Get(lang, k) }
	return []string{l("year"), l("instrument"), l("index"), l("predicate"), l("change"), l("note")}
}

// TrendText writes the series as a table, a line per year, with the
// breaks between instruments explained after it, then the peers.
func TrendText(w io.Writer, t *result.Trend, o Options) error {
	l := func(k string) string { return label.Trend.Get(o.Lang, k) }
	tw := NewTerminalWriter(w)
	fmt.Fprintf(tw, "%s: %s\n\n", l("title"), escapeControls(t.Instansi, ""))
	var rows [][]string
	for i := range t.Points {
		rows = append(rows, trend.TrendRow(&t.Points[i], o.Lang))
	}
	if err := trendTable(tw, trendHeader(o.Lang), rows); err != nil {
		return err
	}
	for _, b := range t.Breaks {
		fmt.Fprintf(tw, "\n%s\n", trend.BreakNote(b, o.Lang))
	}
	if t.Peers != nil {
		peersText(tw, t, o.Lang)
	}
	return nil
}

func peersText(w io.Writer, t *result.Trend, lang string) {
	p := t.Peers
	fmt.Fprintf(w, "\n%s\n", trend.PeersHeading(p, lang))
	if len(p.Parts) > 0 {
		fmt.Fprintln(w)
		var rows [][]string
		for i := range p.Parts {
			rows = append(rows, trend.PeerRow(p, &p.Parts[i], lang))
		}
		trendTable(w, trend.PeerHeader(p, lang), rows)
	}
	if p.Peer != "" {
		s, cmd := trend.PeerGap(p, lang)
		fmt.Fprintf(w, "\n%s\n  %s\n", s, cmd)
	}
}

// trendTable writes a header and rows in columns two spaces apart, each
// line without the spaces that pad its empty last cells.
func trendTable(w io.Writer, header []string, rows [][]string) error {
	var buf bytes.Buffer
	tab := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, r := range append([][]string{header}, rows...) {
		fmt.Fprintln(tab, strings.Join(r, "\t"))
	}
	if err := tab.Flush(); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+strings.Repeat("\n", strings.Count(line, "\n"))); err != nil {
			return err
		}
	}
	return nil
}

// TrendCSV writes a row per year, with English column names.
func TrendCSV(w io.Writer, t *result.Trend, o Options) error {
	cw := newCSV(w)
	if err := cw.Write([]string{"instansi", "year", "instrument", "index", "index_exact", "predicate", "change", "since", "break", "provisional", "computed_from", "source"}); err != nil {
		return err
	}
	for i := range t.Points {
		p := &t.Points[i]
		prec := p.Rubric.Precision
		change, since := "", ""
		if p.Since != 0 {
			change, since = p.Change.Fixed(prec), strconv.Itoa(p.Since)
		}
		rec := []string{EscapeFormula(t.Instansi), strconv.Itoa(p.Year), p.Rubric.ID, p.Published.Fixed(prec), trend.IndexDigits(p),
			label.PredicateName(p.Predicate, o.Lang), change, since, strconv.FormatBool(p.Break), strconv.FormatBool(p.Provisional),
			p.Computed, EscapeFormula(p.Source)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// TrendMarkdown writes the series as a table, the breaks and the peers
// after it.
func TrendMarkdown(w io.Writer, t *result.Trend, o Options) error {
	l := func(k string) string { return label.Trend.Get(o.Lang, k) }
	fmt.Fprintf(w, "### %s: %s\n\n", l("title"), mdEscape(t.Instansi))
	tab := newMarkdownTable(trendHeader(o.Lang), func(i int) bool { return i == 2 || i == 4 })
	for i := range t.Points {
		tab.row(trend.TrendRow(&t.Points[i], o.Lang))
	}
	if err := tab.flush(w); err != nil {
		return err
	}
	for _, b := range t.Breaks {
		fmt.Fprintf(w, "\n> %s\n", mdEscape(trend.BreakNote(b, o.Lang)))
	}
	if p := t.Peers; p != nil {
		fmt.Fprintf(w, "\n%s\n", mdEscape(trend.PeersHeading(p, o.Lang)))
		if len(p.Parts) > 0 {
			fmt.Fprintln(w)
			pt := newMarkdownTable(trend.PeerHeader(p, o.Lang), func(i int) bool { return i >= 2 })
			for i := range p.Parts {
				pt.row(trend.PeerRow(p, &p.Parts[i], o.Lang))
			}
			if err := pt.flush(w); err != nil {
				return err
			}
		}
		if p.Peer != "" {
			s, cmd := trend.PeerGap(p, o.Lang)
			fmt.Fprintf(w, "\n%s `%s`\n", mdEscape(s), cmd)
		}
	}
	return nil
}

type jsonNum string

func (n jsonNum) MarshalJSON() ([]byte, error) { return []byte(n), nil }

func fixedNum(d rubric.Decimal, p int) jsonNum { return jsonNum(d.Fixed(p)) }

// exactNum is a value in full as a JSON number; a fraction that does not
// end within 12 decimals (Value.Exact) to the last decimal a Decimal
// holds.
func exactNum(v index.Value) jsonNum {
	s := v.Exact()
	if strings.HasSuffix(s, "...") {
		s = v.Round(rubric.DecimalPlaces).String()
	}
	return jsonNum(s)
}

type trendPointJSON struct {
	Year         int              `json:"year"`
	Instrument   string           `json:"instrument"`
	Index        jsonNum          `json:"index"`
	IndexExact   string           `json:"index_exact"`
	Predicate    *string          `json:"predicate"`
	Change       *jsonNum         `json:"change"`
	Since        *int             `json:"since"`
	Break        bool             `json:"break"`
	Provisional  bool             `json:"provisional"`
	ComputedFrom string           `json:"computed_from,omitempty"`
	Groups       []trendGroupJSON `json:"domains,omitempty"`
	Aspects      []trendGroupJSON `json:"aspects,omitempty"`
	Source       string           `json:"source"`
	YearFrom     string           `json:"year_from,omitempty"`
}

type trendGroupJSON struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Value jsonNum `json:"value"`
}

type trendBreakJSON struct {
	Year int    `json:"year"`
	From int    `json:"from_year"`
	Old  string `json:"old_instrument"`
	New  string `json:"new_instrument"`
	Note string `json:"note"`
}

type peerPartJSON struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Own   *jsonNum `json:"instansi"`
	Mean  *jsonNum `json:"mean"`
	Count int      `json:"count"`
	Peer  *jsonNum `json:"peer,omitempty"`
	Gap   *jsonNum `json:"gap,omitempty"`
}

type peersJSON struct {
	Year            int            `json:"year"`
	Instrument      string         `json:"instrument"`
	Group           string         `json:"group"`
	GroupBy         string         `json:"group_by,omitempty"`
	Rank            int            `json:"rank"`
	Count           int            `json:"count"`
	Index           jsonNum        `json:"index"`
	Provisional     bool           `json:"provisional"`
	Mean            jsonNum        `json:"mean"`
	MeanExact       string         `json:"mean_exact"`
	PartsOf         string         `json:"parts_of"`
	Parts           []peerPartJSON `json:"parts"`
	Peer            string         `json:"peer,omitempty"`
	PeerIndex       *jsonNum       `json:"peer_index,omitempty"`
	PeerProvisional *bool          `json:"peer_provisional,omitempty"`
	Gap             *jsonNum       `json:"gap,omitempty"`
	Target          *jsonNum       `json:"target,omitempty"`
}

// TrendJSON writes the trend as one object: the instansi, its points
// (the index with the rubric's decimals and exactly, the change from the
// previous year of the same instrument or null), the breaks, the peers.
func TrendJSON(w io.Writer, t *result.Trend, o Options) error {
	out := struct {
		Instansi string           `json:"instansi"`
		Points   []trendPointJSON `json:"points"`
		Breaks   []trendBreakJSON `json:"breaks"`
		Peers    *peersJSON       `json:"peers,omitempty"`
	}{Instansi: t.Instansi, Points: []trendPointJSON{}, Breaks: []trendBreakJSON{}}
	for i := range t.Points {
		p := &t.Points[i]
		prec := p.Rubric.Precision
		j := trendPointJSON{Year: p.Year, Instrument: p.Rubric.ID, Index: fixedNum(p.Published, prec), IndexExact: trend.IndexDigits(p),
			Break: p.Break, Provisional: p.Provisional, ComputedFrom: p.Computed, Source: p.Source, YearFrom: p.YearFrom}
		if p.Predicate != nil {
			s := label.PredicateName(p.Predicate, "id")
			j.Predicate = &s
		}
		if p.Since != 0 {
			c, s := fixedNum(p.Change, prec), p.Since
			j.Change, j.Since = &c, &s
		}
		for _, g := range p.Groups {
			gj := trendGroupJSON{ID: g.ID, Name: g.Name, Value: exactNum(g.Value)}
			if p.Aspects {
				j.Aspects = append(j.Aspects, gj)
			} else {
				j.Groups = append(j.Groups, gj)
			}
		}
		out.Points = append(out.Points, j)
	}
	for _, b := range t.Breaks {
		out.Breaks = append(out.Breaks, trendBreakJSON{Year: b.Year, From: b.From, Old: b.Old.ID, New: b.New.ID, Note: trend.BreakNote(b, o.Lang)})
	}
	if p := t.Peers; p != nil {
		prec := p.Rubric.Precision
		pj := &peersJSON{Year: p.Year, Instrument: p.Rubric.ID, Group: p.Group, GroupBy: p.GroupBy, Rank: p.Rank, Count: p.Count,
			Index: fixedNum(p.Index, prec), Provisional: p.Provisional, Mean: fixedNum(p.Mean.Round(prec), prec), MeanExact: p.Mean.Exact(), PartsOf: "domains", Parts: []peerPartJSON{}}
		if p.Aspects {
			pj.PartsOf = "aspects"
		}
		num := func(v index.Value, ok bool) *jsonNum {
			if !ok {
				return nil
			}
			n := exactNum(v)
			return &n
		}
		for _, pp := range p.Parts {
			ppj := peerPartJSON{ID: pp.ID, Name: pp.Name, Own: num(pp.Own, pp.HasOwn), Count: pp.Count}
			if pp.Count > 0 {
				m := fixedNum(pp.Mean.Round(prec+2), prec+2)
				ppj.Mean = &m
			}
			if p.Peer != "" {
				ppj.Peer = num(pp.Peer, pp.HasPeer)
				ppj.Gap = num(pp.Peer.Sub(pp.Own), pp.HasOwn && pp.HasPeer)
			}
			pj.Parts = append(pj.Parts, ppj)
		}
		if p.Peer != "" {
			pi, g, tg := fixedNum(p.PeerIndex, prec), fixedNum(p.Gap, prec), fixedNum(p.Target, prec)
			pj.Peer, pj.PeerIndex, pj.Gap, pj.Target = p.Peer, &pi, &g, &tg
			pj.PeerProvisional = &p.PeerProvisional
		}
		out.Peers = pj
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(out)
}
