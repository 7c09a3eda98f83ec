"""piiflow lsp driven over JSON-RPC as an editor drives it, on a copy of the
shop example: the finding at its sink with the trace as related information
(compared step by step with `piiflow check --format json`), code actions,
hover, an edit that removes the flow, an unsaved suppression, malformed input,
a crash of the analysis, and shutdown/exit.

usage: test_protocol.py PIIFLOW SOURCE_DIR WORK_DIR"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Checks, Server, uri_of  # noqa: E402

piiflow, src, work = sys.argv[1:4]
check = Checks()


def reported(diags):
    """The findings among diagnostics: not hints (accepted flows)."""
    return [d for d in diags if d.get("code", "").startswith("pii-to-")
            and d.get("severity") != 4]



# the project: the shop example with a compile database in build/
proj = os.path.join(work, "shop")
shutil.copytree(os.path.join(src, "examples", "shop"), proj)
os.makedirs(os.path.join(proj, "build"))
cfiles = sorted(f for f in os.listdir(proj) if f.endswith(".c"))
db = [{"directory": proj, "file": f,
       "arguments": ["cc", "-I.", "-I" + os.path.join(src, "annotations"), "-c", f]}
      for f in cfiles]
with open(os.path.join(proj, "build", "compile_commands.json"), "w") as f:
    json.dump(db, f)
session = os.path.join(proj, "session.c")
session_uri = uri_of(session)
text = open(session).read()

# what the command line reports on the same program
cli = subprocess.run([piiflow, "check", "-p", "build", "--no-config", "--no-cache",
                      "--format", "json", "--fail-on", "never", "--quiet"], cwd=proj,
                     capture_output=True, text=True)
report = json.loads(cli.stdout)
expected = [f for f in report["findings"] if f["sink"]["file"] == "session.c"]
check("the command line finds a flow in session.c", len(expected) == 1, cli.stderr)

s = Server(piiflow, ["--no-config", "--delay-ms", "0"],
           env={"XDG_CACHE_HOME": os.path.join(work, "cache")})
rid = s.request("textDocument/hover", {"textDocument": {"uri": session_uri},
                                       "position": {"line": 0, "character": 0}})
m = s.response(rid)
check("a request before initialize: server not initialized",
      m.get("error", {}).get("code") == -32002, m)
init = s.initialize(proj, {"buildDir": "build"})
caps = init.get("result", {}).get("capabilities", {})
check("initialize answers with the capabilities",
      caps.get("textDocumentSync", {}).get("change") == 1 and caps.get("hoverProvider")
      and caps.get("codeActionProvider"), init)

s.notify("textDocument/didOpen", {"textDocument": {"uri": session_uri, "languageId": "c",
                                                   "version": 1, "text": text}})
diags = s.diagnostics(session_uri)
flows = reported(diags)
check("didOpen: one finding published in session.c", len(flows) == 1, diags)
hints = [d for d in diags if d.get("severity") == 4]
check("the flow accepted under consent is a hint that says so",
      len(hints) == 1 and hints[0]["message"].startswith("accepted (consent): ")
      and hints[0]["range"]["start"]["line"] + 1 == report["accepted"][0]["sink"]["line"]
      and len(hints[0]["relatedInformation"]) == 1 + len(report["accepted"][0]["trace"]),
      hints)
d = flows[0] if flows else {}
if flows and expected:
    f = expected[0]
    check("the diagnostic is at the sink call",
          d["range"]["start"] == {"line": f["sink"]["line"] - 1,
                                  "character": f["sink"]["column"] - 1}, d["range"])
    check("code is the rule, with a link to its documentation",
          d["code"] == f["rule"] and d["codeDescription"]["href"].startswith("file://"), d)
    check("severity is the policy's (error)", d["severity"] == 1, d)
    rel = d.get("relatedInformation", [])
    want = [(f["source"]["file"], f["source"]["line"])] + \
        [(t["file"], t["line"]) for t in f["trace"]]
    got = [(os.path.relpath(r["location"]["uri"][len("file://"):], proj),
            r["location"]["range"]["start"]["line"] + 1) for r in rel]
    check("related information: the source and every step of the trace", got == want,
          (got, want))
    check("each related location has a message", all(r["message"] for r in rel), rel)

rid = s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
m = s.response(rid)
check("a second initialize: invalid request", m.get("error", {}).get("code") == -32600, m)

# code actions on the diagnostic
rid = s.request("textDocument/codeAction", {"textDocument": {"uri": session_uri},
                                            "range": d.get("range"),
                                            "context": {"diagnostics": [d]}})
actions = s.response(rid).get("result") or []
allow = [a for a in actions if "edit" in a]
go = [a for a in actions if a.get("command", {}).get("command") == "piiflow.showSource"]
edit = allow[0]["edit"]["changes"][session_uri][0] if allow else {}
sink_line = d.get("range", {}).get("start", {}).get("line", -1)
check("a quick fix inserts piiflow-allow(RULE): above the sink line",
      edit.get("newText", "").strip() == "/* piiflow-allow(pii-to-advertising): */"
      and edit["range"]["start"] == {"line": sink_line, "character": 0}, actions)
check("a code action goes to the source", len(go) == 1, actions)
rid = s.request("textDocument/codeAction", {"textDocument": {"uri": session_uri},
                                            "range": hints[0]["range"] if hints else None,
                                            "context": {"diagnostics": hints[:1]}})
hint_actions = s.response(rid).get("result") or []
check("an accepted flow offers only the way to its source",
      len(hint_actions) == 1 and "command" in hint_actions[0], hint_actions)
if go:
    rid = s.request("workspace/executeCommand", go[0]["command"])
    show = s.wait(lambda m: m.get("method") == "window/showDocument", "window/showDocument")
    check("the command asks the editor to show the source",
          show["params"]["uri"] == uri_of(os.path.join(proj, "user.h"))
          and show["params"]["selection"]["start"]["line"] + 1 == expected[0]["source"]["line"],
          show)
    s.send({"id": show["id"], "result": {"success": True}})
    check("executeCommand is answered", "result" in s.response(rid))

# hover on the declaration of the source (user.h, email)
user_h = os.path.join(proj, "user.h")
email_line = next(i for i, l in enumerate(open(user_h)) if "email[" in l)
rid = s.request("textDocument/hover", {"textDocument": {"uri": uri_of(user_h)},
                                       "position": {"line": email_line, "character": 8}})
hover = s.response(rid).get("result") or {}
value = hover.get("contents", {}).get("value", "")
check("hover on the source lists the purpose its data reaches",
      "advertising" in value and "ads_track" in value and "reported" in value, hover)

s.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(user_h), "languageId": "c",
                                                   "version": 1, "text": open(user_h).read()}})
s.diagnostics(session_uri)  # the analysis the open starts
name_line = next(i for i, l in enumerate(open(user_h)) if "name[" in l)
rid = s.request("textDocument/hover", {"textDocument": {"uri": uri_of(user_h)},
                                       "position": {"line": name_line, "character": 8}})
value = (s.response(rid).get("result") or {}).get("contents", {}).get("value", "")
check("hover on personal data that reaches nothing says so", "reaches no sink" in value, value)
rid = s.request("textDocument/hover", {"textDocument": {"uri": uri_of(user_h)},
                                       "position": {"line": 0, "character": 0}})
check("hover elsewhere: nothing", s.response(rid).get("result") is None)
s.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(user_h)}})
s.diagnostics(session_uri)

# an edit that removes the flow clears the diagnostics, unsaved
lines = text.split("\n")
no_flow = "\n".join(l for l in lines if 'ads_track("checkout", payload)' not in l)
s.notify("textDocument/didChange", {"textDocument": {"uri": session_uri, "version": 2},
                                    "contentChanges": [{"text": no_flow}]})
diags = s.diagnostics(session_uri)
check("didChange removing the flow: the finding cleared, the consented hint kept",
      reported(diags) == [] and len(diags) == 1 and diags[0]["severity"] == 4, diags)
check("the file on disk still has the flow", open(session).read() == text)

# back to the flow, then the quick fix with a reason, still unsaved
s.notify("textDocument/didChange", {"textDocument": {"uri": session_uri, "version": 3},
                                    "contentChanges": [{"text": text}]})
diags = s.diagnostics(session_uri)
check("didChange restoring the flow: the finding is back", len(reported(diags)) == 1, diags)
allowed = list(lines)
allowed.insert(sink_line, edit.get("newText", "").replace(": */", ": tested */").rstrip("\n"))
s.notify("textDocument/didChange", {"textDocument": {"uri": session_uri, "version": 4},
                                    "contentChanges": [{"text": "\n".join(allowed)}]})
diags = s.diagnostics(session_uri)
check("the quick fix with a reason suppresses the finding before saving",
      reported(diags) == [] and any(d["message"].startswith("accepted (suppression: tested")
                                    for d in diags), diags)

# an edit in another file that removes the flow clears session.c's finding
s.notify("textDocument/didChange", {"textDocument": {"uri": session_uri, "version": 5},
                                    "contentChanges": [{"text": text}]})
diags = s.diagnostics(session_uri)
check("the finding is back once the suppression is gone", len(reported(diags)) == 1, diags)
fmt = os.path.join(proj, "format.c")
fmt_uri = uri_of(fmt)
fmt_text = open(fmt).read()
s.notify("textDocument/didOpen", {"textDocument": {"uri": fmt_uri, "languageId": "c",
                                                   "version": 1, "text": fmt_text}})
diags = s.diagnostics(session_uri)
check("opening another file republishes session.c's finding", len(reported(diags)) == 1,
      diags)
no_email = fmt_text.replace("u->email", '"-"')
check("format.c is edited", no_email != fmt_text)
s.notify("textDocument/didChange", {"textDocument": {"uri": fmt_uri, "version": 2},
                                    "contentChanges": [{"text": no_email}]})
diags = s.diagnostics(session_uri)
check("an edit of format.c that drops the e-mail clears session.c's finding", diags == [],
      diags)
s.notify("textDocument/didClose", {"textDocument": {"uri": fmt_uri}})
diags = s.diagnostics(session_uri)
check("closing format.c unsaved brings the finding back (the disk's version)",
      len(reported(diags)) == 1, diags)

# malformed input: errors, and the server lives on
s.send_raw(b"Content-Length: 5\r\n\r\n{bad}")
m = s.wait(lambda m: "error" in m, "an error for malformed JSON")
check("malformed JSON: a parse error", m["error"]["code"] == -32700 and m["id"] is None, m)
s.send_raw(b"Content-Type: text/plain\r\n\r\n")
m = s.wait(lambda m: "error" in m, "an error for a header without Content-Length")
check("a header without Content-Length: a parse error", m["error"]["code"] == -32700, m)
s.send({"id": 99, "method": 7})
m = s.wait(lambda m: "error" in m, "an error for an invalid request")
check("a request whose method is not a string: invalid request",
      m["error"]["code"] == -32600, m)
rid = s.request("textDocument/noSuchThing", {})
m = s.response(rid)
check("an unknown method: method not found", m.get("error", {}).get("code") == -32601, m)
rid = s.request("textDocument/hover", {"textDocument": {"uri": uri_of(user_h)},
                                       "position": {"line": email_line, "character": 8}})
m = s.response(rid)
check("after all that the server still answers", "result" in m, m)
check("shutdown then exit: exit code 0", s.close() == 0)

# a crash in the analysis does not take the server down
s = Server(piiflow, ["--no-config", "--delay-ms", "0"],
           env={"PIIFLOW_LSP_TEST_CHILD": "crash", "XDG_CACHE_HOME": os.path.join(work, "cache")})
s.initialize(proj, {"buildDir": "build"})
s.notify("textDocument/didOpen", {"textDocument": {"uri": session_uri, "languageId": "c",
                                                   "version": 1, "text": text}})
m = s.wait(lambda m: m.get("method") == "window/logMessage"
           and "signal" in m["params"]["message"], "the report of the crash")
check("a crash in the analysis is reported to the client", m["params"]["type"] == 1, m)
rid = s.request("textDocument/hover", {"textDocument": {"uri": session_uri},
                                       "position": {"line": 0, "character": 0}})
check("the server survives the crash", "result" in s.response(rid))
check("shutdown then exit after the crash: exit code 0", s.close() == 0)

# work done progress; an analysis that never ends is ended by the next edit,
# and the server answers meanwhile
s = Server(piiflow, ["--no-config", "--delay-ms", "0"],
           env={"PIIFLOW_LSP_TEST_CHILD": "hang", "XDG_CACHE_HOME": os.path.join(work, "cache")})
rid = s.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(proj),
                               "capabilities": {"window": {"workDoneProgress": True}},
                               "initializationOptions": {"buildDir": "build"}})
s.response(rid)
s.notify("initialized", {})
s.notify("textDocument/didOpen", {"textDocument": {"uri": session_uri, "languageId": "c",
                                                   "version": 1, "text": text}})
s.accept_progress = False
create = s.wait(lambda m: m.get("method") == "window/workDoneProgress/create",
                "window/workDoneProgress/create")
rid = s.request("textDocument/hover", {"textDocument": {"uri": session_uri},
                                       "position": {"line": 0, "character": 0}})
s.response(rid)
check("no $/progress before the client has answered the token's creation",
      not any(m.get("method") == "$/progress" for m in s.seen))
s.send({"id": create["id"], "result": None})


def progress(kind):
    return s.wait(lambda m: m.get("method") == "$/progress"
                  and m["params"]["value"]["kind"] == kind, "$/progress " + kind)


begin = progress("begin")
check("an analysis begins with $/progress", begin["params"]["token"] == create["params"]["token"])
rid = s.request("textDocument/hover", {"textDocument": {"uri": session_uri},
                                       "position": {"line": 0, "character": 0}})
check("the server answers while an analysis runs", "result" in s.response(rid))
s.notify("textDocument/didChange", {"textDocument": {"uri": session_uri, "version": 2},
                                    "contentChanges": [{"text": text + "\n"}]})
end = progress("end")
check("an edit ends the running analysis", "cancelled" in end["params"]["value"]["message"], end)
progress("begin")
check("and starts a new one", True)
check("shutdown ends the hanging analysis: exit code 0", s.close() == 0)

s = Server(piiflow, ["--no-config", "--delay-ms", "0"],
           env={"XDG_CACHE_HOME": os.path.join(work, "cache")})
rid = s.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(proj),
                               "capabilities": {"window": {"workDoneProgress": True}},
                               "initializationOptions": {"buildDir": "build"}})
s.response(rid)
s.notify("textDocument/didOpen", {"textDocument": {"uri": session_uri, "languageId": "c",
                                                   "version": 1, "text": text}})
end = progress("end")
check("a finished analysis ends its progress with the count of findings",
      end["params"]["value"]["message"] == "%d finding%s" % (
          len(report["findings"]), "" if len(report["findings"]) == 1 else "s"), end)
check("shutdown then exit: exit code 0 (progress)", s.close() == 0)

# no compile database: the open C files alone; only a header open: nothing yet
solo = os.path.join(work, "solo")
os.makedirs(solo)
with open(os.path.join(solo, "track.h"), "w") as f:
    f.write("#include <piiflow.h>\nvoid track(const char *what AD_SINK);\n")
solo_c = os.path.join(solo, "app.c")
with open(solo_c, "w") as f:
    f.write('#include "track.h"\nstatic char mail[64] PII(user.contact.email);\n'
            "void go(void)\n{\n\ttrack(mail);\n}\n")
s = Server(piiflow, ["--no-config", "--delay-ms", "0"],
           env={"XDG_CACHE_HOME": os.path.join(work, "cache")})
rid = s.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(solo),
                               "capabilities": {"window": {"workDoneProgress": True}}})
s.response(rid)
s.notify("textDocument/didOpen", {"textDocument": {
    "uri": uri_of(os.path.join(solo, "track.h")), "languageId": "c", "version": 1,
    "text": open(os.path.join(solo, "track.h")).read()}})
m = s.wait(lambda m: m.get("method") == "window/logMessage", "a log message")
check("only a header open and no compile database: nothing to analyze, said in the log",
      m["params"]["type"] == 3 and "nothing to analyze" in m["params"]["message"], m)
s.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(solo_c), "languageId": "c",
                                                   "version": 1, "text": open(solo_c).read()}})
diags = s.diagnostics(uri_of(solo_c))
check("without a compile database the open C file is analyzed on its own",
      len(reported(diags)) == 1 and diags[0]["range"]["start"]["line"] == 4, diags)
check("no error was shown to the user",
      not any(m.get("method") == "window/showMessage" for m in s.seen))
check("shutdown then exit: exit code 0 (no compile database)", s.close() == 0)

# an input error is shown once, not at every edit
s = Server(piiflow, ["--no-config", "--delay-ms", "0"],
           env={"XDG_CACHE_HOME": os.path.join(work, "cache")})
rid = s.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(proj),
                               "capabilities": {"window": {"workDoneProgress": True}},
                               "initializationOptions": {"buildDir": "no-such-build"}})
s.response(rid)
s.notify("textDocument/didOpen", {"textDocument": {"uri": session_uri, "languageId": "c",
                                                   "version": 1, "text": text}})
m = s.wait(lambda m: m.get("method") == "window/showMessage", "the input error")
check("an input error is shown with check's message",
      m["params"]["type"] == 1 and "no-such-build" in m["params"]["message"], m)


def failed_end():
    return s.wait(lambda m: m.get("method") == "$/progress" and "no result"
                  in m["params"]["value"].get("message", ""), "the end of the failed analysis")


failed_end()  # of the analysis didOpen started; each edit below waits for its own
for v in (2, 3):
    s.notify("textDocument/didChange", {"textDocument": {"uri": session_uri, "version": v},
                                        "contentChanges": [{"text": text + "\n" * v}]})
    failed_end()
shows = [m for m in s.seen if m.get("method") == "window/showMessage"]
check("the same error is not shown again at each edit", len(shows) == 1, shows)
check("shutdown then exit: exit code 0 (input error)", s.close() == 0)

# exit without shutdown: exit code 1
s = Server(piiflow, ["--no-config"])
s.initialize(proj, {"buildDir": "build"})
s.notify("exit", None)
s.proc.stdin.close()
check("exit without shutdown: exit code 1", s.proc.wait(timeout=60) == 1)

check.done()
