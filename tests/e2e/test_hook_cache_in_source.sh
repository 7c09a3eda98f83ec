#!/usr/bin/env bash
# The cache does not pollute the work tree (issue 17, item 5), end to end
# with the hooks that meet it. In a real git repository with an in-source
# build (compile_commands.json at the root, as bear and make give, and
# "build_dir": "." in .piiflow.json), the cache folder piiflow creates
# ignores itself, so:
#   - with the plain hook (ci/install-git-hook.sh), clean commits go
#     through one after the other and `git status` stays clean;
#   - with the pre-commit framework (`pre-commit try-repo`, then `pre-commit
#     install`), `git add -A` adds nothing of the cache and a clean commit
#     is not failed with "files were modified by this hook".
# piiflow 4f03782 left the cache folder in `git status`; after `git add -A`
# the framework then failed every clean commit.
#
# Usage: bash tests/e2e/test_hook_cache_in_source.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" git python3 pre-commit
sample_sandbox

# in_source DIR: the sample program built in source: its compile database
# at the root, build_dir "." in .piiflow.json, nothing in .gitignore.
in_source() {
	sample_write "$1"
	sample_compdb "$1" "$1"
	printf '{"build_dir": "."}\n' >"$1/.piiflow.json"
}

# status_clean NAME: git status shows nothing, the cache folder included.
status_clean() {
	local st
	st="$(git status --porcelain --untracked-files=all)"
	if [[ -z "$st" ]]; then
		ok "$1"
	else
		fail "$1: git status shows"
		printf '%s\n' "$st" | sed -n '1,10s/^/       | /p'
	fi
}

# cache_exists: the hook did use a cache folder in the work tree.
cache_exists() {
	if [[ -f .piiflow-cache/.gitignore && -f .piiflow-cache/CACHEDIR.TAG ]]; then
		ok "$1"
	else
		fail "$1: no .piiflow-cache/ with .gitignore and CACHEDIR.TAG"
		ls -la . .piiflow-cache 2>&1 | sed -n '1,20s/^/       | /p'
	fi
}

# ==== the plain git hook =====================================================
proj="$tmp/plain"
in_source "$proj"
cd "$proj" || exit 1
sample_git_hook_repo
git add -A
commit_expect "plain hook: the first commit of the clean program goes through" pass
cache_exists "plain hook: the run kept its cache in the work tree"
status_clean "plain hook: git status is clean after the hook ran"
printf '\n/* the entry point */\n' >>src/main.c
git add -A
commit_expect "plain hook: after git add -A, the next clean commit goes through" pass
status_clean "plain hook: and git status is still clean"
if git ls-files | grep -q '^\.piiflow-cache/'; then
	fail "plain hook: the cache was committed"
else
	ok "plain hook: nothing of the cache was committed"
fi

# ==== the pre-commit framework ===============================================
hookrepo="$tmp/piiflow-hooks"
rev="$(sample_hook_repo "$hookrepo")" || exit 1

fw="$tmp/framework"
in_source "$fw"
sample_precommit_config "$fw" "$hookrepo" "$rev"
cd "$fw" || exit 1
sample_commit_all "initial"

rc=0
pre-commit try-repo "$hookrepo" piiflow --files src/session.c >"$tmp/try.out" 2>&1 || rc=$?
if ((rc == 0)) && grep -q 'Passed' "$tmp/try.out"; then
	ok "try-repo: the clean program passes"
else
	fail "try-repo: exit $rc, want 0 and Passed"
	show "$tmp/try.out"
fi
cache_exists "try-repo: the run kept its cache in the work tree"
status_clean "try-repo: git status is clean after the hook ran"

pre-commit install >"$tmp/install.out" 2>&1 || {
	fail "pre-commit install"
	show "$tmp/install.out"
}
for n in 1 2; do
	printf '\n/* change %s */\n' "$n" >>src/main.c
	git add -A
	commit_expect "framework: clean commit $n after git add -A goes through" pass
	if grep -q 'files were modified by this hook' "$tmp/commit.out"; then
		fail "framework: commit $n says files were modified by this hook"
	else
		ok "framework: commit $n modified no file"
	fi
	status_clean "framework: git status is clean after commit $n"
done

echo "$passed passed, $failed failed"
((failed == 0))
