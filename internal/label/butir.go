package label

// Butir holds the words of the outputs about butir (evidence items).
var Butir = Table{
	"id": {
		"status":     "Butir",
		"simulated":  "SIMULASI dari butir: nilai indikator dihitung dari %d butir data dukung (aturan yang teramati pada hasil asesor 2026, bukan rumus resmi).",
		"stands":     "Nilai tabel (asesor) berlaku; daftar butir (%d butir) ada di sampingnya.",
		"differ":     "Butir memberi nilai lain untuk %s.",
		"differ:one": "indikator %s (tabel %s, butir %s)",
		"ignored":    "Butir diterima di atas level yang belum lengkap tidak dihitung: %s.",
		"more":       "%s dan %d lagi",
		"section":    "Butir data dukung (simulasi dari butir)",
		"section:t":  "Butir data dukung (nilai tabel berlaku)",
		"indicator":  "Indikator", "value": "Nilai", "table": "Tabel", "worked": "Level dikerjakan", "accepted": "Diterima",
		"notcounted": "Tidak dihitung", "complete": "lengkap",
		"csv:simulated": "simulasi dari butir", "csv:stands": "nilai tabel berlaku",
		"bands": "pita level untuk nilai dari butir",
		"batch": "SIMULASI dari butir: nilai %d evaluasi dihitung dari butir data dukung (bukan rumus resmi):",
	},
	"en": {
		"status":     "Evidence",
		"simulated":  "SIMULATED from evidence items (simulasi dari butir): indicator values computed from %d evidence items (a rule observed on the 2026 assessors' results, not an official formula).",
		"stands":     "The table's (assessor's) values stand; a list of %d evidence items is beside it.",
		"differ":     "The evidence items give other values for %s.",
		"differ:one": "indicator %s (table %s, evidence %s)",
		"ignored":    "Accepted evidence items above an incomplete level count for nothing: %s.",
		"more":       "%s and %d more",
		"section":    "Evidence items (simulated from evidence items)",
		"section:t":  "Evidence items (the table's values stand)",
		"indicator":  "Indicator", "value": "Value", "table": "Table", "worked": "Level worked on", "accepted": "Accepted",
		"notcounted": "Not counted", "complete": "complete",
		"csv:simulated": "simulated from evidence items", "csv:stands": "table values stand",
		"bands": "level bands of values from evidence items",
		"batch": "SIMULATED from evidence items: the values of %d evaluations are computed from evidence items (not an official formula):",
	},
}

// ButirPlan holds the words of a plan by butir.
var ButirPlan = Table{
	"id": {
		"title":  "Rencana butir menuju %s (simulasi dari butir)",
		"budget": "Rencana butir dengan anggaran %s (simulasi dari butir)",
		"count":  "%d butir", "cost": "biaya %s", "left": "sisa anggaran %s",
		"unreachable": "Target tidak tercapai dengan butir yang ada; rencana di bawah mencapai maksimum.",
		"met":         "Target sudah tercapai: tidak ada butir yang perlu diterima.",
		"nothing":     "Anggaran ini tidak menaikkan indeks yang dipublikasikan: tidak ada butir.",
		"head":        "Butir yang perlu diterima, level terendah dulu",
		"butir":       "Butir", "indicator": "Indikator", "level": "Level", "value": "Nilai", "gain": "Tambahan", "pj": "PJ", "costcol": "Biaya",
	},
	"en": {
		"title":  "Plan by evidence items to reach %s (simulated from evidence items)",
		"budget": "Plan by evidence items for a budget of %s (simulated from evidence items)",
		"count":  "%d evidence items", "cost": "cost %s", "left": "%s of the budget left",
		"unreachable": "The target cannot be reached with these evidence items; the plan below reaches the maximum.",
		"met":         "The target is already met: no evidence item needs to be accepted.",
		"nothing":     "This budget does not raise the published index: no evidence item.",
		"head":        "Evidence items to get accepted, lowest level first",
		"butir":       "Item", "indicator": "Indicator", "level": "Level", "value": "Value", "gain": "Gain", "pj": "In charge", "costcol": "Cost",
	},
}

// ButirCompare holds the words of the butir part of a comparison.
var ButirCompare = Table{
	"id": {
		"head": "Butir yang berubah status (%d)", "none": "(tidak ada)", "absent": "(tidak ada)",
		"simulated": "Nilai kedua sisi adalah simulasi dari butir.",
	},
	"en": {
		"head": "Evidence items whose status changed (%d)", "none": "(none)", "absent": "(absent)",
		"simulated": "Both sides' values are simulated from evidence items.",
	},
}

// ButirReport holds the words of the butir sheets of the Excel report.
var ButirReport = Table{
	"id": {
		"sheet": "Butir", "checklist": "Daftar Kerja",
		"title":      "Butir data dukung per indikator (simulasi dari butir)",
		"title:t":    "Butir data dukung per indikator (nilai tabel asesor berlaku)",
		"checktitle": "Daftar kerja: butir yang belum diterima, tambahan per butir terbesar dulu",
		"checknote":  "Tambahan: kenaikan indeks bila butir diterima, setelah butir sebelumnya pada indikator yang sama (level lebih rendah dulu). Per butir: rata-rata tambahan rangkaian butir yang dikerjakan bersama. Simulasi dari butir, bukan rumus resmi.",
		"simulated":  "SIMULASI dari butir: nilai indikator dihitung dari butir data dukung (bukan rumus resmi).",
		"stands":     "Nilai tabel asesor berlaku; daftar butir ada di lembar Butir.",
		"butir":      "Butir", "indicator": "Indikator", "level": "Level", "text": "Uraian", "status": "Status",
		"note": "Catatan asesor", "rec": "Rekomendasi", "pj": "PJ", "file": "File / tautan", "value": "Nilai",
		"worked": "Level dikerjakan", "gain": "Tambahan indeks", "per": "Tambahan per butir", "done": "Selesai", "no": "No", "ignored": "tidak dihitung (level di bawahnya belum lengkap)",
		"national:summary": "SIMULASI dari butir: nilai indikator %d dari %d instansi dihitung dari butir data dukung (bukan rumus resmi), ditandai † di lembar %s.",
		"national:note":    "† SIMULASI dari butir (nilai indikator dihitung dari butir data dukung, bukan rumus resmi): %s.",
		"national:all":     "semua instansi",
	},
	"en": {
		"sheet": "Evidence", "checklist": "Checklist",
		"title":      "Evidence items per indicator (simulated from evidence items)",
		"title:t":    "Evidence items per indicator (the assessor's table values stand)",
		"checktitle": "Checklist: evidence items not yet accepted, largest gain per item first",
		"checknote":  "Gain: what the index gains when the item is accepted, once the items before it on the same indicator are (lower levels first). Per item: the average gain of the run of items worked together. Simulated from evidence items, not an official formula.",
		"simulated":  "SIMULATED from evidence items: indicator values computed from evidence items (not an official formula).",
		"stands":     "The assessor's table values stand; the evidence items are on the Evidence sheet.",
		"butir":      "Item", "indicator": "Indicator", "level": "Level", "text": "Description", "status": "Status",
		"note": "Assessor's note", "rec": "Recommendation", "pj": "In charge", "file": "File / link", "value": "Value",
		"worked": "Level worked on", "gain": "Index gain", "per": "Gain per item", "done": "Done", "no": "No", "ignored": "not counted (a level below is incomplete)",
		"national:summary": "SIMULATED from evidence items (simulasi dari butir): the indicator values of %d of %d instansi are computed from evidence items (not an official formula), marked † on the %s sheet.",
		"national:note":    "† SIMULATED from evidence items (simulasi dari butir: indicator values computed from evidence items, not an official formula): %s.",
		"national:all":     "every instansi",
	},
}
