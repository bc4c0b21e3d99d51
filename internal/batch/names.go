package batch

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/msg"
)

// The names of instansi: the name a workbook without an "Instansi" cell
// is given (FileInstansi), and the one key by which a name is matched,
// between the two sides of spbe compare and by --instansi (Key).

// abbreviations are the words a file name's spelling of a name keeps in
// capitals: provinces, the state, and the agencies known by their
// initials.
var abbreviations = map[string]bool{
	"dki": true, "diy": true, "ntb": true, "ntt": true, "ri": true, "nkri": true,
	"tni": true, "polri": true, "bumn": true, "bumd": true, "bps": true, "bpk": true, "bpkp": true,
	"bssn": true, "kpk": true, "kpu": true, "lkpp": true, "brin": true, "bmkg": true, "bnpb": true,
	"bkn": true, "anri": true, "panrb": true, "spbe": true, "tik": true, "bpom": true, "bnn": true,
	"bnpt": true, "bin": true, "ojk": true, "lan": true, "kkp": true, "esdm": true, "atr": true,
	"bpn": true, "ppn": true, "bappenas": true, "ham": true,
}

// lowerWords stay in lower case inside a name: "Kementerian Pendayagunaan
// Aparatur Negara dan Reformasi Birokrasi".
var lowerWords = map[string]bool{
	"dan": true, "di": true, "ke": true, "dari": true, "untuk": true, "serta": true, "atau": true,
	"pada": true, "yang": true, "dengan": true,
}

// roman matches a roman numeral from 1 to 39 (Kodam, Wilayah and Regional
// numbers): i, ii, iv, xiv, xxxix.
var roman = regexp.MustCompile(`^x{0,3}(ix|iv|v?i{0,3})$`)

// leadingNumber is a number that orders files in a folder, with the
// separators after it: "44-", "01_", "3. ", "007 - ".
var leadingNumber = regexp.MustCompile(`^[0-9]+[\s._\-)]*`)

// FileInstansi is the name of an instansi whose workbook has no
// "Instansi" cell, derived from the file name so that a ranking reads
// well: the extension and a leading number with its separators ("44-",
// "01_") dropped, dashes, underscores and dots as spaces, and the words
// capitalised, "44-pemerintah-kota-malang.xlsx" -> "Pemerintah Kota
// Malang". Known abbreviations (DKI, DIY, NTB, NTT, RI, BPS, BSSN, ...)
// and roman numerals (II, XIV) are written in capitals, and the small
// words dan, di, ke, dari, untuk, serta, atau, pada, yang and dengan in
// lower case but at the start. A file name already in mixed case
// ("Kota-Malang-DKI") keeps its words as they are written, separators
// aside. A name that would be empty (a file named "2024.xlsx") is the
// file name without its extension.
func FileInstansi(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	name := leadingNumber.ReplaceAllString(base, "")
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r)
	}), " ")
	if name == "" {
		return base
	}
	if mixedCase(name) {
		return name
	}
	words := strings.Fields(strings.ToLower(name))
	for i, w := range words {
		switch {
		case abbreviations[w] || roman.MatchString(w):
			words[i] = strings.ToUpper(w)
		case lowerWords[w] && i > 0:
		default:
			r, n := utf8.DecodeRuneInString(w)
			words[i] = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	return strings.Join(words, " ")
}

// mixedCase reports whether s has both upper and lower case letters.
func mixedCase(s string) bool {
	upper, lower := false, false
	for _, r := range s {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	return upper && lower
}

// keyWords are the abbreviations of the words of names that Key spells
// out: Kab. and Kab are Kabupaten, Prov. Provinsi, Pemkab Pemerintah
// Kabupaten, Pemkot Pemerintah Kota, Pemprov Pemerintah Provinsi.
var keyWords = map[string][]string{
	"kab": {"kabupaten"}, "prov": {"provinsi"}, "propinsi": {"provinsi"},
	"pemkab": {"pemerintah", "kabupaten"}, "pemkot": {"pemerintah", "kota"},
	"pemprov": {"pemerintah", "provinsi"}, "pemda": {"pemerintah", "daerah"},
	"kemen": {"kementerian"},
}

// Key is the key two names of an instansi are matched by (spbe compare
// pairs the two sides by it; --instansi selects by it): the name in lower
// case, its punctuation (. , ; : ' " ( ) / - _) as spaces, a leading
// number dropped ("01 Kota A"), the abbreviations Kab., Prov., Pemkab,
// Pemkot, Pemprov and Pemda spelled out, and a leading "Pemerintah"
// dropped, so that "01-pemerintah-kota-a", "Pemerintah Kota A",
// "PEMKOT A" and "kota a" have one key: "kota a".
func Key(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	name = leadingNumber.ReplaceAllString(name, "")
	fields := strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '&'
	})
	var words []string
	for _, f := range fields {
		if w, ok := keyWords[f]; ok {
			words = append(words, w...)
			continue
		}
		words = append(words, f)
	}
	if len(words) > 1 && words[0] == "pemerintah" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// Closest returns the names among candidates whose keys are nearest to
// the key of name (by edit distance), nearest first, at most n, and only
// those near enough to be a misspelling or another spelling: within a
// third of the longer key's length, or one of the keys containing the
// other.
func Closest(name string, candidates []string, n int) []string {
	k := Key(name)
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] {
			continue
		}
		seen[c] = true
		ck := Key(c)
		d := distance(k, ck)
		longer := max(utf8.RuneCountInString(k), utf8.RuneCountInString(ck))
		if d*3 <= longer || k != "" && ck != "" && (strings.Contains(ck, k) || strings.Contains(k, ck)) {
			cs = append(cs, cand{c, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.name)
	}
	return out
}

// distance is the Levenshtein distance of a and b, in runes.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// NotFoundError says that no instansi of the name Options.Instansi gives
// is in the inputs, with the names nearest to it.
type NotFoundError struct {
	Name   string // as given
	Inputs string // the inputs, as given
	// Count is the number of instansi found; Closest the nearest of
	// their names (Closest), or, when none is near, the first few.
	Count   int
	Closest []string
	Some    []string
}

func (e *NotFoundError) Error() string { return e.Message().String() }

// Message is the error's message, in the language of messages (msg.Text).
func (e *NotFoundError) Message() msg.Message {
	quote := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = strconv.Quote(n)
		}
		return strings.Join(q, ", ")
	}
	switch {
	case e.Count == 0:
		return msg.New("%s: no instansi named %q: no instansi at all", e.Inputs, e.Name)
	case len(e.Closest) > 0:
		return msg.New("%s: no instansi named %q among its %d; the closest: %s", e.Inputs, e.Name, e.Count, quote(e.Closest))
	}
	return msg.New("%s: no instansi named %q among its %d; they include %s", e.Inputs, e.Name, e.Count, quote(e.Some))
}

// Find checks that the instansi that Options.Instansi (name) selects was
// found in ins (inputs names them in the message): nil when one was
// scored, or when an input has a problem (which then speaks for itself);
// else a *NotFoundError with the names passed over nearest to it.
func Find(ins []*Input, name, inputs string) error {
	var others []string
	for _, in := range ins {
		if len(in.Evals) > 0 || len(in.Errs) > 0 {
			return nil
		}
		others = append(others, in.Others...)
	}
	e := &NotFoundError{Name: name, Inputs: inputs, Count: len(others), Closest: Closest(name, others, 3)}
	if len(e.Closest) == 0 {
		e.Some = others[:min(len(others), 5)]
	}
	return e
}
