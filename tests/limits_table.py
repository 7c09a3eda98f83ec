#!/usr/bin/env python3
"""Checks that every limit of the engine (a macro of analyzer/engine/limits.h)
has its row in docs/engine.md's table of bounds, in the same order and with
the same value, and that the table names no other.

Usage: limits_table.py LIMITS_H ENGINE_MD. Exits 1, naming each difference,
when they disagree."""
import re
import sys

SECTION = "## Bounds that keep large code fast"


def c_value(expr, known):
    """The integer value of a macro's C expression: literals (with U, L
    suffixes), the macros defined before it, + - * / << >> and parentheses."""
    expr = re.sub(r"\b(0x[0-9a-fA-F]+|\d+)[uUlL]*\b", r"\1", expr)
    expr = re.sub(r"\bPF_\w+\b", lambda m: str(known[m.group(0)]), expr)
    if not re.fullmatch(r"[0-9a-fA-Fx\s()+\-*/<>]*", expr):
        raise ValueError(f"cannot evaluate {expr!r}")
    return int(eval(expr.replace("/", "//"), {"__builtins__": {}}))


def header_limits(path):
    limits, known = [], {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        m = re.match(r"\s*#\s*define\s+(PF_\w+)\s+(.+?)\s*(/\*.*)?$", line)
        if not m:
            continue
        name, expr = m.group(1), m.group(2)
        try:
            known[name] = c_value(expr, known)
        except (ValueError, KeyError, SyntaxError) as e:
            sys.exit(f"{path}:{n}: {name}: {e}")
        limits.append((name, known[name]))
    return limits


def doc_limits(path):
    text = open(path, encoding="utf-8").read()
    start = text.find(SECTION)
    if start < 0:
        sys.exit(f'{path}: no section "{SECTION}"')
    rows = []
    in_table = False
    for line in text[start:].splitlines()[1:]:
        if line.startswith("## "):
            break
        if not line.startswith("|"):
            if in_table:
                break
            continue
        in_table = True
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.fullmatch(r"`(PF_\w+)`", cells[0])
        if not m:
            continue  # the head and its rule
        value = cells[1].replace(",", "").replace(" ", "")
        if not value.isdigit():
            sys.exit(f"{path}: {m.group(1)}: value {cells[1]!r} is not a number")
        rows.append((m.group(1), int(value)))
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: limits_table.py LIMITS_H ENGINE_MD")
    header, doc = header_limits(sys.argv[1]), doc_limits(sys.argv[2])
    hv, dv = dict(header), dict(doc)
    errors = []
    for name, value in header:
        if name not in dv:
            errors.append(f"{name} ({value}) is in limits.h but not in the table")
        elif dv[name] != value:
            errors.append(f"{name} is {value} in limits.h but {dv[name]} in the table")
    for name, value in doc:
        if name not in hv:
            errors.append(f"{name} ({value}) is in the table but not in limits.h")
    if not errors and [n for n, _ in header] != [n for n, _ in doc]:
        errors.append("the table's rows are not in the order of limits.h")
    if len(dv) != len(doc):
        errors.append("the table names a limit twice")
    for e in errors:
        print(f"limits_table: {e}", file=sys.stderr)
    if not errors:
        print(f"limits_table: {len(header)} limits, the same in limits.h and the table")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
