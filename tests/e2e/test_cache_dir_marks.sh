#!/usr/bin/env bash
# The cache folder ignores itself (issue 17, item 5): in an in-source build
# (build_dir ".", compile_commands.json at the root, as bear and make give)
# the cache folder piiflow creates holds a .gitignore of "*" and a
# CACHEDIR.TAG, so `git status` stays clean after a run and `git add -A`
# adds nothing of it; a folder of the user's that already existed is left
# as it was.
#
# Usage: bash tests/e2e/test_cache_dir_marks.sh PATH_TO_PIIFLOW
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

mkdir repo
cd repo
git init -q .
cat >login.c <<'EOF'
#include <piiflow.h>
struct user {
	char email[64] PII(user.contact.email);
};
void ads_event(const char *name, const char *payload AD_SINK);
void on_login(const struct user *u)
{
	ads_event("login", u->email);
}
EOF
printf '[{"directory": "%s", "file": "login.c", "command": "cc -c login.c"}]\n' "$PWD" \
	>compile_commands.json
printf '{"build_dir": "."}\n' >.piiflow.json
git add -A
git commit -qm init

run check
expect "an in-source build: the finding, from the cache folder in the work tree" 1 \
	'\[pii-to-advertising\]'
if [[ -d .piiflow-cache && -n "$(ls .piiflow-cache)" ]]; then
	echo "ok   - the cache folder is in the work tree and holds entries"
	passed=$((passed + 1))
else
	echo "FAIL - no cache folder ./.piiflow-cache"
	failed=$((failed + 1))
fi
status="$(git status --porcelain --untracked-files=all)"
if [[ -z "$status" ]]; then
	echo "ok   - git status stays clean after a run"
	passed=$((passed + 1))
else
	echo "FAIL - git status shows: $status"
	failed=$((failed + 1))
fi
git add -A
if git diff --cached --quiet; then
	echo "ok   - git add -A adds nothing of the cache"
	passed=$((passed + 1))
else
	echo "FAIL - git add -A staged: $(git diff --cached --name-only | tr '\n' ' ')"
	failed=$((failed + 1))
fi
if [[ "$(head -n 1 .piiflow-cache/CACHEDIR.TAG 2>/dev/null)" == "Signature: 8a477f597d28d172789f06886806bc55" ]]; then
	echo "ok   - CACHEDIR.TAG with the standard signature line"
	passed=$((passed + 1))
else
	echo "FAIL - CACHEDIR.TAG missing or without the signature line"
	failed=$((failed + 1))
fi
run check
expect "a second run from the cache: the same finding" 1 '\[pii-to-advertising\]'

mkdir ../mine
printf 'keep\n' >../mine/notes.txt
run check --cache-dir ../mine
expect "a cache folder of the user's that existed: used" 1 '\[pii-to-advertising\]'
if [[ ! -e ../mine/.gitignore && ! -e ../mine/CACHEDIR.TAG ]]; then
	echo "ok   - a folder that existed gets no .gitignore nor CACHEDIR.TAG"
	passed=$((passed + 1))
else
	echo "FAIL - markers written into a folder of the user's"
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
((failed == 0))
