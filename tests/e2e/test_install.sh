#!/usr/bin/env bash
# An installed piiflow must need no configuration: `cmake --install` puts
# bin/piiflow, include/piiflow.h, the rules packs under share/piiflow/ and the
# man page under PREFIX, and the binary finds its packs and <piiflow.h>
# relative to its own PREFIX, wherever that folder is moved. This installs the
# build into a temporary prefix, moves it, and runs it from another working
# directory with PIIFLOW_RULES_DIR unset. The build tree's fallback (the
# source checkout's rules/ and annotations/) would hide a broken lookup, so
# the installed copies get a marker the checkout does not have: a rules pack
# with a sink of its own, and a macro in the installed piiflow.h; a finding
# that needs both proves that the prefix was used.
#
# Usage: bash tests/e2e/test_install.sh PATH_TO_PIIFLOW
# with PIIFLOW_BUILD_DIR (the build to install) and PIIFLOW_SOURCE_DIR.
set -uo pipefail

if (($# != 1)); then
	echo "usage: bash tests/e2e/test_install.sh PATH_TO_PIIFLOW" >&2
	exit 2
fi
build="${PIIFLOW_BUILD_DIR:?set PIIFLOW_BUILD_DIR to the build directory to install}"
src="${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}"
unset PIIFLOW_RULES_DIR

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

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
show() {
	sed -n '1,30s/^/       | /p' "$1"
}

if cmake --install "$build" --prefix "$tmp/first" >"$tmp/install.out" 2>&1; then
	ok "cmake --install into a temporary prefix"
else
	fail "cmake --install $build --prefix ..."
	show "$tmp/install.out"
	echo "$passed passed, $failed failed"
	exit 1
fi
# Moved after installing: the lookup must follow the binary, not the prefix
# CMake was told.
mv "$tmp/first" "$tmp/moved"
prefix="$tmp/moved"

for f in bin/piiflow include/piiflow.h share/piiflow/rules/taxonomy.csv share/piiflow/rules/data_uses.csv \
	share/man/man1/piiflow.1; do
	if [[ -f "$prefix/$f" ]]; then
		ok "installs $f"
	else
		fail "no $f under the prefix"
	fi
done
if [[ -x "$prefix/bin/piiflow" ]]; then
	ok "bin/piiflow is executable"
else
	fail "bin/piiflow is not executable"
fi
# Every shipped pack, and nothing else of rules/.
missing=()
for pack in "$src"/rules/*.json; do
	[[ -f "$prefix/share/piiflow/rules/$(basename "$pack")" ]] || missing+=("$(basename "$pack")")
done
if ((${#missing[@]} == 0)); then
	ok "installs every rules pack of rules/ into share/piiflow/rules"
else
	fail "packs missing from share/piiflow/rules: ${missing[*]}"
fi
if grep -q '^\.TH PIIFLOW 1' "$prefix/share/man/man1/piiflow.1"; then
	ok "the man page is a section-1 page"
else
	fail "share/man/man1/piiflow.1 has no .TH PIIFLOW 1 header"
fi
if command -v man >/dev/null 2>&1 && MANPATH="$prefix/share/man" man -w piiflow 2>/dev/null |
	grep -q "$prefix/share/man/man1/piiflow.1"; then
	ok "man finds it under PREFIX/share/man"
elif ! command -v man >/dev/null 2>&1; then
	echo "note - man is not installed; not checking that man finds the page"
else
	fail "MANPATH=PREFIX/share/man man -w piiflow does not find the page"
fi

# The markers that only the installed copies have.
cat >"$prefix/share/piiflow/rules/zz-install-probe.json" <<'EOF'
{
  "piiflow_rules": 1,
  "name": "install-probe",
  "sinks": [{"function": "probe_ad_upload", "args": [0], "purpose": "advertising"}]
}
EOF
printf '\n#define PIIFLOW_INSTALL_PROBE_CATEGORY user.contact.email\n' \
	>>"$prefix/include/piiflow.h"

work="$tmp/elsewhere"
mkdir -p "$work"
cat >"$work/probe.c" <<'EOF'
#include <stdio.h>
#include <piiflow.h>

struct user {
	char email[64] PII(PIIFLOW_INSTALL_PROBE_CATEGORY);
};
void probe_ad_upload(const char *payload);

void on_signup(const struct user *u)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "{\"e\":\"%s\"}", u->email);
	probe_ad_upload(buf);
}
EOF
rc=0
(cd "$work" && "$prefix/bin/piiflow" check --format json -o out.json probe.c) \
	>"$tmp/run.out" 2>&1 || rc=$?
if ((rc == 1)); then
	ok "the installed binary runs from another directory and finds the flow (exit 1)"
else
	fail "the installed binary exited $rc, want 1"
	show "$tmp/run.out"
fi
if [[ -f "$work/out.json" ]] && python3 - "$work/out.json" <<'EOF'; then
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
f = [x for x in r["findings"] if x["sink"]["callee"] == "probe_ad_upload"]
assert f, "no finding into probe_ad_upload: %r" % r["findings"]
f = f[0]
assert f["category"] == "user.contact.email", f
assert any("snprintf" in t["message"] for t in f["trace"]), f["trace"]
assert not r["diagnostics"], r["diagnostics"]
EOF
	ok "its packs come from PREFIX/share/piiflow/rules (the probe sink, snprintf of libc.json)"
	ok "its <piiflow.h> comes from PREFIX/include, without -I"
else
	fail "the report lacks the flow through snprintf into the probe sink (see above)"
	show "$tmp/run.out"
fi
if "$prefix/bin/piiflow" --version | grep -qE '^piiflow [0-9]+\.[0-9]+\.[0-9]+'; then
	ok "the installed binary prints its version"
else
	fail "piiflow --version of the installed binary"
fi

echo "$passed passed, $failed failed"
((failed == 0))
