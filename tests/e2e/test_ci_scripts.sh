#!/usr/bin/env bash
# SPEC section 6 promises a GitHub Actions workflow and a GitLab CI job that
# run piiflow on a CMake project and upload the SARIF. Their steps live in
# ci/run-ci.sh and ci/gitlab/codequality.py, so this runs those scripts here,
# on a tiny CMake project in a temporary folder, as the CI systems would: the
# script configures the project with cmake for its compile database, writes
# the SARIF report and GitLab's code-quality report, prints the text report
# and fails on findings. It then checks that the YAML files parse and call
# the scripts with the report names they upload, and that
# .pre-commit-hooks.yaml parses and names an executable entry.
#
# Usage: bash tests/e2e/test_ci_scripts.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout). Needs cmake, a C compiler (CMake's
# project() looks for one) and python3 with yaml (python3-yaml).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" cmake python3
unset PIIFLOW_BUILD_DIR PIIFLOW_CMAKE_ARGS
export PIIFLOW="$piiflow"
cd "$tmp" || exit 2

if ! python3 -c 'import yaml' 2>/dev/null; then
	fail "python3 cannot import yaml: install python3-yaml (scripts/bootstrap.sh --test)"
	echo "$passed passed, $failed failed"
	exit 1
fi

# ---- ci/run-ci.sh on a project with a flow ----------------------------------
proj="$tmp/project"
sample_write "$proj"
sample_session_bad "$proj"
mkdir -p "$tmp/reports"
rc=0
# Run from elsewhere with relative report paths: they are relative to where
# the script starts, the files in them relative to the project.
bash "$src/ci/run-ci.sh" --source-dir project --build-dir build --sarif reports/p.sarif \
	--json reports/p.json --codequality reports/cq.json --text >"$tmp/run.out" 2>&1 || rc=$?
if ((rc == 1)); then
	ok "run-ci.sh exits 1 on findings"
else
	fail "run-ci.sh exited $rc on a project with a flow, want 1"
	show "$tmp/run.out"
fi
if [[ -f "$proj/build/compile_commands.json" ]] && grep -q 'configuring' "$tmp/run.out"; then
	ok "it configures the project with cmake for its compile database"
else
	fail "no build/compile_commands.json after run-ci.sh"
fi
if grep -qE "^src/ads.c:6:2: error: personal data 'user.contact.email' reaches advertising sink 'ads_event' \(argument 2 'payload'\) \[pii-to-advertising\]" "$tmp/run.out"; then
	ok "the log shows the text report"
else
	fail "the log lacks the finding at src/ads.c:6:2"
	show "$tmp/run.out"
fi

# check_reports SARIF JSON CQ WANT: the three reports agree with each other
# and hold WANT findings; prints one "ok"/"FAIL" line per property.
check_reports() {
	python3 - "$@" <<'EOF'
import json, sys

sarif_path, json_path, cq_path, want = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def check(name, cond, detail=""):
    print(("ok   - " if cond else "FAIL - ") + name + ("" if cond else ": " + detail))

try:
    sarif = json.load(open(sarif_path, encoding="utf-8"))
    report = json.load(open(json_path, encoding="utf-8"))
    cq = json.load(open(cq_path, encoding="utf-8"))
except (OSError, ValueError) as e:
    check("the reports are written and parse", False, str(e))
    print("# end")
    sys.exit(0)
check("the reports are written and parse", True)

runs = sarif.get("runs", [])
results = runs[0].get("results", []) if runs else []
check("SARIF 2.1.0 with one run", sarif.get("version") == "2.1.0" and len(runs) == 1,
      "version %r, %d runs" % (sarif.get("version"), len(runs)))
# Flows that consent accepted are results too, with a suppression, so that
# code scanning shows them as dismissed rather than not at all.
open_results = [r for r in results if not r.get("suppressions")]
check("SARIF holds %d results without a suppression" % want, len(open_results) == want,
      "%d of %d results" % (len(open_results), len(results)))
for r in results:
    loc = r["locations"][0]["physicalLocation"]
    art = loc["artifactLocation"]
    check("SARIF result %s: relative uri with a uriBaseId" % r.get("ruleId"),
          not art["uri"].startswith(("/", "file:")) and art.get("uriBaseId") == "%SRCROOT%",
          json.dumps(art))
    check("SARIF result %s: partialFingerprints" % r.get("ruleId"),
          bool(r.get("partialFingerprints")), json.dumps(r.get("partialFingerprints")))

findings = report.get("findings", [])
diagnostics = report.get("diagnostics", [])
check("JSON holds %d findings" % want, len(findings) == want, "%d findings" % len(findings))
check("code quality: an array with one issue per finding and diagnostic",
      isinstance(cq, list) and len(cq) == len(findings) + len(diagnostics),
      "%s of %d" % (type(cq).__name__, len(cq) if isinstance(cq, list) else -1))
if not isinstance(cq, list):
    print("# end")
    sys.exit(0)
bad = []
for i, issue in enumerate(cq):
    try:
        ok = (isinstance(issue["description"], str) and issue["description"]
              and isinstance(issue["check_name"], str) and issue["check_name"]
              and isinstance(issue["fingerprint"], str) and issue["fingerprint"]
              and issue["severity"] in ("info", "minor", "major", "critical", "blocker")
              and isinstance(issue["location"]["path"], str)
              and isinstance(issue["location"]["lines"]["begin"], int))
    except (KeyError, TypeError):
        ok = False
    if not ok:
        bad.append(i)
check("code quality: every issue has GitLab's fields", not bad, "bad issues %s" % bad)
fps = [issue.get("fingerprint") for issue in cq if isinstance(issue, dict)]
check("code quality: fingerprints are unique", len(fps) == len(set(fps)), str(fps))
if findings and cq:
    f, issue = findings[0], cq[0]
    check("code quality: the issue sits at the sink, relative to the project",
          issue["location"]["path"] == f["sink"]["file"] == "src/ads.c"
          and issue["location"]["lines"]["begin"] == f["sink"]["line"],
          json.dumps(issue["location"]))
    check("code quality: check_name is the rule, severity critical for an error",
          issue["check_name"] == f["rule"] and issue["severity"] == "critical",
          "%s %s" % (issue["check_name"], issue["severity"]))
print("# end")
EOF
}

# tally NAME: counts the ok/FAIL lines a checker printed on stdin; a checker
# that stops before its last line ("# end") crashed, which is a failure too.
tally() {
	local line ended=0
	while IFS= read -r line; do
		case "$line" in
		"ok   - "*) passed=$((passed + 1)) ;;
		"FAIL - "*) failed=$((failed + 1)) ;;
		"# end")
			ended=1
			continue
			;;
		esac
		echo "$line"
	done
	if ((!ended)); then
		fail "$1 stopped early (see its error above)"
	fi
}

tally "the check of the reports" < <(check_reports "$tmp/reports/p.sarif" "$tmp/reports/p.json" "$tmp/reports/cq.json" 1)

# ---- the same project after the fix: exit 0, empty reports -------------------
sample_session_consent "$proj"
rm -f "$tmp/reports/"*
rc=0
(cd "$proj" && bash "$src/ci/run-ci.sh" --sarif "$tmp/reports/p.sarif" --json "$tmp/reports/p.json" \
	--codequality "$tmp/reports/cq.json") >"$tmp/run.out" 2>&1 || rc=$?
if ((rc == 0)) && ! grep -q 'configuring' "$tmp/run.out"; then
	ok "a clean project: exit 0, and the existing compile database is reused"
else
	fail "a clean project: run-ci.sh exited $rc, want 0 without configuring again"
	show "$tmp/run.out"
fi
if grep -q 'error:' "$tmp/run.out"; then
	fail "without --text the log has no report, but it shows an error line"
	show "$tmp/run.out"
else
	ok "without --text the log has no report"
fi
tally "the check of the clean reports" < <(check_reports "$tmp/reports/p.sarif" "$tmp/reports/p.json" "$tmp/reports/cq.json" 0)

# ---- failures -------------------------------------------------------------------
# expect_rc NAME WANT REGEX -- ARGS...: run-ci.sh ARGS in the project.
expect_rc() {
	local name="$1" want="$2" regex="$3" rc=0
	shift 4
	(cd "$proj" && bash "$src/ci/run-ci.sh" "$@") >"$tmp/run.out" 2>&1 || rc=$?
	if ((rc == want)) && grep -qE -- "$regex" "$tmp/run.out"; then
		ok "$name"
	else
		fail "$name: exit $rc, want $want and /$regex/"
		show "$tmp/run.out"
	fi
}
expect_rc "an input error of piiflow fails with 2, not as findings" 2 'no_such_rules\.json' \
	-- --text -- --rules no_such_rules.json
expect_rc "an unknown argument fails with 2" 2 "unknown argument '--bogus'" -- --bogus
mkdir -p "$tmp/nocmake/src"
cp "$proj/src/"* "$tmp/nocmake/src/"
rc=0
bash "$src/ci/run-ci.sh" --source-dir "$tmp/nocmake" >"$tmp/run.out" 2>&1 || rc=$?
if ((rc == 2)) && grep -q 'no CMakeLists.txt' "$tmp/run.out"; then
	ok "no compile database and no CMakeLists.txt: exit 2, saying what to do"
else
	fail "no database, no CMakeLists.txt: exit $rc, want 2"
	show "$tmp/run.out"
fi
rc=0
PIIFLOW=/nonexistent/piiflow bash "$src/ci/run-ci.sh" --source-dir "$proj" >"$tmp/run.out" 2>&1 || rc=$?
if ((rc == 2)) && grep -q 'piiflow not found' "$tmp/run.out"; then
	ok "no piiflow: exit 2"
else
	fail "no piiflow: exit $rc, want 2"
	show "$tmp/run.out"
fi

# ---- ci/gitlab/codequality.py on its own ---------------------------------------
cat >"$tmp/dup.json" <<EOF
{"version": 1, "findings": [
  {"rule": "pii-to-analytics", "severity": "warning", "message": "m",
   "source": {"file": "$tmp/src/a.h", "line": 2}, "fingerprint": "f1",
   "sink": {"file": "$tmp/src/a.c", "line": 10, "column": 2}},
  {"rule": "pii-to-analytics", "severity": "warning", "message": "m",
   "source": {"file": "$tmp/src/a.h", "line": 2}, "fingerprint": "f1",
   "sink": {"file": "$tmp/src/a.c", "line": 20, "column": 2}}],
 "diagnostics": [{"rule": "unknown-category", "severity": "warning", "file": "src/b.c",
   "line": 3, "column": 1, "message": "unknown personal-data category 'x'"}]}
EOF
out="$(python3 "$src/ci/gitlab/codequality.py" --root "$tmp" "$tmp/dup.json" 2>&1)"
if python3 -c '
import json, sys
cq = json.loads(sys.argv[1])
assert len(cq) == 3, cq
assert len({i["fingerprint"] for i in cq}) == 3, "fingerprints collide"
assert [i["location"]["path"] for i in cq] == ["src/a.c", "src/a.c", "src/b.c"], cq
assert [i["location"]["lines"]["begin"] for i in cq] == [10, 20, 3], cq
assert {i["severity"] for i in cq} == {"major"}, cq
' "$out" 2>"$tmp/py.err"; then
	ok "codequality.py: unique fingerprints for twin findings, paths relative to --root"
else
	fail "codequality.py on twin findings"
	sed 's/^/       | /' "$tmp/py.err"
	printf '%s\n' "$out" | sed -n '1,20s/^/       | /p'
fi
printf '{"version": 2}\n' >"$tmp/v2.json"
printf '{"version": 1, "findings": [{"rule": "x"}]}\n' >"$tmp/nosink.json"
printf '{"version": 1,\n' >"$tmp/broken.json"
for bad in v2 nosink broken missing; do
	rc=0
	python3 "$src/ci/gitlab/codequality.py" "$tmp/$bad.json" >"$tmp/run.out" 2>&1 || rc=$?
	if ((rc == 2)) && grep -q "$bad.json" "$tmp/run.out" && ! grep -q Traceback "$tmp/run.out"; then
		ok "codequality.py: a bad report ($bad) exits 2 naming the file"
	else
		fail "codequality.py on $bad.json: exit $rc, want 2 and the file name"
		show "$tmp/run.out"
	fi
done

# ---- the YAML files ------------------------------------------------------------------
yaml_checks() {
	python3 - "$src" <<'EOF'
import os, re, shlex, sys
import yaml

src = sys.argv[1]
def check(name, cond, detail=""):
    print(("ok   - " if cond else "FAIL - ") + name + ("" if cond else ": " + detail))

def load(rel):
    try:
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        check("%s parses" % rel, True)
        return doc
    except (OSError, yaml.YAMLError) as e:
        check("%s parses" % rel, False, str(e))
        return None

def scripts_of(command, prefix):
    """The ci/ scripts a step's command runs, as paths in the checkout."""
    words = shlex.split(command.replace("\n", " "))
    return [os.path.join(src, w[len(prefix):]) for w in words
            if w.startswith(prefix) and w.endswith((".sh", ".py"))]

def option(command, name):
    words = shlex.split(command.replace("\n", " "))
    return words[words.index(name) + 1] if name in words[:-1] else None

# GitHub Actions
gh = load("ci/github/piiflow.yml")
if isinstance(gh, dict):
    on = gh.get("on", gh.get(True))  # YAML 1.1 reads the key `on` as true
    check("github: runs on pull requests and pushes",
          isinstance(on, dict) and "pull_request" in on and "push" in on, repr(on))
    perms = gh.get("permissions", {})
    check("github: may write security events (upload-sarif)",
          perms.get("security-events") == "write", repr(perms))
    jobs = gh.get("jobs", {})
    steps = [s for j in jobs.values() for s in j.get("steps", [])]
    run_ci = [s for s in steps if "run-ci.sh" in s.get("run", "")]
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    check("github: one run-ci.sh step and one upload-sarif step",
          len(run_ci) == 1 and len(upload) == 1, "%d, %d" % (len(run_ci), len(upload)))
    if len(run_ci) == 1 and len(upload) == 1:
        step, up = run_ci[0], upload[0]
        sarif = option(step["run"], "--sarif")
        check("github: upload-sarif sends the file run-ci.sh writes",
              sarif and up.get("with", {}).get("sarif_file") == sarif,
              "%r vs %r" % (sarif, up.get("with")))
        check("github: the upload runs even when piiflow found something",
              step.get("continue-on-error") is True and "always()" in str(up.get("if", "")),
              "continue-on-error %r, if %r" % (step.get("continue-on-error"), up.get("if")))
        fail_steps = [s for s in steps if step.get("id") and
                      "steps.%s.outcome" % step["id"] in str(s.get("if", ""))
                      and "exit 1" in s.get("run", "")]
        check("github: a later step fails the job on findings", len(fail_steps) == 1,
              "steps %r" % [s.get("name") for s in steps])
    prefix = ".piiflow-src/"
    for s in steps:
        for path in scripts_of(s.get("run", ""), prefix):
            check("github: %s exists in the checkout" % os.path.relpath(path, src),
                  os.path.isfile(path), path)

# GitLab CI
gl = load("ci/gitlab/piiflow.gitlab-ci.yml")
if isinstance(gl, dict):
    job = gl.get("piiflow", {})
    script = " ".join(job.get("script", []))
    cq = option(script, "--codequality")
    sarif = option(script, "--sarif")
    art = job.get("artifacts", {})
    check("gitlab: the code-quality report run-ci.sh writes is the job's codequality report",
          cq and art.get("reports", {}).get("codequality") == cq, "%r vs %r" % (cq, art))
    check("gitlab: the SARIF report is an artifact", sarif and sarif in art.get("paths", []),
          "%r vs %r" % (sarif, art.get("paths")))
    check("gitlab: artifacts are kept when the job fails", art.get("when") == "always",
          repr(art.get("when")))
    for line in job.get("before_script", []) + job.get("script", []):
        for path in scripts_of(line, "/opt/piiflow-src/"):
            check("gitlab: %s exists in the checkout" % os.path.relpath(path, src),
                  os.path.isfile(path), path)

# pre-commit
hooks = load(".pre-commit-hooks.yaml")
if isinstance(hooks, list):
    hook = next((h for h in hooks if isinstance(h, dict) and h.get("id") == "piiflow"), None)
    check("pre-commit: a hook with id piiflow", hook is not None, repr(hooks))
    if hook:
        entry = os.path.join(src, hook.get("entry", ""))
        check("pre-commit: its entry is an executable file",
              os.path.isfile(entry) and os.access(entry, os.X_OK), entry)
        check("pre-commit: language script, filenames passed, one process",
              hook.get("language") == "script" and hook.get("pass_filenames") is True
              and hook.get("require_serial") is True, repr(hook))
        rx = re.compile(hook.get("files", "^$"))
        picked = [f for f in ("a.c", "src/b.h", "c.cc", "d.py", "e.hpp", "f.c.orig")
                  if rx.search(f)]
        check("pre-commit: files picks C sources and headers", picked == ["a.c", "src/b.h"],
              repr(picked))
print("# end")
EOF
}
tally "the check of the YAML files" < <(yaml_checks)

echo "$passed passed, $failed failed"
((failed == 0))
