#!/usr/bin/env bash
# --explain: which functions the flow analysis covered (those linked to a
# sink by calls, globals or function pointers) and the opaque functions that
# personal data passed through. A program with no sink is not analyzed at
# all and reports nothing; pruning never loses the finding. libcurl's calls
# are sinks only where some string names a host of the endpoint catalog:
# --explain lists those strings.
# shellcheck disable=SC2016,SC2034 # the checks are strings, evaluated later
set -euo pipefail
piiflow=$(realpath "$1")
annotations="$(cd "$(dirname "$0")/../../annotations" && pwd)"
cases="$(cd "$(dirname "$0")/../cases" && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
	if eval "$2"; then
		echo "ok: $1"
		pass=$((pass + 1))
	else
		echo "FAIL: $1"
		fail=$((fail + 1))
	fi
}

# Two parts: a login path that formats an e-mail address through a library
# function with no body and sends it to analytics, and a report tool that
# shares no call, global or pointer with it.
cat >"$tmp/app.c" <<'C'
#include <piiflow.h>
struct user { long id; char email[64] PII(user.contact.email); };
ANALYTICS_SINK void stats_event(const char *name, const char *value);
const char *lib_format(const char *fmt, const char *value);
static const char *label(const struct user *u) { return lib_format("<%s>", u->email); }
void on_login(const struct user *u) { stats_event("login", label(u)); }
C
cat >"$tmp/tool.c" <<'C'
#include <stdio.h>
static int total;
static void add(int n) { total += n; }
int report(int argc) { for (int i = 0; i < argc; i++) add(i); printf("%d\n", total); return 0; }
C
cd "$tmp"
set +e
"$piiflow" check --explain --no-cache app.c tool.c -- -I"$annotations" >out.txt 2>err.txt
rc=$?
set -e
check "the finding is reported (exit 1)" '[ "$rc" -eq 1 ] && grep -q "pii-to-analytics" out.txt'
check "the trace goes through the opaque function" 'grep -q "lib_format" out.txt'
check "two of four functions are analyzed" 'grep -q "^functions analyzed: 2 of 4," err.txt'
check "the opaque function is listed" 'grep -A3 "^opaque functions that personal data passed through (1):" err.txt | grep -q "^  lib_format"'

set +e
"$piiflow" check --explain --no-cache --format json -o tool.json tool.c >out2.txt 2>err2.txt
rc=$?
set -e
check "a program with no sink exits 0" '[ "$rc" -eq 0 ]'
check "no function of it is analyzed" 'grep -q "^functions analyzed: 0 of 2," err2.txt'
check "it reports no finding" 'python3 -c "import json,sys; d=json.load(open(\"tool.json\")); sys.exit(len(d[\"findings\"]) != 0)"'
check "no opaque call is counted" 'python3 -c "import json,sys; d=json.load(open(\"tool.json\")); sys.exit(d[\"summary\"][\"opaque_calls\"] != 0)"'

# libcurl: --explain names the strings that make its calls sinks (a URL in a
# global), and says so when none does
set +e
"$piiflow" check --explain --no-cache "$cases/curl/url_in_global.c" -- -I"$annotations" >out3.txt 2>err3.txt
"$piiflow" check --explain --no-cache "$cases/curl/first_party_clean.c" -- -I"$annotations" >out4.txt 2>err4.txt
set -e
check "libcurl: the URL kept in a global is named, with its host and purpose" \
	'grep -qE "^  \"https://graph\.facebook\.com/[^\"]*\" at .*url_in_global\.c:[0-9]+ names graph\.facebook\.com, an endpoint of advertising" err3.txt'
check "libcurl: a program naming no catalog host is told its calls are no sinks" \
	'grep -q "none: libcurl.s calls send nothing to a catalog host" err4.txt'
check "no libcurl section for a program without libcurl" '! grep -q "^libcurl:" err.txt'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
