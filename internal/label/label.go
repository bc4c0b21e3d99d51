// Package label holds the words of the outputs in Indonesian and English
// and the formatting of numbers and predicates shown to people, shared by
// the text outputs (internal/render) and the Excel workbooks
// (internal/report). It depends only on pkg/rubric and pkg/index.
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
	if lang == "en" {
		return "SPBE index"
	}
	return "Indeks SPBE"
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

func halfUnit(precision int) rubric.Decimal {
	d := rubric.NewDecimal(1)
	for i := 0; i < precision; i++ {
		d /= 10
	}
	return d / 2
}
