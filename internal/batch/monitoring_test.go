package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const monitoringSeed = `[{"kode": "6200", "tahun": 2025, "nama_instansi": "Provinsi Kalimantan Tengah", "kategori": "Provinsi", "daerah": "Kalimantan",
 "nilai": {"indeks": 3.4049999999999998, "D2001": 3.50, "D2002": "2,70", "D2003": 2.73, "D2004": 4.01}}]`

// TestReadMonitoring: indeks is kept to its last digit (3.4049999999999998
// is not 3.405, which a float64 would make it), and the shapes it refuses
// name the file and the record.
func TestReadMonitoring(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "e.json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p, err := ReadMonitoring(write(monitoringSeed))
	if err != nil {
		t.Fatal(err)
	}
	o := p.Obs[0]
	if o.Index == nil || o.Index.Round(6).String() != "3.405" || o.Index.Round(2).String() != "3.4" || o.Year != 2025 || o.Group != "Provinsi" || len(o.Parts) != 4 {
		t.Errorf("got %+v", o)
	}
	bad := map[string]string{
		`{"records": []}`: "it is an array of records, this is a JSON object",
		`[1]`:             "record 1: not a record of the export of the monitoring application: a JSON number, where a record is an object with the keys kode, tahun, nama_instansi, kategori, daerah, nilai",
		`[[]]`:            "record 1: not a record of the export of the monitoring application: a JSON array, where",
		`[null]`:          "record 1: not a record of the export of the monitoring application: null, where",
		`[{"kode": "1"}]`: "record 1 (kode 1): not a record of the export of the monitoring application: no tahun, nama_instansi",
		`[{"kode": "1", "tahun": "x", "nama_instansi": "A", "kategori": "", "daerah": "", "nilai": {}}]`:                                                                            "tahun x is not a year",
		`[{"kode": "1", "tahun": 2025, "nama_instansi": "A", "kategori": "", "daerah": "", "nilai": {"indeks": 3}}]`:                                                                "nilai: no D2001, D2002, D2003, D2004",
		`[{"kode": "1", "tahun": 2025, "nama_instansi": "A", "kategori": "", "daerah": "", "nilai": {"indeks": true, "D2001": null, "D2002": null, "D2003": null, "D2004": null}}]`: "nilai.indeks: true is not a number",
		`[]`: "no records",
		`[`:  "not JSON",
	}
	for text, want := range bad {
		_, err := ReadMonitoring(write(text))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), filepath.Join(dir, "e.json")+":") || strings.Contains(err.Error(), "Go value") {
			t.Errorf("%s: %v, want %q after the path", text, err, want)
		}
	}
}

// FuzzReadMonitoring: no panic, and an accepted export has a name, a year
// and an index or four domain values in every record.
func FuzzReadMonitoring(f *testing.F) {
	f.Add([]byte(monitoringSeed))
	f.Add([]byte(`[{"kode": 1, "tahun": "2024", "nama_instansi": "Kota A", "kategori": null, "daerah": "", "nilai": {"indeks": null, "D2001": 1, "D2002": 2, "D2003": 3, "D2004": 4}}]`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "f.json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		pub, err := ReadMonitoring(p)
		if err != nil {
			return
		}
		for _, o := range pub.Obs {
			if o.Instansi == "" || o.Year < 1990 || o.Index == nil && len(o.Parts) != 4 {
				t.Fatalf("accepted %+v", o)
			}
		}
	})
}
