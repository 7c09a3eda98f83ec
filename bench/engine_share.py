#!/usr/bin/env python3
"""Where the engine's time goes, by function and by folder.

Reads what `PIIFLOW_DEBUG_ENGINE=1 piiflow check ...` writes on stderr: a
line `engine: start NAME (N blocks) in FILE` before each analysis of a
function and `S.SSSs engine: NAME run R...` after it, with the CPU seconds
that analysis took. Prints the total, the functions that took the most
(seconds, analyses) and the folders of their definitions that did, each
folder cut to --depth components below --root (default: the common
prefix of all files; files outside it count as their own path).
A library compiled into a program shows as its folder: on redis, 40 of the
engine's 58 CPU seconds were in deps/jemalloc (bench/README.md).

Usage: bench/engine_share.py STDERR_LOG [--top N] [--depth D] [--root DIR]
  e.g. --root bench/.cache/redis/src: src, deps/jemalloc, deps/lua, ...
Standard library only.
"""

import argparse
import collections
import os
import re
import sys

START = re.compile(r"^engine: start (\S+) \(\d+ blocks\) in (.*)$")
RUN = re.compile(r"^([\d.]+)s engine: (\S+) run \d+")


def read(lines):
    """(seconds per function, analyses per function, file per function)."""
    secs = collections.Counter()
    runs = collections.Counter()
    where = {}
    pending = None
    for line in lines:
        line = line.rstrip("\n")
        m = START.match(line)
        if m:
            pending = m.group(1)
            where.setdefault(m.group(1), m.group(2))
            continue
        m = RUN.match(line)
        if m:
            name = m.group(2)
            secs[name] += float(m.group(1))
            runs[name] += 1
            if pending != name:
                where.setdefault(name, "?")
            pending = None
    return secs, runs, where


def folder(path, prefix, depth):
    if path == "?":
        return "?"
    d = os.path.dirname(path)
    rel = os.path.relpath(d, prefix) if prefix else d
    if rel.startswith(".."):
        rel = d
    parts = [p for p in rel.split(os.sep) if p and p != "."]
    return os.sep.join(parts[:depth]) or "."


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("log")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--root", help="folders are shown relative to it")
    opts = ap.parse_args(argv)
    try:
        with open(opts.log, errors="replace") as f:
            secs, runs, where = read(f)
    except OSError as e:
        print("engine_share.py: %s" % e, file=sys.stderr)
        return 2
    if not runs:
        print("engine_share.py: no analyses in %s (run piiflow with "
              "PIIFLOW_DEBUG_ENGINE=1 and keep its stderr)" % opts.log, file=sys.stderr)
        return 1
    total = sum(secs.values())
    files = [p for p in where.values() if p != "?"]
    if opts.root:
        prefix = os.path.abspath(opts.root)
    else:
        prefix = os.path.commonpath([os.path.dirname(p) for p in files]) if files else ""
    by_folder = collections.Counter()
    folder_runs = collections.Counter()
    for name, s in secs.items():
        d = folder(where.get(name, "?"), prefix, opts.depth)
        by_folder[d] += s
        folder_runs[d] += runs[name]
    print("engine: %.1f CPU s in %d analyses of %d functions" % (total, sum(runs.values()), len(runs)))
    print("\nfunctions (CPU s, share, analyses):")
    for name, s in secs.most_common(opts.top):
        print("  %8.2f %5.1f%% %5d  %s" % (s, 100 * s / total if total else 0, runs[name], name))
    print("\nfolders below %s (CPU s, share, analyses):" % (prefix or "/"))
    for d, s in by_folder.most_common(opts.top):
        print("  %8.2f %5.1f%% %5d  %s" % (s, 100 * s / total if total else 0, folder_runs[d], d))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
