package rubric

import "testing"

func TestPosition(t *testing.T) {
	r, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind, id, key string
		want          Pos
		ok            bool
	}{
		{"rubric", "", "total", Pos{8, 1}, true},
		{"predicate", "Baik", "from", Pos{37, 33}, true},
		{"domain", "D2", "", Pos{59, 5}, true},
		{"aspect", "A2", "weight", Pos{65, 9}, true},
		{"indicator", "11", "", Pos{67, 13}, true},
		{"indicator", "11", "weight", Pos{67, 24}, true},
		{"indicator", "11", "scale", Pos{67, 13}, true}, // no such key: the item
		{"indicator", "99", "", Pos{}, false},
	}
	for _, tt := range tests {
		got, ok := r.Position(tt.kind, tt.id, tt.key)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Position(%q, %q, %q) = %v, %v; want %v, %v", tt.kind, tt.id, tt.key, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := (&Rubric{}).Position("rubric", "", ""); ok {
		t.Error("Position of a rubric not read by Parse: ok; want not ok")
	}
}
