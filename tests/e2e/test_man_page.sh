#!/usr/bin/env bash
# The man page is the reference a user without network access has, so it
# must not fall behind the program: every option that --help lists (those of
# check and of the rules commands, as `piiflow --help`, `piiflow check
# --help`, `piiflow rules --help` and `piiflow rules list --help` print them)
# is documented in docs/piiflow.1, and the version on the page is the one
# `piiflow --version` prints (set once, by CMake's project(VERSION)).
#
# Usage: bash tests/e2e/test_man_page.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

if (($# != 1)); then
	echo "usage: bash tests/e2e/test_man_page.sh PATH_TO_PIIFLOW" >&2
	exit 2
fi
piiflow="$1"
src="${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}"
page="$src/docs/piiflow.1"

passed=0
failed=0
ok() {
	echo "ok   - $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL - $1"
	failed=$((failed + 1))
}

# every help text must be there and exit 0
help=""
for cmd in "--help" "check --help" "rules --help" "rules list --help" "rules check --help"; do
	# shellcheck disable=SC2086 # the words of cmd are the arguments
	if out="$("$piiflow" $cmd 2>&1)"; then
		ok "piiflow $cmd exits 0"
		help+="$out"$'\n'
	else
		fail "piiflow $cmd exits $?: $(printf '%s' "$out" | head -n 2)"
	fi
done

# the options --help names: -x and --long-name, wherever they appear
mapfile -t options < <(printf '%s' "$help" |
	grep -oE '(^|[][ ,|(])--?[a-zA-Z][a-zA-Z0-9-]*' |
	sed -E 's/^[][ ,|(]//' | sort -u)
if ((${#options[@]} < 20)); then
	fail "only ${#options[@]} options found in --help: the pattern no longer fits"
fi

# in roff, a '-' of an option is written '\-'; the option must stand whole
# (-p is not the start of \-\-policy, --rules not that of --rules-dir)
for opt in "${options[@]}"; do
	roff="${opt//-/\\-}"
	if grep -qP -- "(?<![-a-zA-Z0-9])\Q$roff\E(?![a-zA-Z0-9]|\\\\-)" "$page"; then
		ok "the man page documents $opt"
	else
		fail "the man page does not document $opt, which --help lists"
	fi
done

# the version
version="$("$piiflow" --version | awk '{print $2}')"
if grep -qE "^\.TH PIIFLOW 1 .*\"piiflow ${version//./\\.}\"" "$page"; then
	ok "the man page is of version $version"
else
	fail "the man page's .TH line is not of version $version: $(grep '^\.TH' "$page")"
fi

echo "$passed passed, $failed failed"
((failed == 0))
