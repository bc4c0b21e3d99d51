package report

// labels are the words of the report and the template in each language.
var labels = map[string]map[string]string{
	"id": {
		"title": "Laporan Indeks SPBE", "summary": "Ringkasan", "indicators": "Indikator", "ranking": "Peringkat",
		"instansi": "Instansi", "rubric": "Rubrik", "source": "Berkas sumber", "sheet": "lembar", "made": "Dibuat",
		"index": "Indeks SPBE", "exact": "Indeks tepat", "predicate": "Predikat", "from": "Dari", "to": "Sampai",
		"code": "Kode", "domain": "Domain", "aspect": "Aspek", "weight": "Bobot (%)", "contribution": "Kontribusi",
		"available": "Sisa poin", "target": "Target (tingkat 3)", "radar": "Indeks aspek terhadap target tingkat 3",
		"bar": "Indeks domain", "no": "No", "indicator": "Indikator", "level": "Tingkat", "levelname": "Nama tingkat",
		"toMax": "Sisa poin ke tingkat %s", "cell": "Sel sumber", "rank": "Peringkat",
		"formTitle": "Formulir Evaluasi SPBE", "results": "Hasil", "incomplete": "(belum lengkap)",
		"aspectIndex": "Indeks aspek", "groupIndex": "Indeks", "domainIndex": "Indeks domain",
	},
	"en": {
		"title": "SPBE index report", "summary": "Summary", "indicators": "Indicators", "ranking": "Ranking",
		"instansi": "Instansi", "rubric": "Rubric", "source": "Source file", "sheet": "sheet", "made": "Made",
		"index": "SPBE index", "exact": "Exact index", "predicate": "Predicate", "from": "From", "to": "To",
		"code": "Code", "domain": "Domain", "aspect": "Aspect", "weight": "Weight (%)", "contribution": "Contribution",
		"available": "Points open", "target": "Target (level 3)", "radar": "Aspect indices against the level-3 target",
		"bar": "Domain indices", "no": "No", "indicator": "Indicator", "level": "Level", "levelname": "Level name",
		"toMax": "Points open to level %s", "cell": "Source cell", "rank": "Rank",
		"formTitle": "SPBE evaluation form", "results": "Results", "incomplete": "(incomplete)",
		"aspectIndex": "Aspect index", "groupIndex": "Index", "domainIndex": "Domain index",
	},
}

func label(lang, key string) string {
	if l, ok := labels[lang]; ok {
		if s, ok := l[key]; ok {
			return s
		}
	}
	return labels["id"][key]
}
