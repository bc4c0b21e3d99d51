#!/usr/bin/env bash
# The test command of README.md, in two tiers (docs/testing.md says what
# each holds, how long it takes and how to run one test):
#
#   ./test.sh        the fast tier, what a contributor runs before a commit:
#                    go vet, staticcheck, go test -short ./... and go test
#                    -race -short on internal/batch, the one package that
#                    runs goroutines. 1-2 minutes with warm Go caches on
#                    a 2-core machine (1m12s on a busy one); it needs
#                    no program besides Go.
#   ./test.sh -full  the full tier, what CI runs (.ci/run; CI=true selects it
#                    too): the same checks without -short, so that every slow
#                    oracle runs as well (LibreOffice recalculating forms and
#                    printing a report, openpyxl and LibreOffice workbooks
#                    against the reader, the zip bombs, every command over
#                    every bad input, the brute-force planners in full);
#                    go test -race -short on every package whose code runs
#                    under goroutines of internal/batch; and a release
#                    snapshot. About 10 minutes warm, more on a fresh machine.
#
# The full tier installs what its oracles need, only when missing:
#   - LibreOffice Calc (apt-get install libreoffice-calc-nogui, with sudo when
#     not root): a test recalculates the formulas of `spbe template` forms,
#     and one prints a report to PDF;
#   - poppler-utils (pdfinfo, pdftotext), which read that PDF's pages;
#   - python3-openpyxl, which writes workbooks the differential test of the
#     reader compares (LibreOffice writes others).
# It runs the tests with CI=true, so that a test whose program is still
# missing fails instead of skipping (internal/fixture.NeedTool).
# Both tiers fetch staticcheck v0.8.2 and the Go modules once, into Go's
# module cache (not go.mod). Every go test has a -timeout at least twice
# what its slowest package takes on a busy 2-core machine.
# SPBE_RELEASE_ALL=1 builds all five release targets instead of two.
set -euo pipefail
cd "$(dirname "$0")"
started=$SECONDS
step() { printf '\n==> [%dm%02ds] %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*"; }

tier=fast
case "${1:-}" in
  "") ;;
  -full | --full) tier=full ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: ./test.sh [-full]  (unknown argument $1)" >&2
    exit 2
    ;;
esac
[ "${CI:-}" = "true" ] && tier=full
echo "test tier: $tier (./test.sh for the fast tier, ./test.sh -full or CI=true for the full one)"

if [ "$tier" = full ]; then
  export CI=true
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
fi

step "go vet ./..."
go vet ./...

# staticcheck, pinned and kept out of go.mod. go run fetches it once; the
# module cache, tried first as a file proxy, then runs it without network.
step "staticcheck v0.8.2 ./... (fetched and built once)"
GOPROXY="file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)" \
  go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

if [ "$tier" = fast ]; then
  step "go test -short ./... (the fast tier: the slow oracles skip; ./test.sh -full runs them)"
  go test -short -timeout 5m ./...

  step "go test -race -short ./internal/batch (the one package that runs goroutines)"
  go test -race -short -timeout 5m ./internal/batch

  step "fast tier passed (./test.sh -full runs the slow oracles too, as CI does)"
  exit 0
fi

step "go test ./... (every test; cmd/spbe, internal/excelout and internal/xlsx take longest)"
go test -timeout 20m ./...

# The race detector on the goroutines of internal/batch and on the code that
# runs under them (the reader, the commands' callbacks), with -short: the
# slow tests of those packages read one file at a time and ran above.
step "go test -race -short: internal/batch and the code its goroutines run"
go test -race -short -timeout 20m ./internal/batch ./internal/workbook ./cmd/spbe

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

step "all tests passed (full tier)"
