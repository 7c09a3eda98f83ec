# shellcheck shell=bash
# Sourced by the integration tests (test_git_hook.sh, test_precommit_framework.sh,
# test_ci_scripts.sh, ...): one small C program that the pre-commit hooks and
# CI scripts are tried on, so that every integration is tested on the same
# code a user would write. Not a test itself (CTest runs test_*.sh only).
#
# The program: src/user.h marks struct user's email as personal data and
# declares the ad SDK's sink; src/ads.c forwards a payload to the sink;
# src/session.c is where a change adds a flow (sample_session_bad) or asks for
# consent first (sample_session_consent); src/legacy.c holds a flow that was
# committed long ago (sample_legacy), for tests of "only findings that touch
# the staged files".

# sample_write DIR: writes the clean program into DIR/src and a CMakeLists.txt.
sample_write() {
	local dir="$1"
	mkdir -p "$dir/src"
	cat >"$dir/src/user.h" <<'EOF'
#ifndef USER_H
#define USER_H
#include <piiflow.h>

struct user {
	int id;
	char email[64] PII(user.contact.email);
};

void ads_event(const char *name, const char *payload AD_SINK);
PII_CONSENT(advertising) int has_ad_consent(const struct user *u);
void ads_forward(const char *payload);
void on_login(const struct user *u);

#endif
EOF
	cat >"$dir/src/ads.c" <<'EOF'
#include "user.h"

/* Hands a payload to the ad network. */
void ads_forward(const char *payload)
{
	ads_event("forward", payload);
}
EOF
	cat >"$dir/src/main.c" <<'EOF'
#include "user.h"

int has_ad_consent(const struct user *u)
{
	return u->id > 100;
}

int main(void)
{
	struct user u = {1, "someone@example.com"};
	on_login(&u);
	return 0;
}
EOF
	sample_session_clean "$dir"
	cat >"$dir/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(sample C)
add_executable(sample src/main.c src/ads.c src/session.c)
target_include_directories(sample PRIVATE src)
EOF
}

# sample_session_clean DIR: on_login sends no personal data.
sample_session_clean() {
	cat >"$1/src/session.c" <<'EOF'
#include "user.h"

void on_login(const struct user *u)
{
	(void)u;
	ads_forward("login");
}
EOF
}

# sample_session_bad DIR: on_login sends the e-mail address to the ad network
# through ads_forward: the sink call is in src/ads.c, the source in
# src/user.h; only src/session.c changes.
sample_session_bad() {
	cat >"$1/src/session.c" <<'EOF'
#include "user.h"

void on_login(const struct user *u)
{
	ads_forward(u->email);
}
EOF
}

# sample_session_consent DIR: the same, only after the user consented.
sample_session_consent() {
	cat >"$1/src/session.c" <<'EOF'
#include "user.h"

void on_login(const struct user *u)
{
	if (has_ad_consent(u))
		ads_forward(u->email);
}
EOF
}

# sample_legacy DIR: adds src/legacy.c, an old flow of its own.
sample_legacy() {
	cat >"$1/src/legacy.c" <<'EOF'
#include "user.h"

void legacy_sync(const struct user *u)
{
	ads_event("sync", u->email);
}
EOF
}

# sample_compdb DIR OUT_DIR: writes OUT_DIR/compile_commands.json with one
# entry per DIR/src/*.c, as CMake would (absolute directory, relative file).
sample_compdb() {
	local dir="$1" out="$2"
	mkdir -p "$out"
	python3 - "$dir" "$out/compile_commands.json" <<'EOF'
import glob, json, os, sys
d, out = os.path.abspath(sys.argv[1]), sys.argv[2]
entries = []
for c in sorted(glob.glob(os.path.join(d, "src", "*.c"))):
    rel = os.path.relpath(c, d)
    entries.append({"directory": d, "file": rel,
                    "arguments": ["cc", "-Isrc", "-c", rel, "-o", rel + ".o"]})
with open(out, "w", encoding="utf-8") as f:
    json.dump(entries, f, indent=2)
EOF
}

# sample_git_env TMP: a git (and pre-commit) that ignores the user's own
# configuration and hooks: a global core.hooksPath would bypass the hook
# under test. Also clears what a surrounding git hook or CTest exported.
sample_git_env() {
	local tmp="$1"
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_PREFIX
	unset PIIFLOW PIIFLOW_BUILD_DIR PIIFLOW_HOOK_ARGS SKIP
	export GIT_CONFIG_NOSYSTEM=1
	export GIT_CONFIG_GLOBAL="$tmp/gitconfig"
	export PRE_COMMIT_HOME="$tmp/pre-commit-home"
	export XDG_CACHE_HOME="$tmp/cache"
	cat >"$GIT_CONFIG_GLOBAL" <<'EOF'
[user]
	name = piiflow test
	email = test@example.invalid
[init]
	defaultBranch = main
[commit]
	gpgsign = false
[advice]
	detachedHead = false
EOF
}
