package batch

import (
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/label"
)

func TestFileInstansi(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"hasil/44-pemerintah-kota-malang.xlsx", "Pemerintah Kota Malang"},
		{"01_pemerintah_kota_a.xlsx", "Pemerintah Kota A"},
		{"3. kab-bogor.csv", "Kab Bogor"},
		{"pemerintah-provinsi-dki-jakarta.xlsx", "Pemerintah Provinsi DKI Jakarta"},
		{"PEMERINTAH-DAERAH-DIY.xlsx", "Pemerintah Daerah DIY"},
		{"kodam-iii-siliwangi.xlsx", "Kodam III Siliwangi"},
		{"kementerian-pendayagunaan-aparatur-negara-dan-reformasi-birokrasi.xlsx",
			"Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"},
		{"dan-seterusnya.csv", "Dan Seterusnya"},                      // a small word first is capitalised
		{"Kota-Malang-bagian-Timur.xlsx", "Kota Malang bagian Timur"}, // mixed case: as written
		{"2024.xlsx", "2024"},                                         // nothing left: the file name
		{"kabupaten-bogor.csv", "Kabupaten Bogor"},
		{"bps.xlsx", "BPS"},
	} {
		if got := FileInstansi(c.path); got != c.want {
			t.Errorf("FileInstansi(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

func TestKey(t *testing.T) {
	same := [][]string{
		{"01-pemerintah-kota-a", "Pemerintah Kota A", "pemerintah  kota a", "PEMKOT A", "Kota A.", "kota_a"},
		{"Kab. Bogor", "Kabupaten Bogor", "Pemkab Bogor", "PEMERINTAH KABUPATEN BOGOR", "02 kab bogor"},
		{"Prov. Jawa Barat", "Provinsi Jawa Barat", "Pemprov Jawa Barat", "Pemerintah Propinsi Jawa Barat"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if Key(n) != Key(names[0]) {
				t.Errorf("Key(%q) = %q, Key(%q) = %q: want them equal", n, Key(n), names[0], Key(names[0]))
			}
		}
	}
	for _, pair := range [][2]string{
		{"Kota Bogor", "Kabupaten Bogor"},
		{"Kota A", "Kota B"},
		{"Pemerintah", "Kota Pemerintah"},
	} {
		if Key(pair[0]) == Key(pair[1]) {
			t.Errorf("Key(%q) = Key(%q) = %q: want them apart", pair[0], pair[1], Key(pair[0]))
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"Pemerintah Kota Malang", "Pemerintah Kabupaten Malang", "Pemerintah Kota Batu", "Kementerian Contoh"}
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Kota Malangg", []string{"Pemerintah Kota Malang"}},
		{"malang", []string{"Pemerintah Kota Malang", "Pemerintah Kabupaten Malang"}},
		{"Provinsi Papua", nil},
	} {
		if got := Closest(c.name, names, 3); !slices.Equal(got, c.want) {
			t.Errorf("Closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// The notes of a batch are grouped by the choice made: the first file of
// each group is printed as it comes, the others named in the summary.
func TestNoteGroups(t *testing.T) {
	in := func(path, level string) *Input {
		i := &Input{Path: path, RubricNotes: []string{path + ": rubric x: why"}}
		if level != "" {
			i.LevelNote = path + ": levels from column " + level
		}
		return i
	}
	ins := []*Input{in("a", "G"), in("b", "G"), in("c", "F"), in("d", "G"), in("e", "G"), in("f", "G"), in("g", "")}
	g := &NoteGroups{Lang: label.English}
	var now []string
	for _, i := range ins {
		now = append(now, g.Add(i)...)
	}
	want := []string{"a: rubric x: why", "a: levels from column G", "c: levels from column F"}
	if !slices.Equal(now, want) {
		t.Errorf("printed as read:\n%s\nwant\n%s", strings.Join(now, "\n"), strings.Join(want, "\n"))
	}
	sum := g.Summary()
	wantSum := []string{
		"(the same rubric, for the same reason, for 6 more files as for a: b, c, d and 3 more; -v lists each)",
		"(the same level columns in 4 more files as in a: b, d, e and 1 more; -v lists each)",
	}
	if !slices.Equal(sum, wantSum) {
		t.Errorf("summary:\n%s\nwant\n%s", strings.Join(sum, "\n"), strings.Join(wantSum, "\n"))
	}
	v := &NoteGroups{Verbose: true}
	n := 0
	for _, i := range ins {
		n += len(v.Add(i))
	}
	if n != 13 || len(v.Summary()) != 0 {
		t.Errorf("verbose: %d notes and %d summary lines, want 13 and 0", n, len(v.Summary()))
	}
	// One file on both sides of spbe compare says its notes once.
	if again := v.Add(in("a", "G")); len(again) != 0 {
		t.Errorf("the notes of a file read again: %q, want none", again)
	}
}
