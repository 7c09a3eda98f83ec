#!/usr/bin/env bash
# SPEC section 6 promises a plain git hook, installed by one command, that
# refuses a commit adding a flow of personal data into an ad sink, for teams
# without the pre-commit framework. This installs it with
# ci/install-git-hook.sh into a throw-away repository and makes real
# `git commit`s: a flow is refused with the text report, a clean commit goes
# through, only findings touching the staged files and new since HEAD count
# (test_hook_new_since.sh tries the rest of what is new). It also checks the
# installer's manners (it never overwrites a foreign hook without --force)
# and how the hook finds the compile database (PIIFLOW_BUILD_DIR, build_dir
# of .piiflow.json, ./build, ./compile_commands.json, or a message saying how
# to write one).
#
# Usage: bash tests/e2e/test_git_hook.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" git python3
sample_sandbox
install="$src/ci/install-git-hook.sh"

# ---- the installer -----------------------------------------------------------
other="$tmp/other"
mkdir -p "$other" && git -C "$other" init -q || exit 1
printf '#!/bin/sh\necho theirs\n' >"$other/.git/hooks/pre-commit"
chmod +x "$other/.git/hooks/pre-commit"
rc=0
(cd "$other" && bash "$install") >"$tmp/out" 2>&1 || rc=$?
if ((rc != 0)) && grep -q 'theirs' "$other/.git/hooks/pre-commit" &&
	grep -q -- '--force' "$tmp/out"; then
	ok "the installer refuses to overwrite a foreign hook and names --force"
else
	fail "the installer over a foreign hook: exit $rc, want nonzero and the hook kept"
	show "$tmp/out"
fi
rc=0
(cd "$other" && bash "$install" --force) >"$tmp/out" 2>&1 || rc=$?
if ((rc == 0)) && grep -q 'piiflow-git-hook' "$other/.git/hooks/pre-commit" &&
	grep -q 'theirs' "$other/.git/hooks/pre-commit.before-piiflow"; then
	ok "--force installs and keeps the foreign hook as pre-commit.before-piiflow"
else
	fail "--force: exit $rc, want the hook installed and the old one kept"
	show "$tmp/out"
fi
rc=0
(cd "$other" && bash "$install") >"$tmp/out" 2>&1 || rc=$?
if ((rc == 0)); then
	ok "installing again over piiflow's own hook needs no --force"
else
	fail "reinstall: exit $rc"
	show "$tmp/out"
fi
rc=0
(cd "$tmp" && bash "$install") >"$tmp/out" 2>&1 || rc=$?
if ((rc == 2)) && grep -q 'not inside a git work tree' "$tmp/out"; then
	ok "outside a repository the installer says so (exit 2)"
else
	fail "outside a repository: exit $rc, want 2 and a message"
	show "$tmp/out"
fi
hooked="$tmp/hookspath"
mkdir -p "$hooked" && git -C "$hooked" init -q && git -C "$hooked" config core.hooksPath githooks
rc=0
(cd "$hooked" && bash "$install") >"$tmp/out" 2>&1 || rc=$?
if ((rc == 0)) && [[ -x "$hooked/githooks/pre-commit" && -x "$hooked/githooks/piiflow-pre-commit.sh" ]]; then
	ok "the installer honours core.hooksPath"
else
	fail "core.hooksPath: exit $rc, want githooks/pre-commit"
	show "$tmp/out"
fi

# ---- the project ---------------------------------------------------------------
proj="$tmp/project"
sample_project "$proj"
printf 'out/\ncompile_commands.json\n' >>"$proj/.gitignore"
cd "$proj" || exit 1
sample_commit_all "initial"
rc=0
bash "$install" >"$tmp/out" 2>&1 || rc=$?
if ((rc == 0)) && [[ -x .git/hooks/pre-commit && -x .git/hooks/piiflow-pre-commit.sh ]]; then
	ok "one command installs the hook"
else
	fail "install: exit $rc"
	show "$tmp/out"
fi

finding="^src/ads.c:6:2: error: personal data 'user.contact.email' reaches advertising sink 'ads_event' \(argument 2 'payload'\) \[pii-to-advertising\]"

# 1. A flow added in session.c; its sink is in ads.c, which is not staged.
sample_session_bad "$proj"
git add src/session.c
if commit_expect "a commit adding a flow into an ad sink is refused" refuse "send email"; then
	echo "       the hook's output on the blocked commit:"
	sed 's/^/       | /' "$tmp/commit.out"
	has "the refusal prints the finding" "$finding"
	has "and its trace, source first" "^src/user.h:7:7: note: 'email' is declared personal data"
	has "through the staged file" "^src/session.c:5:2: note: passed to 'ads_forward'"
	if ! grep -qE -- "$finding" "$tmp/commit.out"; then
		fail "cannot tell whether other findings are left out: no report"
	elif grep -q 'legacy.c' "$tmp/commit.out"; then
		fail "the report names src/legacy.c, which the commit does not touch"
	else
		ok "findings that do not touch the staged files are not reported"
	fi
fi

# 2. Where the compile database is, with the flow still staged.
mkdir -p out/db && mv build/compile_commands.json out/db/
if commit_expect "no compile database: refused" refuse "no db"; then
	has "saying so" "no compile database"
	has "and how to create one" "cmake -S \. -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON"
fi
printf '{"build_dir": "out/db"}\n' >.piiflow.json
commit_expect "build_dir of .piiflow.json: found, and refused" refuse "config" &&
	has "the report, with the database of .piiflow.json" "$finding"
rm .piiflow.json
PIIFLOW_BUILD_DIR=out/db commit_expect "PIIFLOW_BUILD_DIR: found, and refused" refuse "env" &&
	has "the report, with the database of PIIFLOW_BUILD_DIR" "$finding"
PIIFLOW_BUILD_DIR=nowhere commit_expect "PIIFLOW_BUILD_DIR without a database: refused" refuse "env" &&
	has "naming the missing file" "nowhere/compile_commands.json .*does not exist"
cp out/db/compile_commands.json .
commit_expect "./compile_commands.json: found, and refused" refuse "root db" &&
	has "the report, with ./compile_commands.json" "$finding"
rm compile_commands.json
mv out/db/compile_commands.json build/
PIIFLOW=/nonexistent/piiflow commit_expect "piiflow missing: refused" refuse "no tool" &&
	has "saying how to get it" "piiflow not found"

# 3. Unstaged changes: the hook analyzes the staged content, not the working
# tree, so a fix that is not staged does not let the flow through.
sample_session_consent "$proj"
if commit_expect "a flow fixed only in the working tree is still refused" refuse "unstaged fix"; then
	has "with the report of the staged content" "$finding"
	has "through the staged file" "^src/session.c:5:2: note: passed to 'ads_forward'"
fi

# 4. Consent, staged: goes through.
git add src/session.c
commit_expect "a commit that asks for consent first goes through" pass "ask for consent"

# 5. A clean change elsewhere, while legacy.c keeps its flow.
printf '\n/* the entry point */\n' >>src/main.c
git add src/main.c
commit_expect "a clean commit goes through although another file has a flow" pass "comment"

# 6. A new file that the compile database does not list yet: analyzed with
# the flags of its nearest entry.
sed 's/legacy_sync/fresh_sync/' src/legacy.c >src/fresh.c
git add src/fresh.c
commit_expect "a new file missing from the database is analyzed, its flow refused" refuse "fresh" &&
	has "with the report" "^src/fresh.c:5:2: error: .*\[pii-to-advertising\]" &&
	has "and a note" "src/fresh.c is not in the compile database"
sample_compdb "$proj" "$proj/build"
printf '\n' >>src/fresh.c
git add src/fresh.c
commit_expect "once the database lists it, its flow is refused" refuse "fresh again" &&
	has "with the report" "^src/fresh.c:5:2: error: .*\[pii-to-advertising\]"

# 7. --no-verify bypasses, as with every git hook.
if git commit -q --no-verify -m "bypass" >"$tmp/commit.out" 2>&1; then
	ok "git commit --no-verify bypasses the hook"
else
	fail "git commit --no-verify failed"
	show "$tmp/commit.out"
fi

echo "$passed passed, $failed failed"
((failed == 0))
