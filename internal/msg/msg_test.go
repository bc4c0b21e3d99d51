package msg

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// withEntries adds entries for a test to the catalog while it runs (an
// entry there already must say the same).
func withEntries(t *testing.T, entries map[string]string) {
	t.Helper()
	var added []string
	for en, id := range entries {
		if had, ok := indonesian[en]; ok {
			if had != id {
				t.Fatalf("%q is in the catalog already, as %q", en, had)
			}
			continue
		}
		indonesian[en] = id
		added = append(added, en)
	}
	t.Cleanup(func() {
		for _, en := range added {
			delete(indonesian, en)
		}
	})
}

// prefixError is a wrapper of another package: a location before the
// message, as workbook.Error and rubric.PosError are.
type prefixError struct {
	where string
	err   error
}

func (e *prefixError) Error() string { return e.where + ": " + e.err.Error() }
func (e *prefixError) Unwrap() error { return e.err }

func TestText(t *testing.T) {
	withEntries(t, map[string]string{
		"level %q is not a number from %d to %d": "tingkat %q bukan bilangan dari %d sampai %d",
		"indicator %s: %w":                       "indikator %s: %w",
		"%d %s could not be read":                "%d %s tidak dapat dibaca",
		"input":                                  "masukan",
		"inputs":                                 "masukan",
		"no such file; did you mean %s?":         "tidak ada berkas itu; maksud Anda %s?",
		"the %[1]s of %[2]s":                     "%[2]s punya %[1]s",
	})
	level := Errorf("level %q is not a number from %d to %d", "n/a", 1, 5)
	deep := &prefixError{"kaltim.xlsx", &prefixError{"Penilaian!F12", Errorf("indicator %s: %w", "21", level)}}
	missing := Errorf("no such file; did you mean %s?", "k.xlsx")
	classed := Errorf("%w", fs.ErrNotExist) // not in the catalog: printed as it is
	tests := []struct {
		name   string
		err    error
		id, en string
	}{
		{"wrapped in a message, under two location prefixes", deep,
			`kaltim.xlsx: Penilaian!F12: indikator 21: tingkat "n/a" bukan bilangan dari 1 sampai 5`,
			`kaltim.xlsx: Penilaian!F12: indicator 21: level "n/a" is not a number from 1 to 5`},
		{"a plain fmt.Errorf around a message", fmt.Errorf("k: %w", missing),
			"k: tidak ada berkas itu; maksud Anda k.xlsx?", "k: no such file; did you mean k.xlsx?"},
		{"errors.Join: each line", errors.Join(missing, errors.New("plain"), level),
			"tidak ada berkas itu; maksud Anda k.xlsx?\nplain\ntingkat \"n/a\" bukan bilangan dari 1 sampai 5",
			"no such file; did you mean k.xlsx?\nplain\nlevel \"n/a\" is not a number from 1 to 5"},
		{"words", Errorf("%d %s could not be read", 2, Plural(2, "input", "inputs")),
			"2 masukan tidak dapat dibaca", "2 inputs could not be read"},
		{"one word", Errorf("%d %s could not be read", 1, Plural(1, "input", "inputs")),
			"1 masukan tidak dapat dibaca", "1 input could not be read"},
		{"reordered", Errorf("the %[1]s of %[2]s", "index", "Kaltim"), "Kaltim punya index", "the index of Kaltim"},
		{"not in the catalog", classed, fs.ErrNotExist.Error(), fs.ErrNotExist.Error()},
		{"plain", errors.New("plain"), "plain", "plain"},
		{"a system error", &fs.PathError{Op: "open", Path: "k.xlsx", Err: fs.ErrNotExist},
			"open k.xlsx: file does not exist", "open k.xlsx: file does not exist"}, // fs.ErrNotExist is not the system's text
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(label.Indonesian, tt.err); got != tt.id {
				t.Errorf("id:\n got %q\nwant %q", got, tt.id)
			}
			if got := Text(label.English, tt.err); got != tt.en {
				t.Errorf("en:\n got %q\nwant %q", got, tt.en)
			}
			if got := tt.err.Error(); got != tt.en {
				t.Errorf("Error():\n got %q\nwant %q (English)", got, tt.en)
			}
		})
	}
	if !errors.Is(deep, level) || !errors.Is(classed, fs.ErrNotExist) {
		t.Error("errors.Is does not see through an *Error")
	}
	if got := Sprintf(label.Indonesian, "indicator %s: %w", "21", level); got != `indikator 21: tingkat "n/a" bukan bilangan dari 1 sampai 5` {
		t.Errorf("Sprintf id: %q", got)
	}
	if got := Sprintf(label.English, "indicator %s: %w", "21", level); got != `indicator 21: level "n/a" is not a number from 1 to 5` {
		t.Errorf("Sprintf en: %q", got)
	}
	if got := Sprintf(label.Indonesian, "year %d, row %d", 2024, 1234); got != "year 2024, row 1234" {
		t.Errorf("digits grouped: %q", got)
	}
}

func TestLang(t *testing.T) {
	tests := []struct {
		flag    label.Lang
		set     bool
		env     string
		want    label.Lang
		wantErr bool
	}{
		{label.Indonesian, false, "", label.Indonesian, false},
		{label.Indonesian, false, "en", label.English, false},
		{label.Indonesian, false, " EN ", label.English, false},
		{label.Indonesian, false, "id", label.Indonesian, false},
		{label.Indonesian, true, "en", label.Indonesian, false}, // --lang id beats SPBE_LANG=en
		{label.English, true, "", label.English, false},
		{label.English, true, "fr", label.English, false}, // the flag wins; the variable is not read
		{label.Indonesian, false, "fr", label.Indonesian, true},
	}
	for _, tt := range tests {
		got, err := Lang(tt.flag, tt.set, tt.env)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("Lang(%q, %v, %q) = %q, %v; want %q, error %v", tt.flag, tt.set, tt.env, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{"%s: %d%%", "0s 1d"},
		{"%[2]s %[1]q", "1s 0q"},
		{"%-*d %.2f %+v %w", "0* 1d 2f 3v 4w"},
		{"100%% %x", "0x"},
	}
	for _, tt := range tests {
		got := ""
		for i, v := range parseVerbs(tt.format) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%d%c", v.arg, v.verb)
		}
		if got != tt.want {
			t.Errorf("parseVerbs(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

func TestTextSystem(t *testing.T) {
	_, err := os.Open("no-such-file.xlsx")
	if got, want := Text(label.Indonesian, err), "open no-such-file.xlsx: tidak ada berkas atau folder itu"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Text(label.English, err); got != err.Error() {
		t.Errorf("English: got %q, want %q", got, err.Error())
	}
}

// A %w with an explicit argument index (%[2]w) is said like %w: the lock
// file's message printed "%!w(msg.localized=...)" in Indonesian.
func TestTextIndexedW(t *testing.T) {
	const f = "test %[1]s is open, read %[1]s%[2]w"
	withEntries(t, map[string]string{f: "uji %[1]s terbuka, baca %[1]s%[2]w"})
	err := Errorf(f, "k.xlsx", errors.New(": the end"))
	if got, want := Text(label.Indonesian, err), "uji k.xlsx terbuka, baca k.xlsx: the end"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got, want := Sprintf(label.Indonesian, "%s", New(f, "k.xlsx", errors.New(": the end"))), "uji k.xlsx terbuka, baca k.xlsx: the end"; got != want {
		t.Errorf("a Message: %q, want %q", got, want)
	}
}

// TestTextOfPackageErrors: the errors of pkg/ and internal/outfile, which
// cannot import this package, are said in Indonesian by Text through
// their MessageFormat, inside the prefixes of the wrappers around them,
// with decimal commas; their Error() and errors.Is stay as they were.
func TestTextOfPackageErrors(t *testing.T) {
	r, err := rubric.Load("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	first := func(_ any, err error) error { return err }
	half, err := rubric.ParseLevel("4.5")
	if err != nil {
		t.Fatal(err)
	}
	exists := t.TempDir() + "/out.xlsx"
	if err := os.WriteFile(exists, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		err    error
		id     string
		target error // errors.Is still finds it (nil: none to find)
	}{
		{fmt.Errorf("--target: %w", first(plan.ParseTarget(r, "9"))), "--target: target 9 di luar rentang indeks 1 sampai 5", nil},
		{fmt.Errorf("k.xlsx: F12: %w", first(rubric.ParseLevel("x"))), `k.xlsx: F12: "x": bukan bilangan desimal`, rubric.ErrSyntax},
		{r.Indicator("8").LevelScale.Check(half), "tingkat 4,5 bukan bilangan bulat dari 1 sampai 5", nil},
		{first(r.Lookup("99")), `indikator "99" tidak ada di rubrik`, nil},
		{fmt.Errorf("--set: %w", first(plan.ParseChanges(r, "8=4.5"))), `--set: perubahan "8=4.5": indikator 8: tingkat 4,5 bukan bilangan bulat dari 1 sampai 5`, nil},
		{first(butir.ParseStatus("")), "status kosong: isilah diterima, revisi, tidak tepat, belum diunggah, ditolak atau ditolak otomatis", nil},
		{outfile.Check(exists, outfile.Options{}), exists + ": berkas sudah ada; pakai --force untuk menimpanya", outfile.ErrExists},
	} {
		if c.err == nil {
			t.Errorf("want an error for %q", c.id)
			continue
		}
		if got := Text(label.English, c.err); got != c.err.Error() {
			t.Errorf("English: %q, want Error() %q", got, c.err.Error())
		}
		if got := Text(label.Indonesian, c.err); got != c.id {
			t.Errorf("Indonesian of %q:\n got %q\nwant %q", c.err, got, c.id)
		}
		if c.target != nil && !errors.Is(c.err, c.target) {
			t.Errorf("%q: errors.Is(%v) is false", c.err, c.target)
		}
	}
}
