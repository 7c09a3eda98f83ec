#!/usr/bin/env bash
# SPEC sections 4 and 6: the commit gate blocks what a commit adds and only
# that. In a real git repository, with the plain hook (ci/install-git-hook.sh)
# and with the pre-commit framework (`pre-commit try-repo`, then `pre-commit
# install`), on a project that already holds several committed flows:
#   - before the first commit every finding is new;
#   - a comment added to the header that declares the personal data does not
#     refuse the commit with the existing findings (--new-since HEAD);
#   - unstaged changes in another tracked C file (git add -p) neither block
#     nor excuse a commit: the plain hook analyzes the staged content;
#   - a staged file the compile database does not list yet is analyzed with
#     the flags of its nearest entry, and its flow refused;
#   - `git rm` of a file the database lists is skipped with a warning;
#   - with the framework too: try-repo on a new file and after `git rm`,
#     and a commit with a flow left unstaged in another file;
#   - a new flow beside old ones is reported alone;
#   - `piiflow check --new-since FILE` with a JSON or SARIF report compares
#     counts per fingerprint (two identical findings in the base, three now:
#     one new), and `baseline` in .piiflow.json is read.
#
# Usage: bash tests/e2e/test_hook_new_since.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" git python3 pre-commit
sample_sandbox

# errors FILE: the number of findings (error lines) in a text report.
errors() {
	grep -cE '^[^ ]+:[0-9]+:[0-9]+: error: ' "$1"
}

# many_flows DIR: src/many.c, four old flows of the e-mail address.
many_flows() {
	cat >"$1/src/many.c" <<'EOF'
#include "user.h"

void many_a(const struct user *u) { ads_event("a", u->email); }
void many_b(const struct user *u) { ads_event("b", u->email); }
void many_c(const struct user *u) { ads_event("c", u->email); }
void many_d(const struct user *u) { ads_event("d", u->email); }
EOF
}

# project DIR: the sample program with old flows in legacy.c and many.c,
# and its compile database in DIR/build.
project() {
	sample_project "$1"
	many_flows "$1"
	sample_compdb "$1" "$1/build"
}

# ==== the plain git hook ====================================================
proj="$tmp/plain"
project "$proj"
cd "$proj" || exit 1
sample_git_hook_repo

# 1. No HEAD yet: every finding is new.
git add -A
if commit_expect "before the first commit, the old flows are new: refused" refuse "initial"; then
	has "naming them" "^src/legacy.c:5:2: error: .*\[pii-to-advertising\]"
	has "saying that there is no commit yet" "no commit yet"
fi
git commit -q --no-verify -m "initial, with old flows" || exit 1

# 2. A comment at the top of the header that declares the personal data:
# every source line moves, no finding is new.
{
	printf '/* The user record, as the account service stores it. */\n'
	cat src/user.h
} >"$tmp/user.h" && mv "$tmp/user.h" src/user.h
git add src/user.h
commit_expect "a comment added to the header with the personal data goes through" \
	pass "comment" && lacks "and reports none of the old findings" "error:"

# 3. git add -p: a clean change staged, a flow left unstaged in another file.
printf '\n/* the entry point */\n' >>src/main.c
git add src/main.c
sample_session_bad "$proj"
commit_expect "an unstaged change in another C file does not block a clean commit" \
	pass "main comment" && lacks "and is not analyzed" "session.c.*error"
# The flow staged, a fix only in the work tree: the staged content counts.
git add src/session.c
sample_session_consent "$proj"
if commit_expect "a staged flow with an unstaged fix is refused" refuse "send email"; then
	has "with the flow of the staged content" \
		"^src/ads.c:6:2: error: personal data 'user.contact.email' reaches advertising sink 'ads_event'"
	has "through the staged file" "^src/session.c:5:2: note: passed to 'ads_forward'"
	has "its trace ending at the sink call" "^src/ads.c:6:2: note: reaches advertising sink 'ads_event' as argument 2"
	if (($(errors "$tmp/commit.out") == 1)); then
		ok "and only the new finding"
	else
		fail "want exactly one finding, got $(errors "$tmp/commit.out")"
		show "$tmp/commit.out"
	fi
fi
# A suppression comment written in the work tree only does not excuse it.
cp src/ads.c "$tmp/ads.c"
sed -i 's|^\tads_event("forward", payload);|\t/* piiflow-allow(pii-to-advertising): not staged */\n&|' src/ads.c
commit_expect "a suppression comment that is not staged does not excuse a staged flow" \
	refuse "suppressed in the work tree only"
cp "$tmp/ads.c" src/ads.c
git add src/session.c
commit_expect "the fix staged goes through" pass "ask for consent"

# 4. A new file that the compile database does not list: the flags of its
# neighbours (-Isrc) find user.h, and its flow is refused.
sed 's/legacy_sync/fresh_sync/' src/legacy.c >src/fresh.c
git add src/fresh.c
if commit_expect "a new file missing from the compile database is analyzed" refuse "fresh"; then
	has "with its finding" "^src/fresh.c:5:2: error: .*\[pii-to-advertising\]"
	has "and a note on the flags" "src/fresh.c is not in the compile database; analyzed with the flags of the nearest entry"
	lacks "and no old finding" "legacy.c:5:2: error"
fi
git rm -q --cached src/fresh.c && rm src/fresh.c

# 5. git rm of a file the compile database lists.
git rm -q src/legacy.c
printf '\n/* more */\n' >>src/main.c
git add src/main.c
commit_expect "git rm of a file in the compile database goes through" pass "drop legacy" &&
	has "with a warning that names it" "src/legacy.c: listed in build/compile_commands.json but no longer exists; skipped"
printf '\n/* and more */\n' >>src/main.c
git add src/main.c
commit_expect "and the next commit too" pass "after rm"

# 6. A new flow beside old ones: reported alone.
printf 'void many_e(const struct user *u) { ads_event("e", u->email); }\n' >>src/many.c
git add src/many.c
if commit_expect "a new flow in a file with old flows is refused" refuse "many e"; then
	has "naming it" "^src/many.c:7:37: error: .*\[pii-to-advertising\]"
	if (($(errors "$tmp/commit.out") == 1)); then
		ok "and it alone"
	else
		fail "want one finding, got $(errors "$tmp/commit.out")"
		show "$tmp/commit.out"
	fi
fi
PIIFLOW_NEW_SINCE='' git commit -q -m "all" >"$tmp/commit.out" 2>&1
if (($(errors "$tmp/commit.out") == 5)); then
	ok "PIIFLOW_NEW_SINCE='' reports every finding touching the staged files"
else
	fail "PIIFLOW_NEW_SINCE=: want five findings, got $(errors "$tmp/commit.out")"
	show "$tmp/commit.out"
fi
git reset -q HEAD src/many.c
git checkout -q -- src/many.c

# ==== --new-since FILE: counts per fingerprint ===============================
cat >src/twice.c <<'EOF'
#include "user.h"

void twice(const struct user *u)
{
	ads_event("one", u->email);
	ads_event("one", u->email);
}
EOF
sample_compdb "$proj" "$proj/build"
piiflow check -p build --format json -o "$tmp/base.json" >/dev/null 2>&1
piiflow check -p build --format sarif -o "$tmp/base.sarif" >/dev/null 2>&1
sed -i 's|^}$|\tads_event("one", u->email);\n}|' src/twice.c
for base in base.json base.sarif; do
	rc=0
	piiflow check -p build --format json --new-since "$tmp/$base" >"$tmp/new.json" 2>"$tmp/new.err" || rc=$?
	got="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]), d["summary"]["baselined"], d["findings"][0]["sink"]["line"] if d["findings"] else 0)' "$tmp/new.json" 2>&1)"
	if ((rc == 1)) && [[ "$got" == "1 6 7" ]]; then
		ok "--new-since $base: two identical findings before, three now: one new (line 7), exit 1"
	else
		fail "--new-since $base: exit $rc, findings/accepted/line '$got', want '1 6 7'"
		show "$tmp/new.err"
	fi
done
rc=0
piiflow check -p build --new-since nosuchref >"$tmp/bad.out" 2>&1 || rc=$?
if ((rc == 2)) && grep -q 'neither a report file' "$tmp/bad.out"; then
	ok "--new-since with neither a file nor a revision: exit 2, said"
else
	fail "--new-since nosuchref: exit $rc"
	show "$tmp/bad.out"
fi

# baseline as a config key
piiflow check -p build --write-baseline "$proj/piiflow-baseline.json" >/dev/null 2>&1
printf '{"baseline": "piiflow-baseline.json"}\n' >.piiflow.json
rc=0
piiflow check -p build >"$tmp/cfg.out" 2>&1 || rc=$?
if ((rc == 0)) && grep -qE '^piiflow: 0 errors, 0 warnings; [0-9]+ accepted \([0-9]+ by consent, [1-9][0-9]* by the baseline\)' "$tmp/cfg.out"; then
	ok "\"baseline\" in .piiflow.json accepts what the file records"
else
	fail "baseline key: exit $rc"
	show "$tmp/cfg.out"
fi
rm -f .piiflow.json src/twice.c
sample_compdb "$proj" "$proj/build"

# ==== the pre-commit framework ================================================
hookrepo="$tmp/piiflow-hooks"
rev="$(sample_hook_repo "$hookrepo")" || exit 1

fw="$tmp/framework"
project "$fw"
sample_precommit_config "$fw" "$hookrepo" "$rev"
cd "$fw" || exit 1
sample_commit_all "initial, with old flows"

# try-repo on the header, a comment added in the work tree
{
	printf '/* The user record. */\n'
	cat src/user.h
} >"$tmp/user.h" && mv "$tmp/user.h" src/user.h
rc=0
pre-commit try-repo "$hookrepo" piiflow --files src/user.h >"$tmp/try.out" 2>&1 || rc=$?
if ((rc == 0)) && grep -q 'Passed' "$tmp/try.out"; then
	ok "try-repo: a comment in the header with the personal data passes"
else
	fail "try-repo on src/user.h: exit $rc, want 0 and Passed"
	show "$tmp/try.out"
fi
git checkout -q -- src/user.h
sample_session_bad "$fw"
rc=0
pre-commit try-repo "$hookrepo" piiflow --files src/session.c >"$tmp/try.out" 2>&1 || rc=$?
if ((rc != 0)) && grep -qE '^src/ads.c:6:2: error: .*\[pii-to-advertising\]' "$tmp/try.out" &&
	! grep -q 'legacy.c:5:2: error' "$tmp/try.out"; then
	ok "try-repo: a new flow fails with its finding alone"
else
	fail "try-repo on src/session.c: exit $rc, want nonzero and only the new finding"
	show "$tmp/try.out"
fi
git checkout -q -- src/session.c

# try-repo on a new file that the compile database does not list (item 3)
sed 's/legacy_sync/fresh_sync/' src/legacy.c >src/fresh.c
git add src/fresh.c
rc=0
pre-commit try-repo "$hookrepo" piiflow --files src/fresh.c >"$tmp/try.out" 2>&1 || rc=$?
if ((rc != 0)) && grep -qE '^src/fresh.c:5:2: error: .*\[pii-to-advertising\]' "$tmp/try.out" &&
	grep -q 'src/fresh.c is not in the compile database; analyzed with the flags of the nearest entry' "$tmp/try.out"; then
	ok "try-repo: a new file missing from the database fails with its finding and a note"
else
	fail "try-repo on src/fresh.c: exit $rc, want nonzero, its finding and the note"
	show "$tmp/try.out"
fi
git rm -q --cached src/fresh.c && rm src/fresh.c

# try-repo after git rm of a file the compile database lists (item 3)
git rm -q src/legacy.c
printf '\n/* more */\n' >>src/main.c
rc=0
pre-commit try-repo "$hookrepo" piiflow --verbose --files src/main.c >"$tmp/try.out" 2>&1 || rc=$?
if ((rc == 0)) && grep -q 'Passed' "$tmp/try.out" &&
	grep -q 'src/legacy.c: listed in build/compile_commands.json but no longer exists; skipped' "$tmp/try.out"; then
	ok "try-repo: after git rm of a file in the database, passes with a note that names it"
else
	fail "try-repo after git rm src/legacy.c: exit $rc, want 0, Passed and the note"
	show "$tmp/try.out"
fi
git reset -q HEAD src/legacy.c && git checkout -q -- src/legacy.c src/main.c

pre-commit install >"$tmp/install.out" 2>&1 || {
	fail "pre-commit install"
	show "$tmp/install.out"
}
{
	printf '/* The user record. */\n'
	cat src/user.h
} >"$tmp/user.h" && mv "$tmp/user.h" src/user.h
git add src/user.h
commit_expect "framework: a comment in the header goes through" pass "comment"
# git add -p: a clean change staged, a flow left unstaged in another file
printf '\n/* the entry point */\n' >>src/main.c
git add src/main.c
sample_session_bad "$fw"
commit_expect "framework: an unstaged flow in another C file does not block a clean commit" \
	pass "main comment"
git checkout -q -- src/session.c
sed 's/legacy_sync/fresh_sync/' src/legacy.c >src/fresh.c
git add src/fresh.c
commit_expect "framework: a new file missing from the database is refused" refuse "fresh" &&
	has "with its finding" "^src/fresh.c:5:2: error: .*\[pii-to-advertising\]"
git rm -q --cached src/fresh.c && rm src/fresh.c
git rm -q src/legacy.c
printf '\n/* more */\n' >>src/main.c
git add src/main.c
commit_expect "framework: git rm of a file in the database goes through" pass "drop legacy"

echo "$passed passed, $failed failed"
((failed == 0))
