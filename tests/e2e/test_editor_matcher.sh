#!/usr/bin/env bash
# SPEC section 5 promises that the text format is the compiler's, which every
# editor reads. This holds it to the regular expression that VS Code applies
# for "problemMatcher": "$gcc" (the matcher of the C/C++ extension,
# ms-vscode.cpptools, copied verbatim): on the golden cases, every finding
# and diagnostic of the JSON report must come out of the text report as
# exactly one problem with the same file, line, column and severity, the
# message must carry the rule, and no note line may be taken for a problem.
# It then runs the tasks of ci/vscode/tasks.json as VS Code would (variables
# substituted, in the workspace folder) on a small project and checks that
# their output gives problems whose files exist in the workspace.
#
# Usage: bash tests/e2e/test_editor_matcher.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" python3
proj="$tmp/workspace"
sample_write "$proj"
sample_session_bad "$proj"
sample_legacy "$proj"
sample_compdb "$proj" "$proj/build"

python3 - "$piiflow" "$src" "$proj" <<'EOF'
import glob, json, os, re, subprocess, sys

piiflow, src, workspace = sys.argv[1:4]

# The "gcc" problem matcher of ms-vscode.cpptools (Extension/package.json):
# file 1, line 2, column 3, severity 4, message 5; fileLocation
# ["autoDetect", "${cwd}"].
GCC = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
# Groups of golden cases tried: single files and multi-file programs, with
# traces that cross functions, macros, library calls and files.
GROUPS = ["basics", "libc", "macros", "programs"]
DIRECTIVE = re.compile(r"piiflow-(args|flags)\s*:")

passed = failed = 0

def ok(name):
    global passed
    passed += 1
    print("ok   - " + name)

def fail(name, detail=""):
    global failed
    failed += 1
    print("FAIL - " + name + (": " + detail if detail else ""))

def run(args, cwd):
    p = subprocess.run([piiflow] + args, cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def problems(text):
    """What VS Code's matcher makes of TEXT: (file, line, column, severity, message)."""
    out = []
    for line in text.splitlines():
        m = GCC.match(line)
        if m:
            out.append((m.group(1), int(m.group(2)),
                        int(m.group(3)) if m.group(3) else 0, m.group(4), m.group(5)))
    return out

def expected(report):
    """The problems the JSON report says the text must show."""
    out = []
    for f in report.get("findings", []):
        s = f["sink"]
        out.append((s["file"], s["line"], s["column"], f["severity"], f["rule"]))
    for d in report.get("diagnostics", []):
        out.append((d["file"], d["line"], d["column"], d["severity"], d["rule"]))
    return sorted(out)

cases = []
for group in GROUPS:
    for entry in sorted(glob.glob(os.path.join(src, "tests", "cases", group, "*"))):
        if os.path.isdir(entry):
            files = sorted(glob.glob(os.path.join(entry, "*.c")))
            inc = entry
        elif entry.endswith(".c"):
            files, inc = [entry], os.path.dirname(entry)
        else:
            continue
        if not files:
            continue
        heads = "".join(open(f, encoding="utf-8", errors="replace").read(2000) for f in files)
        if DIRECTIVE.search(heads):
            continue  # cases that need extra arguments are the golden runner's
        cases.append((os.path.relpath(entry, src), [os.path.relpath(f, src) for f in files], inc))

total_problems = 0
for name, files, inc in cases:
    args = ["--fail-on", "never"] + files + ["--", "-I" + inc]
    rc_text, text, err_text = run(["check", "--format", "text"] + args, src)
    rc_json, js, err_json = run(["check", "--format", "json"] + args, src)
    if rc_text != 0 or rc_json != 0:
        fail(name, "piiflow exited %d/%d: %s" % (rc_text, rc_json,
                                                 (err_text or err_json).strip()[:300]))
        continue
    try:
        report = json.loads(js)
    except ValueError as e:
        fail(name, "JSON report does not parse: %s" % e)
        continue
    want = expected(report)
    got = problems(text)
    # every line that the matcher takes must be a finding or a diagnostic
    # line of piiflow's (the rule in brackets), never a note
    strays = [p for p in got if not re.search(r"\[[a-z][a-z0-9_-]*\]$", p[4])]
    got_keys = sorted((p[0], p[1], p[2], p[3], re.search(r"\[([a-z][a-z0-9_-]*)\]$", p[4]).group(1))
                      for p in got if p not in strays)
    notes = [l for l in text.splitlines() if ": note: " in l]
    why = []
    if strays:
        why.append("lines taken for problems that are not piiflow's: %r" % strays[:2])
    if got_keys != want:
        why.append("matcher gives %r, JSON has %r" % (got_keys[:3], want[:3]))
    for p in got:
        if not os.path.isfile(os.path.join(src, p[0])):
            why.append("file %r does not exist relative to the working directory" % p[0])
            break
    if any(GCC.match(l) for l in notes):
        why.append("a note line matches the problem pattern")
    if why:
        fail(name, "; ".join(why))
    else:
        total_problems += len(got)
        ok("%s: %d problem(s), %d note(s)" % (name, len(got), len(notes)))

if total_problems < 30:
    fail("the golden cases gave only %d problems; the check needs findings to mean anything"
         % total_problems)
else:
    ok("%d problems parsed with file, line, column, severity and message across %d cases"
       % (total_problems, len(cases)))

# ---- ci/vscode/tasks.json --------------------------------------------------
try:
    with open(os.path.join(src, "ci", "vscode", "tasks.json"), encoding="utf-8") as f:
        tasks = json.load(f)
    ok("ci/vscode/tasks.json parses")
except (OSError, ValueError) as e:
    fail("ci/vscode/tasks.json parses", str(e))
    tasks = {"tasks": []}
if not tasks.get("tasks"):
    fail("ci/vscode/tasks.json has tasks")
current = os.path.join(workspace, "src", "session.c")
variables = {"${workspaceFolder}": workspace, "${file}": current, "${cwd}": workspace}

def subst(s):
    for k, v in variables.items():
        s = s.replace(k, v)
    return s

for task in tasks.get("tasks", []):
    label = task.get("label", "?")
    if task.get("problemMatcher") != "$gcc":
        fail("task %r uses the $gcc problem matcher" % label, repr(task.get("problemMatcher")))
        continue
    if task.get("command") != "piiflow":
        fail("task %r runs piiflow" % label, repr(task.get("command")))
        continue
    args = [subst(a) for a in task.get("args", [])]
    cwd = subst(task.get("options", {}).get("cwd", "${workspaceFolder}"))
    rc, out, err = run(args, cwd)
    got = problems(out)
    why = []
    if rc != 0:
        why.append("exit %d (a task that fails on findings hides nothing, but the "
                   "shipped tasks use --fail-on never): %s" % (rc, err[:200]))
    if not got:
        why.append("no problem parsed from: %r" % out[:300])
    for p in got:
        # autoDetect: relative names are tried against ${cwd}
        path = p[0] if os.path.isabs(p[0]) else os.path.join(cwd, p[0])
        if not os.path.isfile(path):
            why.append("problem file %r is not in the workspace" % p[0])
    if "${file}" in task.get("args", []) and any(p[0].endswith("legacy.c") for p in got):
        why.append("the current-file task reports src/legacy.c, which is not the file")
    if err.strip():
        why.append("stderr is not empty (progress?): %r" % err[:200])
    if why:
        fail("task %r" % label, "; ".join(why))
    else:
        ok("task %r: %d problem(s) at %s" % (label, len(got),
                                             ", ".join("%s:%d:%d" % p[:3] for p in got)))

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
