#!/usr/bin/env bash
# piiflow's benchmark: how long a whole-program check of real C code takes,
# next to the floor (clang -fsyntax-only over the same compile database, with
# the same flags and the same number of threads) and next to what users
# compare piiflow with (clang --analyze with the taint checker). A hook or a
# CI step is only kept if it costs about what parsing costs, so every figure
# is printed as a ratio to the parse time. Not a test: numbers depend on the
# machine, so it prints them and the issue-7 targets they meet or miss.
#
# Usage: bench/run.sh [--only PACKAGE]... [--taint-sample N] [--no-warm] [--no-stress] [--json FILE]
#   PACKAGE: redis, git or curl (default: all three)
#   --taint-sample N  TUs (the first N entries) for the clang --analyze
#                     comparison, default 40; 0 skips it (it is slow)
#   --no-warm         skip the warm re-run of git
#   --json FILE       also write the closing JSON line to FILE
# Environment: PIIFLOW (a piiflow binary; default: build one with
# scripts/build.sh in $BUILD_DIR, default build/), CLANG (default: the clang of
# the libclang piiflow links, else clang-19), PIIFLOW_BENCH_DIR (the sources,
# see bench/fetch.sh), WARM_FILE (git file edited for the warm re-run).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${PIIFLOW_BENCH_DIR:-$repo/bench/.cache}"
export PIIFLOW_BENCH_DIR="$cache"
only=()
sample=40
warm=1
stress=1
json_out=""

usage() {
	echo "usage: bench/run.sh [--only PACKAGE]... [--taint-sample N] [--no-warm] [--no-stress] [--json FILE]"
}
die() {
	echo "run.sh: $*" >&2
	exit 1
}

while (($#)); do
	case "$1" in
	--only)
		(($# >= 2)) || die "--only needs redis, git or curl"
		only+=("$2")
		shift
		;;
	--taint-sample)
		if (($# < 2)) || [[ ! "$2" =~ ^[0-9]+$ ]]; then
			die "--taint-sample needs a number"
		fi
		sample="$2"
		shift
		;;
	--no-warm) warm=0 ;;
	--no-stress) stress=0 ;;
	--json)
		(($# >= 2)) || die "--json needs a file"
		json_out="$2"
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 2
		;;
	esac
	shift
done
if ((${#only[@]} == 0)); then
	only=(redis git curl)
fi

tmp="$(mktemp -d)"
warm_path="" # set while a git file is edited for the warm re-run
cleanup() {
	if [[ -n "$warm_path" && -f "$tmp/warm.orig" ]]; then
		cp -p "$tmp/warm.orig" "$warm_path"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- tools ----

bash "$repo/scripts/bootstrap.sh"
if [[ -z "${PIIFLOW:-}" ]]; then
	build_dir="${BUILD_DIR:-build}"
	[[ "$build_dir" == /* ]] || build_dir="$repo/$build_dir"
	echo "run.sh: building piiflow in $build_dir" >&2
	BUILD_DIR="$build_dir" bash "$repo/scripts/build.sh" >"$tmp/build.log" 2>&1 || {
		tail -n 30 "$tmp/build.log" >&2
		die "building piiflow failed: run BUILD_DIR=$build_dir bash scripts/build.sh"
	}
	PIIFLOW="$build_dir/analyzer/piiflow"
fi
piiflow="$PIIFLOW"
[[ -x "$piiflow" ]] || die "no piiflow binary at $piiflow"

if [[ -z "${CLANG:-}" ]]; then
	CLANG=clang-19
	lib="$(ldd "$piiflow" 2>/dev/null | awk '/libclang/ { print $3; exit }')"
	# /usr/lib/llvm-19/lib/libclang-19.so.19 -> /usr/lib/llvm-19/bin/clang
	if [[ -n "$lib" && -x "$(dirname "$(dirname "$lib")")/bin/clang" ]]; then
		CLANG="$(dirname "$(dirname "$lib")")/bin/clang"
	fi
fi
command -v "$CLANG" >/dev/null 2>&1 || die "no clang at '$CLANG': set CLANG"
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found: apt-get install time"

fetched="$(bash "$repo/bench/fetch.sh" "${only[@]}")" || die "bench/fetch.sh failed"

logs="$cache/logs"
mkdir -p "$logs"
results="$tmp/results"
: >"$results"
compdb=(python3 "$repo/bench/compdb.py")

# With the summary cache (issue 7), cold runs must not use it.
cold=()
has_cache=0
if "$piiflow" --help 2>&1 | grep -q -- '--no-cache'; then
	cold=(--no-cache)
	has_cache=1
fi

record() { echo "$1 $2 $3" >>"$results"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# measure LIMIT CMD...: runs CMD, stopped after LIMIT seconds if LIMIT > 0;
# sets M_WALL (seconds), M_CPU (user + system seconds of CMD and its
# children), M_RSS (peak KiB of the largest process) and M_RC.
measure() {
	local limit="$1" start u s
	shift
	local stop=()
	if ((limit > 0)); then
		stop=(timeout "$limit")
	fi
	M_RC=0
	start="$(now)"
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "${stop[@]}" "$@" || M_RC=$?
	M_WALL="$(since "$start")"
	read -r u s M_RSS < <(tail -n 1 "$tmp/time")
	M_CPU="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')"
}

# parse PKG KEY FILE J: clang over each command line of FILE, J at a time. A
# TU with compile errors makes xargs exit 123; piiflow analyzes such a TU as
# far as clang recovers, so it counts like the others.
parse() {
	measure 0 xargs -d '\n' -n1 -P"$4" bash -c <"$3" >/dev/null 2>&1
	if ((M_RC != 0 && M_RC != 123)); then
		echo "run.sh: $1: clang commands stopped with exit $M_RC" >&2
	fi
	record "$1" "$2_s" "$M_WALL"
	record "$1" "$2_cpu_s" "$M_CPU"
}

# piiflow_run PKG KEY LIMIT DB_DIR ARGS...: one timed check; the JSON report
# and stderr stay in $logs/PKG-KEY.{json,err}.
piiflow_run() {
	local pkg="$1" key="$2" limit="$3" db="$4"
	shift 4
	measure "$limit" "$piiflow" check -p "$db" --format json -o "$logs/$pkg-$key.json" -q \
		"$@" </dev/null 2>"$logs/$pkg-$key.err"
	record "$pkg" "${key}_s" "$M_WALL"
	record "$pkg" "${key}_cpu_s" "$M_CPU"
	record "$pkg" "${key}_rss_kib" "$M_RSS"
	record "$pkg" "${key}_exit" "$M_RC"
	local what="exit $M_RC"
	if ((M_RC == 124)); then
		record "$pkg" "${key}_timeout_s" "$limit"
		what="STOPPED after $limit s"
		echo "run.sh: $pkg: piiflow $key did not finish in $limit s" >&2
	elif ((M_RC > 1)); then
		what="CRASHED with exit $M_RC (stderr: $logs/$pkg-$key.err)"
		echo "run.sh: $pkg: piiflow $key $what" >&2
	fi
	echo "   piiflow $key: $M_WALL s, cpu $M_CPU s, peak RSS $((M_RSS / 1024)) MiB, $what"
}

# How long piiflow may take: BENCH_TIMEOUT, else 10x the parse time (at least
# 300 s). A run that is stopped is reported as such, not as a figure.
limit_for() {
	if [[ -n "${BENCH_TIMEOUT:-}" ]]; then
		echo "$BENCH_TIMEOUT"
	else
		awk -v p="$1" 'BEGIN { l = int(10 * p) + 1; print (l < 300 ? 300 : l) }'
	fi
}

parse_errors() {
	python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("-")
    sys.exit()
print(sum(1 for x in d.get("diagnostics", []) if x.get("rule") == "parse-error"))
' "$1"
}

value() { awk -v k="$1 $2" 'index($0, k " ") == 1 { v = $3 } END { print v }' "$results"; }

record - cpus "$(nproc)"
record - piiflow_version "$("$piiflow" --version | awk '{ print $2 }')"
record - clang "$("$CLANG" --version | head -n 1)"
record - cache "$has_cache"
record - load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "piiflow $("$piiflow" --version | awk '{ print $2 }') vs $("$CLANG" --version | head -n 1);" \
	"$(nproc) CPUs: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo);" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"

while read -r pkg ntu dir; do
	db="$dir"
	record "$pkg" tus "$ntu"
	echo "== $pkg: $ntu translation units ($(cat "$dir/version" 2>/dev/null || echo "?"))"
	"${compdb[@]}" syntax "$db" "$CLANG" >"$tmp/syntax"
	crashes=0
	limit=""
	# once untimed, so that the first timed run does not pay for reading
	# the sources and headers from disk
	xargs -d '\n' -n1 -P"$(nproc)" bash -c <"$tmp/syntax" >/dev/null 2>&1 || true
	for j in 1 2; do
		parse "$pkg" "parse_j$j" "$tmp/syntax" "$j"
		echo "   clang -fsyntax-only -j$j: $M_WALL s, cpu $M_CPU s"
		if [[ -z "$limit" ]]; then
			limit="$(limit_for "$M_WALL")"
		fi
		if ((j == 2)) && [[ "$(value "$pkg" piiflow_j1_exit)" == 124 ]]; then
			echo "   piiflow j2: skipped, -j1 did not finish"
			continue
		fi
		piiflow_run "$pkg" "piiflow_j$j" "$limit" "$db" -j "$j" "${cold[@]}"
		if ((M_RC > 1 && M_RC != 124)); then
			crashes=$((crashes + 1))
		fi
	done
	# The stress run: libc's output functions declared sinks
	# (bench/stress-rules.json), so that nearly every function is linked to
	# a sink and analyzed; with the shipped packs alone these codebases hold
	# no sink and the flow analysis has nothing to do.
	if ((stress)); then
		piiflow_run "$pkg" stress_j2 "$limit" "$db" -j 2 "${cold[@]}" --explain \
			--rules "$repo/bench/stress-rules.json"
		if ((M_RC > 1 && M_RC != 124)); then
			crashes=$((crashes + 1))
		fi
		analyzed="$(sed -n 's/^functions analyzed: \([0-9]*\) of \([0-9]*\),.*/\1 \2/p' \
			"$logs/$pkg-stress_j2.err")"
		if [[ -n "$analyzed" ]]; then
			record "$pkg" stress_functions_analyzed "${analyzed% *}"
			record "$pkg" stress_functions "${analyzed#* }"
		fi
		record "$pkg" stress_findings "$(python3 -c '
import json, sys
try:
    print(len(json.load(open(sys.argv[1]))["findings"]))
except (OSError, ValueError, KeyError):
    print("-")
' "$logs/$pkg-stress_j2.json")"
	fi
	record "$pkg" crashes "$crashes"
	last="$logs/$pkg-piiflow_j2.json"
	[[ -s "$last" ]] || last="$logs/$pkg-piiflow_j1.json"
	record "$pkg" parse_warnings "$(parse_errors "$last")"

	if ((sample > 0)); then
		n=$((sample < ntu ? sample : ntu))
		record "$pkg" sample_tus "$n"
		"${compdb[@]}" subset "$db" "$n" "$tmp/sample-$pkg"
		"${compdb[@]}" syntax "$db" "$CLANG" --first "$n" >"$tmp/sample-syntax"
		"${compdb[@]}" taint "$db" "$CLANG" --first "$n" >"$tmp/sample-taint"
		parse "$pkg" sample_parse "$tmp/sample-syntax" 1
		echo "   first $n TUs, -j1: clang -fsyntax-only $M_WALL s"
		slimit="$(limit_for "$M_WALL")"
		parse "$pkg" sample_taint "$tmp/sample-taint" 1
		echo "   first $n TUs, -j1: clang --analyze with the taint checker $M_WALL s"
		piiflow_run "$pkg" sample_piiflow "$slimit" "$tmp/sample-$pkg" -j 1 "${cold[@]}"
	fi

	if [[ "$pkg" == git ]] && ((warm)); then
		if [[ "$(value "$pkg" piiflow_j1_exit)" == 124 ]]; then
			echo "   warm re-run: skipped, the cold run did not finish"
			continue
		fi
		file="${WARM_FILE:-builtin/commit.c}"
		warm_path="$("${compdb[@]}" find "$db" "$file")"
		record "$pkg" warm_file "$file"
		if ((has_cache)); then
			piiflow_run "$pkg" prime "$limit" "$db" # fills the summary cache
		fi
		# An edit, not only a new mtime: a cache keyed by contents must see
		# one changed translation unit.
		cp -p "$warm_path" "$tmp/warm.orig"
		printf '\n/* piiflow bench: warm re-run */\n' >>"$warm_path"
		piiflow_run "$pkg" warm "$limit" "$db"
		cp -p "$tmp/warm.orig" "$warm_path"
		warm_path=""
		"${compdb[@]}" syntax "$db" "$CLANG" --file "$file" >"$tmp/one"
		best=""
		for _ in 1 2 3; do
			parse "$pkg" warm_file_parse_try "$tmp/one" 1
			if [[ -z "$best" ]] || awk -v a="$M_WALL" -v b="$best" 'BEGIN { exit !(a < b) }'; then
				best="$M_WALL"
			fi
		done
		record "$pkg" warm_file_parse_s "$best"
		echo "   that file alone: clang -fsyntax-only $best s (best of 3)"
	fi
done <<<"$fetched"
record - load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

python3 "$repo/bench/table.py" "$results" | tee "$tmp/table"
if [[ -n "$json_out" ]]; then
	tail -n 1 "$tmp/table" >"$json_out"
fi
