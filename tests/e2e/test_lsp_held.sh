#!/usr/bin/env bash
# The language server's IR held in memory between analyses, end to end: a
# scripted client edits open files and headers, changes files on disk and
# announces them (workspace/didChangeWatchedFiles, didSave), and checks the
# findings after each step (tests/e2e/lsp/test_held.py).
#
# Usage: bash tests/e2e/test_lsp_held.sh PATH_TO_PIIFLOW (PIIFLOW_SOURCE_DIR set)
exec bash "${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}/tests/e2e/lsp/run.sh" \
	test_held.py "$1"
