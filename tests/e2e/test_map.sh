#!/usr/bin/env bash
# `piiflow map` end to end (issue 18): the data map of examples/shop and of
# the multi-file program tests/cases/programs/datamap in every format. Text
# and Markdown list every source with its flows; the JSON follows the schema
# of docs/map.md; the dot output renders to SVG with Graphviz; the fideslang
# manifest is checked against the fields and types of fideslang's System and
# PrivacyDeclaration models; a baseline turns reported flows into baselined
# ones; the config's data_uses maps a project's purpose and is validated.
#
# Usage: bash tests/e2e/test_map.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR set to the checkout. Needs python3 with yaml
# (python3-yaml) and Graphviz's dot (scripts/bootstrap.sh --test).
# Prints "N passed, M failed".
set -euo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" python3 dot
python3 -c 'import yaml' 2>/dev/null || {
	echo "FAIL: python3-yaml is needed (scripts/bootstrap.sh --test)" >&2
	exit 1
}

# check NAME WANT_RC PYTHON: runs the Python snippet with the output's text
# in `text` (and `d`, the parsed JSON, when it parses); it must print "ok".
check() {
	local name="$1" want="$2" code="$3" why="" got
	((rc == want)) || why="exit $rc, want $want"
	got="$(python3 - "$out" "$code" <<'EOF' 2>&1
import json, sys
text = open(sys.argv[1]).read()
try:
    d = json.loads(text)
except ValueError:
    d = None
exec(sys.argv[2])
EOF
)" || true
	[[ "$got" == "ok" ]] || why+="${why:+; }${got:-no output}"
	if [[ -z "$why" ]]; then ok "$name"; else fail "$name" "$why"; fi
}

# ---- examples/shop ----
cp -r "$src/examples/shop" "$tmp/shop"
cd "$tmp/shop"
shop=(--no-cache -q --no-config ads.c format.c session.c -- -I.)

run map "${shop[@]}"
check "shop, text: the e-mail's reported and consented flows, the name reaching nothing" 0 '
lines = text.splitlines()
i = lines.index("  user.h:13:7: user.contact.email '"'"'email'"'"' is declared personal data")
assert lines[i + 1].split()[:2] == ["advertising", "reported"], lines[i + 1]
assert "session.c:17:2: '"'"'ads_track'"'"' argument 2 in '"'"'on_checkout'"'"' [error]" in lines[i + 1]
assert lines[i + 2].split()[:2] == ["advertising", "consent"], lines[i + 2]
assert lines[i + 2].endswith("(consent: user_ad_consent)"), lines[i + 2]
j = lines.index("  user.h:12:7: user.name '"'"'name'"'"' is declared personal data")
assert lines[j + 1] == "    reaches no sink", lines[j + 1]
assert lines[-1] == "2 sources, 1 reaching a sink; flows: 1 reported, 1 accepted under consent, 0 suppressed, 0 baselined", lines[-1]
print("ok")'

run map --format json "${shop[@]}"
check "shop, json: schema version 1, sources with flows" 0 '
assert d["version"] == 1 and d["tool"]["name"] == "piiflow"
src = {s["name"]: s for s in d["sources"]}
assert set(src) == {"name", "email"}, set(src)
e = src["email"]
assert (e["category"], e["file"], e["line"], e["column"]) == ("user.contact.email", "user.h", 13, 7)
assert [(f["purpose"], f["status"], f["data_use"]) for f in e["flows"]] == [("advertising", "reported", "marketing.advertising"), ("advertising", "consent", "marketing.advertising")]
assert e["flows"][1]["consent_functions"] == ["user_ad_consent"]
assert e["flows"][0]["sink"] == {"file": "session.c", "line": 17, "column": 2, "function": "on_checkout", "callee": "ads_track", "argument": 1}
assert src["name"]["flows"] == []
assert d["summary"] == {"sources": 2, "sources_reaching_sinks": 1, "translation_units": 3, "flows": {"reported": 1, "consent": 1, "suppressed": 0, "baselined": 0}}, d["summary"]
print("ok")'

# ---- the multi-file program, through a compile database ----
prog="$tmp/datamap"
cp -r "$src/tests/cases/programs/datamap" "$prog"
cd "$prog"
mkdir build
{
	echo "["
	sep=""
	for f in ads.c crash.c metrics.c; do
		printf '%s{"directory": "%s", "file": "%s", "arguments": ["cc", "-I%s", "-c", "%s"]}\n' \
			"$sep" "$prog" "$f" "$prog" "$f"
		sep=","
	done
	echo "]"
} >build/compile_commands.json
p=(--no-cache -q -p build)

run map "${p[@]}"
cp "$out" "$tmp/map1.txt"
check "program, text: every source, each flow with its verdict" 0 '
for want in [
    "  user.h:10:7: user.name '"'"'name'"'"' is declared personal data",
    "  user.h:12:7: user.contact.phone_number '"'"'phone'"'"' is declared personal data",
    "  user.h:16:13: user.device.ip_address '"'"'g_last_ip'"'"' is declared personal data",
    "  user.device.device_id (1 source): analytics (1 suppressed)",
    "  user.name (1 source): crash_reports (1 reported)",
    "5 sources, 3 reaching a sink; flows: 2 reported, 1 accepted under consent, 1 suppressed, 0 baselined"]:
    assert want in text.splitlines(), want
assert "(reason: the device id is hashed by the metrics agent)" in text
assert text.count("reaches no sink") == 2
print("ok")'
run map "${p[@]}"
if cmp -s "$out" "$tmp/map1.txt"; then ok "program, text: two runs print the same map"; else fail "program, text: two runs differ" "see diff"; fi

run map --format json "${p[@]}"
cp "$out" "$tmp/map1.json"
check "program, json: statuses, reasons, data uses, categories and purposes" 0 '
flows = {(s["name"], f["status"]): f for s in d["sources"] for f in s["flows"]}
assert set(flows) == {("email", "reported"), ("email", "consent"), ("device_id", "suppressed"), ("name", "reported")}, set(flows)
assert flows[("device_id", "suppressed")]["reason"] == "the device id is hashed by the metrics agent"
assert flows[("name", "reported")]["data_use"] == "essential.service.operations.support"
assert flows[("name", "reported")]["rule"] == "pii-to-crash_reports"
purposes = {p["purpose"]: p for p in d["purposes"]}
assert sorted(purposes) == ["advertising", "analytics", "crash_reports"]
assert purposes["analytics"]["categories"] == ["user.device.device_id"]
assert purposes["advertising"]["consent_functions"] == ["ads_allowed"]
cats = {c["category"]: c for c in d["categories"]}
assert cats["user.contact.phone_number"] == {"category": "user.contact.phone_number", "sources": 1, "purposes": {}}
assert [s["line"] for s in d["sources"]] == sorted(s["line"] for s in d["sources"])
assert "seconds" not in d["summary"]
print("ok")'
run map --format json "${p[@]}"
if cmp -s "$out" "$tmp/map1.json"; then ok "program, json: two runs diff clean"; else fail "program, json: two runs differ" "see diff"; fi

run map --format markdown "${p[@]}"
check "program, markdown: the category table and one row per flow" 0 '
lines = text.splitlines()
assert lines[0] == "# Personal data map"
assert "| Category | Sources | advertising (marketing.advertising) | analytics (analytics) | crash_reports (essential.service.operations.support) |" in lines
assert "| `user.contact.email` | 1 | 1 reported, 1 consent | - | - |" in lines
assert "| `user.device.device_id` | `device_id` user.h:13 | analytics | `metrics_count` argument 1 in `count_visit` metrics.c:9 | suppressed: the device id is hashed by the metrics agent |" in lines
assert "| `user.contact.phone_number` | `phone` user.h:12 | - | - | reaches no sink |" in lines
rows = [l for l in lines if l.startswith("| `user.")]
assert all(l.count(" | ") == rows[0].count(" | ") for l in rows[5:]), rows
print("ok")'

run map --format dot "${p[@]}"
cp "$out" "$tmp/map.dot"
if dot -Tsvg "$tmp/map.dot" >"$tmp/map.svg" 2>"$tmp/dot.err"; then
	out="$tmp/map.svg"
	rc=0
	check "program, dot: Graphviz renders categories -> functions -> sinks" 0 '
import xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.fromstring(text)
titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
for node in ["category:user.contact.email", "category:user.contact.phone_number", "function:on_purchase", "sink:ad_track", "function:count_visit", "sink:metrics_count", "sink:crash_attach"]:
    assert node in titles, (node, titles)
assert "category:user.contact.email->function:on_purchase" in titles
assert "function:on_purchase->sink:ad_track" in titles
assert "function:on_crash->sink:crash_attach" in titles
print("ok")'
	out="$tmp/out"
else
	fail "program, dot: Graphviz renders it" "$(cat "$tmp/dot.err")"
fi

# fideslang: the manifest against the fields and types of fideslang's models
# (src/fideslang/models.py: System and PrivacyDeclaration; FidesKey is
# ^[a-zA-Z0-9_.<>-]+$), and its keys against the taxonomy piiflow ships.
cat >"$tmp/fideslang_check.py" <<'EOF'
import csv, re, sys, yaml

FIDES_KEY = re.compile(r"^[a-zA-Z0-9_.<>-]+$")
def fides_key(v): return isinstance(v, str) and FIDES_KEY.match(v) is not None
def opt(t): return lambda v: v is None or t(v)
def is_str(v): return isinstance(v, str)
def is_bool(v): return isinstance(v, bool)
def list_of(t): return lambda v: isinstance(v, list) and all(t(x) for x in v)

# name: (required, type check), from fideslang's models.py
PRIVACY_DECLARATION = {
    "name": (False, opt(is_str)),
    "data_categories": (True, list_of(fides_key)),
    "data_use": (True, fides_key),
    "data_subjects": (False, list_of(fides_key)),
    "dataset_references": (False, opt(list_of(fides_key))),
    "egress": (False, opt(list_of(fides_key))),
    "ingress": (False, opt(list_of(fides_key))),
    "features": (False, list_of(is_str)),
    "flexible_legal_basis_for_processing": (False, is_bool),
    "legal_basis_for_processing": (False, opt(is_str)),
    "impact_assessment_location": (False, opt(is_str)),
    "retention_period": (False, opt(is_str)),
    "processes_special_category_data": (False, is_bool),
    "special_category_legal_basis": (False, opt(is_str)),
    "data_shared_with_third_parties": (False, is_bool),
    "third_parties": (False, opt(is_str)),
    "shared_categories": (False, list_of(is_str)),
    "cookies": (False, opt(list_of(lambda c: isinstance(c, dict)))),
}
SYSTEM = {
    "fides_key": (True, fides_key),
    "organization_fides_key": (False, fides_key),
    "tags": (False, opt(list_of(is_str))),
    "name": (False, opt(is_str)),
    "description": (False, opt(is_str)),
    "meta": (False, opt(lambda v: isinstance(v, dict))),
    "system_type": (True, is_str),
    "privacy_declarations": (True, lambda v: isinstance(v, list)),
    "processes_personal_data": (False, is_bool),
    "exempt_from_privacy_regulations": (False, is_bool),
    "uses_profiling": (False, is_bool),
    "does_international_transfers": (False, is_bool),
    "requires_data_protection_assessments": (False, is_bool),
    "dataset_references": (False, list_of(fides_key)),
}

def check(obj, model, where):
    assert isinstance(obj, dict), f"{where}: not a mapping"
    for k, v in obj.items():
        assert k in model, f"{where}: '{k}' is not a field of the model"
        assert model[k][1](v), f"{where}: '{k}' has the wrong type: {v!r}"
    for k, (req, _) in model.items():
        assert not req or k in obj, f"{where}: required field '{k}' missing"

doc = yaml.safe_load(open(sys.argv[1]))
rules = sys.argv[2]
uses = {r["fides_key"] for r in csv.DictReader(open(rules + "/data_uses.csv"))}
cats = {r["fides_key"] for r in csv.DictReader(open(rules + "/taxonomy.csv"))}
assert list(doc) == ["system"], list(doc)
assert isinstance(doc["system"], list) and len(doc["system"]) == 1
system = doc["system"][0]
check(system, SYSTEM, "system")
got = {}
for i, pd in enumerate(system["privacy_declarations"]):
    check(pd, PRIVACY_DECLARATION, f"privacy_declarations[{i}]")
    assert pd["data_use"] in uses, pd["data_use"]
    assert all(c in cats for c in pd["data_categories"]), pd["data_categories"]
    assert pd["data_categories"] == sorted(set(pd["data_categories"]))
    got[pd["data_use"]] = pd["data_categories"]
want = dict(eval(sys.argv[3]))
assert got == want, got
assert [pd["data_use"] for pd in system["privacy_declarations"]] == sorted(got)
print("ok")
EOF

run map --format fideslang "${p[@]}"
if got="$(python3 "$tmp/fideslang_check.py" "$out" "$src/rules" \
	'{"analytics": ["user.device.device_id"], "essential.service.operations.support": ["user.name"], "marketing.advertising": ["user.contact.email"]}' 2>&1)" &&
	[[ "$got" == ok && $rc == 0 ]]; then
	ok "program, fideslang: a System manifest that fideslang's model accepts, the project's purpose mapped"
else
	fail "program, fideslang: the manifest" "$got"
fi

run map --format fideslang --no-config "${p[@]}"
if got="$(python3 "$tmp/fideslang_check.py" "$out" "$src/rules" \
	'{"analytics": ["user.device.device_id"], "marketing.advertising": ["user.contact.email"]}' 2>&1)" &&
	[[ "$got" == ok ]] && grep -q "^# purpose 'crash_reports' has no fideslang data use" "$out"; then
	ok "program, fideslang without data_uses: the unmapped purpose is a comment, not a guess"
else
	fail "program, fideslang without data_uses" "$got"
fi

# a baseline: what it records is listed as baselined
run check "${p[@]}" --write-baseline "$tmp/baseline.json"
run map --format json "${p[@]}" --baseline "$tmp/baseline.json"
check "program, json with --baseline: the recorded flows are baselined" 0 '
assert d["summary"]["flows"] == {"reported": 0, "consent": 1, "suppressed": 1, "baselined": 2}, d["summary"]
print("ok")'

# the config's data_uses, validated against fideslang's data uses
printf '{"data_uses": {"crash_reports": "essential.service.operation.support"}}\n' >.piiflow.json
run map "${p[@]}"
check "config: an unknown data use is an error with a did-you-mean" 2 '
e = open(sys.argv[1].replace("/out", "/err")).read()
assert ".piiflow.json:1:" in e and "data_uses.crash_reports" in e, e
assert "did you mean '"'"'essential.service.operations.support'"'"'" in e, e
print("ok")'
printf '{"data_use": {"crash_reports": "essential"}}\n' >.piiflow.json
run map "${p[@]}"
check "config: a misspelt data_uses key is an error with a did-you-mean" 2 '
e = open(sys.argv[1].replace("/out", "/err")).read()
assert "did you mean '"'"'data_uses'"'"'" in e, e
print("ok")'
printf '{"data_uses": {"Crash": "essential"}}\n' >.piiflow.json
run map "${p[@]}"
check "config: a data_uses purpose must be a bare word" 2 '
e = open(sys.argv[1].replace("/out", "/err")).read()
assert "is not a purpose" in e, e
print("ok")'

run map --format sarif "${p[@]}"
check "map --format sarif: not a map format, exit 2" 2 '
e = open(sys.argv[1].replace("/out", "/err")).read()
assert "unknown format '"'"'sarif'"'"' (text, json, markdown, dot, fideslang)" in e, e
print("ok")'

echo "$passed passed, $failed failed"
((failed == 0))
