package batch

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// trustInput writes the input of fixture.TrustInputs named name.
func trustInput(t *testing.T, name string) string {
	t.Helper()
	r, err := rubric.ByID(rubric.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range fixture.TrustInputs(r) {
		if b.Name == name {
			path := filepath.Join(t.TempDir(), name)
			if err := b.Write(path); err != nil {
				t.Fatal(err)
			}
			return path
		}
	}
	t.Fatalf("fixture.TrustInputs has no %s", name)
	return ""
}

// Issue 19 items 3 and 18: the summary rows left out and the hidden rows
// read of a wide table are said, as the long layout says its hidden rows;
// the rows scored are the instansi.
func TestWideRowsSaid(t *testing.T) {
	for _, tt := range []struct{ file, warning string }{
		{"lebar-tersembunyi.xlsx", "warning: Nasional: row 5 is hidden; its levels were read"},
		{"rata-rata.xlsx", `warning: Nasional: rows left out as summaries, not instansi: 6 "Rata-rata Nasional" (its name), ` +
			`7 "Nilai Tertinggi" (its name), 8 "Median Jawa Barat" (its name), 9 "Indonesia" (the maximum of the rows above)`},
	} {
		in := Read(trustInput(t, tt.file), &Options{Choices: embeddedScorers(t)})
		if len(in.Errs) > 0 {
			t.Fatalf("%s: %v", tt.file, in.Errs)
		}
		if !strings.Contains(strings.Join(in.Warnings, "\n"), tt.warning) {
			t.Errorf("%s: warnings %q do not say %q", tt.file, in.Warnings, tt.warning)
		}
		var names []string
		for _, e := range in.Evals {
			names = append(names, e.Instansi)
		}
		if got := strings.Join(names, "|"); got != "Instansi Contoh|Instansi Lain" {
			t.Errorf("%s: scored %s", tt.file, got)
		}
	}
}
