#!/usr/bin/env bash
# SPEC section 5 promises SARIF that Microsoft's SARIF multitool validates with
# no error under GitHub's ingestion rules ("Sarif;Gh"): a report that GitHub
# code scanning rejects uploads nothing, and the CI job that sent it still
# looks green. This runs `piiflow check --format sarif` on every golden case
# under tests/cases and validates every report.
#
# Usage: bash tests/e2e/test_sarif_multitool.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout) and PIIFLOW_BUILD_DIR (the multitool
# is installed with npm into $PIIFLOW_BUILD_DIR/npm once). When npm cannot
# install the multitool the test is skipped (exit 77, which CTest reports as
# a skip); every other problem
# fails it.
#
# Cases: tests/cases/GROUP/NAME.c is checked alone with -I of its directory;
# tests/cases/GROUP/NAME/ (a directory with .c files) with all its .c files.
# The directives `// piiflow-args:` and `// piiflow-flags:` of the golden
# runner (tests/run_cases.py) apply as there.
set -uo pipefail

if (($# != 1)); then
	echo "usage: bash tests/e2e/test_sarif_multitool.sh PATH_TO_PIIFLOW" >&2
	exit 2
fi
piiflow="$1"
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
src="${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}"
build="${PIIFLOW_BUILD_DIR:?set PIIFLOW_BUILD_DIR to the build directory}"
cases="$src/tests/cases"
npm_dir="$build/npm"
# Pinned: the validator's rules change between releases.
package="@microsoft/sarif-multitool"
version="5.7.0"

if ! command -v python3 >/dev/null 2>&1; then
	echo "FAIL: python3 is needed to read the validator's log" >&2
	exit 1
fi

# ---- the multitool -------------------------------------------------------

install_multitool() {
	if [[ -d "$npm_dir/node_modules/$package" ]]; then
		return 0
	fi
	mkdir -p "$npm_dir" || return 1
	echo "installing $package@$version into $npm_dir"
	command -v npm >/dev/null 2>&1 &&
		npm install --prefix "$npm_dir" --no-audit --no-fund --loglevel=error \
			"$package@$version" >"$npm_dir/install.log" 2>&1
}

if ! install_multitool; then
	[[ -f "$npm_dir/install.log" ]] && tail -n 20 "$npm_dir/install.log"
	rm -rf "$npm_dir/node_modules/$package"
	echo "skipped: cannot install @microsoft/sarif-multitool (npm install failed)"
	exit 77 # CTest reports a skip (SKIP_RETURN_CODE)
fi

# The package's bin (bin.js) runs the native validator through a shell, which
# splits --rule-kind "Sarif;Gh" at the semicolon; so ask the package where its
# binary is (its index.js exports the path) and run that directly.
multitool="$(cd "$npm_dir" && node -e \
	'process.stdout.write(require(require.resolve(process.argv[1], {paths: [process.cwd()]})))' \
	"$package" 2>/dev/null)"
if [[ -z "$multitool" || ! -f "$multitool" ]]; then
	echo "skipped: cannot install @microsoft/sarif-multitool (no binary for $(uname -sm))"
	exit 77 # CTest reports a skip (SKIP_RETURN_CODE)
fi
# npm may skip the package's postinstall (chmod u+x) under install-script
# policies.
[[ -x "$multitool" ]] || chmod u+x "$multitool" || exit 1
schema="$(dirname "$multitool")/sarif-2.1.0.json"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
# A bare CI image may have no ICU; the validator needs no culture data.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$npm_dir/dotnet-bundle"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/sarif" "$tmp/canary"

# validate LOG FILE...: runs the validator with GitHub's rules, writing its
# own SARIF log to LOG; prints its console output.
validate() {
	local log="$1"
	shift
	"$multitool" validate --rule-kind "Sarif;Gh" --log ForceOverwrite -o "$log" "$@" \
		>"$log.console" 2>&1
	local rc=$?
	cat "$log.console"
	return $rc
}

# errors LOG FILE...: the validator's error-level results and notifications
# in LOG, one per line; also checks each FILE against the SARIF schema when
# jsonschema is installed, since the validator silently skips a file it cannot
# deserialize (an unknown enum value, say). Exit status: 0 when none.
errors() {
	python3 - "$schema" "$@" <<'EOF'
import json, sys

schema_path, log_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
errors = []
try:
    with open(log_path, encoding="utf-8") as f:
        log = json.load(f)
except (OSError, ValueError) as e:
    errors.append("cannot read the validator's log %s: %s" % (log_path, e))
    log = {"runs": []}
for run in log.get("runs", []):
    for res in run.get("results", []):
        if res.get("level", "warning") != "error":
            continue
        where = ""
        for loc in res.get("locations", [])[:1]:
            phys = loc.get("physicalLocation", {})
            where = "%s:%s: " % (phys.get("artifactLocation", {}).get("uri", "?"),
                                 phys.get("region", {}).get("startLine", "?"))
        msg = res.get("message", {})
        errors.append("%s%s %s %s" % (where, res.get("ruleId"), msg.get("id", ""),
                                      msg.get("arguments", msg.get("text", ""))))
    for inv in run.get("invocations", []):
        for key in ("toolExecutionNotifications", "toolConfigurationNotifications"):
            for n in inv.get(key, []):
                if n.get("level", "warning") == "error":
                    errors.append("%s: %s" % (key, n.get("message", {}).get("text")))
        if inv.get("executionSuccessful") is False:
            errors.append("the validator did not run to completion")

try:
    import jsonschema
except ImportError:
    jsonschema = None
if jsonschema is not None:
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.validators.validator_for(schema)(schema)
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            errors.append("%s: not JSON: %s" % (path, e))
            continue
        for e in validator.iter_errors(doc):
            errors.append("%s: schema: %s at %s" % (path, e.message,
                                                    "/".join(map(str, e.path))))
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
EOF
}

# The canary: a report GitHub would reject must give errors, or the validator
# (or the way this script reads it) is broken and every pass below is empty.
cat >"$tmp/canary/broken.sarif" <<'EOF'
{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
 "runs": [{"tool": {"driver": {"name": "canary", "rules": [{"id": "r"}]}},
  "results": [{"ruleId": "r", "message": {"text": "m"}, "locations": [{"physicalLocation":
   {"artifactLocation": {"uri": "/abs.c"}, "region": {"startLine": 1}}}]}]}]}
EOF
validate "$tmp/canary/log.sarif" "$tmp/canary/broken.sarif" >/dev/null
if errors "$tmp/canary/log.sarif" >/dev/null; then
	echo "FAIL: the validator reports no error on a broken SARIF file; cannot trust it" >&2
	cat "$tmp/canary/log.sarif.console" >&2
	exit 1
fi

# ---- the cases ------------------------------------------------------------

# directive NAME FILE: the words of `// piiflow-NAME: ...` in FILE's first 10
# lines, one per line, split as a shell does, {dir} replaced.
directive() {
	python3 - "$1" "$2" <<'EOF'
import os, re, shlex, sys

name, path = sys.argv[1], sys.argv[2]
rx = re.compile(r"(?://|/\*)\s*piiflow-%s\s*:\s*(.*?)\s*(?:\*/|$)" % name)
case_dir = os.path.dirname(os.path.realpath(path))
with open(path, encoding="utf-8", errors="replace") as f:
    for i, line in enumerate(f):
        if i >= 10:
            break
        for value in rx.findall(line):
            for word in shlex.split(value.replace("{dir}", case_dir)):
                print(word)
EOF
}

failed=0
checked=0
outputs=()

# run_case NAME DIR C_FILE...: checks the files as one program into
# $tmp/sarif/NAME.sarif. Paths are given relative to the checkout, so that
# the report has %SRCROOT%-relative URIs as in a CI job.
run_case() {
	local name="$1" dir="$2"
	shift 2
	local out="$tmp/sarif/${name//\//__}.sarif"
	local args=() flags=() f word
	for f in "$@"; do
		head -n 10 "$src/$f" | grep -qE 'piiflow-(args|flags)' || continue
		while IFS= read -r word; do args+=("$word"); done < <(directive args "$src/$f")
		while IFS= read -r word; do flags+=("$word"); done < <(directive flags "$src/$f")
	done
	(cd "$src" && "$piiflow" check --format sarif -o "$out" "${args[@]}" "$@" -- \
		-I"$dir" "${flags[@]}") >"$out.log" 2>&1
	local rc=$?
	checked=$((checked + 1))
	if ((rc != 0 && rc != 1)) || [[ ! -s "$out" ]]; then
		echo "FAIL: $name: piiflow exited $rc without a SARIF report:"
		sed 's/^/    /' "$out.log"
		failed=$((failed + 1))
		return
	fi
	outputs+=("$out")
}

shopt -s nullglob
for group_dir in "$cases"/*/; do
	group="$(basename "$group_dir")"
	for entry in "$group_dir"*; do
		rel="${entry#"$src"/}"
		if [[ -d "$entry" ]]; then
			files=()
			for f in "$entry"/*.c; do files+=("${f#"$src"/}"); done
			((${#files[@]})) || continue
			run_case "$group/$(basename "$entry")" "$entry" "${files[@]}"
		elif [[ "$entry" == *.c ]]; then
			run_case "$group/$(basename "$entry" .c)" "$(dirname "$entry")" "$rel"
		fi
	done
done

# One case of its own, so that the test checks a report with a flow even
# before the golden cases exist.
mkdir -p "$tmp/own"
cat >"$tmp/own/own.c" <<'EOF'
#include <piiflow.h>
struct user {
	int id;
	char email[64] PII(user.contact.email);
};
void ads_event(const char *name, const char *payload AD_SINK);
PII_CONSENT(advertising) int has_ad_consent(const struct user *u);

void on_login(const struct user *u)
{
	ads_event("login", u->email);
	if (has_ad_consent(u))
		ads_event("login", u->email);
}
EOF
own="$tmp/sarif/own.sarif"
(cd "$tmp/own" && "$piiflow" check --format sarif -o "$own" own.c -- -I"$src/annotations") \
	>"$own.log" 2>&1
rc=$?
checked=$((checked + 1))
if ((rc != 0 && rc != 1)) || [[ ! -s "$own" ]]; then
	echo "FAIL: own.c: piiflow exited $rc without a SARIF report:"
	sed 's/^/    /' "$own.log"
	failed=$((failed + 1))
else
	outputs+=("$own")
fi

# ---- validation -----------------------------------------------------------

invalid=0
if ((${#outputs[@]})); then
	echo "validating ${#outputs[@]} SARIF reports with sarif-multitool $version (--rule-kind Sarif;Gh)"
	validate "$tmp/log.sarif" "${outputs[@]}" | grep -E ': error ' | sed 's/^/    /'
	vrc=${PIPESTATUS[0]}
	if ((vrc != 0)); then
		echo "FAIL: the validator exited $vrc"
		invalid=$((invalid + 1))
	fi
	if ! errors "$tmp/log.sarif" "${outputs[@]}" >"$tmp/errors.txt"; then
		echo "FAIL: SARIF errors:"
		sed 's/^/    /' "$tmp/errors.txt"
		invalid=$((invalid + $(wc -l <"$tmp/errors.txt")))
	fi
fi

echo "$checked reports, $failed not written, $invalid validation errors"
if ((failed + invalid)); then
	echo "0 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
exit 0
