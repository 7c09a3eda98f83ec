#!/usr/bin/env python3
"""Turns a compile database into what bench/run.sh and tests/realcode/run.sh
measure piiflow against: one clang command per entry (`-fsyntax-only`, or
`--analyze` with the taint checker) with exactly the entry's flags, a
database of the first N entries, the entry of one file. Doing this in one
place keeps "same compile database, same flags" true for every side of a
comparison.

Every command but "count --all" sees only the C entries, as piiflow does.

Usage:
  compdb.py count DB_DIR [--all]                              (C entries, or all)
  compdb.py syntax DB_DIR CLANG [--first N] [--file SUFFIX]   (one shell command a line)
  compdb.py taint DB_DIR CLANG [--first N]                    (one shell command a line)
  compdb.py subset DB_DIR N OUT_DIR                           (OUT_DIR/compile_commands.json)
  compdb.py pick DB_DIR I OUT_DIR                             (entry I alone, from 0)
  compdb.py find DB_DIR SUFFIX                                (absolute path of that entry's file)
  compdb.py name DB_DIR I                                     (absolute path of entry I's file)
"""
import json
import os
import shlex
import subprocess
import sys

# Options that name build outputs or only make sense when compiling to an
# object file; dropped as libclang's lowering in piiflow drops them.
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD", "-MP", "-S", "-E"}

# piiflow analyzes C: entries of other languages are skipped, by this rule of
# analyzer/compdb (file extension .c, .h or .i), here as there.
C_EXTENSIONS = (".c", ".h", ".i")


def load(db_dir, every=False):
    path = os.path.join(db_dir, "compile_commands.json")
    try:
        with open(path) as f:
            entries = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"compdb.py: {path}: {e}")
    if not isinstance(entries, list):
        sys.exit(f"compdb.py: {path}: not a JSON array")
    if every:
        return entries
    # and, as there, the first entry for a file wins (redis compiles each of
    # jemalloc's files twice, once for the .pic.o)
    seen, kept = set(), []
    for e in entries:
        if not e.get("file", "").endswith(C_EXTENSIONS):
            continue
        path = os.path.normpath(os.path.join(e.get("directory", ""), e["file"]))
        if path not in seen:
            seen.add(path)
            kept.append(e)
    return kept


def argv_of(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def flags_of(entry):
    """The entry's arguments without argv[0] and its output options."""
    argv = argv_of(entry)[1:]
    out = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in DROP_WITH_VALUE:
            i += 2
            continue
        if a in DROP or a.startswith("-Wp,-M"):
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def source_path(entry):
    return os.path.normpath(os.path.join(entry["directory"], entry["file"]))


def select(entries, first=None, suffix=None):
    if suffix:
        entries = [e for e in entries if source_path(e).endswith("/" + suffix.lstrip("/"))]
        if not entries:
            sys.exit(f"compdb.py: no entry whose file ends with {suffix}")
        return entries[:1]
    return entries[:first] if first else entries


def shell_line(entry, argv):
    return "cd %s && exec %s" % (shlex.quote(entry["directory"]), shlex.join(argv))


def taint_checker(clang):
    """The GenericTaint checker's name in CLANG, asked from clang itself."""
    try:
        out = subprocess.run([clang, "-cc1", "-analyzer-checker-help"],
                             capture_output=True, text=True, check=False).stdout
        out += subprocess.run([clang, "-cc1", "-analyzer-checker-help-alpha"],
                              capture_output=True, text=True, check=False).stdout
    except OSError as e:
        sys.exit(f"compdb.py: cannot run {clang}: {e}")
    for name in ("optin.taint.GenericTaint", "alpha.security.taint.GenericTaint"):
        if name in out:
            return name
    sys.exit(f"compdb.py: {clang} has no GenericTaint checker")


def option(args, name, convert=str):
    if name in args:
        i = args.index(name)
        if i + 1 >= len(args):
            sys.exit(f"compdb.py: {name} needs a value")
        value = convert(args[i + 1])
        del args[i:i + 2]
        return value
    return None


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, db_dir, args = argv[1], argv[2], argv[3:]
    entries = load(db_dir, every=(args == ["--all"]))
    if cmd == "count":
        print(len(entries))
    elif cmd in ("syntax", "taint"):
        first = option(args, "--first", int)
        suffix = option(args, "--file")
        if len(args) != 1:
            sys.exit(__doc__)
        clang = args[0]
        extra = ["-fsyntax-only", "-w", "-ferror-limit=0"]
        if cmd == "taint":
            # text output: the report goes to stderr and no .plist is written
            extra = ["--analyze", "-Xclang", "-analyzer-output=text", "-Xclang",
                     "-analyzer-checker=" + taint_checker(clang), "-o", "/dev/null"]
        for e in select(entries, first, suffix):
            print(shell_line(e, [clang] + flags_of(e) + extra))
    elif cmd in ("subset", "pick"):
        if len(args) != 2:
            sys.exit(__doc__)
        n, out_dir = int(args[0]), args[1]
        part = entries[:n] if cmd == "subset" else entries[n:n + 1]
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
            json.dump(part, f, indent=1)
    elif cmd == "find":
        if len(args) != 1:
            sys.exit(__doc__)
        print(source_path(select(entries, suffix=args[0])[0]))
    elif cmd == "name":
        if len(args) != 1:
            sys.exit(__doc__)
        print(source_path(entries[int(args[0])]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
