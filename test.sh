#!/usr/bin/env bash
# The test command of README.md: installs what the tests need, then runs them,
# printing each step as it starts. On a 2-core machine it takes about 6
# minutes with warm Go caches, more on a fresh machine (downloads, cross
# builds). What it installs, only when missing:
#   - LibreOffice Calc (apt-get install libreoffice-calc-nogui, with sudo when
#     not root): a test recalculates the formulas of `spbe template` forms,
#     and one prints a report to PDF;
#   - poppler-utils (pdfinfo, pdftotext), which read that PDF's pages;
#   - python3-openpyxl, which writes workbooks the differential test of the
#     reader compares (LibreOffice writes others);
#   - staticcheck v0.8.2 and the Go modules, in Go's module cache (not go.mod).
# SPBE_RELEASE_ALL=1 builds all five release targets instead of two.
set -euo pipefail
cd "$(dirname "$0")"
started=$SECONDS
step() { printf '\n==> [%dm%02ds] %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*"; }

missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing="$missing python3-openpyxl"
if [ -n "$missing" ]; then
  step "installing$missing (apt-get; a few minutes)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

step "go vet ./..."
go vet ./...

# staticcheck, pinned and kept out of go.mod. go run fetches it once; the
# module cache, tried first as a file proxy, then runs it without network.
step "staticcheck v0.8.2 ./... (fetched and built once)"
GOPROXY="file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)" \
  go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

step "go test ./... (each package prints ok when done; cmd/spbe and internal/report take longest)"
go test ./...

step "go test -race: the parallel batch path"
go test -race ./internal/batch ./internal/workbook ./cmd/spbe

# The release build, as a snapshot, so that it cannot rot: Windows (where most
# users are) and this machine's target, whose binary must print the stamped
# version; every archive must match checksums.txt.
host="$(go env GOOS)/$(go env GOARCH)"
only="windows/amd64,$host"
[ -n "${SPBE_RELEASE_ALL:-}" ] && only=""
step "release snapshot: go run ./scripts/release -snapshot (${only:-all five targets})"
dist="$(mktemp -d)"
trap 'rm -rf "$dist"' EXIT
go run ./scripts/release -snapshot -out "$dist" -only "$only"
sha256="sha256sum"
command -v sha256sum >/dev/null 2>&1 || sha256="shasum -a 256"
(cd "$dist" && $sha256 --check --quiet checksums.txt)
"$dist"/spbe_*_"${host/\//_}"/spbe --version | grep -q 'SNAPSHOT'

step "all tests passed"
