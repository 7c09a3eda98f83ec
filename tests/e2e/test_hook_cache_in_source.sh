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

if (($# != 1)); then
	echo "usage: bash tests/e2e/test_hook_cache_in_source.sh PATH_TO_PIIFLOW" >&2
	exit 2
fi
piiflow="$1"
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
src="${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}"
# shellcheck source=tests/e2e/sample_project.sh
source "$src/tests/e2e/sample_project.sh"

for tool in git python3 pre-commit; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: $tool is not installed (scripts/bootstrap.sh --test installs it)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sample_git_env "$tmp"
mkdir -p "$tmp/bin"
ln -s "$piiflow" "$tmp/bin/piiflow"
export PATH="$tmp/bin:$PATH"

passed=0
failed=0
ok() {
	echo "ok   - $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL - $1"
	failed=$((failed + 1))
}
show() {
	sed -n '1,40s/^/       | /p' "$1"
}

# in_source DIR: the sample program built in source: its compile database
# at the root, build_dir "." in .piiflow.json, nothing in .gitignore.
in_source() {
	sample_write "$1"
	sample_compdb "$1" "$1"
	printf '{"build_dir": "."}\n' >"$1/.piiflow.json"
}

# commit_passes NAME: commits what is staged; it must go through.
commit_passes() {
	local before after rc=0
	before="$(git rev-parse -q --verify HEAD || echo none)"
	git commit -q -m "$1" >"$tmp/commit.out" 2>&1 || rc=$?
	after="$(git rev-parse -q --verify HEAD || echo none)"
	if ((rc == 0)) && [[ "$before" != "$after" ]]; then
		ok "$1"
	else
		fail "$1: git commit exited $rc, want a commit"
		show "$tmp/commit.out"
	fi
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
git init -q
bash "$src/ci/install-git-hook.sh" >"$tmp/install.out" 2>&1 || {
	fail "install the plain hook"
	show "$tmp/install.out"
}
git add -A
commit_passes "plain hook: the first commit of the clean program goes through"
cache_exists "plain hook: the run kept its cache in the work tree"
status_clean "plain hook: git status is clean after the hook ran"
printf '\n/* the entry point */\n' >>src/main.c
git add -A
commit_passes "plain hook: after git add -A, the next clean commit goes through"
status_clean "plain hook: and git status is still clean"
if git ls-files | grep -q '^\.piiflow-cache/'; then
	fail "plain hook: the cache was committed"
else
	ok "plain hook: nothing of the cache was committed"
fi

# ==== the pre-commit framework ===============================================
hookrepo="$tmp/piiflow-hooks"
mkdir -p "$hookrepo/ci"
cp "$src/.pre-commit-hooks.yaml" "$hookrepo/"
cp -p "$src/ci/pre-commit.sh" "$hookrepo/ci/"
(cd "$hookrepo" && git init -q && git add -A && git commit -q -m "piiflow hooks") || exit 1
rev="$(git -C "$hookrepo" rev-parse HEAD)"

fw="$tmp/framework"
in_source "$fw"
cat >"$fw/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hookrepo
    rev: $rev
    hooks:
      - id: piiflow
EOF
cd "$fw" || exit 1
git init -q && git add -A && git commit -q -m "initial" || exit 1

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
	commit_passes "framework: clean commit $n after git add -A goes through"
	if grep -q 'files were modified by this hook' "$tmp/commit.out"; then
		fail "framework: commit $n says files were modified by this hook"
	else
		ok "framework: commit $n modified no file"
	fi
	status_clean "framework: git status is clean after commit $n"
done

echo "$passed passed, $failed failed"
((failed == 0))
