package main

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// The version of this build. A release stamps all three with -ldflags
// (scripts/release):
//
//	-X main.version=v1.2.0 -X main.commit=<full hash> -X main.date=<RFC 3339>
//
// Otherwise they come from the build information Go records: the module
// version for go install ...@v1.2.0, the commit and its time for a build
// in a git checkout. "dev" is a build with neither.
var version, commit, date string

func init() {
	bi, _ := debug.ReadBuildInfo()
	version, commit, date = resolveVersion(version, commit, date, bi)
}

// resolveVersion fills what the link flags left empty from bi (nil when
// the binary has none).
func resolveVersion(v, c, d string, bi *debug.BuildInfo) (string, string, string) {
	if bi != nil {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if c == "" {
					c = s.Value
				}
			case "vcs.time":
				if d == "" {
					d = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && c != "" && !strings.HasSuffix(c, "-dirty") {
			c += "-dirty"
		}
	}
	if v == "" {
		v = "dev"
	}
	return v, c, d
}

// versionLine is what --version prints after "spbe version ": the
// version, then the commit and the date when they are known.
func versionLine(v, c, d string) string {
	var extra []string
	if c != "" {
		extra = append(extra, "commit "+shortCommit(c))
	}
	if d != "" {
		extra = append(extra, "built "+d)
	}
	if v == "dev" && c == "" {
		extra = append(extra, "built from source without version information")
	}
	if len(extra) == 0 {
		return v
	}
	return fmt.Sprintf("%s (%s)", v, strings.Join(extra, ", "))
}

// provenanceVersion is the version a report records: the version, and the
// commit of a development build ("dev+0123abcd4567").
func provenanceVersion(v, c string) string {
	if c != "" && v == "dev" {
		return v + "+" + shortCommit(c)
	}
	return v
}

func shortCommit(c string) string {
	if dirty, ok := strings.CutSuffix(c, "-dirty"); ok && len(dirty) > 12 {
		return dirty[:12] + "-dirty"
	}
	if len(c) > 12 {
		return c[:12]
	}
	return c
}
