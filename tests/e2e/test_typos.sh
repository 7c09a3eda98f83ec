#!/usr/bin/env bash
# Typos that used to do nothing (issue 17, item 6): a path filter that does
# not exist or that no unit reads is exit 2 with a did-you-mean, an unknown
# category or purpose in the policy of .piiflow.json is an error with the
# nearest known name, and an annotation on the wrong kind of declaration
# (PII_CONSENT on a struct field, PII_ANONYMIZER on a variable) is a
# misplaced-annotation warning (also the golden case
# basics/misplaced_annotation.c).
#
# Usage: bash tests/e2e/test_typos.sh PATH_TO_PIIFLOW
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

mkdir -p src include build docs
cat >include/user.h <<'EOF'
#include <piiflow.h>
struct user {
	int id;
	char email[64] PII(user.contact.email);
};
void ads_event(const char *name, const char *payload AD_SINK);
void stats_event(const char *name, const char *payload PII_SINK(telemetry));
EOF
printf 'int unused(void);\n' >include/unused.h
printf 'notes\n' >docs/notes.txt
cat >src/login.c <<'EOF'
#include "user.h"
void on_login(const struct user *u)
{
	ads_event("login", u->email);
}
EOF
printf '[{"directory": "%s", "file": "src/login.c", "command": "cc -Iinclude -c src/login.c"}]\n' \
	"$PWD" >build/compile_commands.json

# ---- path filters ----
run check -p build scr/
expect "a path filter that does not exist: exit 2 with a did-you-mean" 2 \
	"scr/: no such file or directory \\(did you mean 'src'\\?\\)" '!\[pii-to-'
run check -p build src/lgoin.c
expect "a misspelt file: did you mean the unit" 2 "did you mean 'src/login\\.c'\\?"
run check -p build include/unused.h
expect "a header that no unit includes: exit 2" 2 \
	'include/unused\.h: no translation unit of the compile database reads it'
run check -p build docs
expect "a folder that no unit reads from: exit 2" 2 'docs: no translation unit'
run check -p build include/user.h
expect "a header that a unit includes counts: the finding" 1 'error: .*\[pii-to-advertising\]'
run check -p build src
expect "a folder of units: the finding" 1 'error: .*\[pii-to-advertising\]'

# ---- the policy ----
printf '{"policy": {"advertising": {"default": "error", "categories": {"user.contact.emial": "off"}}}}\n' \
	>.piiflow.json
run check -p build
expect "an unknown category in the policy: exit 2 with a did-you-mean" 2 \
	'\.piiflow\.json:1:[0-9]+: error: at policy\.advertising\.categories.*unknown category .user\.contact\.emial. \(did you mean .user\.contact\.email.\?\)'
printf '{"policy": {"advertsing": "off"}}\n' >.piiflow.json
run check -p build
expect "an unknown purpose in the policy: exit 2 with a did-you-mean" 2 \
	"\\.piiflow\\.json:1:[0-9]+: error: at policy\\.advertsing: unknown purpose 'advertsing' \\(did you mean 'advertising'\\?\\)"
printf '{"policy": {"telemetry": "warning", "marketing": "off"}}\n' >.piiflow.json
run check -p build
expect "a purpose of the project's own annotations, and a standard one unused: accepted" 1 \
	'error: .*\[pii-to-advertising\]'
printf '{"policy": {"advertising": {"categories": {"user.contact": "warning"}}}}\n' >.piiflow.json
run check -p build
expect "a known category: accepted" 0 'warning: .*\[pii-to-advertising\]'
rm .piiflow.json

# ---- annotations on the wrong kind of declaration ----
cat >src/prefs.c <<'EOF'
#include <piiflow.h>
struct prefs {
	int ads_ok PII_CONSENT(advertising);
};
PII_ANONYMIZER int age_bucket;
EOF
run check src/prefs.c
expect "PII_CONSENT on a struct field: a warning that says where it goes" 0 \
	'^src/prefs\.c:3:[0-9]+: warning: PII_CONSENT on a struct or union field has no effect and is ignored: it goes on a function returning an integer or bool \[misplaced-annotation\]'
expect "PII_ANONYMIZER on a variable: a warning that says where it goes" 0 \
	'^src/prefs\.c:5:[0-9]+: warning: PII_ANONYMIZER on a variable has no effect and is ignored: it goes on a function \[misplaced-annotation\]'

echo "$passed passed, $failed failed"
((failed == 0))
