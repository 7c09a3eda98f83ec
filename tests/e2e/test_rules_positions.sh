#!/usr/bin/env bash
# Rules positions are checked against the program (issue 17, item 2): an
# argument index past the parameters of a function the program declares
# (not variadic) is an error naming the rule and the parameters, exit 2;
# parameters may be named ("args": ["msg"]); the text report names the
# parameter beside its number, counted from 1 as compilers count them; a
# rules file without "name" is named after its file.
#
# Usage: bash tests/e2e/test_rules_positions.sh PATH_TO_PIIFLOW
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

cat >vendor.h <<'EOF'
void vendor_log(const char *tag, const char *msg);
void vendor_printf(const char *fmt, ...);
EOF
cat >app.c <<'EOF'
#include <stdlib.h>
#include "vendor.h"
void on_start(void)
{
	vendor_log("start", getenv("USER"));
	vendor_log("lang", getenv("LANG"));
	vendor_printf("%s %s", "x", getenv("LOGNAME"));
}
EOF
cat >past.json <<'EOF'
{
  "piiflow_rules": 1,
  "sinks": [
    {"function": "vendor_log", "args": [2], "purpose": "analytics"}
  ]
}
EOF
cat >named.json <<'EOF'
{
  "piiflow_rules": 1,
  "sinks": [
    {"function": "vendor_log", "args": ["msg"], "purpose": "analytics"},
    {"function": "vendor_printf", "args": [2], "purpose": "analytics"}
  ]
}
EOF
cat >typo.json <<'EOF'
{"piiflow_rules": 1, "sinks": [{"function": "vendor_log", "args": ["mesage"], "purpose": "analytics"}]}
EOF

run rules check past.json
expect "rules check alone cannot know the declaration: ok" 0 'past\.json: ok'
run check --rules past.json app.c
expect "an index past a non-variadic function's parameters: exit 2 naming the rule and parameters" 2 \
	'past\.json:4:[0-9]+: error: at sinks\[0\]\.args\[0\]: argument 2 is past the parameters of .vendor_log.' \
	'vendor_log\(0: tag, 1: msg\)' 'vendor\.h:1'
run check --rules typo.json app.c
expect "a parameter name the declaration does not have: exit 2" 2 \
	"typo\\.json:1:[0-9]+: error: at sinks\\[0\\]\\.args\\[0\\]: 'vendor_log' has no parameter 'mesage'" \
	'vendor_log\(0: tag, 1: msg\)'
run check --rules named.json app.c
expect "a named parameter, and an index into a variadic function's arguments" 1 \
	"app\\.c:5:2: error: personal data 'user\\.account\\.username' reaches analytics sink 'vendor_log' \\(argument 2 'msg'\\)" \
	"app\\.c:7:2: error: .*sink 'vendor_printf' \\(argument 3\\)" '!app\.c:6:'
run rules list --no-default-rules --rules named.json
expect "a rules file without \"name\" is named after its file" 0 "named\\.json: pack 'named'" \
	'vendor_log: msg -> analytics'

echo "$passed passed, $failed failed"
((failed == 0))
