#!/usr/bin/env bash
# A run over a large program shows how far it got ("parsed N of M translation
# units") on stderr, but only when stderr is a terminal: in a CI log, a
# pre-commit hook's captured output or an editor's problem pane, progress
# lines are noise that a log parser might even read as diagnostics. --quiet
# silences it on a terminal too. This gives piiflow a pseudo-terminal with
# util-linux `script` and checks all three, on a program of several
# translation units.
#
# Usage: bash tests/e2e/test_progress.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@"
if ! command -v script >/dev/null 2>&1 || ! script --version 2>&1 | grep -q util-linux; then
	echo "skipped: util-linux script (a pseudo-terminal for the test) is not installed"
	exit 77 # CTest reports a skip (SKIP_RETURN_CODE)
fi
proj="$tmp/project"
sample_write "$proj"
sample_session_bad "$proj"
# More translation units, each with the C library's headers, so that the run
# is not over before a progress line could matter.
for i in $(seq 1 12); do
	cat >"$proj/src/unit$i.c" <<EOF
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "user.h"

void unit$i(const struct user *u)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%d", u->id);
	ads_forward(buf);
}
EOF
done
sample_compdb "$proj" "$proj/build"
units=("$proj"/src/*.c)
ntus=${#units[@]}
cd "$proj" || exit 2

# show FILE: the captured output of a terminal, its carriage returns as
# line ends.
show() {
	sed -n '1,20s/^/       | /p' "$1" | tr '\r' '\n' | head -n 20
}
progress="parsed [0-9]+ of $ntus translation units"
finding="src/ads.c:6:2: error: .*\[pii-to-advertising\]"

# on_tty OUT ARGS...: runs piiflow ARGS with stdout and stderr on a
# pseudo-terminal; everything it wrote goes to OUT; returns its exit code.
on_tty() {
	local out="$1" cmd
	shift
	printf -v cmd '%q ' "$piiflow" "$@"
	script -qec "$cmd" /dev/null </dev/null >"$out" 2>&1
}

rc=0
on_tty "$tmp/tty.out" check -p build -j 2 || rc=$?
if ((rc == 1)) && grep -qE "$progress" "$tmp/tty.out"; then
	ok "on a terminal: progress ('parsed N of $ntus translation units') on stderr"
else
	fail "on a terminal: exit $rc, want 1 with progress lines"
	show "$tmp/tty.out"
fi
if grep -qE "$finding" "$tmp/tty.out"; then
	ok "on a terminal: the report is still there"
else
	fail "on a terminal: the report is missing"
	show "$tmp/tty.out"
fi
# The last progress line is erased before the report, so a terminal shows no
# half line in front of the first finding.
if tr '\r' '\n' <"$tmp/tty.out" | grep -E "$finding" | grep -qE "parsed [0-9]+ of"; then
	fail "on a terminal: a progress line runs into the report"
	show "$tmp/tty.out"
else
	ok "on a terminal: no progress text on the report's lines"
fi

for q in -q --quiet; do
	rc=0
	on_tty "$tmp/quiet.out" check -p build -j 2 "$q" || rc=$?
	if ((rc == 1)) && ! grep -qE "parsed [0-9]+ of" "$tmp/quiet.out" &&
		grep -qE "$finding" "$tmp/quiet.out"; then
		ok "on a terminal with $q: the report and no progress"
	else
		fail "on a terminal with $q: exit $rc, want 1, the report and no progress"
		show "$tmp/quiet.out"
	fi
done

# stderr a pipe (a CI log, a hook), stdout a terminal or not: never.
rc=0
"$piiflow" check -p build -j 2 >"$tmp/pipe.out" 2>"$tmp/pipe.err" || rc=$?
if ((rc == 1)) && [[ ! -s "$tmp/pipe.err" ]]; then
	ok "stderr not a terminal: stderr stays empty"
else
	fail "stderr not a terminal: exit $rc, want 1 and an empty stderr"
	show "$tmp/pipe.err"
fi
rc=0
printf -v cmd '%q ' "$piiflow" check -p build -j 2
script -qec "$cmd 2>$(printf '%q' "$tmp/err.log")" /dev/null </dev/null >"$tmp/tty-out.out" 2>&1 || rc=$?
if ((rc == 1)) && ! grep -qE "parsed [0-9]+ of" "$tmp/err.log" "$tmp/tty-out.out"; then
	ok "stdout a terminal, stderr a file: no progress"
else
	fail "stdout a terminal, stderr a file: exit $rc, want 1 and no progress"
	show "$tmp/err.log"
fi

echo "$passed passed, $failed failed"
((failed == 0))
