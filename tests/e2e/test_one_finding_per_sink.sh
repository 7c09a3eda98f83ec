#!/usr/bin/env bash
# SPEC section 5: one finding per sink call site, argument and purpose. Every
# source that reaches the call is listed with one shortest trace that runs
# from the use of the source to the sink call, the sink call last, so no
# trace is empty; the first source is the finding's `source` and `category`.
# This checks the three formats on a small program where three sources reach
# one call directly (no step between: the trace is the sink call alone) and
# two reach another through snprintf, the fingerprints' stability across
# moved lines and their rank (two identical calls in one function are two
# findings), and the migration of baselines and reports written before the
# change (tests/data/v1/: written by piiflow 0.1.0 with one finding per
# source and sink, fingerprint version 1), which keep matching.
#
# Usage: bash tests/e2e/test_one_finding_per_sink.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout).
set -uo pipefail

if (($# != 1)); then
	echo "usage: bash tests/e2e/test_one_finding_per_sink.sh PATH_TO_PIIFLOW" >&2
	exit 2
fi
piiflow="$1"
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
src="${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}"
if ! command -v python3 >/dev/null 2>&1; then
	echo "FAIL: python3 is not installed"
	echo "0 passed, 1 failed"
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() {
	echo "ok   - $1"
	passed=$((passed + 1))
}
fail() {
	echo "FAIL - $1"
	failed=$((failed + 1))
}
show() {
	sed -n '1,40s/^/       | /p' "$1"
}

# write_project DIR [N]: the program, with N comment lines above every
# function (lines move, names stay).
write_project() {
	local dir="$1" pad
	pad="$(for ((i = 0; i < ${2:-0}; i++)); do echo '/* moved */'; done)"
	mkdir -p "$dir/src" "$dir/build"
	cat >"$dir/src/visitor.h" <<'EOF'
#ifndef VISITOR_H
#define VISITOR_H
#include <piiflow.h>

struct visitor {
	char email[64] PII(user.contact.email);
	char ip[46] PII(user.device.ip_address);
	char name[32] PII(user.name);
	int visits;
};

ANALYTICS_SINK void stats_upload(const void *blob, unsigned long size);
void ads_send(const char *tag, const char *payload AD_SINK);

#endif
EOF
	cat >"$dir/src/stats.c" <<EOF
#include "visitor.h"
$pad
void flush_visitor(const struct visitor *v)
{
	stats_upload(v, sizeof *v);
}
EOF
	cat >"$dir/src/ads.c" <<EOF
#include <stdio.h>
#include "visitor.h"
$pad
void on_visit(const struct visitor *v)
{
	char line[160];
	snprintf(line, sizeof line, "%s from %s", v->email, v->ip);
	ads_send("visit", line);
	ads_send("visit", line);
}
EOF
	python3 - "$dir" <<'EOF'
import json, os, sys
d = os.path.abspath(sys.argv[1])
with open(os.path.join(d, "build", "compile_commands.json"), "w") as f:
    json.dump([{"directory": d, "file": "src/%s" % c,
                "arguments": ["cc", "-Isrc", "-c", "src/%s" % c]}
               for c in ("ads.c", "stats.c")], f, indent=2)
EOF
}

proj="$tmp/project"
write_project "$proj"
cd "$proj" || exit 1

# ---- text ----------------------------------------------------------------
rc=0
"$piiflow" check -p build --no-cache >"$tmp/text.out" 2>"$tmp/text.err" || rc=$?
n_err="$(grep -cE '^src/[a-z]+\.c:[0-9]+:[0-9]+: error: ' "$tmp/text.out")"
if ((rc == 1 && n_err == 3)); then
	ok "text: one error per sink call (three calls), exit 1"
else
	fail "text: exit $rc, $n_err errors, want 1 and 3"
	show "$tmp/text.out"
fi
# the call in stats.c: three sources, each note then the sink call
expected_stats="src/stats.c:5:2: error: personal data 'user.contact.email', 'user.device.ip_address' and 'user.name' reaches analytics sink 'stats_upload' (argument 1 'blob') [pii-to-analytics]
src/visitor.h:6:7: note: 'email' is declared personal data (user.contact.email) here
src/stats.c:5:2: note: reaches analytics sink 'stats_upload' as argument 1
src/visitor.h:7:7: note: 'ip' is declared personal data (user.device.ip_address) here
src/stats.c:5:2: note: reaches analytics sink 'stats_upload' as argument 1
src/visitor.h:8:7: note: 'name' is declared personal data (user.name) here
src/stats.c:5:2: note: reaches analytics sink 'stats_upload' as argument 1"
if grep -A6 '^src/stats.c:5:2: error' "$tmp/text.out" | diff - <(printf '%s\n' "$expected_stats") >"$tmp/diff" 2>&1; then
	ok "text: the error, then per source its note and its trace, the sink call last"
else
	fail "text: the finding of stats.c differs"
	show "$tmp/diff"
fi
if tail -n 1 "$tmp/text.out" | grep -qE '^piiflow: 3 errors, 0 warnings; 0 accepted \(0 by consent, 0 by the baseline\), 0 suppressed; 2 translation units, [0-9]+ functions? analyzed in [0-9]+\.[0-9]{2} s$'; then
	ok "text: ends with one summary line"
else
	fail "text: the last line is not the summary"
	show "$tmp/text.out"
fi

# ---- JSON ----------------------------------------------------------------
"$piiflow" check -p build --no-cache --format json >"$tmp/a.json" 2>/dev/null
python3 - "$tmp/a.json" >"$tmp/json.out" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert len(f) == 3, "%d findings" % len(f)
by_line = {(x["sink"]["file"], x["sink"]["line"]): x for x in f}
stats = by_line[("src/stats.c", 5)]
cats = [s["category"] for s in stats["sources"]]
assert cats == ["user.contact.email", "user.device.ip_address", "user.name"], cats
assert stats["category"] == cats[0] and stats["source"]["name"] == "email"
for x in f:
    for s in x["sources"]:
        assert s["trace"], "an empty trace"
        last = s["trace"][-1]
        assert (last["file"], last["line"], last["column"]) == (
            x["sink"]["file"], x["sink"]["line"], x["sink"]["column"]), last
        assert set(s) == {"category", "file", "line", "column", "name", "trace"}, set(s)
ads = [by_line[("src/ads.c", 8)], by_line[("src/ads.c", 9)]]
for x in ads:
    assert [s["category"] for s in x["sources"]] == ["user.contact.email",
                                                      "user.device.ip_address"]
    msgs = [t["message"] for t in x["sources"][0]["trace"]]
    assert msgs[0] == "copied into 'line' by 'snprintf'", msgs
assert ads[0]["fingerprint"] != ads[1]["fingerprint"], "two calls, one fingerprint"
print("ok")
EOF
if grep -qx ok "$tmp/json.out"; then
	ok "json: one finding per call, sources[] in order, every trace ends at the sink"
else
	fail "json: $(tail -n 1 "$tmp/json.out")"
fi

# ---- SARIF ---------------------------------------------------------------
"$piiflow" check -p build --no-cache --format sarif >"$tmp/a.sarif" 2>/dev/null
python3 - "$tmp/a.sarif" >"$tmp/sarif.out" 2>&1 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
flows = [x for x in r if x["ruleId"].startswith("pii-to-")]
assert len(flows) == 3, len(flows)
stats = [x for x in flows if x["ruleId"] == "pii-to-analytics"][0]
assert len(stats["relatedLocations"]) == 3
assert len(stats["codeFlows"]) == 3
for cf in stats["codeFlows"]:
    locs = cf["threadFlows"][0]["locations"]
    assert locs[-1]["location"]["physicalLocation"]["region"]["startLine"] == 5
assert set(stats["partialFingerprints"]) == {"piiflow/v2"}, stats["partialFingerprints"]
print("ok")
EOF
if grep -qx ok "$tmp/sarif.out"; then
	ok "sarif: relatedLocations and a code flow per source, partialFingerprints piiflow/v2"
else
	fail "sarif: $(tail -n 1 "$tmp/sarif.out")"
fi

# ---- fingerprints survive moved lines -------------------------------------
moved="$tmp/moved"
write_project "$moved" 7
(cd "$moved" && "$piiflow" check -p build --no-cache --format json >"$tmp/b.json" 2>/dev/null)
fps() { python3 -c 'import json,sys; print(" ".join(sorted(f["fingerprint"] for f in json.load(open(sys.argv[1]))["findings"])))' "$1"; }
if [[ "$(fps "$tmp/a.json")" == "$(fps "$tmp/b.json")" ]] &&
	! cmp -s <(grep '"line"' "$tmp/a.json") <(grep '"line"' "$tmp/b.json"); then
	ok "fingerprints do not change when lines move"
else
	fail "fingerprints changed with moved lines"
fi

# ---- baselines and reports of version 1 --------------------------------------
data="$src/tests/data/v1"
rc=0
"$piiflow" check -p build --no-cache --baseline "$data/baseline.json" >"$tmp/v1.out" 2>"$tmp/v1.err" || rc=$?
if ((rc == 0)) && grep -q '^piiflow: 0 errors, 0 warnings; 3 accepted (0 by consent, 3 by the baseline)' "$tmp/v1.out" &&
	grep -q 'baseline of version 1' "$tmp/v1.err"; then
	ok "a baseline of version 1 still accepts every finding, with a note to rewrite it"
else
	fail "version 1 baseline: exit $rc"
	show "$tmp/v1.out"
	show "$tmp/v1.err"
fi
rc=0
"$piiflow" check -p build --no-cache --new-since "$data/report.json" >"$tmp/v1r.out" 2>&1 || rc=$?
if ((rc == 0)); then
	ok "--new-since a JSON report of version 1: nothing new"
else
	fail "--new-since a version 1 report: exit $rc"
	show "$tmp/v1r.out"
fi
"$piiflow" check -p build --no-cache --baseline "$data/baseline.json" --write-baseline "$tmp/v2.json" 2>/dev/null
if grep -q '"piiflow_baseline": 2' "$tmp/v2.json" &&
	"$piiflow" check -p build --no-cache --baseline "$tmp/v2.json" >/dev/null 2>&1; then
	ok "--write-baseline migrates it to version 2, which matches"
else
	fail "rewriting a version 1 baseline"
	show "$tmp/v2.json"
fi
# a new category at a baselined call is new
sed -i 's|v->email, v->ip);|v->email, v->ip);\n\tsnprintf(line, sizeof line, "%s", v->name);|' src/ads.c
rc=0
"$piiflow" check -p build --no-cache --baseline "$data/baseline.json" >"$tmp/v1new.out" 2>/dev/null || rc=$?
if ((rc == 1)) && grep -q "^src/ads.c:9:2: error: personal data 'user.name' reaches" "$tmp/v1new.out"; then
	ok "with a version 1 baseline, a call reached by a new source is reported"
else
	fail "version 1 baseline and a new source: exit $rc"
	show "$tmp/v1new.out"
fi

echo "$passed passed, $failed failed"
((failed == 0))
