package workbook

import "strings"

// ProvinceOf returns the province an instansi's name says it is, when the
// instansi is a provinsi: "Pemerintah Provinsi Kalimantan Timur" and
// "Provinsi Kalimantan Timur" give "Kalimantan Timur". Any other name
// gives "": the province of a kabupaten or kota is not in its name, and
// is never guessed from it.
func ProvinceOf(instansi string) string {
	words := strings.Fields(fold(instansi))
	if len(words) > 0 && strings.EqualFold(words[0], "pemerintah") {
		words = words[1:]
	}
	if len(words) < 2 || !strings.EqualFold(words[0], "provinsi") {
		return ""
	}
	return strings.Join(words[1:], " ")
}
