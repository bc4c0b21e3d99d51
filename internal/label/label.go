// Package label holds the words of the outputs in Indonesian and English
// and the formatting of numbers and predicates shown to people, shared by
// the text outputs (internal/textout) and the Excel workbooks
// (internal/excelout). It depends only on pkg/rubric and pkg/index.
package label

import (
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Table holds the words of one output per language ("id", "en") and key.
type Table map[string]map[string]string

// Get returns the word for key in lang, the Indonesian one when the
// language has none.
func (t Table) Get(lang, key string) string {
	if w, ok := t[lang][key]; ok {
		return w
	}
	return t["id"][key]
}

// Number formats d with places decimals and the language's separator.
func Number(d rubric.Decimal, places int, lang string) string {
	s := d.Fixed(places)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Level formats a level as it is: a whole level as a whole number ("3"),
// any other rounded half-up to two decimals for display, without trailing
// zeros ("1,17" for 1.1666666666666667, "3,25", "1,5"), with the
// language's separator. A level that rounds to a whole number keeps its
// two decimals ("3,00" for 2.999), so that it never looks whole.
func Level(l rubric.Level, lang string) string {
	s := l.String()
	if !l.IsInteger() {
		s = l.Fixed(2)
		if t := strings.TrimRight(s, "0"); !strings.HasSuffix(t, ".") {
			s = t
		}
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// defaultIndex is the name of the index in the words of the outputs, as
// rubric.Rubric.IndexName gives it by default, with the form it takes
// inside a sentence in Indonesian.
var defaultIndex = map[string][]string{"id": {"Indeks SPBE", "indeks SPBE"}, "en": {"SPBE index"}}

// Index returns the words phrase (from the tables of this package) of an
// output of rubric r in the language lang, with the name of the index
// replaced by the rubric's own (rubric.Rubric.IndexName): "Laporan Indeks
// SPBE" becomes "Laporan Indeks Pemdi". For a rubric without a name of
// its own the phrase is returned unchanged.
func Index(r *rubric.Rubric, lang, phrase string) string {
	if r == nil {
		return phrase
	}
	if lang != "en" {
		lang = "id"
	}
	name := r.IndexName(lang)
	if name == defaultIndex[lang][0] {
		return phrase
	}
	for _, d := range defaultIndex[lang] {
		phrase = strings.ReplaceAll(phrase, d, name)
	}
	return phrase
}

// PredicateName is the band's name in the language.
func PredicateName(b *rubric.Band, lang string) string {
	if b == nil {
		return ""
	}
	if lang == "en" && b.NameEN != "" {
		return b.NameEN + " (" + b.Name + ")"
	}
	return b.Name
}

// IndexName is the name of the index a rubric computes, in the language
// ("Indeks SPBE"). Every output takes the name from here; the rubric will
// carry it once a rubric of another index exists.
func IndexName(r *rubric.Rubric, lang string) string {
	if lang != "en" {
		lang = "id"
	}
	if r == nil {
		return defaultIndex[lang][0]
	}
	return r.IndexName(lang)
}

// GroupName is the name shown for a group of a batch ("" is no category).
func GroupName(g, lang string) string {
	if g == "" {
		return Batch.Get(lang, "none")
	}
	return g
}

// SheetWord is the word for a sheet in the language ("lembar").
func SheetWord(lang string) string { return Text.Get(lang, "sheet") }

// ColumnWord is the word for a column in the language ("kolom").
func ColumnWord(lang string) string { return Text.Get(lang, "column") }

// EdgeNote is the sentence that warns of an index near a predicate
// boundary (index.Result.Edge), or "" when it is not near one.
func EdgeNote(r *index.Result, lang string) string {
	if r.Edge == nil {
		return ""
	}
	p := r.Rubric.Precision
	exact := strings.TrimSuffix(r.Index.Exact(), "...")
	if lang != "en" {
		exact = strings.Replace(exact, ".", ",", 1)
	}
	boundary, exactPred := Number(r.Edge.Boundary, p, lang), PredicateName(r.Edge.ExactBand, lang)
	if r.Edge.Crossed(r.Predicate) {
		return fmt.Sprintf(Text.Get(lang, "crossed"), exact, boundary, exactPred)
	}
	return fmt.Sprintf(Text.Get(lang, "edge"), exact, Number(halfUnit(p), p+1, lang), boundary, exactPred)
}

// MismatchNote is the sentence that marks results computed under a rubric
// that presents itself as an embedded (official) one but differs from it
// (rubric.Rubric.Mismatch), or "" when m is nil.
func MismatchNote(m *rubric.Mismatch, lang string) string {
	if m == nil {
		return ""
	}
	return fmt.Sprintf(Text.Get(lang, "unofficial"), Text.Get(lang, "by:"+m.By), m.ID, m.SHA256, m.EmbeddedSHA256)
}

func halfUnit(precision int) rubric.Decimal {
	d := rubric.NewDecimal(1)
	for i := 0; i < precision; i++ {
		d /= 10
	}
	return d / 2
}

// ProvisionalNote says that an evaluation is provisional, naming the
// indicators whose levels are the rubric's assumption (result.Evaluation
// .Assumed) by IndicatorKey, or "" when there are none.
func ProvisionalNote(r *rubric.Rubric, assumed []string, lang string) string {
	if len(assumed) == 0 {
		return ""
	}
	return fmt.Sprintf(Text.Get(lang, "provisional"), IndicatorKeys(r, assumed))
}

// IndicatorKey names an indicator briefly, as its assessors do: by its
// kode where the rubric has codes ("3.1" for Indeks Pemdi's Tata Kelola
// Data), else by its id ("5" under PermenPANRB 59/2020). The one label of
// an indicator in the text outputs and the Excel workbooks.
func IndicatorKey(ind *rubric.Indicator) string {
	if ind.Code != "" {
		return ind.Code
	}
	return ind.ID
}

// IndicatorKeys is IndicatorKey of each indicator ids name in r, joined by
// ", " (an id r does not know stays as it is).
func IndicatorKeys(r *rubric.Rubric, ids []string) string {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = id
		if r != nil {
			if ind := r.Indicator(id); ind != nil {
				keys[i] = IndicatorKey(ind)
			}
		}
	}
	return strings.Join(keys, ", ")
}
