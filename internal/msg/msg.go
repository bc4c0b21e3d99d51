// Package msg is the one catalog of the messages spbe writes for people on
// stderr (errors, warnings and notes), in Indonesian and English, and the
// way to say them in the user's language.
//
// A message is keyed by its English format string, as golang.org/x/text
// keys its catalogs; catalog.go holds the Indonesian format of each. There
// are three ways to say one, each a single line at its call site:
//
//   - Sprintf(lang, format, args...) formats a message now, in lang (a note
//     or warning written where the language is known);
//   - Errorf(format, args...) makes an error that is English (its Error(),
//     what libraries, logs and errors.Is see) and that Text localizes at the
//     edge, where the language is known, layer by layer, keeping every
//     location prefix of the wrappers around it ("kaltim.xlsx: Penilaian!F12: ...");
//   - New(format, args...) is a message said later, as an argument of
//     another (a reason inside a note);
//   - Word(s) and Plural(n, one, many) are words given as arguments ("%d
//     %s"): they are translated with the message.
//
// Formatting is fmt's, not golang.org/x/text/message's Printer: that
// printer groups digits by the locale (the year 2024 would read "2.024" in
// Indonesian, a row 1234 "1,234" in English), which is wrong for years,
// rows and cell references. Decimal commas of results are label's work.
//
// The packages that may import nothing internal (pkg/, internal/outfile)
// cannot call Errorf: their errors that users meet are made by a helper
// of their own, errorf(format, args...), whose error has a method
// MessageFormat() (format string, args []any). Text says such an error
// from the catalog too, and TestCatalog checks the formats given to those
// helpers as it checks Errorf's.
//
// An error that is not of this package (a plain fmt.Errorf) is printed as
// it is, in English, with the messages of this package inside it
// localized. TestCatalog checks that every format given to these functions
// anywhere in the module has an Indonesian entry with the same verbs, and
// that the catalog holds no other entries.
package msg

import (
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Sprintf formats the message format in lang: its Indonesian entry in the
// catalog for label.Indonesian (the format itself when it has none), the
// format for English. Arguments that are errors or words (Word, Plural)
// are localized too.
func Sprintf(lang label.Lang, format string, args ...any) string {
	if lang == label.English {
		return fmt.Sprintf(verbW(format), args...)
	}
	return fmt.Sprintf(verbW(lookup(format)), localArgs(lang, args)...)
}

// Error is an error whose message is in the catalog: format and args as
// given to Errorf. Its Error() is English; Text gives it in a language.
type Error struct {
	format string
	args   []any
	err    error // fmt.Errorf(format, args...): the English text and the wrapped errors
}

// Errorf returns an *Error: fmt.Errorf(format, args...) in English, with
// %w wrapping as fmt.Errorf does, whose text Text gives in the user's
// language.
func Errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string { return e.err.Error() }

// Unwrap returns the errors wrapped with %w.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	}
	return nil
}

// Text returns err's message in lang: the messages of this package in it
// translated, at every layer of wrapping, and the text of the wrappers
// that are not (a file name before a colon, errors.Join's lines) kept.
// An error type of its own says its message with a method Message()
// Message (its Error() being Message().String()).
func Text(lang label.Lang, err error) string {
	if err == nil {
		return ""
	}
	if lang == label.English {
		return err.Error()
	}
	switch e := err.(type) {
	case interface{ Message() Message }:
		return Sprintf(lang, "%s", e.Message())
	case formatter:
		format, args := e.MessageFormat()
		return fmt.Sprintf(verbW(lookup(format)), localArgs(lang, args)...)
	case *Error:
		return fmt.Sprintf(verbW(lookup(e.format)), localArgs(lang, e.args)...)
	case interface{ Unwrap() []error }:
		return replaceIn(err.Error(), lang, e.Unwrap())
	case interface{ Unwrap() error }:
		return replaceIn(err.Error(), lang, []error{e.Unwrap()})
	}
	if w, ok := systemWords[err.Error()]; ok {
		return Sprintf(lang, "%s", w)
	}
	return err.Error()
}

// formatter is an error of a package that may import nothing internal
// (pkg/, internal/outfile) and that a user meets: it says its English
// format and arguments, as given to its package's errorf helper, so that
// Text says it from the catalog like an *Error. Its Error() stays English.
type formatter interface {
	MessageFormat() (format string, args []any)
}

// systemWords are the texts of the system's errors (syscall.Errno: "open
// k.xlsx: no such file or directory") that users meet most, said in the
// user's language.
var systemWords = map[string]fmt.Stringer{
	"no such file or directory": Word("no such file or directory"),
	"permission denied":         Word("permission denied"),
	"is a directory":            Word("is a directory"),
	"not a directory":           Word("not a directory"),
}

// replaceIn returns s, the English text of an error that wraps errs, with
// the text of each of errs in it (in order, each after the one before)
// replaced by its text in lang.
func replaceIn(s string, lang label.Lang, errs []error) string {
	var b strings.Builder
	for _, c := range errs {
		if c == nil {
			continue
		}
		en := c.Error()
		i := strings.Index(s, en)
		if len(errs) == 1 {
			i = strings.LastIndex(s, en) // a wrapper puts its place before
		}
		if en == "" || i < 0 {
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(Text(lang, c))
		s = s[i+len(en):]
	}
	b.WriteString(s)
	return b.String()
}

// Message is a message said later: in the language of the message it is
// an argument of, or with Sprintf(lang, "%s", m). Its String() is English.
type Message struct {
	format string
	args   []any
}

// New returns the message of format and args, to be said later.
func New(format string, args ...any) Message { return Message{format, args} }

func (m Message) String() string { return fmt.Sprintf(verbW(m.format), m.args...) }

// A word is a word or phrase given as an argument of a message, translated
// with it: Word("input").
type word string

// Word returns s as a word of a message: printed as s in English and as
// its catalog entry in Indonesian. s must be a constant of the catalog.
func Word(s string) fmt.Stringer { return word(s) }

// Plural returns Word(one) when n is 1, else Word(many).
func Plural(n int, one, many string) fmt.Stringer {
	if n == 1 {
		return word(one)
	}
	return word(many)
}

func (w word) String() string { return string(w) }

// Fixed returns d with places decimals, as an argument of a message: a
// decimal point in English, a decimal comma in Indonesian ("2,90").
func Fixed(d rubric.Decimal, places int) fmt.Stringer { return fixed{d, places} }

type fixed struct {
	d      rubric.Decimal
	places int
}

func (f fixed) String() string { return f.d.Fixed(f.places) }

// Or returns items joined as "a", "a or b", "a, b or c", with the word
// "or" in the language of the message it is an argument of; items that are
// words (Word) or messages (New) are said in it too.
func Or[T any](items []T) fmt.Stringer { return newList(items, Word("or")) }

// And returns items joined as "a", "a and b", "a, b and c", as Or does.
func And[T any](items []T) fmt.Stringer { return newList(items, Word("and")) }

// List returns items joined as "a, b, c", said as Or does.
func List[T any](items []T) fmt.Stringer { return newList(items, nil) }

// list is items joined with a word before the last (nil: a comma).
type list struct {
	items []any
	last  fmt.Stringer
}

func newList[T any](items []T, last fmt.Stringer) list {
	l := list{last: last}
	for _, x := range items {
		l.items = append(l.items, x)
	}
	return l
}

func (l list) String() string { return l.say(label.English) }

// say joins the items in lang.
func (l list) say(lang label.Lang) string {
	s := make([]string, len(l.items))
	for i, x := range l.items {
		s[i] = Sprintf(lang, "%v", x)
	}
	if len(s) <= 1 || l.last == nil {
		return strings.Join(s, ", ")
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + Sprintf(lang, "%v", l.last) + " " + s[len(s)-1]
}

// Lang returns the language of messages: from the flag when it was given
// (set), else from the environment variable SPBE_LANG when it is set and
// not empty, else Indonesian. An unknown SPBE_LANG is an error.
func Lang(flag label.Lang, set bool, env string) (label.Lang, error) {
	if set {
		return flag, nil
	}
	if strings.TrimSpace(env) == "" {
		return label.Indonesian, nil
	}
	l, err := label.ParseLang(env)
	if err != nil {
		return label.Indonesian, Errorf("SPBE_LANG=%s: unknown language (want id or en)", env)
	}
	return l, nil
}

// lookup returns the Indonesian format of the English format en, or en
// when the catalog has none.
func lookup(en string) string {
	if id, ok := indonesian[en]; ok {
		return id
	}
	return en
}

// localArgs returns args with the errors and words in lang, as strings.
func localArgs(lang label.Lang, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case word:
			out[i] = lookup(string(v))
		case Message:
			out[i] = fmt.Sprintf(verbW(lookup(v.format)), localArgs(lang, v.args)...)
		case list:
			out[i] = v.say(lang)
		case formatter: // a phrase of a package that cannot import this one
			f, a := v.MessageFormat()
			out[i] = fmt.Sprintf(verbW(lookup(f)), localArgs(lang, a)...)
		case fixed:
			out[i] = label.Number(v.d, v.places, lang.String())
		case rubric.Level:
			out[i] = strings.Replace(v.String(), ".", ",", 1)
		case rubric.Decimal:
			out[i] = strings.Replace(v.String(), ".", ",", 1)
		case error:
			out[i] = localized{Text(lang, v), v}
		default:
			out[i] = a
		}
	}
	return out
}

// localized is an error argument in the user's language: it prints as
// its text for %v and %s, and as the text quoted for %q.
type localized struct {
	text string
	err  error
}

func (l localized) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", l.text)
	default:
		fmt.Fprint(f, l.text)
	}
}

// verbW returns format with its %w verbs made %v: fmt.Sprintf knows no
// %w; the errors they name are localized arguments.
func verbW(format string) string {
	if !strings.Contains(format, "w") { // %w or %[2]w
		return format
	}
	b := []byte(format)
	for _, v := range parseVerbs(format) {
		if v.verb == 'w' {
			b[v.pos] = 'v'
		}
	}
	return string(b)
}

// verb is a verb of a format: the argument it takes (0-based), its letter
// ('*' for a width or precision taken from an argument) and where the
// letter is in the format.
type verb struct {
	arg  int
	verb rune
	pos  int
}

// parseVerbs returns the verbs of a format as fmt reads it, with explicit
// argument indexes ("%[2]s").
func parseVerbs(format string) []verb {
	var out []verb
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		for i < len(format) {
			c := format[i]
			switch {
			case strings.IndexByte("+-# 0.", c) >= 0 || c >= '1' && c <= '9':
				i++
				continue
			case c == '[':
				j := strings.IndexByte(format[i:], ']')
				if j < 0 {
					return out
				}
				var n int
				if _, err := fmt.Sscanf(format[i+1:i+j], "%d", &n); err == nil {
					arg = n - 1
				}
				i += j + 1
				continue
			case c == '*':
				out = append(out, verb{arg, '*', i})
				arg++
				i++
				continue
			}
			break
		}
		if i < len(format) {
			out = append(out, verb{arg, rune(format[i]), i})
			arg++
		}
	}
	return out
}
