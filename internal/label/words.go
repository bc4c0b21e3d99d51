package label

// Text holds the words of the text output of one evaluation.
var Text = Table{
	"id": {
		"title": "Indeks SPBE", "instansi": "Instansi", "source": "Sumber", "sheet": "lembar", "column": "kolom",
		"rubric": "Rubrik", "group": "Domain / Aspek / Indikator", "group:aspects": "Aspek / Indikator", "weight": "Bobot",
		"index": "Indeks", "level": "Tingkat", "contribution": "Kontribusi", "available": "Sisa", "next": "Ke %s",
		"gap":        "Menuju %s (%s): kurang %s poin; paling sedikit %d langkah (spbe plan --target %q).",
		"edge":       "Catatan: indeks tepat %s berjarak kurang dari %s dari batas predikat %s (predikat pada nilai tepat: %s).",
		"crossed":    "Catatan: indeks tepat %s dibulatkan melewati batas predikat %s; pada nilai tepat predikatnya %s.",
		"unofficial": "BUKAN rubrik resmi: %s-nya milik rubrik bawaan %s, tetapi isinya berbeda (sha256 %.12s, bawaan %.12s).",
		"by:id":      "id", "by:name": "nama",
		"status":           "Status",
		"provisional":      "SEMENTARA: tingkat indikator %s adalah asumsi rubrik, belum nilai dari instansi penilainya (--assume-external).",
		"provisional:mark": "SEMENTARA",
		"provisional:rows": "SEMENTARA: baris bertanda memakai tingkat asumsi rubrik untuk indikator yang dinilai instansi lain (--assume-external); --detail merincinya.",
	},
	"en": {
		"title": "SPBE index", "instansi": "Instansi", "source": "Source", "sheet": "sheet", "column": "column",
		"rubric": "Rubric", "group": "Domain / aspect / indicator", "group:aspects": "Aspect / indicator", "weight": "Weight",
		"index": "Index", "level": "Level", "contribution": "Contribution", "available": "Open", "next": "To %s",
		"gap":        "To reach %s (%s): %s points short; at least %d steps (spbe plan --target %q).",
		"edge":       "Note: the exact index %s lies within %s of the predicate boundary %s (predicate on the exact value: %s).",
		"crossed":    "Note: the exact index %s was rounded across the predicate boundary %s; on the exact value the predicate is %s.",
		"unofficial": "NOT the official rubric: its %s is that of the embedded rubric %s, but it differs from it (sha256 %.12s, embedded %.12s).",
		"by:id":      "id", "by:name": "name",
		"status":           "Status",
		"provisional":      "PROVISIONAL: the levels of indicators %s are the rubric's assumption, not yet the values of the agencies that score them (--assume-external).",
		"provisional:mark": "PROVISIONAL",
		"provisional:rows": "PROVISIONAL: the marked rows take the rubric's assumed levels for indicators other agencies score (--assume-external); --detail lists them.",
	},
}

// Batch holds the words of the ranking and summary of a batch.
var Batch = Table{
	"id": {"rank": "Peringkat", "instansi": "Instansi", "index": "Indeks", "predicate": "Predikat",
		"summary": "Ringkasan", "count": "instansi", "mean": "Rata-rata indeks", "median": "Median indeks",
		"provisional": "SEMENTARA: %d evaluasi memakai tingkat asumsi rubrik untuk indikator yang dinilai instansi lain (--assume-external):",
		"failed":      "Gagal dibaca", "group": "Domain / Aspek", "group:aspects": "Aspek", "groupmean": "Rata-rata", "all": "Nasional",
		"none": "(tanpa kategori)"},
	"en": {"rank": "Rank", "instansi": "Instansi", "index": "Index", "predicate": "Predicate",
		"summary": "Summary", "count": "instansi", "mean": "Mean index", "median": "Median index",
		"provisional": "PROVISIONAL: %d evaluations take the rubric's assumed levels for indicators other agencies score (--assume-external):",
		"failed":      "Failed to read", "group": "Domain / aspect", "group:aspects": "Aspect", "groupmean": "Mean", "all": "National",
		"none": "(no category)"},
}

// Compare holds the words of a comparison.
var Compare = Table{
	"id": {"old": "Lama", "new": "Baru", "change": "Perubahan", "up": "Indikator naik", "down": "Indikator turun",
		"group": "Domain / Aspek", "group:aspects": "Aspek", "effect": "Pengaruh", "level": "Tingkat", "none": "Tidak ada indikator yang berubah.",
		"onlyold": "Hanya di data lama", "onlynew": "Hanya di data baru"},
	"en": {"old": "Old", "new": "New", "change": "Change", "up": "Indicators up", "down": "Indicators down",
		"group": "Domain / aspect", "group:aspects": "Aspect", "effect": "Effect", "level": "Level", "none": "No indicator changed.",
		"onlyold": "Only in the old data", "onlynew": "Only in the new data"},
}

// Plan holds the words of a plan and of a what-if.
var Plan = Table{
	"id": {
		"title": "Rencana menuju %s", "now": "Sekarang", "after": "Sesudah", "max": "Maksimum", "change": "Selisih",
		"steps": "%d langkah", "cost": "biaya %s", "unreachable": "Target tidak tercapai dengan batasan ini; rencana di bawah mencapai maksimum.",
		"met": "Target sudah tercapai: tidak ada langkah.", "aspect": "Aspek", "before": "Sebelum",
		"room":  "Ruang per aspek: poin indeks yang masih terbuka sampai tingkat maksimum, terbesar dulu",
		"index": "Indeks", "open": "Sisa poin",
		"exact":       "tepat %s",
		"rounding":    "Tanpa selisih: indeks tepat sesudah rencana %s, di bawah target %s; target tercapai hanya karena pembulatan setengah ke atas.",
		"external":    "Indikator yang dinilai instansi lain tidak diubah dalam rencana ini: %s (--include-external mengikutkannya).",
		"budgetTitle": "Anggaran %s: indeks tertinggi yang terbeli",
		"left":        "sisa anggaran %s",
		"gateTarget":  "target %s tidak tercapai: maksimum dengan batasan ini %s",
	},
	"en": {
		"title": "Plan to reach %s", "now": "Now", "after": "After", "max": "Maximum", "change": "Change",
		"steps": "%d steps", "cost": "cost %s", "unreachable": "The target cannot be reached under these constraints; the plan below reaches the maximum.",
		"met": "The target is already met: no steps.", "aspect": "Aspect", "before": "Before",
		"room":  "Room per aspect: index points still open up to the top level, largest first",
		"index": "Index", "open": "Points open",
		"exact":       "exactly %s",
		"rounding":    "No margin: the exact index after the plan is %s, below the target %s; the target is met only because the index is rounded half-up.",
		"external":    "Indicators scored by other agencies are kept as they are in this plan: %s (--include-external includes them).",
		"budgetTitle": "Budget %s: the highest index it buys",
		"left":        "%s of the budget left",
		"gateTarget":  "target %s not reached: the most under these constraints is %s",
	},
}

// Report holds the words of the Excel report, the input form and the plan
// and comparison workbooks.
var Report = Table{
	"id": {
		"title": "Laporan Indeks SPBE", "summary": "Ringkasan", "indicators": "Indikator", "ranking": "Peringkat",
		"instansi": "Instansi", "rubric": "Rubrik", "source": "Berkas sumber", "sheet": "lembar", "made": "Dibuat",
		"index": "Indeks SPBE", "exact": "Indeks tepat", "predicate": "Predikat", "from": "Dari", "to": "Sampai",
		"code": "Kode", "domain": "Domain", "aspect": "Aspek", "weight": "Bobot (%)", "contribution": "Kontribusi",
		"available": "Sisa poin", "target": "Target (tingkat 3)", "radar": "Indeks aspek terhadap target tingkat 3",
		"targetBand": "Batas %s (%s)", "radarBand": "Indeks aspek terhadap batas predikat %s",
		"bar": "Indeks domain", "no": "No", "indicator": "Indikator", "level": "Tingkat", "levelname": "Nama tingkat",
		"toMax": "Sisa poin ke tingkat %s", "cell": "Sel sumber", "rank": "Peringkat",
		"formTitle": "Formulir Evaluasi SPBE", "results": "Hasil", "incomplete": "(belum lengkap)",
		"aspectIndex": "Indeks aspek", "groupIndex": "Indeks", "domainIndex": "Indeks domain",
		"reportOf": "Laporan %s", "category": "Kategori", "matrix": "Matriks indikator", "count": "Jumlah instansi",
		"mean": "Rata-rata", "median": "Median", "perPredicate": "Jumlah instansi per predikat",
		"aspectMeans": "Rata-rata indeks aspek", "domainMeans": "Rata-rata indeks domain", "byCategory": "Per kategori",
		"all": "Semua", "none": "(tanpa kategori)", "page": "Halaman &P dari &N", "name": "Nama",
		"year":         "Tahun",
		"region":       "Wilayah",
		"assumedLevel": "sementara dihitung tingkat",
		"assumedCell":  "anggapan (sementara)",
		"provisional":  "HASIL SEMENTARA, belum final. Nilai indikator berikut belum diterima dari instansi yang menilainya, dan untuk sementara dihitung dengan tingkat anggapan: %s. Indeks ini dapat berubah setelah nilai itu diterima.",
		"weakNote":     "Merah: 10 indikator dengan sisa poin terbesar; indikator yang sisanya sama dengan yang ke-10 ikut ditandai, jadi bisa lebih dari 10.",
		"noDetails":    "Lembar per instansi dibuat untuk paling banyak %d instansi (spbe score --per-instansi membuatnya untuk semua).",
		"rankOf":       "Peringkat %d dari %d", "matrixTitle": "Tingkat kematangan per indikator (baris: instansi menurut peringkat; kolom: nomor indikator)",
		"levelShort": "Tingkat", "predicateDist": "Jumlah instansi per predikat", "detailsLink": "Rincian",
	},
	"en": {
		"title": "SPBE index report", "summary": "Summary", "indicators": "Indicators", "ranking": "Ranking",
		"instansi": "Instansi", "rubric": "Rubric", "source": "Source file", "sheet": "sheet", "made": "Made",
		"index": "SPBE index", "exact": "Exact index", "predicate": "Predicate", "from": "From", "to": "To",
		"code": "Code", "domain": "Domain", "aspect": "Aspect", "weight": "Weight (%)", "contribution": "Contribution",
		"available": "Points open", "target": "Target (level 3)", "radar": "Aspect indices against the level-3 target",
		"targetBand": "Edge of %s (%s)", "radarBand": "Aspect indices against the edge of %s",
		"bar": "Domain indices", "no": "No", "indicator": "Indicator", "level": "Level", "levelname": "Level name",
		"toMax": "Points open to level %s", "cell": "Source cell", "rank": "Rank",
		"formTitle": "SPBE evaluation form", "results": "Results", "incomplete": "(incomplete)",
		"aspectIndex": "Aspect index", "groupIndex": "Index", "domainIndex": "Domain index",
		"reportOf": "%s report", "category": "Category", "matrix": "Indicator matrix", "count": "Number of instansi",
		"mean": "Mean", "median": "Median", "perPredicate": "Instansi per predicate",
		"aspectMeans": "Mean aspect indices", "domainMeans": "Mean domain indices", "byCategory": "By category",
		"all": "All", "none": "(no category)", "page": "Page &P of &N", "name": "Name",
		"year":         "Year",
		"region":       "Region",
		"assumedLevel": "counted for now at level",
		"assumedCell":  "assumed (provisional)",
		"provisional":  "PROVISIONAL, not final. The values of these indicators have not yet arrived from the agencies that score them, and are counted for now at an assumed level: %s. The index may change once they arrive.",
		"weakNote":     "Red: the 10 indicators with the most points open; indicators tied with the 10th are marked too, so there may be more than 10.",
		"noDetails":    "Sheets per instansi are written for at most %d instansi (spbe score --per-instansi writes them for all).",
		"rankOf":       "Rank %d of %d", "matrixTitle": "Maturity level per indicator (rows: instansi in rank order; columns: indicator number)",
		"levelShort": "Level", "predicateDist": "Instansi per predicate", "detailsLink": "Details",
	},
}

// Rubric holds the words of spbe rubric list and of spbe rubric show
// --format table. (rubric validate and rubric diff speak of the YAML keys
// of the rubric format, in English, as the error messages do.)
var Rubric = Table{
	"id": {
		"years": "Tahun %s. ", "formula": "Indeks = jumlah tingkat x bobot / %s, %d desimal, dibulatkan %s; predikat dari indeks %s.",
		"round:half-up": "setengah ke atas", "on:rounded": "yang dibulatkan", "on:exact": "tepat",
		"group": "Domain / Aspek / Indikator", "group:aspects": "Aspek / Indikator", "weight": "Bobot", "scale": "Skala",
		"children": "bobot indikatornya berjumlah %s", "code": "kode %s", "external": "eksternal: %s (asumsi %s)", "total": "Total",
		"scales": "Skala", "levels": "tingkat", "whole": "tingkat bulat", "range": "%s sampai %s",
		"predicates": "Predikat", "band": "dari %s sampai kurang dari %s", "top": "dari %s sampai dengan %s",
		"list": "ID\tTAHUN\tINDIKATOR\tNAMA\tPERATURAN", "default": "bawaan",
	},
	"en": {
		"years": "Years %s. ", "formula": "Index = sum of level x weight / %s, %d decimals, rounded %s; predicate on the %s index.",
		"round:half-up": "half-up", "on:rounded": "rounded", "on:exact": "exact",
		"group": "Domain / Aspect / Indicator", "group:aspects": "Aspect / Indicator", "weight": "Weight", "scale": "Scale",
		"children": "indicators add up to %s", "code": "code %s", "external": "external: %s (assume %s)", "total": "Total",
		"scales": "Scales", "levels": "levels", "whole": "whole levels", "range": "%s to %s",
		"predicates": "Predicates", "band": "from %s up to %s", "top": "from %s up to and including %s",
		"list": "ID\tYEARS\tINDICATORS\tNAME\tREGULATION", "default": "default",
	},
}
