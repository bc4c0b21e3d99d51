package workbook

import (
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// BenchmarkReadHostile reads the workbooks of fixture.XMLInputs that are
// hostile to a reader holding what a file claims: memory must follow the
// table (47 rows), not the sheet's extent. Run with -benchmem; the peak
// resident memory of the built binary on the same files is in the
// "Bad input" section of docs/bad-input.md (/usr/bin/time -v spbe score FILE).
func BenchmarkReadHostile(b *testing.B) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	opts := Options{Known: func(id string) bool { return r.Indicator(id) != nil }}
	for _, bad := range fixture.XMLInputs(r) {
		switch bad.Name {
		case "komentar-xml.xlsx", "xfd-jarang.xlsx", "xfd-rumus.xlsx", "sel-terjauh.xlsx", "string-kosong.xlsx", "sel-raksasa.xlsx", "bersarang.xlsx":
		default:
			continue
		}
		path := filepath.Join(dir, bad.Name)
		if err := bad.Write(path); err != nil {
			b.Fatal(err)
		}
		b.Run(bad.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ReadSheet(path, opts)
			}
		})
	}
}
