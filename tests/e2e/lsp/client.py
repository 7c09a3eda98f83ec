"""A scripted LSP client for piiflow's end-to-end tests: starts `piiflow lsp`,
frames JSON-RPC messages, and waits for the messages it expects. Waits end on
what the server sends, never on how long it took; the deadline is only there
so that a broken server fails the test instead of hanging it."""
import json
import os
import select
import subprocess
import sys

DEADLINE = 300  # seconds without any message before a wait fails


class Server:
    def __init__(self, piiflow, args=(), env=None, cwd=None):
        e = dict(os.environ)
        e.update(env or {})
        self.proc = subprocess.Popen([piiflow, "lsp", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=e, cwd=cwd)
        self.buf = b""
        self.next_id = 0
        self.seen = []  # every message received, in order
        self.accept_progress = True  # answer window/workDoneProgress/create

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def read(self):
        """The next message, or None at the deadline or end of output."""
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                head = self.buf[:head_end].decode()
                length = None
                for line in head.split("\r\n"):
                    k, _, v = line.partition(":")
                    if k.strip().lower() == "content-length":
                        length = int(v)
                assert length is not None, "a message without Content-Length: %r" % head
                start = head_end + 4
                if len(self.buf) >= start + length:
                    body = self.buf[start:start + length]
                    self.buf = self.buf[start + length:]
                    msg = json.loads(body)
                    self.seen.append(msg)
                    if msg.get("method") == "window/workDoneProgress/create" \
                            and self.accept_progress:
                        self.send({"id": msg["id"], "result": None})
                    return msg
            ready, _, _ = select.select([self.proc.stdout], [], [], DEADLINE)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return None
            self.buf += chunk

    def wait(self, pred, what):
        while True:
            msg = self.read()
            if msg is None:
                raise AssertionError("no message came for: " + what)
            if pred(msg):
                return msg

    def response(self, rid):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m,
                         "the response to request %r" % rid)

    def diagnostics(self, uri):
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri, "diagnostics of " + uri)
        return m["params"]["diagnostics"]

    def initialize(self, root, options=None):
        rid = self.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(root),
                                          "capabilities": {},
                                          "initializationOptions": options or {}})
        res = self.response(rid)
        self.notify("initialized", {})
        return res

    def close(self):
        """shutdown then exit; the exit code of the server."""
        rid = self.request("shutdown", None)
        res = self.response(rid)
        assert "error" not in res and res.get("result") is None, res
        self.notify("exit", None)
        self.proc.stdin.close()
        return self.proc.wait(timeout=DEADLINE)


class Checks:
    """check(name, cond, detail): prints ok or FAIL for each; done() prints
    the counts and exits 1 when one failed."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, name, cond, detail=""):
        if cond:
            self.passed += 1
            print("ok: " + name)
        else:
            self.failed += 1
            print("FAIL: " + name + (": " + str(detail) if detail else ""))

    def done(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
