#!/usr/bin/env bash
# Neovim (Debian's `neovim`, headless) attaches its built-in LSP client to
# `piiflow lsp` on a file of the shop example and reads the finding: at the
# sink call, with the rule as code and the trace as related information.
#
# Usage: bash tests/e2e/test_lsp_neovim.sh PATH_TO_PIIFLOW (PIIFLOW_SOURCE_DIR set)
set -uo pipefail
piiflow=$1
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
src=${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}
if ! command -v nvim >/dev/null 2>&1; then
	echo "FAIL: nvim is not installed (scripts/bootstrap.sh --test installs neovim)"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
proj="$tmp/shop"
cp -r "$src/examples/shop" "$proj"
mkdir -p "$proj/build"
python3 - "$proj" "$src/annotations" <<'PY'
import json, os, sys
proj, annot = sys.argv[1], sys.argv[2]
db = [{"directory": proj, "file": f, "arguments": ["cc", "-I.", "-I" + annot, "-c", f]}
      for f in sorted(os.listdir(proj)) if f.endswith(".c")]
json.dump(db, open(os.path.join(proj, "build", "compile_commands.json"), "w"))
PY
export PIIFLOW_BIN="$piiflow" PIIFLOW_ROOT="$proj" PIIFLOW_FILE="$proj/session.c" \
	PIIFLOW_OUT="$tmp/out.json" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" \
	XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
(cd "$proj" && nvim --headless -u NONE -i NONE -n \
	-c "luafile $src/tests/e2e/lsp/nvim_attach.lua" </dev/null >"$tmp/nvim.log" 2>&1)
python3 - "$tmp/out.json" "$proj/session.c" <<'PY'
import json, sys
try:
    got = json.load(open(sys.argv[1]))
except Exception as e:
    print("FAIL: neovim wrote no result: %s" % e)
    sys.exit(1)
sink = next(i for i, l in enumerate(open(sys.argv[2])) if 'ads_track("checkout", payload)' in l)
diags = got.get("diagnostics") or []
flows = [d for d in diags if d.get("code") == "pii-to-advertising" and d.get("severity") == 1]
fails = 0
def check(name, cond):
    global fails
    print(("ok: " if cond else "FAIL: ") + name + ("" if cond else ": %r" % got))
    fails += not cond
check("neovim received piiflow's diagnostic", got.get("ok") is True and len(flows) == 1)
if flows:
    d = flows[0]
    check("at the sink call", d["lnum"] == sink and d["col"] == 1)
    check("from piiflow, with its message", d["source"] == "piiflow" and "ads_track" in d["message"])
    check("with the trace as related information", d["related"] >= 2)
sys.exit(1 if fails else 0)
PY
rc=$?
[ $rc -eq 0 ] || cat "$tmp/nvim.log"
exit $rc
