#!/usr/bin/env bash
# The language server end to end: a scripted JSON-RPC client drives
# `piiflow lsp` (tests/e2e/lsp/test_protocol.py): diagnostics with the trace
# as related information, code actions, hover, edits that clear and restore
# findings without saving, malformed input, a crashing analysis, shutdown.
#
# Usage: bash tests/e2e/test_lsp.sh PATH_TO_PIIFLOW (PIIFLOW_SOURCE_DIR set)
exec bash "${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}/tests/e2e/lsp/run.sh" \
	test_protocol.py "$1"
