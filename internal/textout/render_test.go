package textout

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func evaluation(t *testing.T, rubricID string, levels []int, instansi string) *result.Evaluation {
	t.Helper()
	r, err := rubric.ByID(rubricID)
	if err != nil {
		t.Fatal(err)
	}
	ls := index.Levels{}
	cells := map[string]string{}
	for i, ind := range r.Indicators() {
		ls[ind.ID] = rubric.NewLevel(int64(levels[i]))
		cells[ind.ID] = "G" + string(rune('0'+i%10))
	}
	res, err := index.Compute(r, ls)
	if err != nil {
		t.Fatal(err)
	}
	return &result.Evaluation{Source: "in.xlsx", Sheet: "Penilaian", Instansi: instansi, Cells: cells, Result: res}
}

// TestGolden checks every format against testdata/*.golden; SPBE_UPDATE=1
// rewrites them.
func TestGolden(t *testing.T) {
	eko := evaluation(t, "permenpanrb-59-2020", fixture.Perekonomian2021, "Kementerian Koordinator Bidang Perekonomian")
	kab := evaluation(t, "permenpanrb-5-2018", fixture.Kabupaten2018, "=HYPERLINK(\"x\") | Kabupaten")
	tests := []struct {
		name  string
		r     Renderer
		evals []*result.Evaluation
		o     Options
	}{
		{"text-id.golden", Text, []*result.Evaluation{eko}, Options{Lang: "id"}},
		{"text-en-detail.golden", Text, []*result.Evaluation{eko}, Options{Lang: "en", Detail: true}},
		{"text-color.golden", Text, []*result.Evaluation{kab}, Options{Lang: "id", Color: true}},
		{"json.golden", JSON, []*result.Evaluation{eko}, Options{}},
		{"csv.golden", CSV, []*result.Evaluation{kab}, Options{}},
		{"markdown.golden", Markdown, []*result.Evaluation{kab}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.r(&buf, tt.evals, tt.o); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.name)
			if os.Getenv("SPBE_UPDATE") != "" {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("%s differs (SPBE_UPDATE=1 to accept):\ngot:\n%s\nwant:\n%s", tt.name, got, want)
			}
		})
	}
}

func TestEscapeFormula(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+62": "'+62", "-x": "'-x", "@SUM": "'@SUM", "Kota": "Kota", "": ""} {
		if got := EscapeFormula(in); got != want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", in, got, want)
		}
	}
}
