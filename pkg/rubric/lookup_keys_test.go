package rubric

import "testing"

// Keys.Lookup finds what Lookup finds, in every embedded rubric, for ids,
// codes, their variants and texts that name nothing or two indicators.
func TestKeysLookupIsLookup(t *testing.T) {
	for _, id := range EmbeddedIDs() {
		r, err := ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		k := r.Keys()
		probes := []string{"", "0", "99", "1.1", "01.01", " 3.2 ", "7.2.", "kode 1.1", "35A", "35a", "x", "1,1"}
		for _, ind := range r.Indicators() {
			probes = append(probes, ind.ID, " "+ind.ID+" ", ind.Code, "0"+ind.Code)
		}
		for _, p := range probes {
			ind, err := r.Lookup(p)
			i, kerr := k.Lookup(p)
			switch {
			case (err == nil) != (kerr == nil):
				t.Errorf("%s: %q: Lookup %v, Keys.Lookup %v", id, p, err, kerr)
			case err != nil && err.Error() != kerr.Error():
				t.Errorf("%s: %q: Lookup says %q, Keys.Lookup %q", id, p, err, kerr)
			case err == nil && r.Indicators()[i] != ind:
				t.Errorf("%s: %q: Lookup finds %s, Keys.Lookup %s", id, p, ind.ID, k.IDs[i])
			}
		}
	}
}
