package main

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
)

// langEnv is the environment variable that sets the language of messages
// (stderr) when --lang is not given: SPBE_LANG=en for English CI logs. It
// leaves the language of results (stdout, -o) alone: that is --lang's,
// Indonesian by default.
const langEnv = "SPBE_LANG"

// setMsgLang sets the language of the messages of cmd (s.Lang, see
// docs/messages.md): its --lang when given on the command line, else
// SPBE_LANG, else Indonesian. An unknown SPBE_LANG is a usage error, unless
// --lang was given.
func setMsgLang(cmd *cobra.Command, s *streams) error {
	var flag label.Lang
	set := false
	if cmd != nil {
		if f := cmd.Flags().Lookup("lang"); f != nil && f.Changed {
			if v, ok := f.Value.(*langValue); ok {
				flag, set = *v.p, true
			}
		}
	}
	l, err := msg.Lang(flag, set, os.Getenv(langEnv))
	s.Lang = l.String()
	if err != nil {
		return &usageError{err}
	}
	return nil
}

// msgLang is the language of the messages written to s.ErrOut.
func msgLang(s *streams) label.Lang {
	if s != nil && s.Lang == string(label.English) {
		return label.English
	}
	return label.Indonesian
}
