#!/usr/bin/env bash
# bench/engine_share.py: where the engine's time goes, by function and by
# the folder of its definition, read from what PIIFLOW_DEBUG_ENGINE=1
# writes. A program of two folders (an app and a library compiled into it):
# every analysis is counted, each function and folder shows, and a log
# without analyses is an error.
#
# Usage: bash tests/e2e/test_engine_share.sh PATH_TO_PIIFLOW
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=tests/e2e/lib.sh
source "$repo/tests/e2e/lib.sh"

mkdir -p app deps/util
cat >deps/util/util.c <<'C'
char *util_copy(char *dst, const char *src)
{
	char *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}
C
cat >app/app.c <<'C'
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
PIIFLOW_DEBUG_ENGINE=1 run check --no-cache app/app.c deps/util/util.c -- -I"$repo/annotations"
expect "the flow is found, and the log names each function's file" 1 'pii-to-analytics' \
	'^engine: start util_copy \(.*\) in .*deps/util/util\.c$'
printf '%s\n' "$out" >engine.log
analyses=$(grep -c "s engine: .* run " engine.log)

# share ARGS...: the script's output and exit code, as run gives piiflow's
share() {
	rc=0
	out="$(python3 "$repo/bench/engine_share.py" "$@" 2>&1)" || rc=$?
}
share engine.log --root "$tmp"
expect "every analysis, both functions, both folders below the root" 0 \
	"^engine: [0-9.]+ CPU s in $analyses analyses of 2 functions$" ' on_login$' ' util_copy$' \
	' app$' ' deps/util$'
: >empty.log
share empty.log
expect "a log without analyses is an error" 1 'no analyses'

echo "$passed passed, $failed failed"
((failed == 0))
