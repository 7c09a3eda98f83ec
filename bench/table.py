#!/usr/bin/env python3
"""Prints bench/run.sh's measurements as a table a person reads, the targets
of issue 7 with how far each is met or missed, and the same numbers as one
JSON line a script compares across runs. run.sh only records numbers; every
ratio and verdict is computed here, once.

Usage: table.py RESULTS_FILE   (lines "CODEBASE KEY VALUE", "- KEY VALUE" for the run)
"""
import json
import sys

# Issue 7's targets.
MAX_COLD_RATIO = 1.3  # piiflow -j1 / clang -fsyntax-only -j1
MIN_SPEEDUP = 1.8  # piiflow -j1 / piiflow -j2
MAX_GIT_RSS_MIB = 1024.0
MAX_WARM_S = 2.0
WARM_FACTOR = 1.5  # warm re-run <= WARM_FACTOR * that file's parse + WARM_CONSTANT_S
WARM_CONSTANT_S = 0.5


def number(v):
    try:
        f = float(v)
    except ValueError:
        return v
    return int(f) if f.is_integer() and "." not in v else f


def load(path):
    run, bases = {}, {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 2)
            if len(parts) != 3:
                continue
            name, key, value = parts
            target = run if name == "-" else bases.setdefault(name, {"codebase": name})
            target[key] = number(value)
    return run, list(bases.values())


def ratio(a, b):
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or b <= 0:
        return None
    return round(a / b, 2)


def stopped(b, key):
    """A run stopped at its time limit has no figure, only a lower bound."""
    return f"{key}_timeout_s" in b


def derive(b):
    b["ratio_j1"] = ratio(b.get("piiflow_j1_s"), b.get("parse_j1_s"))
    b["ratio_j2"] = ratio(b.get("piiflow_j2_s"), b.get("parse_j2_s"))
    b["cpu_ratio_j1"] = ratio(b.get("piiflow_j1_cpu_s"), b.get("parse_j1_cpu_s"))
    b["speedup_j2"] = ratio(b.get("piiflow_j1_s"), b.get("piiflow_j2_s"))
    if stopped(b, "piiflow_j1") or stopped(b, "piiflow_j2"):
        b["speedup_j2"] = None
    b["parse_speedup_j2"] = ratio(b.get("parse_j1_s"), b.get("parse_j2_s"))
    b["stress_ratio_j2"] = ratio(b.get("stress_j2_s"), b.get("parse_j2_s"))
    for j in ("j1", "j2", "stress_j2"):
        key = j if j.startswith("stress") else f"piiflow_{j}"
        kib = b.get(f"{key}_rss_kib")
        if isinstance(kib, int):
            b[f"{key}_rss_mib"] = round(kib / 1024, 1)
    b["sample_taint_ratio"] = ratio(b.get("sample_taint_s"), b.get("sample_parse_s"))
    b["sample_piiflow_ratio"] = ratio(b.get("sample_piiflow_s"), b.get("sample_parse_s"))
    if "warm_s" in b and "warm_file_parse_s" in b:
        b["warm_limit_s"] = round(
            min(MAX_WARM_S, WARM_FACTOR * b["warm_file_parse_s"] + WARM_CONSTANT_S), 2)


def fmt(v, unit=""):
    if v is None or v == "":
        return "-"
    if isinstance(v, float):
        return f"{v:.2f}{unit}"
    return f"{v}{unit}"


def shown(b, key, unit="", run=None):
    """KEY's figure; ">FIGURE" when RUN (default: KEY less "_s") was stopped."""
    if stopped(b, run or key[: -len("_s")]):
        return ">" + fmt(b.get(key), unit)
    return fmt(b.get(key), unit)


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                               for i, (c, w) in enumerate(zip(r, widths)))
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def verdicts(bases):
    out = []
    for b in bases:
        n = b["codebase"]
        r = b.get("ratio_j1")
        if r is not None:
            out.append((f"{n}: cold -j1 <= {MAX_COLD_RATIO}x parse",
                        r <= MAX_COLD_RATIO and not stopped(b, "piiflow_j1"),
                        f"{shown(b, 'ratio_j1', 'x', 'piiflow_j1')} (cpu time: {shown(b, 'cpu_ratio_j1', 'x', 'piiflow_j1')})"))
        s = b.get("speedup_j2")
        if s is None and (stopped(b, "piiflow_j1") or stopped(b, "piiflow_j2")):
            out.append((f"{n}: -j2 >= {MIN_SPEEDUP}x faster than -j1", False,
                        "not measured: a run was stopped"))
        if s is not None:
            out.append((f"{n}: -j2 >= {MIN_SPEEDUP}x faster than -j1", s >= MIN_SPEEDUP,
                        f"{s}x (clang -fsyntax-only: {fmt(b.get('parse_speedup_j2'))}x)"))
        if n == "git":
            peak = max(b.get("piiflow_j1_rss_mib", 0), b.get("piiflow_j2_rss_mib", 0))
            done = not stopped(b, "piiflow_j1") and not stopped(b, "piiflow_j2")
            out.append((f"git: peak memory <= {MAX_GIT_RSS_MIB:.0f} MiB",
                        peak <= MAX_GIT_RSS_MIB and done,
                        f"{peak:.0f} MiB for {b.get('tus')} TUs"
                        + ("" if done else " when it was stopped")))
        if "warm_limit_s" in b:
            w, lim = b["warm_s"], b["warm_limit_s"]
            out.append((f"{n}: warm re-run after editing {b.get('warm_file')}",
                        w <= lim and not stopped(b, "warm"),
                        f"{w:.2f} s, limit {lim:.2f} s (file parse {b['warm_file_parse_s']:.2f} s)"))
    return out


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    run, bases = load(argv[1])
    for b in bases:
        derive(b)

    print()
    print("full compile database, cold (no summary cache); wall seconds, peak RSS in MiB;")
    print("ratio = piiflow / clang -fsyntax-only over the same entries at the same -j")
    rows = []
    for b in bases:
        rows.append([b["codebase"], fmt(b.get("tus")), fmt(b.get("parse_j1_s")),
                     shown(b, "piiflow_j1_s"), shown(b, "ratio_j1", "x", "piiflow_j1"),
                     shown(b, "cpu_ratio_j1", "x", "piiflow_j1"), fmt(b.get("piiflow_j1_rss_mib")),
                     fmt(b.get("parse_j2_s")), shown(b, "piiflow_j2_s"),
                     shown(b, "ratio_j2", "x", "piiflow_j2"), fmt(b.get("piiflow_j2_rss_mib")),
                     fmt(b.get("speedup_j2"), "x"), fmt(b.get("parse_warnings")),
                     fmt(b.get("crashes"))])
    table(rows, ["codebase", "TUs", "parse -j1", "piiflow -j1", "ratio", "cpu ratio", "RSS",
                 "parse -j2", "piiflow -j2", "ratio", "RSS", "j1/j2", "parse-err", "crashes"])
    print("(>N: piiflow was stopped after N seconds, so the ratio is a lower bound)")

    stressed = [b for b in bases if "stress_j2_s" in b]
    if stressed:
        print()
        print("stress: libc's output functions declared sinks (bench/stress-rules.json), so")
        print("that the flow analysis covers nearly every function; -j2, cold")
        rows = [[b["codebase"],
                 f"{fmt(b.get('stress_functions_analyzed'))} of {fmt(b.get('stress_functions'))}",
                 fmt(b.get("parse_j2_s")), shown(b, "stress_j2_s"),
                 shown(b, "stress_ratio_j2", "x", "stress_j2"), fmt(b.get("stress_j2_rss_mib")),
                 fmt(b.get("stress_findings"))]
                for b in stressed]
        table(rows, ["codebase", "functions analyzed", "parse -j2", "piiflow -j2", "ratio",
                     "RSS", "findings"])
        print("(>N: stopped after N seconds)")

    sampled = [b for b in bases if "sample_tus" in b]
    if sampled:
        print()
        print("sample: the first N entries of each compile database, one at a time (-j1);")
        print("ratio = tool / clang -fsyntax-only over the same sample")
        rows = [[b["codebase"], fmt(b["sample_tus"]), fmt(b.get("sample_parse_s")),
                 fmt(b.get("sample_taint_s")), fmt(b.get("sample_taint_ratio"), "x"),
                 shown(b, "sample_piiflow_s"),
                 (">" if stopped(b, "sample_piiflow") else "")
                 + fmt(b.get("sample_piiflow_ratio"), "x")]
                for b in sampled]
        table(rows, ["codebase", "N", "parse", "clang --analyze +taint", "ratio",
                     "piiflow", "ratio"])

    warm = [b for b in bases if "warm_s" in b]
    if warm:
        print()
        for b in warm:
            print(f"warm re-run ({b['codebase']}, after editing {b.get('warm_file')}, "
                  f"{'with' if run.get('cache') == 1 else 'no'} summary cache): "
                  f"{shown(b, 'warm_s')} s; that file alone: clang -fsyntax-only "
                  f"{b['warm_file_parse_s']:.2f} s")

    print()
    print("targets (issue 7):")
    for what, ok, detail in verdicts(bases):
        print(f"  {'met   ' if ok else 'MISSED'}  {what}: {detail}")
    print()
    print(json.dumps({"piiflow_bench": 1, **run, "codebases": bases}, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv)
