#!/usr/bin/env bash
# The test command of README.md: installs what the tests need, then runs them.
# LibreOffice recalculates the formulas of `spbe template` forms in a test,
# and prints a report to PDF, whose pages poppler-utils (pdfinfo, pdftotext) read.
set -euo pipefail
cd "$(dirname "$0")"
missing=""
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
command -v pdfinfo >/dev/null 2>&1 || missing="$missing poppler-utils"
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
go vet ./...
# staticcheck, pinned and kept out of go.mod. go run fetches it once; the
# module cache, tried first as a file proxy, then runs it without network.
GOPROXY="file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)" \
  go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
go test ./...
# The parallel batch path, under the race detector.
go test -race ./internal/batch ./internal/workbook ./cmd/spbe
