package textout

import (
	"errors"
	"slices"
	"testing"
)

func TestFormatsLookup(t *testing.T) {
	if _, err := ScoreFormats.Lookup("json"); err != nil {
		t.Errorf("ScoreFormats.Lookup(json): %v", err)
	}
	tests := []struct {
		name, got, want string
	}{
		{"score", errText(ScoreFormats.Lookup("yaml")), `unknown format "yaml" (want csv, json, markdown, text)`},
		{"compare", errText(CompareFormats.Lookup("yaml")), `unknown format "yaml" (want csv, json, text)`},
		{"plan", errText(PlanFormats.Lookup("yaml")), `unknown format "yaml" (want csv, json, text)`},
		{"whatif", errText(WhatIfFormats.Lookup("yaml")), `unknown format "yaml" (want json or text)`},
		{"diff", errText(DiffFormats.Lookup("html")), `unknown format "html" (want github, json, markdown, text)`},
		{"validate", errText(ProblemFormats.Lookup("sarif")), `unknown format "sarif" (want text or github)`},
		{"show", errText(RubricFormats.Lookup("xml")), `unknown format "xml" (want yaml or table)`},
		{"list", errText(RubricListFormats.Lookup("yaml")), `unknown format "yaml" (want text or json)`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	_, err := DiffFormats.Lookup("")
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Name != "" {
		t.Errorf("Lookup(\"\") = %v; want a *FormatError", err)
	}
	if got := DiffFormats.Names(); !slices.Equal(got, []string{"github", "json", "markdown", "text"}) {
		t.Errorf("DiffFormats.Names() = %q", got)
	}
}

func errText[W any](_ W, err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
