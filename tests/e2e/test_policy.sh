#!/usr/bin/env bash
# The policy a privacy team writes, end to end from the command line (issue 5,
# SPEC sections 2 and 4): a baseline that survives an edit and catches what is
# new, every form of express consent still accepted with a config and a
# baseline in place, .piiflow.json found from a subdirectory, a malformed
# config naming file and key, per-purpose and per-category severities changing
# the exit code, excluded paths, suppressions with and without a reason,
# unused suppressions, the path filter of -p runs, and `piiflow rules`.
#
# Usage: bash tests/e2e/test_policy.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR set to the checkout (for tests/cases/consent).
# Works in a temporary directory; prints "N passed, M failed".
set -euo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" python3

# jq_py EXPR: evaluates a Python expression over the JSON report in $out (d).
jq_py() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$out" "$1"
}

# expect NAME WANT_RC [EXPR WANT]...: checks rc and, for each pair, that the
# Python expression over the JSON report prints WANT.
expect() {
	local name="$1" want="$2" why=""
	shift 2
	((rc == want)) || why="exit $rc, want $want"
	while (($# >= 2)); do
		local got
		got="$(jq_py "$1" 2>&1)" || true
		[[ "$got" == "$2" ]] || why+="${why:+; }$1 is '$got', want '$2'"
		shift 2
	done
	if [[ -z "$why" ]]; then ok "$name"; else fail "$name" "$why"; fi
}

# expect_text NAME WANT_RC REGEX...: checks rc and each regex in stdout+stderr.
expect_text() {
	local name="$1" want="$2" why="" p
	shift 2
	((rc == want)) || why="exit $rc, want $want"
	for p in "$@"; do
		cat "$out" "$err" | grep -qE -- "$p" || why+="${why:+; }output lacks /$p/"
	done
	if [[ -z "$why" ]]; then ok "$name"; else fail "$name" "$why"; fi
}

# write_compdb DIR FILE...: a compile_commands.json in DIR/build for FILEs
# (relative to DIR).
write_compdb() {
	local dir="$1" sep="" f
	shift
	mkdir -p "$dir/build"
	{
		echo "["
		for f in "$@"; do
			printf '%s{"directory": "%s", "file": "%s", "arguments": ["cc", "-I%s/src", "-c", "%s"]}\n' \
				"$sep" "$dir" "$f" "$dir" "$f"
			sep=","
		done
		echo "]"
	} >"$dir/build/compile_commands.json"
}

proj="$tmp/proj"
mkdir -p "$proj/src/sub" "$proj/vendor"
cat >"$proj/src/user.h" <<'EOF'
#include <piiflow.h>
struct user {
	long id PII(user.unique_id.pseudonymous);
	char email[64] PII(user.contact.email);
};
void ads_event(const char *name, const char *payload AD_SINK);
void stats_count(long id ANALYTICS_SINK);
EOF
cat >"$proj/src/login.c" <<'EOF'
#include "user.h"

static int helper_count(int x)
{
	return x + 1;
}

void on_login(const struct user *u)
{
	ads_event("login", u->email);
	stats_count(u->id + helper_count(0));
}
EOF
write_compdb "$proj" src/login.c
cd "$proj"

# ---- baselines -------------------------------------------------------------

run check -p build --format json
expect "without a baseline: two findings, exit 1" 1 'len(d["findings"])' 2
run check -p build --write-baseline base.json
expect_text "--write-baseline exits 0 with findings" 0 'recorded 2 findings in base.json'
python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
assert b["piiflow_baseline"] == 2 and len(b["findings"]) == 2, b
assert all(len(e["fingerprint"]) == 32 and "line" not in e["sink"] for e in b["findings"]), b' \
	base.json && ok "the baseline records fingerprints, not lines" ||
	fail "the baseline records fingerprints, not lines" "$(head -c 300 base.json)"
run check -p build --baseline base.json --format json
expect "the same code is baselined: exit 0" 0 'len(d["findings"])' 0 \
	'd["summary"]["baselined"]' 2 'sorted(a["accepted_by"] for a in d["accepted"])' \
	"['baseline', 'baseline']"

# The edit: lines above the findings, a reformatted function, a renamed
# unrelated function.
cat >"$proj/src/login.c" <<'EOF'
/*
 * Login events. A comment block that pushes every line down.
 */
#include "user.h"

static const char *const greeting = "hello";

static int count_helper(int x) { return x + (greeting[0] == 'h'); }

void on_login(const struct user *u) {
  if (!u) return;
  ads_event(
      "login",
      u->email);
  stats_count(u->id + count_helper(0));
}
EOF
run check -p build --baseline base.json --format json
expect "after moving, reformatting and renaming: still baselined, exit 0" 0 \
	'len(d["findings"])' 0 'd["summary"]["baselined"]' 2
run check -p build --baseline base.json
if ((rc == 0)) && (($(wc -l <"$out") == 1)) &&
	grep -qE '^piiflow: 0 errors, 0 warnings; 2 accepted \(0 by consent, 2 by the baseline\)' "$out"; then
	ok "a fully baselined run prints only the summary line, which counts them"
else
	fail "a fully baselined run prints only the summary line" "exit $rc or other output"
fi

cat >>"$proj/src/login.c" <<'EOF'

void on_logout(const struct user *u)
{
	ads_event("logout", u->email);
}
EOF
run check -p build --baseline base.json --format json
expect "a new sink call: exit 1 with only the new finding" 1 'len(d["findings"])' 1 \
	'd["findings"][0]["sink"]["function"]' on_logout 'd["findings"][0]["sink"]["line"]' 20 \
	'd["summary"]["baselined"]' 2
run check -p build --baseline base.json
expect_text "the new finding in the text report" 1 \
	'src/login\.c:20:[0-9]+: error: .*ads_event.*\[pii-to-advertising\]'

# The same call twice where the baseline recorded it once: the later is new.
sed -i 's/^  stats_count(/  ads_event("again", u->email);\n  stats_count(/' "$proj/src/login.c"
run check -p build --baseline base.json --format json
expect "a second identical call is new (multiset)" 1 'len(d["findings"])' 2 \
	'sorted(f["sink"]["line"] for f in d["findings"])' '[15, 21]'

# A new source and a new category are new findings.
cat >"$proj/src/login.c" <<'EOF'
#include "user.h"

void on_login(const struct user *u)
{
	ads_event("login", u->email);
	stats_count(u->id);
	ads_event("id", (const char *)&u->id);
}
EOF
run check -p build --baseline base.json --format json
expect "a new category into the same sink is new" 1 'len(d["findings"])' 1 \
	'd["findings"][0]["category"]' user.unique_id.pseudonymous

run check -p build --baseline missing.json
expect_text "a missing baseline: exit 2 naming it" 2 'missing\.json: error: cannot read baseline'
printf '{"piiflow_baseline": 1,\n "findings": [{"fingerprint": 7}]}\n' >bad-base.json
run check -p build --baseline bad-base.json
expect_text "a malformed baseline: exit 2 naming file and entry" 2 \
	'bad-base\.json:2:[0-9]+: error: at findings\[0\]\.fingerprint'

# ---- consent: every form, through config, baseline and suppressions --------

cons="$tmp/consent"
mkdir -p "$cons"
printf '{"policy": {"advertising": "error", "analytics": "warning"}}\n' >"$cons/.piiflow.json"
printf '{"piiflow_baseline": 1, "findings": []}\n' >"$cons/empty-base.json"
for case_file in "$src"/tests/cases/consent/*.c; do
	name="consent/$(basename "$case_file" .c)"
	cp "$case_file" "$cons/"
	(cd "$cons" && "$piiflow" check --format json --baseline empty-base.json \
		"$(basename "$case_file")" -- -I"$(dirname "$case_file")" >"$out" 2>"$err") || true
	if python3 - "$cons/$(basename "$case_file")" "$out" <<'EOF'; then
import json, re, sys
src, report = sys.argv[1], json.load(open(sys.argv[2]))
want_acc, want_found = [], []
for n, line in enumerate(open(src), 1):
    m = re.search(r"//\s*expect-accepted:\s*(.*)", line)
    if m:
        want_acc += [n] * len(m.group(1).split(","))
    m = re.search(r"//\s*expect:\s*(.*)", line)
    if m:
        want_found += [n] * len(m.group(1).split(","))
got_acc = sorted(a["sink"]["line"] for a in report["accepted"] if a["accepted_by"] == "consent")
got_found = sorted(f["sink"]["line"] for f in report["findings"])
ok = got_acc == sorted(want_acc) and got_found == sorted(want_found)
ok = ok and report["summary"]["consented"] == len(want_acc)
if not ok:
    print("accepted %s want %s; findings %s want %s" % (got_acc, want_acc, got_found, want_found))
sys.exit(0 if ok else 1)
EOF
		ok "$name: consented flows accepted, the others reported"
	else
		fail "$name" "consent verdicts differ"
	fi
done

# ---- the config ------------------------------------------------------------

cat >"$proj/src/login.c" <<'EOF'
#include "user.h"

void on_login(const struct user *u)
{
	ads_event("login", u->email);
	stats_count(u->id);
}
EOF
cat >"$proj/.piiflow.json" <<'EOF'
{
  "build_dir": "build",
  "policy": {"analytics": "warning"}
}
EOF
cd "$proj/src/sub"
run check --format json
expect "found from a subdirectory: build_dir and policy apply" 1 'len(d["findings"])' 2 \
	'sorted(f["severity"] for f in d["findings"])' "['error', 'warning']"
run check --no-config -p ../../build --format json
expect "--no-config: every purpose an error" 1 \
	'sorted(f["severity"] for f in d["findings"])' "['error', 'error']"
cd "$proj"

printf '{"policy": {"advertising": "warning", "analytics": "warning"}}\n' >.piiflow.json
run check -p build
expect_text "every purpose a warning: exit 0" 0 'warning: .*\[pii-to-advertising\]'
run check -p build --fail-on warning
expect_text "the same with --fail-on warning: exit 1" 1 'warning: .*\[pii-to-analytics\]'

printf '{"policy": {"advertising": "off", "analytics": "off"}}\n' >.piiflow.json
run check -p build --format json
expect "every purpose off: nothing reported, exit 0" 0 'len(d["findings"])' 0

cat >.piiflow.json <<'EOF'
{"policy": {
  "advertising": "error",
  "analytics": {"default": "error", "categories": {"user.unique_id.pseudonymous": "off"}}
}}
EOF
run check -p build --format json
expect "pseudonymous ids allowed for analytics, not advertising" 1 'len(d["findings"])' 1 \
	'd["findings"][0]["rule"]' pii-to-advertising

printf '{\n  "build_dir": "build",\n  "polcy": {"advertising": "off"}\n}\n' >.piiflow.json
mkdir -p "$proj/src/sub"
cd "$proj/src/sub"
run check
expect_text "a malformed config: exit 2 naming file, key, line and column" 2 \
	"/\\.piiflow\\.json:3:3: error: at polcy: unknown key 'polcy' \\(did you mean 'policy'\\?\\)"
cd "$proj"
printf '{"policy": {"advertising": "err"}}\n' >.piiflow.json
run check -p build
expect_text "a bad severity: exit 2 naming the key" 2 '\.piiflow\.json:1:28: error: at policy\.advertising'
run check -p build --config other.json
expect_text "--config FILE that does not exist: exit 2" 2 'other\.json: error: cannot read config'

# Rules from the config, relative to the config's directory.
mkdir -p tools
cat >tools/inhouse.json <<'EOF'
{"piiflow_rules": 1, "name": "inhouse",
 "sinks": [{"function": "crm_push", "purpose": "marketing"}]}
EOF
cat >>src/login.c <<'EOF'

void crm_push(const char *s);
void on_signup(const struct user *u)
{
	crm_push(u->email);
}
EOF
printf '{"rules": ["tools/inhouse.json"]}\n' >.piiflow.json
run check -p build --format json
expect "rules from the config" 1 '[f["rule"] for f in d["findings"]].count("pii-to-marketing")' 1
run rules list --no-default-rules
expect_text "rules list shows the config's rules" 0 "inhouse\\.json: pack 'inhouse'" \
	'^  sink        crm_push: every argument -> marketing$' '^1 file, 1 entry$'

# Excluded paths are not reported; data is still followed through them.
cat >vendor/sdk.c <<'EOF'
#include "user.h"
void vendor_hook(const struct user *u)
{
	ads_event("vendor", u->email);
}
EOF
write_compdb "$proj" src/login.c vendor/sdk.c
printf '{}\n' >.piiflow.json
run check -p build --format json
expect "without exclude: the vendor file is reported" 1 \
	'sorted(set(f["sink"]["file"] for f in d["findings"]))' "['src/login.c', 'vendor/sdk.c']"
printf '{"exclude": ["vendor/**"]}\n' >.piiflow.json
run check -p build --format json
expect "exclude: the vendor file is not reported, but still analyzed" 1 \
	'sorted(set(f["sink"]["file"] for f in d["findings"]))' "['src/login.c']" \
	'd["summary"]["translation_units"]' 2
rm .piiflow.json

# ---- the path filter of -p runs ---------------------------------------------

run check -p build --format json vendor
expect "-p with a PATH: only findings under it" 1 \
	'sorted(set(f["sink"]["file"] for f in d["findings"]))' "['vendor/sdk.c']"
run check -p build --format json src/user.h
expect "-p with the header of the sources: every flow from it" 1 'len(d["findings"])' 3 \
	'd["summary"]["translation_units"]' 2
run check -p build --format json src/sub
expect_text "-p with a PATH that no unit reads: an input error, not a silent pass" 2 \
	'src/sub: no translation unit of the compile database reads it'

# ---- suppressions ------------------------------------------------------------

write_compdb "$proj" src/login.c
cat >src/login.c <<'EOF'
#include "user.h"

void on_login(const struct user *u)
{
	// piiflow-allow(pii-to-advertising): partner contract ADS-12, reviewed by privacy
	ads_event("login", u->email);
	stats_count(u->id); /* piiflow-allow(pii-to-analytics) */
	/* piiflow-allow(pii-to-marketing): no marketing call here any more */
}
EOF
run check -p build --format json
expect "a suppression with a reason accepts the finding" 1 \
	'[(a["sink"]["line"], a["accepted_by"], a["reason"]) for a in d["accepted"]]' \
	"[(6, 'suppression', 'partner contract ADS-12, reviewed by privacy')]" \
	'd["summary"]["suppressed"]' 1
expect "a suppression without a reason suppresses nothing" 1 \
	'[(f["sink"]["line"], f["rule"]) for f in d["findings"]]' "[(7, 'pii-to-analytics')]" \
	'[(x["line"], x["rule"]) for x in d["diagnostics"] if x["rule"] == "invalid-suppression"]' \
	"[(7, 'invalid-suppression')]"
expect "a suppression matching nothing is unused-suppression" 1 \
	'[(x["line"], x["column"], x["severity"]) for x in d["diagnostics"] if x["rule"] == "unused-suppression"]' \
	"[(8, 5, 'warning')]"
run check -p build
expect_text "the text report names both" 1 \
	"src/login\\.c:8:5: warning: suppression 'piiflow-allow\\(pii-to-marketing\\)' matches no finding.*\\[unused-suppression\\]" \
	'src/login\.c:7:[0-9]+: warning: .*has no reason.*\[invalid-suppression\]'
sed -i 's|/\* piiflow-allow(pii-to-analytics) \*/|/* piiflow-allow(pii-to-analytics): aggregate counts only */|; /no marketing call/d' src/login.c
run check -p build --format json
expect "every finding suppressed with reasons: exit 0, no diagnostics" 0 'len(d["findings"])' 0 \
	'd["summary"]["suppressed"]' 2 'len(d["diagnostics"])' 0
run check -p build --fail-on warning
expect_text "and nothing left for --fail-on warning" 0

# ---- piiflow rules ------------------------------------------------------------

run rules check tools/inhouse.json
expect_text "rules check: a good file" 0 '^tools/inhouse\.json: ok \(1 entry\)$'
printf '{"piiflow_rules": 1, "name": "bad",\n "sinks": [{"function": "f", "purpose": "Ads"}]}\n' >bad-rules.json
run rules check bad-rules.json
expect_text "rules check: a bad file, exit 2 with the loader's error" 2 \
	'bad-rules\.json:2:[0-9]+: error: at sinks\[0\]\.purpose'
run rules list
expect_text "rules list: the shipped packs" 0 '\(shipped\)$' '^  sink        ' '^[0-9]+ files, [0-9]+ entries$'
run rules list --no-default-rules --rules tools/inhouse.json
expect_text "rules list --no-default-rules --rules FILE: that file only" 0 \
	"^tools/inhouse\\.json: pack 'inhouse'$" '^1 file, 1 entry$'

echo "$passed passed, $failed failed"
((failed == 0))
