package workbook

import "testing"

func TestProvinceOf(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Pemerintah Provinsi Kalimantan Timur", "Kalimantan Timur"},
		{"Provinsi  Jawa\u00a0Barat ", "Jawa Barat"},
		{"PEMERINTAH PROVINSI DKI JAKARTA", "DKI JAKARTA"},
		{"Pemerintah Kabupaten Berau", ""}, // never guessed from a kabupaten's name
		{"Kota Samarinda", ""},
		{"Provinsi", ""},
		{"Kementerian Dalam Negeri", ""},
		{"", ""},
	} {
		if got := ProvinceOf(tt.name); got != tt.want {
			t.Errorf("ProvinceOf(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The region above a long table is read as the instansi is: "Label: X"
// in one cell, or a label cell with the value beside it; never from a
// title or from the instansi's name.
func TestSheetRegion(t *testing.T) {
	for _, tt := range []struct {
		name       string
		above      [][]any
		region, at string
	}{
		{"one cell", [][]any{{"Hasil Evaluasi SPBE 2024"}, {"Provinsi: Kalimantan Timur"}}, "Kalimantan Timur", "A2"},
		{"label beside", [][]any{{"Instansi", "Kabupaten Berau", "Daerah", "Kalimantan Timur"}}, "Kalimantan Timur", "D1"},
		{"label, colon cell", [][]any{{"Wilayah", ":", "Jawa Barat"}}, "Jawa Barat", "C1"},
		{"title only", [][]any{{"Hasil Evaluasi SPBE Provinsi Kalimantan Timur 2024"}, {"Instansi: Pemerintah Provinsi Kalimantan Timur"}}, "", ""},
		{"label without value", [][]any{{"Provinsi:"}}, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows := append(tt.above, []any{"No", "Indikator", "Nilai"}, []any{1, "Kebijakan", 3})
			s, err := ReadSheet(writeXLSX(t, "t.xlsx", sheetSpec{name: "S", rows: rows}), Options{Known: known47, Lang: english})
			if err != nil {
				t.Fatal(err)
			}
			if s.Region != tt.region || s.RegionCell != tt.at {
				t.Errorf("region %q at %q, want %q at %q", s.Region, s.RegionCell, tt.region, tt.at)
			}
		})
	}
}
