// Command release builds the binaries of a spbe release: Windows amd64,
// macOS arm64 and amd64, Linux amd64 and arm64, each with the version,
// commit and date stamped into it (spbe --version), each in an archive
// (.zip for Windows, .tar.gz otherwise) with README.md, LICENSE and
// CHANGELOG.md, and a file of SHA-256 checksums that sha256sum -c (or
// PowerShell's Get-FileHash) checks.
//
//	go run ./scripts/release -version v1.2.0      # a release, from its tag
//	go run ./scripts/release -snapshot            # any commit: v0.0.0-SNAPSHOT-<commit>
//
// The archives go to dist/ (-out); the binaries stay beside them, unpacked,
// in dist/spbe_<version>_<os>_<arch>/. It needs only Go (and git for the
// commit and date): no GoReleaser, no zip, no sha256sum, so it runs the
// same on Linux, macOS and Windows. ./test.sh runs it as a snapshot.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"
)

// targets are the platforms of a release: what the analysts who use spbe
// run (most on Windows), and the servers of CI.
var targets = []struct{ goos, goarch string }{
	{"windows", "amd64"},
	{"darwin", "arm64"},
	{"darwin", "amd64"},
	{"linux", "amd64"},
	{"linux", "arm64"},
}

func main() {
	version := flag.String("version", "", "the version to stamp, a tag such as v1.2.0")
	snapshot := flag.Bool("snapshot", false, "stamp v0.0.0-SNAPSHOT-<commit> instead of a release version")
	out := flag.String("out", "dist", "folder of the archives (emptied first)")
	only := flag.String("only", "", "build only these targets, as os/arch separated by commas (default: all five)")
	flag.Parse()
	if err := run(*version, *snapshot, *out, *only); err != nil {
		fmt.Fprintf(os.Stderr, "release: %v\n", err)
		os.Exit(1)
	}
}

var semver = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

func run(version string, snapshot bool, out, only string) error {
	commit := git("rev-parse", "HEAD")
	if commit != "" && git("status", "--porcelain", "--untracked-files=no") != "" {
		commit += "-dirty" // built from uncommitted changes: say so
	}
	date := git("log", "-1", "--format=%cI") // the commit's date: the same build twice is the same
	if date == "" {
		date = time.Now().UTC().Format(time.RFC3339)
	}
	switch {
	case snapshot && version != "":
		return fmt.Errorf("give -version or -snapshot, not both")
	case snapshot:
		version = "v0.0.0-SNAPSHOT"
		if commit != "" {
			version += "-" + commit[:min(12, len(strings.TrimSuffix(commit, "-dirty")))]
		}
	case !semver.MatchString(version):
		return fmt.Errorf("-version %q: want a version such as v1.2.0 (or -snapshot)", version)
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.date=%s", version, commit, date)
	build := targets
	if only != "" {
		build = build[:0:0]
		for _, t := range strings.Split(only, ",") {
			goos, goarch, ok := strings.Cut(strings.TrimSpace(t), "/")
			if !ok || goos == "" || goarch == "" {
				return fmt.Errorf("-only %q: want os/arch, such as windows/amd64", t)
			}
			build = append(build, struct{ goos, goarch string }{goos, goarch})
		}
	}
	var sums strings.Builder
	for _, t := range build {
		start := time.Now()
		name := fmt.Sprintf("spbe_%s_%s_%s", version, t.goos, t.goarch)
		exe := "spbe"
		if t.goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(out, name, exe)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/spbe")
		cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s/%s: go build: %w", t.goos, t.goarch, err)
		}
		files := map[string]string{exe: bin, "README.md": "README.md", "LICENSE": "LICENSE", "CHANGELOG.md": "CHANGELOG.md"}
		archive := filepath.Join(out, name+".tar.gz")
		if t.goos == "windows" {
			archive = filepath.Join(out, name+".zip")
		}
		mtime, _ := time.Parse(time.RFC3339, date)
		if err := writeArchive(archive, name, []string{exe, "README.md", "LICENSE", "CHANGELOG.md"}, files, mtime); err != nil {
			return fmt.Errorf("%s: %w", archive, err)
		}
		sum, err := sha256File(archive)
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%s  %s\n", sum, filepath.Base(archive))
		fmt.Fprintf(os.Stderr, "release: %s (%.1fs)\n", archive, time.Since(start).Seconds())
	}
	sumsFile := filepath.Join(out, "checksums.txt")
	if err := os.WriteFile(sumsFile, []byte(sums.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "release: %s (host %s/%s)\n", sumsFile, runtime.GOOS, runtime.GOARCH)
	return nil
}

// git runs a git command and returns its output, or "" without git or a
// repository (a source archive).
func git(args ...string) string {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// writeArchive writes the files (name in the archive -> path) under the
// folder dir of a .zip or a .tar.gz, in order, dated mtime.
func writeArchive(path, dir string, order []string, files map[string]string, mtime time.Time) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if strings.HasSuffix(path, ".zip") {
		zw := zip.NewWriter(f)
		for _, name := range order {
			st, err := os.Stat(files[name])
			if err != nil {
				return err
			}
			h, err := zip.FileInfoHeader(st)
			if err != nil {
				return err
			}
			h.Name, h.Method, h.Modified = dir+"/"+name, zip.Deflate, mtime
			w, err := zw.CreateHeader(h)
			if err != nil {
				return err
			}
			if err := copyFile(w, files[name]); err != nil {
				return err
			}
		}
		return zw.Close()
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, name := range order {
		st, err := os.Stat(files[name])
		if err != nil {
			return err
		}
		mode := int64(0o644)
		if st.Mode()&0o111 != 0 {
			mode = 0o755
		}
		h := &tar.Header{Name: dir + "/" + name, Mode: mode, Size: st.Size(), ModTime: mtime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if err := copyFile(tw, files[name]); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
