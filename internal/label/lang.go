package label

import (
	"fmt"
	"strings"
)

// Lang is the language of what spbe writes for people: Indonesian (the
// default, decimal commas) or English (decimal points). The functions of
// this package take its string ("id" or "en").
type Lang string

// The languages of the outputs.
const (
	Indonesian Lang = "id"
	English    Lang = "en"
)

// Langs are the languages, in the order help lists them.
var Langs = []Lang{Indonesian, English}

// ParseLang reads a language name as --lang and SPBE_LANG give it: "id"
// or "en", in any case and with spaces around ("ID", " En ").
func ParseLang(s string) (Lang, error) {
	for _, l := range Langs {
		if strings.EqualFold(strings.TrimSpace(s), string(l)) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown language %q (want id or en)", s)
}

// String returns the language's name, "id" or "en".
func (l Lang) String() string { return string(l) }
