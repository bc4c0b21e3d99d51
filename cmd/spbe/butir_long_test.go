package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A list where one revised butir of level 1 gates 120 accepted butir
// above it: the text output and stderr name ten of them and count the
// rest (they named all 120 on one line; 53 376 for a list of 100 000),
// and the JSON keeps every code.
func TestButirManyIgnored(t *testing.T) {
	var b strings.Builder
	b.WriteString("Kode Butir,Status\n")
	for _, ind := range []int{1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20} {
		for l := 1; l <= 5; l++ {
			n := 1
			if ind == 1 && l > 1 {
				n = 30
			}
			for k := 1; k <= n; k++ {
				st := "Diterima"
				if ind == 1 && l == 1 {
					st = "Revisi"
				}
				fmt.Fprintf(&b, "I%02d-L%d-%02d,%s\n", ind, l, k, st)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "butir.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"id", "en"} {
		out, errOut, code := runSpbe(t, "score", path, "--assume-external", "--lang", lang)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		more := map[string]string{"id": "I01-L2-10 dan 110 lagi", "en": "I01-L2-10 and 110 more"}[lang]
		for name, text := range map[string]string{"stdout": out, "stderr": errOut} {
			if strings.Contains(text, "I01-L2-11") || !strings.Contains(text, more) {
				t.Errorf("--lang %s: %s names more than ten ignored butir or does not count the rest (%q):\n%s", lang, name, more, text)
			}
		}
	}
	out, _, _ := runSpbe(t, "score", path, "--assume-external", "--format", "json")
	var j struct {
		Butir struct{ Ignored []string } `json:"butir"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Butir.Ignored) != 120 {
		t.Errorf("JSON ignored has %d codes, want 120", len(j.Butir.Ignored))
	}
}
