#!/usr/bin/env bash
# A broken setup must not look clean (issue 17, item 1): a unit that clang
# could not parse completely (a header not found, with or without a compile
# database) stops the run with exit 2, naming the unit and its first error
# and saying where to look; --allow-parse-errors and "allow_parse_errors" in
# .piiflow.json turn that into the parse-error warning. Compiler flags that
# clang does not know (gcc-only ones) are left out with one note per flag
# and never count as compile errors.
#
# Usage: bash tests/e2e/test_parse_errors.sh PATH_TO_PIIFLOW
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

mkdir -p app/src app/include app/build
cat >app/include/user.h <<'EOF'
#include <piiflow.h>
struct user {
	int id;
	char email[64] PII(user.contact.email);
};
void ads_event(const char *name, const char *payload AD_SINK);
EOF
cat >app/src/login.c <<'EOF'
#include "user.h"
void on_login(const struct user *u)
{
	ads_event("login", u->email);
}
EOF
cat >app/src/clean.c <<'EOF'
int add(int a, int b)
{
	return a + b;
}
EOF
cd app

# ---- files on the command line ----
run check src/login.c src/clean.c
expect "a header not found: exit 2, naming the unit and its first error" 2 \
	"src/login\\.c: cannot be parsed completely: src/login\\.c:1:10: 'user\\.h' file not found" \
	'hint: give the include paths' '--allow-parse-errors' '!clean\.c: cannot'
run check --allow-parse-errors src/login.c
expect "--allow-parse-errors: the parse-error warning, the rest analyzed" 0 \
	"src/login\\.c:1:10: warning: 'user\\.h' file not found.*analyzed as far as clang recovered \\[parse-error\\]"
run check src/login.c -- -Iinclude
expect "with the include path: the flow, exit 1" 1 'error: .*\[pii-to-advertising\]' \
	'!parse-error'

# ---- a compile database made on another machine ----
printf '[{"directory": "%s", "file": "src/login.c", "command": "cc -I/home/someone/app/include -c src/login.c"},
 {"directory": "%s", "file": "src/clean.c", "command": "cc -c src/clean.c"}]\n' \
	"$PWD" "$PWD" >build/compile_commands.json
run check -p build
expect "-p: a unit with compile errors is an input error with the database's hint" 2 \
	"src/login\\.c: cannot be parsed completely: .*'user\\.h' file not found" \
	'build/compile_commands\.json' '"directory"' '!\[pii-to-'
run check -p build
expect "-p: the same from the cache" 2 "src/login\\.c: cannot be parsed completely"
run check -p build --format json -o report.json
expect "-p: no report is written for an incomplete analysis" 2
[[ ! -e report.json ]] && echo "ok   - no report file" && passed=$((passed + 1)) ||
	{ echo "FAIL - a report was written" && failed=$((failed + 1)); }
printf '{"allow_parse_errors": true}\n' >.piiflow.json
run check -p build
expect "\"allow_parse_errors\": true in .piiflow.json: a warning, exit 0" 0 \
	'src/login\.c:1:10: warning: .*\[parse-error\]'
printf '{"allow_parse_errors": "yes"}\n' >.piiflow.json
run check -p build
expect "\"allow_parse_errors\" that is not a boolean: config error" 2 \
	'allow_parse_errors must be true or false'
printf '{"allow_parse_erors": true}\n' >.piiflow.json
run check -p build
expect "a misspelt allow_parse_errors: did you mean" 2 "did you mean 'allow_parse_errors'"
rm .piiflow.json

# ---- gcc-only flags ----
gcc_flags="-Iinclude -O2 -fconserve-stack -fanalyzer -fno-tree-vrp -Wno-maybe-uninitialized -fno-allow-store-data-races -std=gnu11"
printf '[{"directory": "%s", "file": "src/login.c", "command": "gcc %s -c src/login.c"},
 {"directory": "%s", "file": "src/clean.c", "command": "gcc %s -c src/clean.c"}]\n' \
	"$PWD" "$gcc_flags" "$PWD" "$gcc_flags" >build/compile_commands.json
run check --no-cache -p build
expect "gcc-only flags: left out with one note each, the flow found" 1 \
	"note: compiler flag '-fconserve-stack' is not known to clang: left out \\(2 translation units\\)" \
	"note: compiler flag '-fanalyzer' is not known to clang: left out \\(2 translation units\\)" \
	'error: .*\[pii-to-advertising\]' '!parse-error' '!cannot be parsed'
n="$(grep -c "note: compiler flag '-fconserve-stack'" <<<"$out" || true)"
if [[ "$n" == 1 ]]; then
	echo "ok   - one note per flag"
	passed=$((passed + 1))
else
	echo "FAIL - one note per flag: $n notes for -fconserve-stack"
	failed=$((failed + 1))
fi
run check --no-cache -q -p build
expect "-q: no notes" 1 '!note: compiler flag'
run check src/login.c -- -Iinclude -fconserve-stack
expect "gcc-only flags after --: left out, the flow found" 1 \
	"note: compiler flag '-fconserve-stack'" '\[pii-to-advertising\]'

echo "$passed passed, $failed failed"
((failed == 0))
