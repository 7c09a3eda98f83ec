#!/usr/bin/env python3
"""Seeds, runs and scores the real-code accuracy benchmark (bench/accuracy/).

For each codebase PKG, bench/accuracy/PKG/ holds seed .c files, a header,
rules.json and seed.json ({"neighbour": SUFFIX}: the compile database entry
whose flags the seed files take). This script

1. copies PKG's compile database to PKG/accuracy/ in the bench cache, with one
   entry per seed file: the neighbour's directory and flags, less its source
   file and output options, plus -I for the annotations, the seed folder and
   the neighbour's directory;
2. runs `piiflow check -p COPY --rules rules.json --format json -jN` (cold:
   --no-cache, unless --keep-cache);
3. scores the report against the `// expect: RULE(CATEGORY)` comments of the
   seed files (the syntax of the golden cases, tests/cases/README.md):
   every expectation must be met by a finding at that file and line with that
   rule and category; every other finding, category or accepted entry
   anywhere in the program is a false finding, and every diagnostic (a
   parse error, an analysis-budget warning) is counted apart and fails the
   score too.

A finding that lists several source categories is scored once per category,
so a clean category arriving at a seeded sink counts as a false finding.
Prints a table (codebase, expected, found, missed, false, diagnostics, wall
and CPU seconds, peak RSS of the largest piiflow run so far), each miss and
false finding, and the first diagnostics. Exit 0 when every codebase is
exact, else 1.
Standard library only.
"""

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests"))
import run_cases  # noqa: E402  (expectation syntax and multiset matching)

DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD", "-MP"}
C_EXTENSIONS = (".c", ".h", ".i")


def entry_path(e):
    return os.path.normpath(os.path.join(e.get("directory", ""), e["file"]))


def entry_argv(e):
    if "arguments" in e:
        return list(e["arguments"])
    return shlex.split(e["command"])


def seed_entry(neighbour, seed_file, seed_dir):
    """The neighbour's compile command with seed_file in place of its file."""
    directory = neighbour.get("directory", "")
    own = entry_path(neighbour)
    argv = entry_argv(neighbour)
    out = [argv[0]]
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in DROP_WITH_VALUE:
            i += 2
            continue
        if a in DROP or os.path.normpath(os.path.join(directory, a)) == own:
            i += 1
            continue
        out.append(a)
        i += 1
    out += ["-I" + os.path.join(REPO, "annotations"), "-I" + seed_dir,
            "-I" + os.path.normpath(directory), "-c", seed_file]
    return {"directory": directory, "arguments": out, "file": seed_file}


def prepare(pkg, cache, work):
    """Writes work/compile_commands.json; returns (seed dir, seed files)."""
    seed_dir = os.path.join(HERE, pkg)
    with open(os.path.join(seed_dir, "seed.json")) as f:
        seed = json.load(f)
    with open(os.path.join(cache, pkg, "compile_commands.json")) as f:
        entries = json.load(f)
    suffix = "/" + seed["neighbour"].strip("/")
    neighbour = next((e for e in entries
                      if e.get("file", "").endswith(C_EXTENSIONS)
                      and entry_path(e).endswith(suffix)), None)
    if neighbour is None:
        sys.exit("accuracy: %s: no entry for %s in the compile database" % (pkg, seed["neighbour"]))
    seeds = sorted(os.path.join(seed_dir, f) for f in os.listdir(seed_dir) if f.endswith(".c"))
    entries = entries + [seed_entry(neighbour, s, seed_dir) for s in seeds]
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    return seed_dir, seeds


def expectations(seed_dir):
    expected = []
    for name in sorted(os.listdir(seed_dir)):
        if not name.endswith((".c", ".h")):
            continue
        path = os.path.join(seed_dir, name)
        with open(path, encoding="utf-8") as f:
            for lineno, text in enumerate(f.read().splitlines(), start=1):
                for kind, body in run_cases.COMMENT_RE.findall(text):
                    if kind != "expect":
                        sys.exit("accuracy: %s:%d: only 'expect:' is used here" % (path, lineno))
                    for item in (i.strip() for i in body.split(",")):
                        m = run_cases.ITEM_RE.match(item)
                        if not m or not m.group(2):
                            sys.exit("accuracy: %s:%d: want RULE(CATEGORY), got '%s'"
                                     % (path, lineno, item))
                        expected.append((os.path.realpath(path), lineno, m.group(1), m.group(2)))
    return expected


def actual(report, cwd):
    """Items (file, line, rule, categories, what) to score: one per finding
    (one finding per sink call, listing every category that reaches it)."""
    items = []

    def where(loc):
        return run_cases._abs(cwd, (loc or {}).get("file")), run_cases._int((loc or {}).get("line"))

    for f in report.get("findings") or []:
        sink = f.get("sink") or {}
        path, line = where(sink)
        cats = []
        for c in [f.get("category")] + [s.get("category") for s in f.get("sources") or []]:
            if c and c not in cats:
                cats.append(c)
        src = (f.get("sources") or [f.get("source") or {}])[0]
        what = "sink %s() argument %s in %s(); source '%s' at %s:%s" % (
            sink.get("callee"), sink.get("argument"), sink.get("function"),
            src.get("name"), "{%s}" % run_cases._abs(cwd, src.get("file")), src.get("line"))
        items.append((path, line, f.get("rule"), tuple(cats), what))
    for a in report.get("accepted") or []:
        sink = a.get("sink") or {}
        path, line = where(sink)
        items.append((path, line, a.get("rule"), (a.get("category"),),
                      "accepted by %s (sink %s())" % (a.get("accepted_by"), sink.get("callee"))))
    return items


def diagnostics(report, cwd):
    out = []
    for d in report.get("diagnostics") or []:
        out.append((run_cases._abs(cwd, d.get("file")), run_cases._int(d.get("line")),
                    d.get("rule"), None, d.get("message")))
    return out


def traces(report):
    """The traces of every finding and accepted flow: how many, how many are
    empty (SPEC section 5: never), how many take a step twice (a loop: a
    trace is meant to be the shortest), and the longest."""
    t = {"n": 0, "empty": 0, "looped": 0, "longest": 0}
    for f in (report.get("findings") or []) + (report.get("accepted") or []):
        for src in f.get("sources") or [f]:
            steps = [(x.get("file"), x.get("line"), x.get("column"), x.get("message"))
                     for x in src.get("trace") or []]
            t["n"] += 1
            t["empty"] += not steps
            t["looped"] += len(set(steps)) != len(steps)
            t["longest"] = max(t["longest"], len(steps))
    return t


def show(item, roots):
    path, line, rule, cat = item[:4]
    where = path or "<no file>"
    for r, base in roots:
        if path and path.startswith(r + os.sep):
            where = os.path.relpath(path, base)
            break
    text = "%s:%s: %s" % (where, line if line is not None else "?", rule)
    if cat:
        text += "(%s)" % cat
    if len(item) > 4 and item[4]:
        note = item[4]
        while "{" in note and "}" in note:  # a path to show like the others
            a, b = note.index("{"), note.index("}")
            note = note[:a] + show((note[a + 1:b], None, "", None), roots).rsplit(":", 2)[0] + note[b + 1:]
        text += "  [%s]" % note
    return text


def run_one(pkg, opts):
    work = os.path.join(opts.cache, pkg, "accuracy")
    seed_dir, seeds = prepare(pkg, opts.cache, work)
    expected = expectations(seed_dir)
    out = os.path.join(work, "report.json")
    if opts.rescore:
        res = {"codebase": pkg, "expected": len(expected), "found": 0, "missed": [],
               "false": [], "diagnostics": [], "seconds": "-", "cpu": "-", "rss_mib": "-",
               "exit": None, "error": None}
        return score(res, out, work, expected)
    if os.path.exists(out):
        os.remove(out)
    cmd = [opts.piiflow, "check", "-p", work, "--rules", os.path.join(seed_dir, "rules.json"),
           "--format", "json", "-o", out, "-j%d" % opts.jobs]
    if not opts.keep_cache:
        cmd.append("--no-cache")
    print("accuracy: %s: %d seed file(s), %d expectation(s): %s" % (
        pkg, len(seeds), len(expected), shlex.join(cmd)), file=sys.stderr, flush=True)
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.path.join(work, "stderr.log"), "wb") as err:
        proc = subprocess.run(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=err)
    seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    res = {"codebase": pkg, "expected": len(expected), "found": 0, "missed": [],
           "false": [], "diagnostics": [], "seconds": round(seconds, 1),
           "cpu": round(cpu, 1), "rss_mib": after.ru_maxrss // 1024,
           "exit": proc.returncode, "error": None}
    if proc.returncode not in (0, 1):
        res["error"] = "piiflow exited with %d (see %s)" % (proc.returncode,
                                                          os.path.join(work, "stderr.log"))
        res["missed"] = expected
        return res
    return score(res, out, work, expected)


def score(res, out, work, expected):
    try:
        with open(out) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        res["error"] = "no JSON report: %s" % e
        res["missed"] = expected
        return res
    items = actual(report, work)
    missing, extra = run_cases.match(expected, [i[:4] for i in items], 4)
    # give each false item back its description
    described, pool = [], list(items)
    for x in extra:
        # an extra names the categories nobody expected at that finding
        k = next(i for i, it in enumerate(pool) if it[:3] == x[:3])
        it = pool.pop(k)
        described.append(x[:4] + it[4:])
    res["found"] = len(expected) - len(missing)
    res["missed"] = missing
    res["false"] = described
    res["diagnostics"] = diagnostics(report, work)
    res["traces"] = traces(report)
    res["summary"] = report.get("summary")
    if res["seconds"] == "-":  # --rescore: the run's own figure
        res["seconds"] = (res["summary"] or {}).get("seconds", "-")
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--piiflow", required=True)
    ap.add_argument("--cache", required=True, help="the bench cache (bench/fetch.sh's folder)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep-cache", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--show-diagnostics", type=int, default=10, metavar="N",
                    help="diagnostics listed per codebase (default 10; all are counted)")
    ap.add_argument("--rescore", action="store_true",
                    help="score the report of the last run again, without running piiflow")
    ap.add_argument("packages", nargs="+", choices=["redis", "git", "curl"])
    opts = ap.parse_args()
    opts.piiflow = os.path.abspath(opts.piiflow)
    opts.cache = os.path.abspath(opts.cache)

    results = []
    for pkg in opts.packages:
        results.append(run_one(pkg, opts))

    # seed files shown from the repository, the codebases' from the cache
    roots = [(HERE, REPO)] + [(os.path.join(opts.cache, p), opts.cache) for p in opts.packages]
    print()
    print("| codebase | expected | found | missed | false | diagnostics | seconds | cpu seconds | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print("| %s | %d | %d | %d | %d | %d | %s | %s | %s |" % (
            r["codebase"], r["expected"], r["found"], len(r["missed"]), len(r["false"]),
            len(r["diagnostics"]), r["seconds"], r["cpu"], r["rss_mib"]))
    for r in results:
        t = r.get("traces")
        if t:
            print("\n%s: %d traces, %d empty, %d taking a step twice, the longest %d steps" % (
                r["codebase"], t["n"], t["empty"], t["looped"], t["longest"]))
    for r in results:
        if r["error"]:
            print("\n%s: %s" % (r["codebase"], r["error"]))
        if r["missed"]:
            print("\n%s: missed" % r["codebase"])
            for m in sorted(r["missed"]):
                print("  " + show(m, roots))
        if r["false"]:
            print("\n%s: false" % r["codebase"])
            for x in sorted(r["false"], key=lambda i: (i[0] or "", i[1] or 0, i[2] or "", i[3] or "")):
                print("  " + show(x, roots))
        if r["diagnostics"]:
            rules = {}
            for d in r["diagnostics"]:
                rules[d[2]] = rules.get(d[2], 0) + 1
            print("\n%s: diagnostics (%s); the first %d:" % (
                r["codebase"], ", ".join("%d %s" % (n, k) for k, n in sorted(rules.items())),
                min(len(r["diagnostics"]), opts.show_diagnostics)))
            for d in sorted(r["diagnostics"], key=lambda i: (i[0] or "", i[1] or 0))[:opts.show_diagnostics]:
                print("  " + show(d, roots))
    exact = all(not r["error"] and not r["missed"] and not r["false"] and not r["diagnostics"]
                and not (r.get("traces") or {}).get("empty")
                and not (r.get("traces") or {}).get("looped") for r in results)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump([{"codebase": r["codebase"], "expected": r["expected"], "found": r["found"],
                        "missed": len(r["missed"]), "false": len(r["false"]),
                        "diagnostics": len(r["diagnostics"]),
                        "seconds": r["seconds"], "cpu_seconds": r["cpu"], "rss_mib": r["rss_mib"],
                        "traces": r.get("traces"),
                        "error": r["error"]} for r in results], f, indent=1)
    print("\n%s" % ("exact" if exact else "not exact"))
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main())
