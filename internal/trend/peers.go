package trend

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// NotFoundError is a name (the instansi or the peer) not among the
// observations of a year; Names are the names that year, for the caller
// to suggest the nearest.
type NotFoundError struct {
	What, Name string
	Year       int
	Names      []string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %q is not in the table of %d (%d instansi)", e.What, e.Name, e.Year, len(e.Names))
}

// NoGroupError is an instansi whose kind is not known: its name says
// neither Provinsi, Kabupaten nor Kota, and no column gives it.
type NoGroupError struct{ Instansi string }

func (e *NoGroupError) Error() string { return e.Message().String() }

// Message is the error's message, said in the user's language by msg.Text.
func (e *NoGroupError) Message() msg.Message {
	return msg.New("the kind of %q (provinsi, kabupaten, kota) is not known from its name: --group-col names the column that gives it", e.Instansi)
}

// Peers places the instansi whose key is who among the instansi of its
// kind in year (the observations of other years are passed over): its
// rank by published index (ties sharing a rank), the mean of the kind
// per domain (or aspect), and, when peer is not "", the gap to the
// instansi whose key is peer. groupBy names the column the kinds came
// from ("" for the names). Every observation of the year must be of one
// rubric.
func Peers(obs []Observation, year int, who, peer, groupBy string) (*result.Peers, error) {
	type row struct {
		o   *Observation
		pub rubric.Decimal
		v   index.Value
	}
	var rows []row
	var names []string
	var own, other *row
	for i := range obs {
		o := &obs[i]
		if o.Year != year {
			continue
		}
		v, _, err := Resolve(o)
		if err != nil {
			return nil, err
		}
		if len(rows) > 0 && rows[0].o.Rubric.ID != o.Rubric.ID {
			return nil, msg.Errorf("%d: %s is of %s, %s of %s: one instrument a year", year, rows[0].o.Source, rows[0].o.Rubric.ID, o.Source, o.Rubric.ID)
		}
		pub, _ := index.Judge(o.Rubric, v)
		// An instansi given twice in the year (two rows of a table, or
		// two tables) counts once when the values agree, as in Series;
		// otherwise the rank and the means would be of a wrong count.
		if k := slices.IndexFunc(rows, func(r row) bool { return r.o.Key == o.Key }); k >= 0 {
			if rows[k].pub == pub {
				continue
			}
			return nil, &DuplicateError{Instansi: o.Instansi, Year: year, A: rows[k].o.Source, B: o.Source,
				AVal: pub0(rows[k].pub, rows[k].o.Rubric), BVal: pub0(pub, o.Rubric)}
		}
		rows = append(rows, row{o, pub, v})
		names = append(names, o.Instansi)
	}
	for i := range rows {
		if rows[i].o.Key == who && own == nil {
			own = &rows[i]
		}
		if peer != "" && rows[i].o.Key == peer && other == nil {
			other = &rows[i]
		}
	}
	if own == nil {
		return nil, &NotFoundError{What: "instansi", Name: who, Year: year, Names: names}
	}
	if peer != "" && other == nil {
		return nil, &NotFoundError{What: "--peer", Name: peer, Year: year, Names: names}
	}
	if own.o.Group == "" {
		return nil, &NoGroupError{Instansi: own.o.Instansi}
	}
	r := own.o.Rubric
	p := &result.Peers{Year: year, Rubric: r, Group: own.o.Group, GroupBy: groupBy, Index: own.pub, Rank: 1, Aspects: own.o.Aspects,
		Provisional: own.o.Provisional}
	var members []*row
	sum := index.Value{}
	for i := range rows {
		if !strings.EqualFold(rows[i].o.Group, own.o.Group) {
			continue
		}
		members = append(members, &rows[i])
		sum = sum.Add(rows[i].v)
		if rows[i].pub > own.pub {
			p.Rank++
		}
	}
	p.Count = len(members)
	p.Mean = divide(sum, len(members))
	n := len(r.Domains)
	if p.Aspects || n == 0 {
		p.Aspects, n = true, len(r.Aspects())
	}
	for j := 0; j < n; j++ {
		pp := result.PeerPart{ID: PartID(r, p.Aspects, j), Name: PartName(r, p.Aspects, j)}
		part := func(o *Observation) *index.Value {
			if o.Aspects != p.Aspects || j >= len(o.Parts) {
				return nil
			}
			return o.Parts[j]
		}
		if v := part(own.o); v != nil {
			pp.Own, pp.HasOwn = *v, true
		}
		if other != nil {
			if v := part(other.o); v != nil {
				pp.Peer, pp.HasPeer = *v, true
			}
		}
		s := index.Value{}
		for _, m := range members {
			if v := part(m.o); v != nil {
				s = s.Add(*v)
				pp.Count++
			}
		}
		if pp.Count > 0 {
			pp.Mean = divide(s, pp.Count)
		}
		if pp.HasOwn || pp.HasPeer || pp.Count > 0 {
			p.Parts = append(p.Parts, pp)
		}
	}
	if other != nil {
		p.Peer, p.PeerIndex, p.PeerProvisional = other.o.Instansi, other.pub, other.o.Provisional
		p.Gap = other.pub - own.pub
		p.Target = other.pub + unit(r.Precision)
	}
	return p, nil
}

// divide returns s/n exactly.
func divide(s index.Value, n int) index.Value {
	d, err := index.NewValue(1, int64(n))
	if err != nil {
		return index.Value{}
	}
	return index.RatValue(new(big.Rat).Mul(s.Rat(), d.Rat()))
}

// unit is one unit of the last published decimal: 0,01 for precision 2.
func unit(precision int) rubric.Decimal {
	d := rubric.NewDecimal(1)
	for range precision {
		d /= 10
	}
	return d
}
