package label

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Trend holds the words of spbe trend (text, Markdown, CSV headings and
// the Excel workbook).
var Trend = Table{
	"id": {
		"title": "Tren indeks", "sheet": "Tren", "year": "Tahun", "instrument": "Instrumen", "index": "Indeks",
		"predicate": "Predikat", "change": "Perubahan", "note": "Catatan", "source": "Sumber",
		"first": "awal rangkaian", "new": "instrumen baru: tidak dibandingkan",
		"since": "sejak %d", "computed": "dihitung dari nilai %s (%s)", "domains": "domain", "aspects": "aspek",
		"provisional": "sementara",
		"break":       "%d: instrumen berganti dari %s ke %s. Skala, indikator dan batas predikat berbeda, dan pemerintah menyatakan skor lama bukan acuan untuk indeks baru: perubahan tidak dihitung.",
		"peers":       "Di antara %s tahun %d (%s): peringkat %d dari %d; indeks %s, rata-rata %s",
		"byName":      "jenis dari nama instansi", "byColumn": "jenis dari kolom %q",
		"code": "Kode", "name": "Nama", "own": "Instansi", "mean": "Rata-rata", "gap": "Selisih",
		"gapIndex":  "Selisih indeks ke %s (%s): %s. Untuk melampauinya, indeks %s:",
		"chart":     "Indeks per tahun dan batas predikat tiap instrumen",
		"bandFrom":  "%s ≥ %s (%s)",
		"peerSheet": "Pembanding", "breakMark": "Pergantian instrumen %d",
	},
	"en": {
		"title": "Index trend", "sheet": "Trend", "year": "Year", "instrument": "Instrument", "index": "Index",
		"predicate": "Predicate", "change": "Change", "note": "Note", "source": "Source",
		"first": "start of the series", "new": "new instrument: not compared",
		"since": "since %d", "computed": "computed from the %s values (%s)", "domains": "domain", "aspects": "aspect",
		"provisional": "provisional",
		"break":       "%d: the instrument changes from %s to %s. The scales, indicators and predicate bands differ, and the government has said the old scores are no reference for the new index: no change is computed.",
		"peers":       "Among the %s of %d (%s): rank %d of %d; index %s, mean %s",
		"byName":      "kind from the instansi's name", "byColumn": "kind from column %q",
		"code": "Code", "name": "Name", "own": "Instansi", "mean": "Mean", "gap": "Gap",
		"gapIndex":  "Index gap to %s (%s): %s. To pass it, an index of %s:",
		"chart":     "Index by year and the predicate bands of each instrument",
		"bandFrom":  "%s ≥ %s (%s)",
		"peerSheet": "Peers", "breakMark": "Instrument change %d",
	},
}

// Instrument names a rubric briefly: "PermenPANRB 59/2020" for an
// embedded one (permenpanrb-59-2020), else its id.
func Instrument(r *rubric.Rubric) string {
	if rest, ok := strings.CutPrefix(r.ID, "permenpanrb-"); ok {
		if n, y, ok := strings.Cut(rest, "-"); ok {
			return fmt.Sprintf("PermenPANRB %s/%s", n, y)
		}
	}
	return r.ID
}

// Signed formats a change with its sign: "+0,54", "-0,12", "0,00".
func Signed(d rubric.Decimal, places int, lang string) string {
	s := Number(d, places, lang)
	if d > 0 {
		s = "+" + s
	}
	return s
}

// TrendRow is the row of a point as the text, CSV, Markdown and Excel
// outputs show it: year, instrument, index, predicate, change, note.
func TrendRow(p *result.TrendPoint, lang string) []string {
	l := func(k string) string { return Trend.Get(lang, k) }
	prec := p.Rubric.Precision
	change := ""
	var notes []string
	switch {
	case p.Break:
		notes = append(notes, l("new"))
	case p.Since != 0:
		change = Signed(p.Change, prec, lang)
		if p.Since != p.Year-1 {
			notes = append(notes, fmt.Sprintf(l("since"), p.Since))
		}
	}
	if p.Computed != "" {
		notes = append(notes, fmt.Sprintf(l("computed"), l(p.Computed), exactShown(p.Index, lang)))
	}
	if p.Provisional {
		notes = append(notes, l("provisional"))
	}
	return []string{strconv.Itoa(p.Year), Instrument(p.Rubric), Number(p.Published, prec, lang),
		PredicateName(p.Predicate, lang), change, strings.Join(notes, "; ")}
}

// exactShown is an exact value in the language's decimal separator.
func exactShown(v index.Value, lang string) string {
	s := v.Exact()
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// BreakNote says why a break is not differenced.
func BreakNote(b result.TrendBreak, lang string) string {
	return fmt.Sprintf(Trend.Get(lang, "break"), b.Year, Instrument(b.Old), Instrument(b.New))
}

// PeersHeading is the line that places the instansi among its kind.
func PeersHeading(p *result.Peers, lang string) string {
	l := func(k string) string { return Trend.Get(lang, k) }
	by := l("byName")
	if p.GroupBy != "" {
		by = fmt.Sprintf(l("byColumn"), p.GroupBy)
	}
	prec := p.Rubric.Precision
	return fmt.Sprintf(l("peers"), p.Group, p.Year, by, p.Rank, p.Count, Number(p.Index, prec, lang), Number(p.Mean.Round(prec), prec, lang))
}

// PeerHeader and PeerRow are the table of the domains (or aspects) among
// the peers: code, name, the instansi's value, the mean of its kind, and
// with a peer its value and the gap.
func PeerHeader(p *result.Peers, lang string) []string {
	l := func(k string) string { return Trend.Get(lang, k) }
	h := []string{l("code"), l("name"), l("own"), l("mean")}
	if p.Peer != "" {
		h = append(h, p.Peer, l("gap"))
	}
	return h
}

// PeerRow is a row of the table of PeerHeader.
func PeerRow(p *result.Peers, pp *result.PeerPart, lang string) []string {
	prec := p.Rubric.Precision
	num := func(v index.Value, ok bool) string {
		if !ok {
			return "-"
		}
		return Number(v.Round(prec), prec, lang)
	}
	row := []string{pp.ID, pp.Name, num(pp.Own, pp.HasOwn), num(pp.Mean, pp.Count > 0)}
	if p.Peer != "" {
		gap := "-"
		if pp.HasOwn && pp.HasPeer {
			gap = Signed(pp.Peer.Sub(pp.Own).Round(prec), prec, lang)
		}
		row = append(row, num(pp.Peer, pp.HasPeer), gap)
	}
	return row
}

// PeerGap is the sentence of the gap to the peer, and the plan command
// that closes it (FILE stands for the instansi's evaluation workbook).
func PeerGap(p *result.Peers, lang string) (string, string) {
	prec := p.Rubric.Precision
	s := fmt.Sprintf(Trend.Get(lang, "gapIndex"), p.Peer, Number(p.PeerIndex, prec, lang),
		Signed(p.Gap, prec, lang), Number(p.Target, prec, lang))
	return s, fmt.Sprintf("spbe plan FILE --target %s", p.Target.Fixed(prec))
}
