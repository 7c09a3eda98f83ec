#!/usr/bin/env python3
"""How long an editor waits for piiflow lsp: the time from didOpen to the end
of the first analysis (cold, or warm when the cache holds the program), then
from a didChange (a comment appended to the buffer, not saved) to the end of
the analysis it starts, measured with the server's work done progress.
Between the two it waits until the server holds the program's IR in memory
(its log message, once the first analysis has filled the IR cache), and
prints how long that took and the server's resident memory then.

usage: bench/lsp_latency.py PIIFLOW ROOT BUILD_DIR FILE [--edits N] [--pause S]
  ROOT      the project's folder (the workspace folder an editor opens)
  BUILD_DIR the folder of compile_commands.json, relative to ROOT or absolute
  FILE      the file to open and edit, relative to ROOT or absolute
  --pause S wait S seconds before each edit, as a user reads between two
            (the server forks the next analysis's child ahead meanwhile);
            0, the default, sends each edit as soon as the last analysis ended
Example, after bench/fetch.sh git:
  python3 bench/lsp_latency.py build/analyzer/piiflow bench/.cache/git/src \\
      "$PWD/bench/.cache/git" builtin/log.c
(bench/fetch.sh keeps the compile database beside the source folder, not in
it.)"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "e2e", "lsp"))
import client  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("piiflow")
ap.add_argument("root")
ap.add_argument("build_dir")
ap.add_argument("file")
ap.add_argument("--edits", type=int, default=3)
ap.add_argument("--pause", type=float, default=0.0)
a = ap.parse_args()
client.DEADLINE = 7200
root = os.path.abspath(a.root)
path = a.file if os.path.isabs(a.file) else os.path.join(root, a.file)
uri = client.uri_of(path)
text = open(path, encoding="utf-8", errors="surrogateescape").read()

s = client.Server(os.path.abspath(a.piiflow), ["--delay-ms", "0"], cwd=root)
rid = s.request("initialize", {"processId": os.getpid(), "rootUri": client.uri_of(root),
                               "capabilities": {"window": {"workDoneProgress": True}},
                               "initializationOptions": {"buildDir": a.build_dir}})
s.response(rid)
s.notify("initialized", {})


def analysis():
    """Waits for the end of the analysis; its message."""
    def done(m):
        return m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end"
    return s.wait(done, "the end of an analysis")["params"]["value"]["message"]


t0 = time.monotonic()
s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "c",
                                                   "version": 1, "text": text}})
msg = analysis()
print("didOpen -> analysis done: %.2f s (%s)" % (time.monotonic() - t0, msg))
t0 = time.monotonic()
held = s.wait(lambda m: m.get("method") == "window/logMessage"
              and "held in memory" in m["params"]["message"], "the IR held in memory")
rss = "?"
with open("/proc/%d/status" % s.proc.pid) as f:
    for line in f:
        if line.startswith("VmRSS:"):
            rss = "%.0f MiB" % (int(line.split()[1]) / 1024)
print("%s: %.2f s later; the server's RSS %s" % (held["params"]["message"].split(": ", 1)[1],
                                                  time.monotonic() - t0, rss))
for i in range(a.edits):
    text += "\n/* edit %d */\n" % (i + 1)
    time.sleep(a.pause)
    t0 = time.monotonic()
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2},
                                        "contentChanges": [{"text": text}]})
    msg = analysis()
    print("didChange %d -> analysis done: %.2f s (%s)" % (i + 1, time.monotonic() - t0, msg))
print("exit code %d" % s.close())
