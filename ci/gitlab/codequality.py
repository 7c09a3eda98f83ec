#!/usr/bin/env python3
"""Converts piiflow's JSON report (schema version 1) into GitLab's code-quality
report, the subset of the Code Climate format that GitLab reads, so that a
merge request shows each flow of personal data into an advertising, marketing
or analytics sink on the line of the sink call.

Every finding and diagnostic becomes one issue with description, check_name,
fingerprint, severity, location.path and location.lines.begin. Accepted flows
(consent, suppression, baseline) are not issues. GitLab compares merge
requests by fingerprint, so fingerprints are built from piiflow's own
line-independent fingerprint and stay the same when lines move; issues that
would share one get an occurrence number.

Usage: codequality.py [-o OUT] [--root DIR] REPORT.json
  -o OUT      write to OUT instead of stdout
  --root DIR  make absolute paths under DIR relative to it (default: the
              working directory); GitLab wants paths relative to the
              repository
Exit status: 0 written, 2 unreadable or malformed report.
Standard library only: it runs in a bare CI image.
"""

import argparse
import hashlib
import json
import os
import sys

# piiflow severity -> Code Climate severity (info, minor, major, critical,
# blocker): an error is a broken ISO/IEC 27018 commitment.
SEVERITY = {"error": "critical", "warning": "major", "note": "info"}


class ReportError(Exception):
    """A report that is not piiflow's JSON schema version 1."""


def relative(path, root):
    if not path:
        return ""
    if os.path.isabs(path):
        rel = os.path.relpath(path, root)
        if not rel.startswith(".." + os.sep) and rel != "..":
            return rel.replace(os.sep, "/")
    return path


def position(obj, what):
    if not isinstance(obj, dict):
        raise ReportError("%s is not an object" % what)
    line = obj.get("line")
    if not isinstance(obj.get("file"), str) or not isinstance(line, int):
        raise ReportError("%s lacks file or line" % what)
    return obj["file"], max(line, 1)


def issues(report, root):
    if not isinstance(report, dict) or report.get("version") != 1:
        raise ReportError("not a piiflow JSON report of schema version 1")
    findings = report.get("findings", [])
    diagnostics = report.get("diagnostics", [])
    if not isinstance(findings, list) or not isinstance(diagnostics, list):
        raise ReportError("findings and diagnostics must be arrays")
    seen = {}
    out = []

    def add(key, check_name, description, severity, path, line):
        n = seen.get(key, 0)
        seen[key] = n + 1
        digest = hashlib.md5(("%s\0%d" % (key, n)).encode("utf-8")).hexdigest()
        out.append({
            "description": description,
            "check_name": check_name,
            "fingerprint": digest,
            "severity": SEVERITY.get(severity, "major"),
            "location": {"path": relative(path, root), "lines": {"begin": line}},
        })

    for i, f in enumerate(findings):
        what = "findings[%d]" % i
        if not isinstance(f, dict):
            raise ReportError("%s is not an object" % what)
        path, line = position(f.get("sink"), what + ".sink")
        rule = f.get("rule") or "piiflow"
        description = f.get("message") or rule
        src = f.get("source")
        if isinstance(src, dict) and src.get("file") and src.get("line"):
            description += "; the personal data comes from %s:%s" % (
                relative(src["file"], root), src["line"])
        key = "finding\0%s\0%s" % (rule, f.get("fingerprint") or
                                   "%s:%s:%s" % (path, line, description))
        add(key, rule, description, f.get("severity"), path, line)
    for i, d in enumerate(diagnostics):
        what = "diagnostics[%d]" % i
        if not isinstance(d, dict):
            raise ReportError("%s is not an object" % what)
        path, line = position(d, what)
        rule = d.get("rule") or "piiflow"
        description = d.get("message") or rule
        key = "diagnostic\0%s\0%s\0%s" % (rule, relative(path, root), description)
        add(key, rule, description, d.get("severity"), path, line)
    return out


def main(argv):
    ap = argparse.ArgumentParser(
        description="piiflow JSON report -> GitLab code-quality report")
    ap.add_argument("report", help="piiflow check --format json output")
    ap.add_argument("-o", dest="out", help="output file (default: stdout)")
    ap.add_argument("--root", default=os.getcwd(),
                    help="make absolute paths under ROOT relative (default: cwd)")
    args = ap.parse_args(argv)
    try:
        with open(args.report, encoding="utf-8") as f:
            report = json.load(f)
    except OSError as e:
        print("codequality.py: %s: cannot read: %s" % (args.report, e.strerror),
              file=sys.stderr)
        return 2
    except ValueError as e:
        print("codequality.py: %s: not JSON: %s" % (args.report, e), file=sys.stderr)
        return 2
    try:
        result = issues(report, os.path.abspath(args.root))
    except ReportError as e:
        print("codequality.py: %s: %s" % (args.report, e), file=sys.stderr)
        return 2
    text = json.dumps(result, indent=2, sort_keys=True) + "\n"
    if not args.out:
        sys.stdout.write(text)
        return 0
    tmp = args.out + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.out)
    except OSError as e:
        print("codequality.py: %s: cannot write: %s" % (args.out, e.strerror),
              file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
