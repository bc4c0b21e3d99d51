package main

import (
	"errors"
	"fmt"
	"os"
	"slices"

	"golang.org/x/term"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/workbook"
)

// passwordEnv names the environment variable that holds the password of
// encrypted workbooks when --password is not given: a password on the
// command line ends up in the shell's history.
const passwordEnv = "SPBE_PASSWORD"

// password is the password of encrypted workbooks: --password, else
// $SPBE_PASSWORD, else "" (readAsking may still ask for it).
func (opts *readFlags) password() string {
	if opts.Password != "" {
		return opts.Password
	}
	return os.Getenv(passwordEnv)
}

// readAsking reads the one workbook of a command (batch.Read with bo)
// and, when it is encrypted, no password was given (--password or
// $SPBE_PASSWORD) and stdin is a terminal, asks for the password without
// echoing it and reads the workbook again with it. Batches of many
// workbooks are not asked: they take --password or $SPBE_PASSWORD.
func readAsking(s *streams, o *readFlags, path string, bo *batch.Options) *batch.Input {
	in := batch.Read(path, bo)
	if bo.Password != "" || !slices.ContainsFunc(in.Errs, func(err error) bool {
		return errors.Is(err, workbook.ErrEncrypted) && !errors.Is(err, workbook.ErrWrongPassword)
	}) {
		return in
	}
	f, ok := s.In.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return in
	}
	fmt.Fprint(s.RawErr(), msg.Sprintf(msgLang(s), "Password of %s (not shown): ", path))
	pw, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(s.RawErr())
	if err != nil || len(pw) == 0 {
		return in
	}
	o.Password = string(pw)
	bo.Password = o.Password
	return batch.Read(path, bo)
}
