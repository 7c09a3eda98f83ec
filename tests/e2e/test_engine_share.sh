#!/usr/bin/env bash
# bench/engine_share.py: where the engine's time goes, by function and by
# the folder of its definition, read from what PIIFLOW_DEBUG_ENGINE=1
# writes. A program of two folders (an app and a library compiled into it):
# every analyzed function is counted once per analysis, each folder shows,
# and a log without analyses is an error.
# shellcheck disable=SC2016,SC2034 # the checks are strings, evaluated later
set -euo pipefail
piiflow=$(realpath "$1")
repo="$(cd "$(dirname "$0")/../.." && pwd)"
annotations="$repo/annotations"
share="$repo/bench/engine_share.py"
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

mkdir -p "$tmp/app" "$tmp/deps/util"
cat >"$tmp/deps/util/util.c" <<'C'
char *util_copy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}
C
cat >"$tmp/app/app.c" <<'C'
#include <piiflow.h>
struct user { char email[64] PII(user.contact.email); };
ANALYTICS_SINK void stats_event(const char *value);
char *util_copy(char *dst, const char *src);
void on_login(const struct user *u)
{
	char buf[64];
	stats_event(util_copy(buf, u->email));
}
C
cd "$tmp"
set +e
PIIFLOW_DEBUG_ENGINE=1 "$piiflow" check --no-cache app/app.c deps/util/util.c -- -I"$annotations" >out.txt 2>err.txt
rc=$?
python3 "$share" err.txt --root "$tmp" >share.txt 2>share_err.txt
share_rc=$?
: >empty.txt
python3 "$share" empty.txt >empty_out.txt 2>empty_err.txt
empty_rc=$?
set -e
check "the flow is found (exit 1)" '[ "$rc" -eq 1 ] && grep -q "pii-to-analytics" out.txt'
check "the debug log names each function's file" 'grep -q "^engine: start util_copy (.*) in .*deps/util/util.c$" err.txt'
check "the script reads it (exit 0)" '[ "$share_rc" -eq 0 ]'
analyses=$(grep -c "s engine: .* run " err.txt)
check "it counts every analysis" 'grep -q "^engine: [0-9.]* CPU s in $analyses analyses of 2 functions$" share.txt'
check "it lists both functions" 'grep -q " on_login$" share.txt && grep -q " util_copy$" share.txt'
check "it lists both folders below the root" 'grep -qE " app$" share.txt && grep -qE " deps/util$" share.txt'
check "a log without analyses is an error" '[ "$empty_rc" -eq 1 ] && grep -q "no analyses" empty_err.txt'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
