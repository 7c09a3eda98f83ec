#!/usr/bin/env bash
# SPEC section 6 promises a hook for the pre-commit framework that refuses a
# commit adding a flow of personal data into an ad sink. This tries the
# repository's .pre-commit-hooks.yaml with the real `pre-commit` (Debian's
# package), the way a team uses it: a throw-away hook repository holding the
# hook files, a project whose .pre-commit-config.yaml names it, `pre-commit
# install`, and real `git commit`s. It checks that a commit adding a flow is
# refused with the text report, that a clean one goes through, and that only
# findings touching the staged files are reported while the analysis sees the
# whole program (the flow's sink lies in a file the commit does not touch).
# No network: the hook is `language: script`.
#
# Usage: bash tests/e2e/test_precommit_framework.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" pre-commit git python3
sample_sandbox

# ---- the hook repository: the files a team's mirror of piiflow holds -------
hookrepo="$tmp/piiflow-hooks"
rev="$(sample_hook_repo "$hookrepo")" || exit 1

# ---- the project -------------------------------------------------------------
proj="$tmp/project"
sample_project "$proj"
sample_precommit_config "$proj" "$hookrepo" "$rev"
cd "$proj" || exit 1
# The old flow in legacy.c predates the hook.
sample_commit_all "initial"

# try-repo: the hook as a team tries it before adding it to its config.
out="$tmp/try-legacy.out"
rc=0
PIIFLOW_NEW_SINCE='' pre-commit try-repo "$hookrepo" piiflow --files src/legacy.c >"$out" 2>&1 || rc=$?
if ((rc != 0)) && grep -q 'src/legacy.c:5:2: error: .*\[pii-to-advertising\]' "$out"; then
	ok "try-repo on the file with a flow, PIIFLOW_NEW_SINCE empty: fails with the report"
else
	fail "try-repo on src/legacy.c: exit $rc, want nonzero and the finding"
	show "$out"
fi
rc=0
pre-commit try-repo "$hookrepo" piiflow --files src/legacy.c >"$out" 2>&1 || rc=$?
if ((rc == 0)) && grep -q 'Passed' "$out"; then
	ok "try-repo on the file with a committed flow passes: it is not new since HEAD"
else
	fail "try-repo on src/legacy.c (new since HEAD): exit $rc, want 0 and Passed"
	show "$out"
fi
out="$tmp/try-main.out"
rc=0
pre-commit try-repo "$hookrepo" piiflow --files src/main.c >"$out" 2>&1 || rc=$?
if ((rc == 0)) && grep -q 'Passed' "$out"; then
	ok "try-repo on a clean file passes"
else
	fail "try-repo on src/main.c: exit $rc, want 0 and Passed"
	show "$out"
fi

out="$tmp/install.out"
if pre-commit install >"$out" 2>&1 && [[ -x .git/hooks/pre-commit ]]; then
	ok "pre-commit install"
else
	fail "pre-commit install"
	show "$out"
fi

# 1. A change to session.c that sends the e-mail address to the ad network.
sample_session_bad "$proj"
git add src/session.c
if commit_expect "a commit adding a flow into an ad sink is refused" refuse "send email"; then
	cp "$tmp/commit.out" "$tmp/blocked.out"
	echo "       the hook's output on the blocked commit:"
	sed 's/^/       | /' "$tmp/blocked.out"
	reported=0
	if grep -q "^src/ads.c:6:2: error: personal data 'user.contact.email' reaches advertising sink 'ads_event' (argument 2 'payload') \[pii-to-advertising\]" "$tmp/blocked.out" &&
		grep -q "^src/user.h:7:7: note: 'email' is declared personal data" "$tmp/blocked.out" &&
		grep -q "^src/session.c:5:2: note: passed to 'ads_forward'" "$tmp/blocked.out"; then
		ok "the refusal prints the text report with its trace (sink in an unstaged file)"
		reported=1
	else
		fail "the refusal lacks the finding at src/ads.c:6:2 or its notes"
	fi
	if ((!reported)); then
		fail "cannot tell whether other findings are left out: no report"
	elif grep -q "legacy.c" "$tmp/blocked.out"; then
		fail "the report names src/legacy.c, which the commit does not touch"
	else
		ok "findings that do not touch the staged files are not reported"
	fi
fi

# 2. The same call, only after consent: the commit goes through.
sample_session_consent "$proj"
git add src/session.c
commit_expect "a commit that asks for consent first goes through" pass "ask for consent"

# 3. A clean change elsewhere, while legacy.c still has its flow.
printf '\n/* the entry point */\n' >>src/main.c
git add src/main.c
commit_expect "a clean commit goes through although another file has a flow" pass "comment"

# 4. Touching the file with the old flow: the flow is not new, the commit
# goes through; with PIIFLOW_NEW_SINCE empty every finding touching the
# staged files counts, and that flow comes up.
printf '\n/* touched */\n' >>src/legacy.c
git add src/legacy.c
commit_expect "a commit touching the file with the old flow goes through (not new)" pass \
	"touch legacy" && git reset -q --soft HEAD~1
if PIIFLOW_NEW_SINCE='' commit_expect "with PIIFLOW_NEW_SINCE empty it is refused" refuse "touch legacy"; then
	if grep -q 'src/legacy.c:5:2: error:' "$tmp/commit.out"; then
		ok "and the report shows that flow"
	else
		fail "the refusal of the commit touching src/legacy.c lacks its finding"
		show "$tmp/commit.out"
	fi
fi
git restore --staged src/legacy.c && git checkout -q -- src/legacy.c

# 5. No C file staged: the hook does not run.
printf 'notes\n' >NOTES.txt
git add NOTES.txt
commit_expect "a commit without C files goes through" pass "notes"

echo "$passed passed, $failed failed"
((failed == 0))
