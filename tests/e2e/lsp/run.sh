#!/usr/bin/env bash
# Runs one scripted-client test of this folder (SCRIPT: test_protocol.py,
# test_held.py) against PIIFLOW in a temporary folder it removes after.
#
# Usage: bash tests/e2e/lsp/run.sh SCRIPT PATH_TO_PIIFLOW (PIIFLOW_SOURCE_DIR set)
set -uo pipefail
script=$1
piiflow=$2
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
src=${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PYTHONDONTWRITEBYTECODE=1 python3 "$src/tests/e2e/lsp/$script" "$piiflow" "$src" "$tmp"
