"""piiflow lsp holds the program's IR in memory between analyses: each check
re-parses only the units whose text changed. This drives a three-unit
project through every way a held unit goes stale and checks the findings
after each: an edit of an open file, an unsaved edit of a header that only
unopened units include, files changed on disk and announced with
workspace/didChangeWatchedFiles or didSave. The server keeps the rules and
the suppression comments it read too: a rules file and a suppression
changed on disk, with no notice, count at the next analysis. At the end,
the server's findings are the command line's.

usage: test_held.py PIIFLOW SOURCE_DIR WORK_DIR"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Checks, Server, uri_of  # noqa: E402

piiflow, src, work = sys.argv[1:4]
check = Checks()

proj = os.path.join(work, "held")
os.makedirs(os.path.join(proj, "build"))


def write(name, text):
    with open(os.path.join(proj, name), "w") as f:
        f.write(text)
    return text


USER_H = """#include <piiflow.h>
struct user {
\tchar email[64] PII(user.contact.email);
\tchar nick[32];
};
"""
SINK_H = """void ads_send(const char *payload AD_SINK);
void log_line(const char *line);
"""
write("user.h", USER_H)
write("sink.h", SINK_H)
RULES = '{"piiflow_rules": 1, "name": "extra", "sinks": []}\n'
write("rules.json", RULES)
a_text = write("a.c", '#include "user.h"\n#include "sink.h"\n'
               "void a_go(const struct user *u)\n{\n\tlog_line(u->nick);\n}\n")
b_text = write("b.c", '#include "user.h"\n#include "sink.h"\n'
               "void b_go(const struct user *u)\n{\n\tlog_line(u->email);\n}\n")
write("c.c", '#include "user.h"\n#include "sink.h"\n'
      "void c_go(const struct user *u)\n{\n\tlog_line(u->nick);\n}\n")
db = [{"directory": proj, "file": f,
       "arguments": ["cc", "-I.", "-I" + os.path.join(src, "annotations"), "-c", f]}
      for f in ("a.c", "b.c", "c.c")]
with open(os.path.join(proj, "build", "compile_commands.json"), "w") as f:
    json.dump(db, f)
uri = {n: uri_of(os.path.join(proj, n)) for n in ("a.c", "b.c", "c.c", "user.h", "sink.h")}

s = Server(piiflow, ["--no-config", "--delay-ms", "0"])
rid = s.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(proj),
                               "capabilities": {"window": {"workDoneProgress": True}},
                               "initializationOptions": {"buildDir": "build",
                                                         "rules": ["rules.json"]}})
s.response(rid)
s.notify("initialized", {})


def analysis():
    """Waits for the end of the next analysis; the findings (sink lines, from
    1) the server publishes now, per file name."""
    while True:
        end = s.wait(lambda m: m.get("method") == "$/progress"
                     and m["params"]["value"]["kind"] == "end", "the end of an analysis")
        # an edit followed at once by a save or a notice starts a second
        # analysis, which cancels the first: wait for the one that ends
        if not end["params"]["value"].get("message", "").startswith("cancelled"):
            break
    check("the analysis ended with a result", "finding" in end["params"]["value"]["message"],
          end)
    latest = {}
    for m in s.seen:
        if m.get("method") == "textDocument/publishDiagnostics":
            latest[m["params"]["uri"]] = m["params"]["diagnostics"]
    return {n: sorted(d["range"]["start"]["line"] + 1 for d in latest.get(u, [])
                      if d.get("code", "").startswith("pii-to-") and d.get("severity") != 4)
            for n, u in uri.items()}


def held():
    """Waits until the server holds the IR it loads after an analysis."""
    m = s.wait(lambda m: m.get("method") == "window/logMessage"
               and "held in memory" in m["params"]["message"], "the IR held in memory")
    return m["params"]["message"]


def open_doc(name, text):
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri[name], "languageId": "c",
                                                       "version": 1, "text": text}})


def change(name, text, version):
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri[name], "version": version},
                                        "contentChanges": [{"text": text}]})


def disk_changed(*names):
    s.notify("workspace/didChangeWatchedFiles",
             {"changes": [{"uri": uri[n], "type": 2} for n in names]})


open_doc("a.c", a_text)
f = analysis()
check("didOpen: no finding in the program yet", not any(f.values()), f)
msg = held()
check("after the first analysis the server holds the IR of every unit",
      "3 of 3 translation units" in msg, msg)

# (1) an edit of an open file adds a flow; the pause before it lets the
# standby child, forked with the program's text of before, read its pages
# (the result is the same when it has not): the edit's text must reach it
a_flow = a_text.replace("log_line(u->nick)", "ads_send(u->email)")
time.sleep(0.5)
change("a.c", a_flow, 2)
f = analysis()
check("(1) an edit of the open a.c that adds a flow: its finding", f["a.c"] == [5], f)
check("(1) the other units' findings are unchanged", not f["b.c"] and not f["c.c"], f)

# (2) an unsaved edit of a header that only unopened units read changes
# their findings
open_doc("sink.h", SINK_H)
f = analysis()
check("(2) opening sink.h unchanged changes nothing", f["a.c"] == [5] and not f["b.c"], f)
change("sink.h", SINK_H.replace("const char *line", "const char *line AD_SINK"), 2)
f = analysis()
check("(2) an edit of sink.h that makes log_line a sink: the unopened b.c has a finding",
      f["b.c"] == [5], f)
check("(2) c.c passes no personal data to it: none there", not f["c.c"], f)
s.notify("textDocument/didClose", {"textDocument": {"uri": uri["sink.h"]}})
f = analysis()
check("(2) closing sink.h unsaved: b.c's finding is gone", not f["b.c"] and f["a.c"] == [5], f)

# (3) files changed on disk, not open, announced by the client's watcher
write("c.c", '#include "user.h"\n#include "sink.h"\n'
      "void c_go(const struct user *u)\n{\n\tads_send(u->email);\n}\n")
disk_changed("c.c")
f = analysis()
check("(3) c.c changed on disk and announced: its new flow is found", f["c.c"] == [5], f)
msg = held()
check("(3) the server holds the unit read again", "3 of 3 translation units" in msg, msg)
write("user.h", USER_H.replace(" PII(user.contact.email)", ""))
disk_changed("user.h")
f = analysis()
check("(3) user.h changed on disk (the e-mail no longer personal data): no finding",
      not any(f.values()), f)
held()

# ... and by didSave of a file the editor has open
open_doc("user.h", USER_H.replace(" PII(user.contact.email)", ""))
f = analysis()
check("(3) opening user.h as on disk: still no finding", not any(f.values()), f)
write("user.h", USER_H)
change("user.h", USER_H, 2)
s.notify("textDocument/didSave", {"textDocument": {"uri": uri["user.h"]}})
f = analysis()
check("(3) user.h saved with the annotation back: the findings of a.c and c.c",
      f["a.c"] == [5] and f["c.c"] == [5] and not f["b.c"], f)
s.notify("textDocument/didClose", {"textDocument": {"uri": uri["user.h"]}})
f = analysis()
check("(3) closing the saved user.h changes nothing", f["a.c"] == [5] and f["c.c"] == [5], f)

# (4) what the server keeps loaded besides the units, changed on disk with
# no notice: a rules file (log_line becomes a sink) ...
write("rules.json", RULES.replace('"sinks": []', '"sinks": [{"function": "log_line", '
                                  '"args": [0], "purpose": "advertising"}]'))
change("a.c", a_flow, 3)
f = analysis()
check("(4) rules.json changed on disk: log_line is a sink, b.c's flow is found",
      f["b.c"] == [5] and f["a.c"] == [5] and f["c.c"] == [5], f)
# ... and a suppression comment in a file that is not open
write("b.c", b_text.replace("\tlog_line", "\t/* piiflow-allow(pii-to-*): a test */\n\tlog_line"))
change("a.c", a_flow, 4)
f = analysis()
check("(4) a suppression written in b.c on disk accepts its finding", not f["b.c"], f)
write("b.c", b_text)
change("a.c", a_flow, 5)
f = analysis()
check("(4) the suppression removed on disk: b.c's finding is back", f["b.c"] == [5], f)

# the same findings as the command line, once a.c is saved too
write("a.c", a_flow)
s.notify("textDocument/didSave", {"textDocument": {"uri": uri["a.c"]}})
f = analysis()
cli = subprocess.run([piiflow, "check", "-p", "build", "--no-config", "--no-cache", "--rules",
                      "rules.json", "--format", "json", "--fail-on", "never", "--quiet"],
                     cwd=proj, capture_output=True, text=True)
want = {n: [] for n in uri}
for x in json.loads(cli.stdout)["findings"]:
    want[x["sink"]["file"]].append(x["sink"]["line"])
check("the server's findings are the command line's", f == {n: sorted(v) for n, v in
                                                             want.items()}, (f, want))
check("shutdown then exit: exit code 0", s.close() == 0)

check.done()
