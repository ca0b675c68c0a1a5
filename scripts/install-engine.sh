#!/usr/bin/env bash
# Installs the pinned Pulumi engine into .pulumi-engine/bin (git-ignored):
#   pulumi, pulumi-language-nodejs, pulumi-resource-pulumi-nodejs.
# Uses a `pulumi` of the pinned version from PATH when there is one; otherwise builds both Go
# programs from the wrapper modules in scripts/engine/ (go.mod + go.sum pin every module hash).
# A second run finds the binaries and their version and takes about a second.
# Then the newest CLI into .pulumi-engine/newest/bin (below), unless given --pinned-only.
set -euo pipefail

PIN=v3.248.0
# The newest CLI the Go module proxy serves, pinned by scripts/engine/cli-newest/go.sum; users run
# the newest Pulumi, so the test command runs the end-to-end suites under it too.
NEWEST=v3.274.1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/.pulumi-engine/bin"
NEWEST_BIN="$ROOT/.pulumi-engine/newest/bin"
LAUNCHER_SRC="$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
mkdir -p "$BIN"
log() { echo "install-engine: $*" >&2; }

version_of() { "$1" version 2>/dev/null | tr -d '[:space:]' || true; }

install_launcher() {
  if [ ! -f "$LAUNCHER_SRC" ]; then
    log "missing $LAUNCHER_SRC: run 'npm ci' first"; exit 1
  fi
  cp "$LAUNCHER_SRC" "$BIN/pulumi-resource-pulumi-nodejs.tmp"
  chmod 755 "$BIN/pulumi-resource-pulumi-nodejs.tmp"
  mv -f "$BIN/pulumi-resource-pulumi-nodejs.tmp" "$BIN/pulumi-resource-pulumi-nodejs"
}

# Builds one Go program from a wrapper module; writes to a temporary name first, so an
# interrupted build never leaves a broken binary behind.
go_build() { # <wrapper dir> <package> <output path> <version stamp>
  local started=$SECONDS
  log "building $3 ($4) from Go modules (first time: about 5 minutes) ..."
  (cd "$ROOT/scripts/engine/$1" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly \
    go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$4" \
      -o "$3.tmp" "$2")
  mv -f "$3.tmp" "$3"
  log "built $3 in $((SECONDS - started)) s"
}

if [ "$(version_of "$BIN/pulumi")" != "$PIN" ]; then
  ambient=$(command -v pulumi || true)
  if [ -n "$ambient" ] && [ "$ambient" != "$BIN/pulumi" ] && [ "$(version_of "$ambient")" = "$PIN" ]; then
    log "using $ambient ($PIN) from PATH"
    ln -sf "$ambient" "$BIN/pulumi"
    sibling="$(dirname "$(readlink -f "$ambient")")/pulumi-language-nodejs"
    [ -x "$sibling" ] && ln -sf "$sibling" "$BIN/pulumi-language-nodejs"
  else
    command -v go >/dev/null || { log "Go is needed to build the Pulumi engine $PIN and was not found on PATH"; exit 1; }
    go_build cli github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$BIN/pulumi" "$PIN"
  fi
fi
if [ ! -x "$BIN/pulumi-language-nodejs" ]; then
  go_build langhost github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$BIN/pulumi-language-nodejs" "$PIN"
fi
install_launcher
log "engine ready in $BIN ($("$BIN/pulumi" version))"

# The newest CLI, beside the same language host and launcher (the engine finds its bundled
# plugins next to its own executable). `--pinned-only` (the demo, `npm start`) skips it.
if [ "${1:-}" = "--pinned-only" ]; then exit 0; fi
mkdir -p "$NEWEST_BIN"
if [ "$(version_of "$NEWEST_BIN/pulumi")" != "$NEWEST" ]; then
  command -v go >/dev/null || { log "Go is needed to build the Pulumi engine $NEWEST and was not found on PATH"; exit 1; }
  go_build cli-newest github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$NEWEST_BIN/pulumi" "$NEWEST"
fi
ln -sf "$BIN/pulumi-language-nodejs" "$NEWEST_BIN/pulumi-language-nodejs"
ln -sf "$BIN/pulumi-resource-pulumi-nodejs" "$NEWEST_BIN/pulumi-resource-pulumi-nodejs"
log "newest engine ready in $NEWEST_BIN ($("$NEWEST_BIN/pulumi" version))"
