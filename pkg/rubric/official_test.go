package rubric

import (
	"strings"
	"testing"
)

// officialEdit is the source of the embedded 59/2020 rubric with edits.
func officialEdit(t *testing.T, edits ...string) []byte {
	t.Helper()
	src, ok := EmbeddedSource("permenpanrb-59-2020")
	if !ok {
		t.Fatal("no default rubric")
	}
	s := string(src)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(s, edits[i]) {
			t.Fatalf("edit %q: not in the source", edits[i])
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	return []byte(s)
}

func TestMismatch(t *testing.T) {
	bandMoved := []string{
		"{name: Sangat Baik, name_en: Very good, from: 3.5, to: 4.2}", "{name: Sangat Baik, name_en: Very good, from: 2.9, to: 4.2}",
		"{name: Baik, name_en: Good, from: 2.6, to: 3.5}", "{name: Baik, name_en: Good, from: 2.6, to: 2.9}",
	}
	tests := []struct {
		name    string
		edits   []string
		wantBy  string // "" for no mismatch
		wantChg string // a change that must be listed
	}{
		{"the official rubric", nil, "", ""},
		{"only comments and layout", []string{"total: 100", "total: 100.0   # the whole", "# Tabel 13", "# table 13"}, "", ""},
		{"the Sangat Baik band moved to 2,9", bandMoved, "id", "Sangat Baik"},
		{"a weight written 1.3 for 1.30", []string{"weight: 1.30", "weight: 1.3"}, "", ""},
		{"a new id, the official name", append([]string{"id: permenpanrb-59-2020", "id: daerah"}, bandMoved...), "name", "Sangat Baik"},
		{"a new id and the official name in other case", append([]string{"id: permenpanrb-59-2020", "id: daerah",
			"name: Evaluasi SPBE (PermenPANRB 59/2020)", "name: evaluasi  SPBE (permenpanrb 59/2020)"}, bandMoved...), "name", "Sangat Baik"},
		{"a new id and a new name", append([]string{"id: permenpanrb-59-2020", "id: daerah",
			"name: Evaluasi SPBE (PermenPANRB 59/2020)", "name: Evaluasi SPBE Daerah"}, bandMoved...), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("r.yaml", officialEdit(t, tt.edits...))
			if err != nil {
				t.Fatal(err)
			}
			m := r.Mismatch()
			if tt.wantBy == "" {
				if m != nil {
					t.Fatalf("Mismatch() = %+v, want nil", m)
				}
				return
			}
			if m == nil {
				t.Fatal("Mismatch() = nil, want one")
			}
			if m.By != tt.wantBy || m.ID != "permenpanrb-59-2020" {
				t.Errorf("Mismatch() by %q of %q, want by %q of %q", m.By, m.ID, tt.wantBy, "permenpanrb-59-2020")
			}
			emb, _ := ByID("permenpanrb-59-2020")
			if m.EmbeddedSHA256 != emb.SHA256() || m.SHA256 != r.SHA256() || m.SHA256 == m.EmbeddedSHA256 {
				t.Errorf("hashes %s, embedded %s; want %s, embedded %s", m.SHA256, m.EmbeddedSHA256, r.SHA256(), emb.SHA256())
			}
			found := false
			for _, b := range m.Changes.Predicates {
				found = found || b.Name == tt.wantChg
			}
			if !found {
				t.Errorf("changes %+v do not list band %q", m.Changes.Predicates, tt.wantChg)
			}
			if r.Mismatch() != m {
				t.Error("Mismatch() is not kept")
			}
		})
	}
	for _, id := range EmbeddedIDs() {
		r, err := ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		if m := r.Mismatch(); m != nil {
			t.Errorf("embedded %s: Mismatch() = %+v, want nil", id, m)
		}
	}
	if m := (&Rubric{ID: "x"}).Mismatch(); m != nil {
		t.Errorf("a rubric not built by Parse: Mismatch() = %+v", m)
	}
}
