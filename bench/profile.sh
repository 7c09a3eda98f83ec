#!/usr/bin/env bash
# Where piiflow's time goes, phase by phase, so that optimizing starts from a
# measurement: libclang parsing, our lowering (the clang_visitChildren walks
# that build the IR), disposing of the AST, linking the program, the engine
# and writing the report. A sampling profile can't split these cleanly,
# because libclang ships without frame pointers or symbols for its insides;
# uprobes on the entry and return of the function that starts each phase give
# exact durations instead. Functions missing from the binary are skipped, so
# the script keeps working as the code moves.
#
# Usage: bash bench/profile.sh PIIFLOW DB_DIR [MAX_TUS]
#   runs PIIFLOW check -p DB_DIR -j1 (on the first MAX_TUS entries if given)
# Needs perf (apt-get install linux-perf) and root, for uprobes.
set -euo pipefail

if (($# < 2 || $# > 3)); then
	echo "usage: bash bench/profile.sh PIIFLOW DB_DIR [MAX_TUS]" >&2
	exit 2
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
piiflow="$(readlink -f "$1")"
db="$2"
max="${3:-}"
command -v perf >/dev/null 2>&1 || {
	echo "profile.sh: perf not found: apt-get install linux-perf" >&2
	exit 1
}
[[ "$(id -u)" == 0 ]] || {
	echo "profile.sh: uprobes need root" >&2
	exit 1
}

tmp="$(mktemp -d)"
group="pfprof$$"
cleanup() {
	perf probe -q -d "$group:*" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

if [[ -n "$max" ]]; then
	python3 "$repo/bench/compdb.py" subset "$db" "$max" "$tmp/db"
	db="$tmp/db"
fi
libclang="$(ldd "$piiflow" | awk '/libclang/ { print $3; exit }')"
[[ -n "$libclang" ]] || {
	echo "profile.sh: $piiflow does not link libclang" >&2
	exit 1
}

# probe BINARY FUNCTION...: an entry and a return probe for each function
# that BINARY defines.
probes=()
probe() {
	local bin="$1" f
	shift
	for f in "$@"; do
		if perf probe -q -x "$bin" -a "$group:${f}__in=$f" >/dev/null 2>&1 &&
			perf probe -q -x "$bin" -a "$group:${f}__out=$f%return" >/dev/null 2>&1; then
			probes+=("$f")
		fi
	done
}
probe "$piiflow" pf_driver_check pf_driver_load_rules pf_compdb_load pf_lower_tu \
	pf_lower_translation_unit pf_ir_tu_free pf_engine_run pf_program_link \
	pf_solve_findings pf_report_write_json pf_report_write_text pf_report_write_sarif
probe "$libclang" clang_parseTranslationUnit2FullArgv clang_disposeTranslationUnit
echo "profile.sh: probes on ${probes[*]}" >&2

start="$(date +%s.%N)"
perf record -q -e "$group:*" -o "$tmp/perf.data" -- "$piiflow" check -p "$db" -j 1 \
	--format json -o "$tmp/report.json" -q 2>"$tmp/stderr" || true
wall="$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
perf script -i "$tmp/perf.data" -F tid,time,event 2>/dev/null >"$tmp/events"

python3 - "$tmp/events" "$wall" "$(python3 "$repo/bench/compdb.py" count "$db")" <<'EOF'
import collections, re, sys

events, wall, ntus = sys.argv[1], float(sys.argv[2]), sys.argv[3]
open_at = {}
total = collections.Counter()
calls = collections.Counter()
for line in open(events):
    # "TID TIME: GROUP:FUNCTION__in:", return probes end in "__out__return:"
    m = re.match(r"\s*(\d+)\s+([\d.]+):\s+\w+:(\w+?)__(in|out)(?:__return)?:", line)
    if not m:
        continue
    tid, t, fn, edge = m.group(1), float(m.group(2)), m.group(3), m.group(4)
    if edge == "in":
        open_at[(tid, fn)] = t
    elif (tid, fn) in open_at:
        total[fn] += t - open_at.pop((tid, fn))
        calls[fn] += 1

rows = [
    ("whole check (pf_driver_check)", "pf_driver_check", 0),
    ("rules and taxonomy (pf_driver_load_rules)", "pf_driver_load_rules", 1),
    ("compile database (pf_compdb_load)", "pf_compdb_load", 1),
    ("translation units (pf_lower_tu)", "pf_lower_tu", 1),
    ("libclang parse (clang_parseTranslationUnit2FullArgv)", "clang_parseTranslationUnit2FullArgv", 2),
    ("lowering: AST walk to IR (pf_lower_translation_unit)", "pf_lower_translation_unit", 2),
    ("AST disposal (clang_disposeTranslationUnit)", "clang_disposeTranslationUnit", 2),
    ("engine (pf_engine_run)", "pf_engine_run", 1),
    ("link (pf_program_link)", "pf_program_link", 2),
    ("findings (pf_solve_findings)", "pf_solve_findings", 2),
    ("IR release (pf_ir_tu_free)", "pf_ir_tu_free", 1),
    ("report (pf_report_write_*)", "pf_report_write_", 1),
]
whole = total.get("pf_driver_check") or wall
print(f"piiflow check -j1 over {ntus} TUs: {wall:.2f} s wall")
print(f"{'phase':58} {'seconds':>9} {'share':>6} {'calls':>6}")
for label, fn, depth in rows:
    if fn.endswith("_"):
        secs = sum(v for k, v in total.items() if k.startswith(fn))
        n = sum(v for k, v in calls.items() if k.startswith(fn))
    else:
        secs, n = total.get(fn, 0.0), calls.get(fn, 0)
    if not n:
        continue
    name = "  " * depth + label
    print(f"{name:58} {secs:9.2f} {100 * secs / whole:5.1f}% {n:6d}")
engine = total.get("pf_engine_run", 0.0)
if engine:
    rest = engine - total.get("pf_program_link", 0.0) - total.get("pf_solve_findings", 0.0)
    print(f"{'    summaries to a fixpoint (engine less link, findings)':58} {rest:9.2f} "
          f"{100 * rest / whole:5.1f}%")
EOF
