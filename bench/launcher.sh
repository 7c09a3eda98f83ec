#!/usr/bin/env bash
# The compiler launcher on git (issue 20): git built with
# `make -j2 CC="piiflow cc -- gcc"` and linked with `check -p --from-ir`
# must report what `check -p` reports on the same tree; the closing lines give
# the time and peak memory of both phases next to a plain build and a plain
# check. The rules are bench/stress-rules.json (libc's output functions as
# analytics sinks) so that the reports hold findings to compare; both checks
# load them (the launcher's IR does not depend on the rules).
#
# Usage: bash bench/launcher.sh [-j N]   (PIIFLOW=/path/to/piiflow to skip the build)
# Needs bench/fetch.sh's git (it calls it) and GNU time. Rebuilds git in
# place three times (make clean between), so it takes several minutes on
# 2 cores; run it on an idle machine for figures worth comparing.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${PIIFLOW_BENCH_DIR:-$repo/bench/.cache}"
jobs=2
if (($# == 2)) && [[ "$1" == -j ]]; then
	jobs="$2"
elif (($#)); then
	echo "usage: bash bench/launcher.sh [-j N]" >&2
	exit 2
fi
say() { echo "launcher.sh: $*" >&2; }

if [[ -z "${PIIFLOW:-}" ]]; then
	bash "$repo/scripts/build.sh" >/dev/null
	PIIFLOW="$repo/build/analyzer/piiflow"
fi
[[ -x /usr/bin/time ]] || {
	say "GNU time (/usr/bin/time) is needed"
	exit 1
}
bash "$repo/bench/fetch.sh" git >/dev/null
db="$cache/git"
src="$db/src"
# LAUNCHER_RULES=FILE picks other rules; LAUNCHER_RULES= (empty) the shipped
# packs alone (git then has no sink: the reports compare units and notes)
rules="${LAUNCHER_RULES-$repo/bench/stress-rules.json}"
rules_args=()
[[ -z "$rules" ]] || rules_args=(--rules "$rules")
out="$cache/logs/launcher"
mkdir -p "$out"
make_args=(NO_GETTEXT=YesPlease NO_TCLTK=YesPlease)

# timed NAME CMD...: runs CMD, keeps "seconds peak_kib" in $out/NAME.time
timed() {
	local name="$1"
	shift
	/usr/bin/time -f "%e %M" -o "$out/$name.time" "$@"
}

clean() {
	make -C "$src" "${make_args[@]}" clean >/dev/null 2>&1 || true
	find "$src" \( -name '*.pfir' -o -name '*.pfunit' \) -delete
}

say "plain build: make -j$jobs CC=gcc"
clean
timed build_plain make -C "$src" -j"$jobs" "${make_args[@]}" CC=gcc >"$out/build_plain.log" 2>&1

say "launcher build: make -j$jobs CC=\"piiflow cc -- gcc\""
clean
timed build_launcher make -C "$src" -j"$jobs" "${make_args[@]}" \
	CC="$PIIFLOW cc --no-cache -- gcc" >"$out/build_launcher.log" 2>&1
units="$(find "$src" -name '*.pfunit' | wc -l)"

cd "$repo"
say "check -p (parse and analyze, cold)"
rc=0
timed check_plain "$PIIFLOW" check -q --no-cache -j"$jobs" -p "$db" "${rules_args[@]}" \
	--format json -o "$out/plain.json" 2>"$out/check_plain.err" || rc=$?
((rc <= 1)) || {
	say "check -p failed ($rc): $out/check_plain.err"
	exit 1
}
say "check -p --from-ir (link only)"
rc=0
timed check_linked "$PIIFLOW" check -q -p "$db" --from-ir "$src" "${rules_args[@]}" \
	--format json -o "$out/linked.json" 2>"$out/check_linked.err" || rc=$?
((rc <= 1)) || {
	say "check --from-ir failed ($rc): $out/check_linked.err"
	exit 1
}

same="$(python3 - "$out/plain.json" "$out/linked.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d["summary"].pop("seconds", None)
print("identical" if a == b else "DIFFERENT")
PY
)"

row() {
	local name="$1" what="$2" t m
	read -r t m <"$out/$name.time"
	printf '| %s | %s s | %s MiB |\n' "$what" "$t" "$((m / 1024))"
}
echo
echo "git, $units units, -j$jobs, rules: ${rules:-the shipped packs}"
echo
echo "| run | wall | peak RSS of one process |"
echo "|---|---|---|"
row build_plain "make CC=gcc"
row build_launcher "make CC=\"piiflow cc -- gcc\" (build + per-unit phase)"
row check_plain "piiflow check -p (cold, parse and link)"
row check_linked "piiflow check -p --from-ir (link phase)"
echo
echo "findings of check -p and of the linked IR: $same"
[[ "$same" == identical ]]
