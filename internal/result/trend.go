package result

import (
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Trend is one instansi's index year by year, across instruments
// (spbe trend), with its place among its peers when a table of many
// instansi was given.
type Trend struct {
	Instansi string
	// Points are the years, oldest first, one each.
	Points []TrendPoint
	// Breaks are where the instrument changes between two points: never
	// differenced, since the scales, the indicators and the bands differ.
	Breaks []TrendBreak
	// Peers is the instansi among its kind in one year, or nil.
	Peers *Peers
}

// TrendPoint is one year of a trend.
type TrendPoint struct {
	Year int
	// Rubric is the year's instrument; Index the exact index, Published
	// it rounded half-up to the rubric's precision, Predicate the band it
	// earns under that rubric (nil for none).
	Rubric    *rubric.Rubric
	Index     index.Value
	Published rubric.Decimal
	Predicate *rubric.Band
	// Since is the previous year of the same instrument and Change the
	// published index's change from it; Since is 0 at the first point of
	// an instrument, where there is no change.
	Since  int
	Change rubric.Decimal
	// Break is set on the first point of an instrument after a point of
	// another: the index is not compared with the earlier one.
	Break bool
	// Provisional: the index is not final (an external indicator assumed,
	// or a published result marked provisional).
	Provisional bool
	// Computed is "domains" or "aspects" when the index was computed from
	// those values (Groups), "" when it was given or scored from levels.
	Computed string
	// Scored: the index was scored from an evaluation workbook's levels
	// (its exact value is shown as spbe score shows it), not read from a
	// table or an export (every digit read is shown).
	Scored bool
	// Groups are the domain (or aspect) values of the year, when known, in
	// rubric order; Aspects says which.
	Groups  []GroupValue
	Aspects bool
	// Source says where the point came from (a file, a sheet or a row);
	// YearFrom where its year was read.
	Source, YearFrom string
}

// GroupValue is the value of a domain or an aspect.
type GroupValue struct {
	ID, Name string
	Value    index.Value
}

// TrendBreak is a change of instrument between two consecutive points.
type TrendBreak struct {
	// Year is the first year of the new instrument; From the year before
	// it in the series.
	Year, From int
	Old, New   *rubric.Rubric
}

// Peers is an instansi among the instansi of its kind in one year of a
// table of published results.
type Peers struct {
	Year   int
	Rubric *rubric.Rubric
	// Group is the kind (Provinsi, Kabupaten, Kota, or the value of the
	// --group-by column); GroupBy the column it came from, "" when it was
	// inferred from the names.
	Group, GroupBy string
	// Count is the number of instansi of the kind that year; Rank the
	// instansi's rank among them by published index, highest first, ties
	// sharing a rank.
	Count, Rank int
	Index       rubric.Decimal
	// Provisional: the instansi's index that year is not final;
	// PeerProvisional: the peer's.
	Provisional, PeerProvisional bool
	// Mean is the mean index of the kind, exactly.
	Mean index.Value
	// Aspects says whether Parts are aspects (else domains).
	Aspects bool
	Parts   []PeerPart
	// Peer is the named peer (--peer), "" for none, with its index; Gap is
	// PeerIndex - Index and Target the index to reach to pass it (one unit
	// of the last published decimal above it), for spbe plan --target.
	Peer      string
	PeerIndex rubric.Decimal
	Gap       rubric.Decimal
	Target    rubric.Decimal
}

// PeerPart is a domain (or aspect) of Peers: the instansi's value, the
// mean of its kind and the peer's value. HasOwn and HasPeer say whether
// those were given; Count is the number of the kind with a value.
type PeerPart struct {
	ID, Name  string
	Own, Mean index.Value
	Peer      index.Value
	HasOwn    bool
	HasPeer   bool
	Count     int
}
