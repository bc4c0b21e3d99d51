package batch

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// rezip copies the zip at src to a file in a temporary directory,
// passing every part through edit.
func rezip(t *testing.T, src, name string, edit func(part string, data []byte) []byte) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	path := filepath.Join(t.TempDir(), name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(f.Name, data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// replaceOnce replaces old by new in data, failing unless old occurs once.
func replaceOnce(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("%q occurs %d times, want 1", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// A workbook.xml declared in ISO-8859-1, with a sheet name in Latin-1,
// scores 2,95 like the fixture, in the default layout as with
// --layout long (it used to fail unless --layout long).
func TestReadLatin1WorkbookXML(t *testing.T) {
	path := rezip(t, "../../testdata/perekonomian-2021.xlsx", "latin1.xlsx", func(part string, data []byte) []byte {
		if part != "xl/workbook.xml" {
			return data
		}
		data = replaceOnce(t, data, `encoding="UTF-8"`, `encoding="ISO-8859-1"`)
		return replaceOnce(t, data, `name="Penilaian"`, "name=\"P\xe9nilaian\"") // é in Latin-1
	})
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	for _, layout := range []string{LayoutAuto, LayoutLong} {
		in := Read(path, &Options{Rubric: r, Scorer: NewScorer(r), Layout: layout})
		if len(in.Errs) > 0 || len(in.Evals) != 1 {
			t.Fatalf("layout %q: %d evaluations, errors %v; want 1, none", layout, len(in.Evals), in.Errs)
		}
		e := in.Evals[0]
		if got, want := e.Published.Fixed(r.Precision), "2.95"; got != want {
			t.Errorf("layout %q: index %s, want %s", layout, got, want)
		}
		if got, want := e.Sheet, "Pénilaian"; got != want {
			t.Errorf("layout %q: sheet %q, want %q", layout, got, want)
		}
	}
}

// --sheet all selects a sheet really named "all"; in a workbook without
// one it is the deprecated spelling of AllSheets, with a warning.
func TestReadSheetAll(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.Indicators())
	dir := t.TempDir()
	plain := filepath.Join(dir, "kl.xlsx")
	if err := fixture.Sheets(plain, r, []string{"Kota Satu", "Kota Dua"}, [][]int{fixture.Uniform(n, 3), fixture.Uniform(n, 4)}); err != nil {
		t.Fatal(err)
	}
	named := filepath.Join(dir, "named.xlsx")
	f, err := excelize.OpenFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetName("Instansi 2", "all"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(named); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name      string
		path      string
		o         Options
		instansi  []string
		allSheets bool
		warning   string
	}{
		{"--sheet all, a sheet named all", named, Options{Sheet: "all"}, []string{"Kota Dua"}, false, ""},
		{"--sheet all, no sheet named all", plain, Options{Sheet: "all"}, []string{"Kota Satu", "Kota Dua"}, true,
			`kl.xlsx: warning: --sheet all is deprecated; use --all-sheets (there is no sheet named "all")`},
		{"--sheet ALL matches like any name", named, Options{Sheet: " ALL "}, []string{"Kota Dua"}, false, ""},
		{"--all-sheets", named, Options{AllSheets: true}, []string{"Kota Satu", "Kota Dua"}, true, ""},
		{"--all-sheets, long layout", named, Options{AllSheets: true, Layout: LayoutLong}, []string{"Kota Satu", "Kota Dua"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			o.Rubric, o.Scorer, o.Lang = r, NewScorer(r), label.English
			in := Read(tt.path, &o)
			if len(in.Errs) > 0 {
				t.Fatalf("errors: %v", in.Errs)
			}
			var got []string
			for _, e := range in.Evals {
				got = append(got, e.Instansi)
			}
			if strings.Join(got, "|") != strings.Join(tt.instansi, "|") {
				t.Errorf("instansi %q, want %q", got, tt.instansi)
			}
			if in.AllSheets != tt.allSheets {
				t.Errorf("AllSheets %v, want %v", in.AllSheets, tt.allSheets)
			}
			warnings := strings.Join(in.Warnings, "\n")
			if tt.warning == "" && warnings != "" || !strings.HasSuffix(warnings, tt.warning) {
				t.Errorf("warnings %q, want %q", warnings, tt.warning)
			}
		})
	}
}

// A wide table without rows is still a wide input (spbe score used to
// take it for one instansi and panic).
func TestReadWideHeaderOnly(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kosong.xlsx")
	if err := fixture.Wide(path, r, nil); err != nil {
		t.Fatal(err)
	}
	in := Read(path, &Options{Rubric: r, Scorer: NewScorer(r)})
	if !in.Wide || len(in.Evals) != 0 || len(in.Errs) != 0 {
		t.Errorf("wide %v, %d evaluations, errors %v; want wide, none, none", in.Wide, len(in.Evals), in.Errs)
	}
}
