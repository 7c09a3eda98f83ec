# shellcheck shell=bash
# Sourced by the integration tests (test_git_hook.sh, test_precommit_framework.sh,
# test_ci_scripts.sh, ...): one small C program that the pre-commit hooks and
# CI scripts are tried on, so that every integration is tested on the same
# code a user would write, and the start those tests share (sample_start,
# ok/fail/show, run, the git sandbox, the hook repository, commit_expect).
# Not a test itself (CTest runs test_*.sh only).
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

# sample_project DIR: the program with the old flow of src/legacy.c, its
# compile database in DIR/build, and build/ ignored by git.
sample_project() {
	sample_write "$1"
	sample_legacy "$1"
	sample_compdb "$1" "$1/build"
	printf 'build/\n' >"$1/.gitignore"
}

# sample_commit_all MESSAGE: a repository in the current folder with all of
# it committed; the test stops when git fails.
sample_commit_all() {
	git init -q && git add -A && git commit -q -m "$1" || exit 1
}

# ---- the start of a test ------------------------------------------------------

# sample_start "$@" TOOL...: call first, with the script's argument (the
# piiflow binary) and the tools the test needs. Sets $piiflow (absolute),
# $src (the checkout, from PIIFLOW_SOURCE_DIR), $tmp (a scratch folder
# removed at exit), and for ok, fail and run $passed, $failed, $rc, $out
# and $err. A missing tool fails the test.
sample_start() {
	if (($# < 1)); then
		echo "usage: bash $0 PATH_TO_PIIFLOW" >&2
		exit 2
	fi
	piiflow="$(realpath -s -- "$1")"
	shift
	src="${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}"
	local tool
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "FAIL: $tool is not installed (scripts/bootstrap.sh --test installs it)"
			echo "0 passed, 1 failed"
			exit 1
		fi
	done
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
	passed=0
	failed=0
	rc=0
	out="$tmp/out"
	err="$tmp/err"
}

# sample_sandbox: git and pre-commit apart from the user's own
# (sample_git_env), and the piiflow under test first on PATH, where the
# hooks look for it.
sample_sandbox() {
	sample_git_env "$tmp"
	mkdir -p "$tmp/bin"
	ln -s "$piiflow" "$tmp/bin/piiflow"
	export PATH="$tmp/bin:$PATH"
}

ok() {
	echo "ok   - $1"
	passed=$((passed + 1))
}

# fail NAME [WHY]: a check failed; with WHY, a check of the last run, whose
# output is shown.
fail() {
	if (($# > 1)); then
		echo "FAIL - $1: $2"
		sed -n '1,20s/^/       | /p' "$out" "$err"
	else
		echo "FAIL - $1"
	fi
	failed=$((failed + 1))
}

# show FILE: a captured output, indented, after a failure.
show() {
	sed -n '1,40s/^/       | /p' "$1"
}

# run ARGS...: runs piiflow in the current folder; sets $rc, and its output
# in the files $out and $err.
run() {
	rc=0
	"$piiflow" "$@" >"$out" 2>"$err" || rc=$?
}

# ---- the hooks ----------------------------------------------------------------

# sample_hook_repo DIR: a hook repository at DIR holding piiflow's hook files,
# as a team's mirror of piiflow does; prints its commit.
sample_hook_repo() {
	mkdir -p "$1/ci"
	cp "$src/.pre-commit-hooks.yaml" "$1/"
	cp -p "$src/ci/pre-commit.sh" "$1/ci/"
	(cd "$1" && git init -q && git add -A && git commit -q -m "piiflow hooks") >&2 || exit 1
	git -C "$1" rev-parse HEAD
}

# sample_git_hook_repo: a repository in the current folder with the plain
# git hook installed (ci/install-git-hook.sh); a failed install is a failure.
sample_git_hook_repo() {
	git init -q
	bash "$src/ci/install-git-hook.sh" >"$tmp/install.out" 2>&1 || {
		fail "install the plain hook"
		show "$tmp/install.out"
	}
}

# sample_precommit_config DIR HOOK_REPO REV: the project's
# .pre-commit-config.yaml, naming piiflow's hook.
sample_precommit_config() {
	cat >"$1/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $2
    rev: $3
    hooks:
      - id: piiflow
EOF
}

# commit_expect NAME WANT(pass|refuse) [MESSAGE]: commits what is staged
# (with MESSAGE, else NAME) and checks the outcome by the exit code and by
# whether HEAD moved; the commit's output is in $tmp/commit.out.
commit_expect() {
	local name="$1" want="$2" msg="${3:-$1}" before after rc=0
	before="$(git rev-parse -q --verify HEAD || echo none)"
	git commit -q -m "$msg" >"$tmp/commit.out" 2>&1 || rc=$?
	after="$(git rev-parse -q --verify HEAD || echo none)"
	if [[ "$want" == pass ]]; then
		if ((rc == 0)) && [[ "$before" != "$after" ]]; then
			ok "$name"
			return 0
		fi
		fail "$name: git commit exited $rc, want a commit"
	else
		if ((rc != 0)) && [[ "$before" == "$after" ]]; then
			ok "$name"
			return 0
		fi
		fail "$name: git commit exited $rc and HEAD moved=$([[ $before != "$after" ]] && echo yes || echo no), want it refused"
	fi
	show "$tmp/commit.out"
	return 1
}

# has NAME REGEX [FILE]: the output (by default the last commit's) matches
# REGEX; lacks NAME REGEX [FILE]: it does not.
has() {
	if grep -qE -- "$2" "${3:-$tmp/commit.out}"; then
		ok "$1"
	else
		fail "$1: output lacks /$2/"
		show "${3:-$tmp/commit.out}"
	fi
}
lacks() {
	if grep -qE -- "$2" "${3:-$tmp/commit.out}"; then
		fail "$1: output has /$2/"
		show "${3:-$tmp/commit.out}"
	else
		ok "$1"
	fi
}
