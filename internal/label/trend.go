package label

import (
	"fmt"
	"strings"

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
