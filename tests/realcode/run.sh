#!/usr/bin/env bash
# piiflow on real code (issue 8): the full compile databases of redis, git and
# curl, built by bench/fetch.sh from Debian source packages. The golden cases
# are small by design; real code brings what they don't (system headers,
# GNU extensions, macro-heavy and generated code, hundreds of TUs linked as
# one program). For each codebase it checks that piiflow neither crashes nor
# hangs (exit 0 or 1, no signal, no sanitizer report) and that it analyzed
# every entry of the compile database, and it lists the parse-error
# diagnostics so that each can be explained. With the shipped rules these
# codebases hold no sink, so the flow analysis has nothing to do; a second
# run declares libc's output functions sinks (bench/stress-rules.json), which
# links nearly every function to one, and must not crash either. With
# --consistency PACKAGE (repeatable; redis by default) the results must be
# the same without the IR cache, with it (cold and warm) and through
# --emit-ir / --from-ir: for the default run, and for the
# stress run when it took at most REALCODE_STRESS_CONSISTENCY_MAX seconds
# (default 600; it is repeated three times). Too slow for CTest:
# run it by hand or in a nightly job (see bench/README.md).
#
# Usage: bash tests/realcode/run.sh [-j N] [--only PACKAGE]... [--per-tu]
#                                   [--consistency PACKAGE]... [--no-stress] [PATH_TO_PIIFLOW]
#   PATH_TO_PIIFLOW   default build/analyzer/piiflow (an ASan+UBSan build works too)
#   --per-tu          also run every TU alone (a third check per codebase): names
#                     the TUs that crash or hang, and the slowest ones
# Environment: PIIFLOW_BENCH_DIR (see bench/fetch.sh), REALCODE_TIMEOUT
# (seconds per codebase, default 3600), REALCODE_TU_TIMEOUT (seconds per TU
# alone, default 60).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
piiflow="$repo/build/analyzer/piiflow"
jobs="$(nproc 2>/dev/null || echo 2)"
only=()
per_tu=0
stress=1
consistency=()
limit="${REALCODE_TIMEOUT:-3600}"
tu_limit="${REALCODE_TU_TIMEOUT:-60}"

usage() {
	echo "usage: bash tests/realcode/run.sh [-j N] [--only PACKAGE]... [--per-tu] [--consistency PACKAGE]... [--no-stress] [PATH_TO_PIIFLOW]"
}

while (($#)); do
	case "$1" in
	-j)
		(($# >= 2)) || {
			usage >&2
			exit 2
		}
		jobs="$2"
		shift
		;;
	--only)
		(($# >= 2)) || {
			usage >&2
			exit 2
		}
		only+=("$2")
		shift
		;;
	--per-tu) per_tu=1 ;;
	--no-stress) stress=0 ;;
	--consistency)
		(($# >= 2)) || {
			usage >&2
			exit 2
		}
		consistency+=("$2")
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	-*)
		usage >&2
		exit 2
		;;
	*) piiflow="$1" ;;
	esac
	shift
done
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
if [[ ! -x "$piiflow" ]]; then
	echo "realcode: no piiflow binary at $piiflow (build it: bash scripts/build.sh)" >&2
	exit 2
fi
if ((${#only[@]} == 0)); then
	only=(redis git curl)
fi
if ((${#consistency[@]} == 0)); then
	consistency=(redis)
fi
stress_rules="$repo/bench/stress-rules.json"
stress_consistency_max="${REALCODE_STRESS_CONSISTENCY_MAX:-600}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
compdb=(python3 "$repo/bench/compdb.py")

fetched="$(bash "$repo/bench/fetch.sh" "${only[@]}")" || {
	echo "realcode: bench/fetch.sh failed" >&2
	exit 2
}

passed=0
failed=0
pass() {
	passed=$((passed + 1))
	echo "ok      $1"
}
fail() {
	failed=$((failed + 1))
	echo "FAILED  $1: $2"
}

# what_crashed RC STDERR_FILE LIMIT: empty when the run ended normally, else why not.
what_crashed() {
	local rc="$1" err="$2"
	if ((rc == 124)); then
		echo "no result after $3 s (hang or far too slow)"
	elif ((rc > 128)); then
		echo "killed by signal $((rc - 128))"
	elif grep -qE 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$err"; then
		echo "sanitizer report: $(grep -m1 -E 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$err")"
	elif ((rc > 1)); then
		echo "exit $rc: $(tail -n 1 "$err")"
	fi
}

# summary REPORT: prints "TUS PARSE_ERRORS", then up to 8 kinds of parse error
# (the first error's message with its quoted names left out) with their counts
# and a first example each.
summary() {
	python3 - "$1" <<'EOF'
import collections, json, re, sys
try:
    d = json.load(open(sys.argv[1]))
except (OSError, ValueError) as e:
    print("- -")
    print(f"  no report: {e}")
    sys.exit()
errs = [x for x in d.get("diagnostics", []) if x.get("rule") == "parse-error"]
print(d.get("summary", {}).get("translation_units", "-"), len(errs))
kinds = collections.OrderedDict()
for x in errs:
    first = x.get("message", "").split(";")[0]
    kind = re.sub(r"'[^']*'", "'...'", first).strip()
    kinds.setdefault(kind, []).append(x)
for kind, xs in sorted(kinds.items(), key=lambda kv: -len(kv[1]))[:8]:
    x = xs[0]
    print(f"  {len(xs):4d} x {kind}\n         e.g. {x.get('file')}:{x.get('line')}: "
          f"{x.get('message', '').split(';')[0]}")
EOF
}

# stress_counts REPORT: "N findings, M analysis-budget warnings"
stress_counts() {
	python3 - "$1" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("no report")
    sys.exit()
budget = sum(1 for x in d.get("diagnostics", []) if x.get("rule") == "analysis-budget")
print(f"{len(d.get('findings', []))} findings, {budget} analysis-budget warnings")
EOF
}

# results REPORT: what must not depend on how the report was made: the
# findings and accepted entries (fingerprint, rule, places, trace) and the
# diagnostics, sorted
results() {
	python3 - "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
def key(x):
    return json.dumps(x, sort_keys=True)
for part in ("findings", "accepted", "diagnostics"):
    for x in sorted(d.get(part, []), key=key):
        print(part, key(x))
EOF
}

# consistent PKG DB WHAT REPORT [ARGS...]: the run that made REPORT (WHAT:
# default or stress, ARGS its extra options) again with a cold and a warm
# IR cache and through emit/link; each must report what it did.
consistent() {
	local pkg="$1" db="$2" what="$3" ref="$4" mode rc
	shift 4
	results "$ref" >"$tmp/$pkg-ref.txt"
	rm -rf "$tmp/cache" "$tmp/sums"
	for mode in cache-cold cache-warm emit-link; do
		rc=0
		case "$mode" in
		cache-*)
			timeout "$limit" "$piiflow" check -p "$db" -j "$jobs" --format json \
				--cache-dir "$tmp/cache" "$@" -o "$tmp/$pkg-$mode.json" -q \
				</dev/null 2>"$tmp/$pkg-$mode.err" || rc=$?
			;;
		emit-link)
			timeout "$limit" "$piiflow" check -p "$db" -j "$jobs" --no-cache "$@" \
				--emit-ir "$tmp/sums" -q </dev/null 2>"$tmp/$pkg-$mode.err" || rc=$?
			if ((rc == 0)); then
				timeout "$limit" "$piiflow" check --from-ir "$tmp/sums" \
					--format json "$@" -o "$tmp/$pkg-$mode.json" -q \
					</dev/null 2>>"$tmp/$pkg-$mode.err" || rc=$?
			fi
			;;
		esac
		local name="$pkg: $what results the same with $mode"
		if ((rc > 1)); then
			fail "$name" "exit $rc: $(tail -n 1 "$tmp/$pkg-$mode.err")"
			continue
		fi
		results "$tmp/$pkg-$mode.json" >"$tmp/$pkg-$mode.txt"
		if cmp -s "$tmp/$pkg-ref.txt" "$tmp/$pkg-$mode.txt"; then
			pass "$name ($(wc -l <"$tmp/$pkg-ref.txt") entries)"
		else
			fail "$name" "$(diff "$tmp/$pkg-ref.txt" "$tmp/$pkg-$mode.txt" | grep -c '^[<>]') lines differ"
			diff "$tmp/$pkg-ref.txt" "$tmp/$pkg-$mode.txt" | head -n 6 | cut -c1-200 | sed 's/^/   | /'
		fi
	done
	rm -rf "$tmp/cache" "$tmp/sums"
}

# each_tu PKG DB: runs every entry alone; fails naming those that crash or
# do not finish in $tu_limit seconds, and lists the five slowest.
each_tu() {
	local pkg="$1" db="$2" n i rc start t bad=0
	n="$("${compdb[@]}" count "$db")"
	: >"$tmp/times"
	for ((i = 0; i < n; i++)); do
		"${compdb[@]}" pick "$db" "$i" "$tmp/one" </dev/null
		rc=0
		start="$(date +%s.%N)"
		timeout "$tu_limit" "$piiflow" check -p "$tmp/one" -j 1 --format json \
			-o "$tmp/one.json" -q </dev/null 2>"$tmp/one.err" || rc=$?
		t="$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
		echo "$t $i" >>"$tmp/times"
		why="$(what_crashed "$rc" "$tmp/one.err" "$tu_limit")"
		if [[ -n "$why" ]]; then
			bad=$((bad + 1))
			echo "   entry $i, $("${compdb[@]}" name "$db" "$i"): $why"
			echo "     reproduce: python3 bench/compdb.py pick $db $i OUT && piiflow check -p OUT -j 1"
		fi
	done
	echo "   slowest alone:"
	sort -rn "$tmp/times" | head -n 5 | while read -r t i; do
		echo "     $t s  $("${compdb[@]}" name "$db" "$i")"
	done
	if ((bad == 0)); then
		pass "$pkg: every TU alone finishes in ${tu_limit} s"
	else
		fail "$pkg: every TU alone finishes in ${tu_limit} s" "$bad do not (listed above)"
	fi
}

while read -r pkg ntu dir; do
	all="$("${compdb[@]}" count "$dir" --all)"
	echo "== $pkg: $ntu C translation units in $dir/compile_commands.json" \
		"($all entries: other languages, which piiflow skips, and files compiled twice," \
		"whose first entry counts)"
	rc=0
	start="$(date +%s)"
	timeout "$limit" "$piiflow" check -p "$dir" -j "$jobs" --format json --no-cache \
		-o "$tmp/$pkg.json" -q </dev/null 2>"$tmp/$pkg.err" || rc=$?
	echo "   piiflow check -p $dir -j $jobs: exit $rc after $(($(date +%s) - start)) s"
	why="$(what_crashed "$rc" "$tmp/$pkg.err" "$limit")"
	if [[ -z "$why" ]]; then
		pass "$pkg: no crash"
	else
		fail "$pkg: no crash" "$why"
		tail -n 20 "$tmp/$pkg.err" | sed 's/^/   | /'
	fi
	summary "$tmp/$pkg.json" >"$tmp/$pkg.summary"
	read -r tus nerr <"$tmp/$pkg.summary"
	if [[ "$tus" == "$ntu" ]]; then
		pass "$pkg: all $ntu translation units analyzed"
	else
		fail "$pkg: all $ntu translation units analyzed" "the report says $tus"
	fi
	echo "   parse-error diagnostics: $nerr (one per TU with compile errors, by first error):"
	tail -n +2 "$tmp/$pkg.summary"

	if ((!stress)); then
		if [[ " ${consistency[*]} " == *" $pkg "* ]]; then
			consistent "$pkg" "$dir" default "$tmp/$pkg.json"
		fi
		if ((per_tu)); then
			each_tu "$pkg" "$dir"
		fi
		continue
	fi
	# the stress run: nearly every function linked to a sink and analyzed
	rc=0
	start="$(date +%s)"
	timeout "$limit" "$piiflow" check -p "$dir" -j "$jobs" --format json --no-cache \
		--rules "$stress_rules" --explain -o "$tmp/$pkg-stress.json" -q \
		</dev/null 2>"$tmp/$pkg-stress.err" || rc=$?
	echo "   stress (libc's output functions as sinks): exit $rc after $(($(date +%s) - start)) s;" \
		"$(grep -m1 '^functions analyzed' "$tmp/$pkg-stress.err" | cut -d, -f1);" \
		"$(stress_counts "$tmp/$pkg-stress.json")"
	why="$(what_crashed "$rc" "$tmp/$pkg-stress.err" "$limit")"
	if [[ -z "$why" ]]; then
		pass "$pkg: no crash in the stress run"
	else
		fail "$pkg: no crash in the stress run" "$why"
		tail -n 20 "$tmp/$pkg-stress.err" | sed 's/^/   | /'
	fi
	if [[ " ${consistency[*]} " == *" $pkg "* ]]; then
		consistent "$pkg" "$dir" default "$tmp/$pkg.json"
		if [[ -z "$why" ]] && (($(date +%s) - start <= stress_consistency_max)); then
			consistent "$pkg" "$dir" stress "$tmp/$pkg-stress.json" --rules "$stress_rules"
		else
			echo "   stress consistency: skipped (the stress run took over" \
				"$stress_consistency_max s; REALCODE_STRESS_CONSISTENCY_MAX raises it)"
		fi
	fi
	if ((per_tu)); then
		each_tu "$pkg" "$dir"
	fi
done <<<"$fetched"

echo "$passed passed, $failed failed"
((failed == 0))
