package main

import (
	"errors"
	"os"
	"strings"
	"syscall"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
)

// Exit codes: a documented contract (README.md, `spbe --help`).
const (
	exitOK      = 0 // done; every gate met
	exitGate    = 1 // a gate (--fail-under, --min-predicate, rubric diff --fail-on, plan's target) was not met
	exitUsage   = 2 // the command line is wrong
	exitInvalid = 3 // an input is invalid or unreadable, or the work failed

	// exitSignal: stopped by a signal, 128 plus its number.
	exitInterrupted = 130 // SIGINT (Ctrl-C)
	exitTerminated  = 143 // SIGTERM
)

const exitStatusHelp = `EXIT STATUS
  0  success
  1  a gate was not met (--fail-under, --min-predicate, rubric diff --fail-on),
     spbe plan's target is out of reach, or spbe verify found a difference
  2  usage error: unknown command or flag, wrong arguments
  3  invalid input or failure: unreadable workbook, bad level, invalid rubric,
     an output that may not be written, too many open files
  130  stopped by Ctrl-C (SIGINT); 143 by SIGTERM, 129 by SIGHUP (128 plus
       the signal's number): output files being written are removed`

// gateFailed is the gateError of the gates that failed, or nil when none
// did.
func gateFailed(failed []string) error {
	if len(failed) == 0 {
		return nil
	}
	return &gateError{strings.Join(failed, "\n")}
}

// gatesFailed is the gateError of the gates (result.Gates.Failures) that
// failed, in lang, or nil when none did.
func gatesFailed(lang label.Lang, failed []result.Failure) error {
	var lines []string
	for _, f := range failed {
		if f.Index {
			thr := f.FailUnder.String()
			if lang != label.English {
				thr = strings.Replace(thr, ".", ",", 1)
			}
			lines = append(lines, msg.Sprintf(lang, "%s: index %s is below --fail-under %s", f.Name, label.Number(f.Published, f.Precision, lang.String()), thr))
			continue
		}
		lines = append(lines, msg.Sprintf(lang, "%s: predicate %s is below --min-predicate %s", f.Name, f.Predicate.Name, f.MinPredicate.Name))
	}
	return gateFailed(lines)
}

// diffGatesFailed is the text of the --fail-on conditions of spbe rubric
// diff that were met, in lang, one line each.
func diffGatesFailed(lang label.Lang, met []result.DiffFailure) []string {
	var lines []string
	for _, m := range met {
		switch m.Cond {
		case "change":
			lines = append(lines, msg.Sprintf(lang, "the rubrics differ (%d %s) (--fail-on change)", m.Changes, msg.Plural(m.Changes, "change", "changes")))
		case "predicate-change":
			lines = append(lines, msg.Sprintf(lang, "%s: predicate changes from %s to %s (--fail-on predicate-change)", m.Source, m.OldPredicate, m.NewPredicate))
		case "index-change":
			move := label.Number(m.Move, m.Precision, lang.String())
			if m.Move > 0 {
				move = "+" + move
			}
			lines = append(lines, msg.Sprintf(lang, "%s: index moves by %s, from %s to %s (--fail-on index-change=%s)", m.Source, move,
				label.Number(m.Old, m.OldPrecision, lang.String()), label.Number(m.New, m.NewPrecision, lang.String()), m.Threshold.String()))
		default:
			lines = append(lines, msg.Sprintf(lang, "%s: rank changes from %d to %d (--fail-on rank-change)", m.Source, m.OldRank, m.NewRank))
		}
	}
	return lines
}

// usageError marks a mistake in the command line.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{msg.Errorf(format, args...)}
}

// gateError marks a gate that the result did not meet.
type gateError struct{ msg string }

func (e *gateError) Error() string { return e.msg }

// exitCode maps an error to the process exit code: the one place that does.
func exitCode(err error) int {
	var ue *usageError
	var fe *textout.FormatError
	var ge *gateError
	var ce *batch.ChooseError
	var ne *outfile.NameError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), errors.As(err, &fe), errors.As(err, &ce), errors.As(err, &ne):
		return exitUsage
	case errors.As(err, &ge):
		return exitGate
	default:
		return exitInvalid
	}
}

// exitSignal is the exit code of a process stopped by sig: 128 plus the
// signal's number, as a shell reports it.
func exitSignal(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitInterrupted
}
