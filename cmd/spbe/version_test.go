package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestResolveVersion(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-03-01T10:00:00Z"}}
	dirty := append(append([]debug.BuildSetting{}, vcs...), debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	tests := []struct {
		name             string
		v, c, d          string // the link flags
		bi               *debug.BuildInfo
		line, provenance string
	}{
		{"release: the link flags win", "v1.2.0", "fedcba9876543210", "2026-04-01T00:00:00Z", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"v1.2.0 (commit fedcba987654, built 2026-04-01T00:00:00Z)", "v1.2.0"},
		{"go install ...@v1.2.0", "", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}},
			"v1.2.0", "v1.2.0"},
		{"go build in a checkout", "", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"dev (commit 0123456789ab, built 2026-03-01T10:00:00Z)", "dev+0123456789ab"},
		{"with local changes", "", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: dirty},
			"dev (commit 0123456789ab-dirty, built 2026-03-01T10:00:00Z)", "dev+0123456789ab-dirty"},
		{"nothing known", "", "", "", nil,
			"dev (built from source without version information)", "dev"},
	}
	for _, tt := range tests {
		v, c, d := resolveVersion(tt.v, tt.c, tt.d, tt.bi)
		if got := versionLine(v, c, d); got != tt.line {
			t.Errorf("%s: --version %q, want %q", tt.name, got, tt.line)
		}
		if got := provenanceVersion(v, c); got != tt.provenance {
			t.Errorf("%s: provenance %q, want %q", tt.name, got, tt.provenance)
		}
	}
}

// spbe man writes a page per command, each with its description, and the
// exit codes in the page of spbe.
func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	if code, _, stderr := runSPBE(t, "man", dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	root := newRootCmd(&streams{})
	n := 0
	for _, c := range visible(root) {
		if !c.IsAvailableCommand() && c != root {
			continue // help, and the hidden man itself
		}
		n++
		page := filepath.Join(dir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s: no man page: %v", c.CommandPath(), err)
			continue
		}
		text := string(data)
		if !strings.Contains(text, ".TH \"SPBE\" \"1\"") || !strings.Contains(text, c.Short[:20]) {
			t.Errorf("%s: the page lacks its header or description:\n%.300s", page, text)
		}
		if c == root && !strings.Contains(text, "EXIT STATUS") {
			t.Errorf("%s: no EXIT STATUS", page)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(pages) != n || n < 14 {
		t.Errorf("%d pages for %d commands", len(pages), n)
	}
}
