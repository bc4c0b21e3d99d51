package trend

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
)

// The rows and sentences of a trend as every output shows them (text,
// Markdown, the Excel workbook), in the words of internal/label.

// TrendRow is the row of a point as the text, CSV, Markdown and Excel
// outputs show it: year, instrument, index, predicate, change, note.
func TrendRow(p *result.TrendPoint, lang string) []string {
	l := func(k string) string { return label.Trend.Get(lang, k) }
	prec := p.Rubric.Precision
	change := ""
	var notes []string
	switch {
	case p.Break:
		notes = append(notes, l("new"))
	case p.Since != 0:
		change = label.Signed(p.Change, prec, lang)
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
	return []string{strconv.Itoa(p.Year), label.Instrument(p.Rubric), label.Number(p.Published, prec, lang),
		label.PredicateName(p.Predicate, lang), change, strings.Join(notes, "; ")}
}

// Digits writes v in full when its decimal expansion ends within 40
// places (every digit of an index read from a table or an export:
// 3.4050000000000002 stays that), else as v.Exact does.
func Digits(v index.Value) string {
	r := v.Rat()
	d := new(big.Int).Set(r.Denom())
	places := 0
	var rem big.Int
	for _, p := range []int64{2, 5} {
		n, bp := 0, big.NewInt(p)
		for {
			q, m := new(big.Int).QuoRem(d, bp, &rem)
			if m.Sign() != 0 {
				break
			}
			d, n = q, n+1
		}
		places = max(places, n)
	}
	if d.Cmp(big.NewInt(1)) != 0 || places > 40 {
		return v.Exact()
	}
	return r.FloatString(places)
}

// IndexDigits is the exact index of a point for JSON and CSV: every digit
// of one read from a table or an export (Digits), one scored from levels
// as spbe score shows it (Exact).
func IndexDigits(p *result.TrendPoint) string {
	if p.Scored {
		return p.Index.Exact()
	}
	return Digits(p.Index)
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
	return fmt.Sprintf(label.Trend.Get(lang, "break"), b.Year, label.Instrument(b.Old), label.Instrument(b.New))
}

// PeersHeading is the line that places the instansi among its kind.
func PeersHeading(p *result.Peers, lang string) string {
	l := func(k string) string { return label.Trend.Get(lang, k) }
	by := l("byName")
	if p.GroupBy != "" {
		by = fmt.Sprintf(l("byColumn"), p.GroupBy)
	}
	prec := p.Rubric.Precision
	return fmt.Sprintf(l("peers"), p.Group, p.Year, by, p.Rank, p.Count, provisional(label.Number(p.Index, prec, lang), p.Provisional, lang), label.Number(p.Mean.Round(prec), prec, lang))
}

// provisional marks an index that is not final: "3,33 (sementara)".
func provisional(s string, is bool, lang string) string {
	if !is {
		return s
	}
	return s + " (" + label.Trend.Get(lang, "provisional") + ")"
}

// PeerHeader and PeerRow are the table of the domains (or aspects) among
// the peers: code, name, the instansi's value, the mean of its kind, and
// with a peer its value and the gap.
func PeerHeader(p *result.Peers, lang string) []string {
	l := func(k string) string { return label.Trend.Get(lang, k) }
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
		return label.Number(v.Round(prec), prec, lang)
	}
	row := []string{pp.ID, pp.Name, num(pp.Own, pp.HasOwn), num(pp.Mean, pp.Count > 0)}
	if p.Peer != "" {
		gap := "-"
		if pp.HasOwn && pp.HasPeer {
			gap = label.Signed(pp.Peer.Sub(pp.Own).Round(prec), prec, lang)
		}
		row = append(row, num(pp.Peer, pp.HasPeer), gap)
	}
	return row
}

// PeerGap is the sentence of the gap to the peer, and the plan command
// that closes it (FILE stands for the instansi's evaluation workbook).
func PeerGap(p *result.Peers, lang string) (string, string) {
	prec := p.Rubric.Precision
	peer := label.Number(p.PeerIndex, prec, lang)
	if p.PeerProvisional { // inside the parentheses of gapIndex
		peer += ", " + label.Trend.Get(lang, "provisional")
	}
	s := fmt.Sprintf(label.Trend.Get(lang, "gapIndex"), p.Peer, peer,
		label.Signed(p.Gap, prec, lang), label.Number(p.Target, prec, lang))
	return s, fmt.Sprintf("spbe plan FILE --target %s", p.Target.Fixed(prec))
}
