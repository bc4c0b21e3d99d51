// Package butir scores indicators from their evidence items (butir data
// dukung): the documents an instansi uploads per level of each indicator,
// which an assessor marks accepted (diterima) or not (revisi: tidak tepat,
// belum diunggah, ditolak, ditolak otomatis).
//
// # The rule
//
// Let L be the lowest level of an indicator whose butir are not all
// accepted, n the number of its butir and a the accepted ones. The
// indicator's value is From + (To - From) x a / n of L's band, the level
// bands of the indicator's scale in the rubric (rubric.LevelBand; for
// PermenPANRB 8/2026 L1 [1; 1,5], L2 [1,5; 2,5], L3 [2,5; 3,5], L4
// [3,5; 4], L5 [4; 5]); every level complete gives the To of the top band.
// Accepted butir above L count for nothing (the evaluation application
// rejects them automatically); Progress.Ignored names them. The rule is
// observed on the 2026 assessors' results, not published: every value it
// gives is a simulation ("simulasi"), and an assessor may choose another
// value inside the band.
//
// # Exactness
//
// Progress.Value is the exact rational value (1 + 0,5 x 3/7 =
// 17/14). The index is computed from rubric.Level values, which hold 16
// decimals: Progress.Rounded is Value rounded half-up to 16 decimals
// (1,2142857142857143), as a spreadsheet stores 7/6 as
// 1,1666666666666667. A value with a terminating decimal (1,2; 3,25) is
// exact; a non-terminating one is off by less than 0,5 x 10^-16, which
// moves an index of weights adding up to 100 by less than 10^-16 and so
// can change a published index (two decimals) only when the exact index
// lies within 10^-16 of a rounding edge.
//
// Like pkg/index, the package is pure: no I/O, deterministic, rubric
// order.
//
// Errors: Error() is English. The errors a user meets also have a method
// MessageFormat() (format string, args []any), giving their English format
// and arguments, by which a program (spbe's command line) can say them in
// another language from a catalog keyed by the format (docs/messages.md).
package butir

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Status is how the assessor marked a butir.
type Status uint8

// The statuses of a butir. Every status but Accepted is a kind of revisi.
const (
	Accepted     Status = iota + 1 // diterima
	Revise                         // revisi, kind not said
	Wrong                          // tidak tepat
	NotUploaded                    // belum diunggah
	Rejected                       // ditolak
	AutoRejected                   // ditolak otomatis: a level below is incomplete
)

var statusNames = map[Status][2]string{
	Accepted:     {"diterima", "accepted"},
	Revise:       {"revisi", "revise"},
	Wrong:        {"tidak tepat", "not appropriate"},
	NotUploaded:  {"belum diunggah", "missing"},
	Rejected:     {"ditolak", "rejected"},
	AutoRejected: {"ditolak otomatis", "rejected automatically"},
}

// statusWords are the words ParseStatus reads, lower case, spaces single.
var statusWords = map[string]Status{
	"diterima": Accepted, "terima": Accepted, "accepted": Accepted, "accept": Accepted,
	"revisi": Revise, "revise": Revise, "revision": Revise,
	"tidak tepat": Wrong, "not appropriate": Wrong, "incorrect": Wrong,
	"belum diunggah": NotUploaded, "belum upload": NotUploaded, "missing": NotUploaded, "not uploaded": NotUploaded,
	"ditolak": Rejected, "tolak": Rejected, "rejected": Rejected,
	"ditolak otomatis": AutoRejected, "rejected automatically": AutoRejected, "auto rejected": AutoRejected, "auto-rejected": AutoRejected,
}

// StatusWords lists the words ParseStatus accepts, sorted, for messages
// and docs.
func StatusWords() []string {
	var s []string
	for w := range statusWords {
		s = append(s, w)
	}
	slices.Sort(s)
	return s
}

// ParseStatus reads a status in any case, with any spacing: diterima,
// revisi, tidak tepat, belum diunggah, ditolak, ditolak otomatis, or
// English accepted, rejected, missing (see StatusWords). "Revisi: tidak
// tepat" and "revisi (belum diunggah)" name the kind.
func ParseStatus(s string) (Status, error) {
	t := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if st, ok := statusWords[t]; ok {
		return st, nil
	}
	for _, pre := range []string{"revisi:", "revisi -", "revisi (", "revisi"} {
		if rest, ok := strings.CutPrefix(t, pre); ok {
			rest = strings.TrimSpace(strings.TrimSuffix(rest, ")"))
			if st, ok := statusWords[rest]; ok && st != Accepted {
				return st, nil
			}
		}
	}
	if t == "" {
		return 0, messagef("status is empty: want diterima, revisi, tidak tepat, belum diunggah, ditolak or ditolak otomatis")
	}
	return 0, messagef("status %q is not one of diterima, revisi, tidak tepat, belum diunggah, ditolak, ditolak otomatis (English: accepted, rejected, missing)", s)
}

// IsAccepted reports whether s is Accepted.
func (s Status) IsAccepted() bool { return s == Accepted }

// Name returns the status in the language lang ("id" or "en").
func (s Status) Name(lang string) string {
	n, ok := statusNames[s]
	if !ok {
		return "?"
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// String returns the Indonesian name.
func (s Status) String() string { return s.Name("id") }

// Item is one butir of a list.
type Item struct {
	// Code is the butir's code ("I13-L1-02"), or "" when the list has none.
	Code string
	// Indicator is the id of the indicator in the rubric.
	Indicator string
	// Level is the whole level the butir belongs to.
	Level  int
	Status Status
	// Text describes the butir (uraian), Note is the assessor's catatan,
	// Recommendation the rekomendasi, PJ the person or OPD in charge, File
	// the file name or link; all optional.
	Text, Note, Recommendation, PJ, File string
	// Cost is the cost of getting the butir accepted, when the list or a
	// cost file gives one.
	Cost *rubric.Decimal
	// Where names the row for messages ("butir.csv: row 5", "Butir!A5").
	Where string
}

// Name returns the code, or where the item is when it has none.
func (it *Item) Name() string {
	if it.Code != "" {
		return it.Code
	}
	return fmt.Sprintf("indicator %s level %d (%s)", it.Indicator, it.Level, it.Where)
}

// codeRE matches a butir code: I13-L1-02 (indicator 13, level 1, item 2),
// in any case, with "-", "_", "." or a space between the parts.
var codeRE = regexp.MustCompile(`(?i)^\s*I\s*0*([0-9]+)\s*[-_. ]?\s*L\s*0*([0-9]+)\s*[-_. ]?\s*0*([0-9]+)\s*$`)

// ParseCode reads a butir code such as I13-L1-02: the indicator id
// ("13"), the level (1) and the item's number (2). ok is false when s is
// not such a code.
func ParseCode(s string) (indicator string, level, item int, ok bool) {
	m := codeRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0, 0, false
	}
	l, err1 := strconv.Atoi(m[2])
	n, err2 := strconv.Atoi(m[3])
	if err1 != nil || err2 != nil || len(m[1]) > 4 {
		return "", 0, 0, false
	}
	return m[1], l, n, true
}

// CodeKey is the key of a butir code however it is written: I13-L1-02,
// i13_l1_2 and I13.L1.02 all give "I13-L1-02". Text that is not a code is
// keyed by itself, in capitals.
func CodeKey(s string) string {
	if id, l, n, ok := ParseCode(s); ok {
		return fmt.Sprintf("I%s-L%d-%02d", id, l, n)
	}
	return strings.ToUpper(strings.TrimSpace(s))
}

// Progress is where an indicator stands from its butir.
type Progress struct {
	Indicator *rubric.Indicator
	// Level is the lowest level whose butir are not all accepted (L), or
	// 0 when every level is complete. Accepted and Total count the
	// accepted butir and all butir of that level (a and n).
	Level           int
	Accepted, Total int
	// Value is the exact value, Rounded it to 16 decimals (see the
	// package comment).
	Value   index.Value
	Rounded rubric.Level
	// Items are the indicator's butir, in list order; Ignored those
	// accepted above Level, which count for nothing.
	Items   []*Item
	Ignored []*Item
}

// Complete reports whether every level is complete.
func (p *Progress) Complete() bool { return p.Level == 0 }

// ErrNoBands is returned for an indicator whose scale has no level bands:
// the rubric does not say how butir make a value.
var ErrNoBands = messagef("the rubric gives no level bands for its scale, so butir cannot be scored")

// EmptyLevelsError is the error of an indicator with levels that have no
// butir: such a level would count as complete.
type EmptyLevelsError struct {
	Indicator string
	Levels    []int
}

func (e *EmptyLevelsError) Error() string {
	l := make([]string, len(e.Levels))
	for i, n := range e.Levels {
		l[i] = strconv.Itoa(n)
	}
	return fmt.Sprintf("indicator %s: no butir on level %s: a level without butir would count as complete; list its butir", e.Indicator, strings.Join(l, ", "))
}

// Evaluate scores one indicator from its butir (every item's Indicator is
// ind's id). Every level of the scale's bands needs at least one butir,
// and no butir may be on a level without a band.
func Evaluate(ind *rubric.Indicator, items []*Item) (*Progress, error) {
	bands := ind.LevelScale.Bands
	if len(bands) == 0 {
		return nil, messagef("indicator %s: scale %s: %w", ind.ID, ind.LevelScale.ID, ErrNoBands)
	}
	counts := map[int][2]int{} // level -> accepted, total
	for _, it := range items {
		if it.Indicator != ind.ID {
			return nil, messagef("%s: butir %s is of indicator %s, not %s", it.Where, it.Name(), it.Indicator, ind.ID)
		}
		if ind.LevelScale.BandOf(it.Level) == nil {
			return nil, messagef("%s: butir %s: level %d has no band on the scale (%d to %d)", it.Where, it.Name(), it.Level, bands[0].Level, bands[len(bands)-1].Level)
		}
		c := counts[it.Level]
		c[1]++
		if it.Status.IsAccepted() {
			c[0]++
		}
		counts[it.Level] = c
	}
	var empty []int
	for _, b := range bands {
		if counts[b.Level][1] == 0 {
			empty = append(empty, b.Level)
		}
	}
	if len(empty) > 0 {
		return nil, &EmptyLevelsError{Indicator: ind.ID, Levels: empty}
	}
	p := &Progress{Indicator: ind, Items: items}
	p.Level, p.Accepted, p.Total = stage(bands, counts)
	p.Value, p.Rounded = value(bands, p.Level, p.Accepted, p.Total)
	for _, it := range items {
		if p.Level != 0 && it.Level > p.Level && it.Status.IsAccepted() {
			p.Ignored = append(p.Ignored, it)
		}
	}
	return p, nil
}

// stage returns the lowest level not complete and its accepted and total
// butir, or 0 when every level is complete.
func stage(bands []*rubric.LevelBand, counts map[int][2]int) (level, a, n int) {
	for _, b := range bands {
		if c := counts[b.Level]; c[0] < c[1] {
			return b.Level, c[0], c[1]
		}
	}
	return 0, 0, 0
}

// value returns From + (To - From) x a / n of the band of level, exactly
// and rounded to a Level; level 0 is the To of the top band.
func value(bands []*rubric.LevelBand, level, a, n int) (index.Value, rubric.Level) {
	var x *big.Rat
	if level == 0 {
		x = decRat(bands[len(bands)-1].To)
	} else {
		var b *rubric.LevelBand
		for _, c := range bands {
			if c.Level == level {
				b = c
			}
		}
		x = new(big.Rat).Mul(decRat(b.To-b.From), big.NewRat(int64(a), int64(n)))
		x.Add(x, decRat(b.From))
	}
	return index.RatValue(x), roundLevel(x)
}

var decUnit = rubric.NewDecimal(1).Units()

func decRat(d rubric.Decimal) *big.Rat { return big.NewRat(d.Units(), decUnit) }

// roundLevel rounds a non-negative x half-up to the 16 decimals of a
// rubric.Level. x lies on a scale of a valid rubric, within ±922.
func roundLevel(x *big.Rat) rubric.Level {
	one := big.NewInt(rubric.NewLevel(1).Units())
	num := new(big.Int).Mul(x.Num(), one)
	num.Mul(num, big.NewInt(2))
	num.Add(num, x.Denom())
	den := new(big.Int).Mul(x.Denom(), big.NewInt(2))
	q := new(big.Int).Div(num, den) // floor((2 x num + den) / (2 x den)) = round half-up
	return rubric.Level(q.Int64())
}
