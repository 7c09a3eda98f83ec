#!/usr/bin/env python3
"""Golden-case runner: checks piiflow's JSON output against the expectations
written as comments in the C files under tests/cases.

A case is either one C file, tests/cases/GROUP/NAME.c (headers next to it are
only includes), or a multi-file program, a directory tests/cases/GROUP/NAME/
whose .c files form one program through a generated compile_commands.json.

Expectations sit in comments on the line a finding is reported at:

    // expect: RULE[(CATEGORY)][, RULE[(CATEGORY)]...]
    /* expect: RULE[(CATEGORY)] */
    // expect-accepted: RULE[(CATEGORY)] by ACCEPTED_BY[, ...]
    // expect-accepted: RULE[(CATEGORY)] by consent(FUNCTION[:LINE])
    // expect-none                       (first 10 lines: a case with no finding)

and directives in the first 10 lines of a file:

    // piiflow-args: ARGS      extra arguments to `piiflow check` ({dir} is the
                               case's directory), split like a shell does
    // piiflow-flags: FLAGS    compiler flags after `--` (for programs: added to
                               every compile command)

`expect:` is matched against findings[] and diagnostics[], `expect-accepted:`
against accepted[], by (file, line, rule[, category][, accepted_by]);
`by consent(FUNCTION)` also wants the accepted finding to name FUNCTION as
the consent check that accepted it (`consent_function`), and `:LINE` the
line of that check in the same file. A
finding is one sink call listing every category that reaches it (its
sources[]): RULE(CATEGORY) matches a finding of that rule whose sources
include CATEGORY, several expectations of one rule with different
categories on a line are met by one finding, and a category of a finding
that no expectation names fails the case. Every expectation must be met and
nothing else may be reported. The exit code must
be 1 when findings[] holds an error, else 0.

Usage: run_cases.py --piiflow BINARY CASES_DIR [FILTER...] [--exact] [--verbose]
Standard library only: CTest runs it on bare CI images.
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

HEAD_LINES = 10  # directives and expect-none live in the first lines

COMMENT_RE = re.compile(r"(?://|/\*)\s*(expect|expect-accepted)\s*:\s*(.*?)\s*(?:\*/|$)")
NONE_RE = re.compile(r"(?://|/\*)\s*expect-none\b")
DIRECTIVE_RE = re.compile(r"(?://|/\*)\s*piiflow-(args|flags)\s*:\s*(.*?)\s*(?:\*/|$)")
RULE_RE = r"[a-z][a-z0-9_-]*"
CATEGORY_RE = r"[A-Za-z0-9_.-]+"
ITEM_RE = re.compile(r"^(%s)(?:\((%s)\))?$" % (RULE_RE, CATEGORY_RE))
ACCEPTED_ITEM_RE = re.compile(r"^(%s)(?:\((%s)\))?\s+by\s+([a-z]+)"
                              r"(?:\(([A-Za-z_][A-Za-z0-9_]*)(?::([0-9]+))?\))?$"
                              % (RULE_RE, CATEGORY_RE))


class CaseError(Exception):
    """A case that is written wrongly (bad expectation syntax and the like)."""


class Case:
    def __init__(self, name, kind, path):
        self.name = name  # "basics/var_source" or "programs/ringbuf"
        self.kind = kind  # "file" or "program"
        self.path = os.path.realpath(path)
        self.dir = self.path if kind == "program" else os.path.dirname(self.path)

    def sources(self):
        """Files whose expectations count, and which of them are .c files."""
        if self.kind == "file":
            return [self.path]
        return sorted(
            os.path.join(self.dir, f)
            for f in os.listdir(self.dir)
            if f.endswith((".c", ".h")) and os.path.isfile(os.path.join(self.dir, f))
        )

    def c_files(self):
        return [f for f in self.sources() if f.endswith(".c")]


def discover(root, filters, exact=False):
    """Cases under root, sorted by name, keeping those matching a filter (with
    exact, those named by one)."""
    cases = []
    for group in sorted(os.listdir(root)):
        gdir = os.path.join(root, group)
        if not os.path.isdir(gdir):
            continue
        for entry in sorted(os.listdir(gdir)):
            p = os.path.join(gdir, entry)
            if os.path.isdir(p):
                if any(f.endswith(".c") for f in os.listdir(p)):
                    cases.append(Case("%s/%s" % (group, entry), "program", p))
            elif entry.endswith(".c"):
                cases.append(Case("%s/%s" % (group, entry[:-2]), "file", p))
    if filters:
        if exact:
            cases = [c for c in cases if c.name in filters]
        else:
            cases = [c for c in cases if any(_matches(c.name, f) for f in filters)]
    return cases


def _matches(name, pattern):
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return pattern in name


def parse_expectations(case):
    """Returns (expected, accepted, expect_none, args, flags).

    expected: list of (file, line, rule, category-or-None)
    accepted: list of (file, line, rule, category-or-None, accepted_by,
                       consent-function-or-None, consent-line-or-None)
    """
    expected, accepted, args, flags = [], [], [], []
    expect_none = False
    for path in case.sources():
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        for lineno, text in enumerate(lines, start=1):
            head = lineno <= HEAD_LINES
            if head and NONE_RE.search(text):
                expect_none = True
            if head and path.endswith(".c"):
                for kind, value in DIRECTIVE_RE.findall(text):
                    value = value.replace("{dir}", case.dir)
                    try:
                        words = shlex.split(value)
                    except ValueError as e:
                        raise CaseError("%s:%d: bad piiflow-%s: %s" % (path, lineno, kind, e))
                    (args if kind == "args" else flags).extend(words)
            for kind, body in COMMENT_RE.findall(text):
                items = [i.strip() for i in body.split(",")]
                if not items or any(not i for i in items):
                    raise CaseError("%s:%d: empty item in '%s:'" % (path, lineno, kind))
                for item in items:
                    if kind == "expect":
                        m = ITEM_RE.match(item)
                        if not m:
                            raise CaseError("%s:%d: cannot read expectation '%s' "
                                            "(want RULE or RULE(category))"
                                            % (path, lineno, item))
                        expected.append((path, lineno, m.group(1), m.group(2)))
                    else:
                        m = ACCEPTED_ITEM_RE.match(item)
                        if not m:
                            raise CaseError("%s:%d: cannot read expectation '%s' "
                                            "(want RULE[(category)] by WHAT"
                                            "[(FUNCTION[:LINE])])"
                                            % (path, lineno, item))
                        cline = int(m.group(5)) if m.group(5) else None
                        accepted.append((path, lineno, m.group(1), m.group(2), m.group(3),
                                         m.group(4), cline))
    if expect_none and (expected or accepted):
        raise CaseError("%s: marked expect-none but has expectations" % case.name)
    if not expect_none and not expected and not accepted:
        raise CaseError("%s: no expectation and no '// expect-none' in its first %d lines"
                        % (case.name, HEAD_LINES))
    return expected, accepted, expect_none, args, flags


def build_command(case, binary, args, flags, tmpdir):
    cmd = [binary, "check", "--format", "json"] + args
    if case.kind == "file":
        return cmd + [case.path, "--", "-I" + case.dir] + flags
    entries = [
        {
            "directory": case.dir,
            "arguments": ["cc", "-I" + case.dir] + flags + ["-c", f],
            "file": f,
        }
        for f in case.c_files()
    ]
    with open(os.path.join(tmpdir, "compile_commands.json"), "w") as out:
        json.dump(entries, out, indent=2)
    return cmd + ["-p", tmpdir]


def _abs(cwd, path):
    if not isinstance(path, str) or not path:
        return None
    return os.path.realpath(os.path.join(cwd, path))


def _int(v):
    return v if isinstance(v, int) else None


def _categories(f):
    """The categories of a finding: those of its sources, else its own."""
    cats = [s.get("category") for s in f.get("sources") or [] if isinstance(s, dict)]
    cats = [c for c in cats if isinstance(c, str)]
    if not cats and isinstance(f.get("category"), str):
        cats = [f["category"]]
    return tuple(sorted(set(cats)))


def actual_items(report, cwd):
    """(found, accepted) in the shapes of parse_expectations' lists, with
    the tuple of the categories that reach a finding in place of one
    category (empty for a diagnostic)."""
    found, accepted = [], []
    for f in report.get("findings") or []:
        sink = f.get("sink") or {}
        found.append((_abs(cwd, sink.get("file")), _int(sink.get("line")),
                      f.get("rule"), _categories(f)))
    for d in report.get("diagnostics") or []:
        found.append((_abs(cwd, d.get("file")), _int(d.get("line")), d.get("rule"), ()))
    for a in report.get("accepted") or []:
        sink = a.get("sink") or {}
        consent = a.get("consent") if isinstance(a.get("consent"), dict) else {}
        accepted.append((_abs(cwd, sink.get("file")), _int(sink.get("line")),
                         a.get("rule"), _categories(a), a.get("accepted_by"),
                         a.get("consent_function"), _int(consent.get("line"))))
    return found, accepted


def match(expected, actual, key_len):
    """Matches expectations to findings, one finding per sink call listing
    every category that reaches it. Element [3] of an expectation is its
    category (None: any), of a finding the tuple of its categories. A
    finding at a line meets the expectations of its rule whose categories
    it holds, one each (several expectations of one rule with different
    categories on a line are one finding); every category of it must be
    expected, unless a finding none of whose categories is expected takes
    one expectation without a category. Returns (missing, extra); an extra
    item names the categories nobody expected."""
    def key(item):
        return item[:3] + item[4:key_len]

    unused = list(expected)
    extra = []
    covered = []
    for a in actual:
        got = set()
        for cat in a[3]:
            for i, e in enumerate(unused):
                if e[3] == cat and key(e) == key(a):
                    got.add(cat)
                    del unused[i]
                    break
        covered.append(got)
    for a, got in zip(actual, covered):
        if not got:
            hit = next((i for i, e in enumerate(unused) if e[3] is None and key(e) == key(a)),
                       None)
            if hit is not None:
                del unused[hit]
                continue
        left = [c for c in a[3] if c not in got]
        if left or not got:
            extra.append(a[:3] + (", ".join(left) or None,) + a[4:key_len])
    return unused, extra


def consent_problems(want, actual, root):
    """Expectations `by consent(FUNCTION[:LINE])` whose accepted finding
    (same file, line, rule and accepted_by) names another check."""
    problems = []
    for w in want:
        if w[5] is None:
            continue
        same = [a for a in actual if a[:3] == w[:3] and a[4] == w[4]]
        if any(a[5] == w[5] and (w[6] is None or a[6] == w[6]) for a in same):
            continue
        named = ", ".join("%s:%s" % (a[5], a[6]) for a in same) or "nothing"
        problems.append("accepted %s names the consent check %s, expected %s%s"
                        % (describe(w, root, True), named, w[5],
                           ":%d" % w[6] if w[6] is not None else ""))
    return problems


def describe(item, root, accepted=False):
    path, line, rule, cat = item[:4]
    where = os.path.relpath(path, root) if path else "<no file>"
    text = "%s:%s: %s" % (where, line if line is not None else "?", rule)
    if cat:
        text += "(%s)" % cat
    if accepted:
        text += " by %s" % item[4]
    return text


def run_case(case, opts):
    """Returns (ok, lines of explanation)."""
    try:
        expected, want_accepted, _, args, flags = parse_expectations(case)
    except (CaseError, OSError) as e:
        return False, ["bad case: %s" % e]
    with tempfile.TemporaryDirectory(prefix="piiflow-case-") as tmpdir:
        cmd = build_command(case, opts.piiflow, args, flags, tmpdir)
        try:
            proc = subprocess.run(cmd, cwd=case.dir, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=opts.timeout)
        except subprocess.TimeoutExpired:
            return False, ["timed out after %ss: %s" % (opts.timeout, shlex.join(cmd))]
        except OSError as e:
            return False, ["cannot run %s: %s" % (opts.piiflow, e)]
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    stdout = proc.stdout.decode("utf-8", "replace")
    notes = []
    if opts.verbose:
        notes.append("command: %s" % shlex.join(cmd))
    if proc.returncode < 0:
        return False, notes + ["killed by signal %d" % -proc.returncode] + _tail(stderr)
    if proc.returncode not in (0, 1):
        return False, notes + ["exit code %d" % proc.returncode] + _tail(stderr)
    try:
        report = json.loads(stdout)
        if not isinstance(report, dict):
            raise ValueError("top level is not an object")
        found, accepted = actual_items(report, case.dir)
    except (ValueError, AttributeError, TypeError) as e:
        return False, notes + ["output is not piiflow JSON: %s" % e] + _tail(stdout) + _tail(stderr)

    problems = []
    missing, extra = match(expected, found, 4)
    amissing, aextra = match(want_accepted, accepted, 5)
    for m in missing:
        problems.append("missing: %s" % describe(m, opts.root))
    for m in amissing:
        problems.append("missing accepted: %s" % describe(m, opts.root, True))
    for x in extra:
        problems.append("extra: %s" % describe(x, opts.root))
    for x in aextra:
        problems.append("extra accepted: %s" % describe(x, opts.root, True))
    if not amissing:
        problems += consent_problems(want_accepted, accepted, opts.root)
    errors = [f for f in report.get("findings") or [] if f.get("severity") == "error"]
    want_rc = 1 if errors else 0
    if proc.returncode != want_rc:
        problems.append("exit code %d, expected %d (%d error finding(s))"
                        % (proc.returncode, want_rc, len(errors)))
    if problems and stderr and opts.verbose:
        problems += _tail(stderr)
    return not problems, notes + problems


def _tail(text, n=8):
    lines = [l for l in text.splitlines() if l.strip()]
    if len(lines) > n:
        lines = ["..."] + lines[-n:]
    return ["  | " + l for l in lines]


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run piiflow's golden cases.")
    ap.add_argument("--piiflow", required=True, help="path to the piiflow binary")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="print passing cases and the commands run")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds per case; only catches a hang (a case takes seconds)")
    ap.add_argument("--exact", action="store_true",
                    help="FILTERs are whole case names (CTest runs one case so)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="cases run in parallel")
    ap.add_argument("cases", help="the cases directory (tests/cases)")
    ap.add_argument("filters", nargs="*",
                    help="run only cases whose name (GROUP/NAME) contains one of "
                         "these, or matches it as a glob")
    opts = ap.parse_intermixed_args(argv)
    opts.root = os.path.realpath(opts.cases)
    opts.piiflow = os.path.abspath(opts.piiflow)

    if not os.path.isdir(opts.root):
        print("run_cases: %s is not a directory" % opts.cases, file=sys.stderr)
        return 2
    cases = discover(opts.root, opts.filters, opts.exact)
    if not cases:
        print("run_cases: no cases found under %s%s" % (
            opts.cases, " matching " + " ".join(opts.filters) if opts.filters else ""),
            file=sys.stderr)
        print("0 passed, 0 failed")
        return 1

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        results = list(pool.map(lambda c: run_case(c, opts), cases))

    passed = failed = 0
    for case, (ok, notes) in zip(cases, results):
        if ok:
            passed += 1
            if opts.verbose:
                print("PASS %s" % case.name)
                for n in notes:
                    print("    " + n)
        else:
            failed += 1
            print("FAIL %s: %s" % (case.name, "; ".join(
                n for n in notes if not n.startswith("  |") and not n.startswith("command:"))))
            for n in notes:
                if n.startswith("  |") or (opts.verbose and n.startswith("command:")):
                    print("    " + n)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
