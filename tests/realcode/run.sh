#!/usr/bin/env bash
# piiflow on real code (issue 8): the full compile databases of redis, git and
# curl, built by bench/fetch.sh from Debian source packages. The golden cases
# are small by design; real code brings what they don't (system headers,
# GNU extensions, macro-heavy and generated code, hundreds of TUs linked as
# one program). For each codebase it checks that piiflow neither crashes nor
# hangs (exit 0 or 1, no signal, no sanitizer report) and that it analyzed
# every entry of the compile database, and it lists the parse-error
# diagnostics so that each can be explained. Too slow for CTest: run it by
# hand or in a nightly job (see bench/README.md).
#
# Usage: bash tests/realcode/run.sh [-j N] [--only PACKAGE]... [--per-tu] [PATH_TO_PIIFLOW]
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
limit="${REALCODE_TIMEOUT:-3600}"
tu_limit="${REALCODE_TU_TIMEOUT:-60}"

usage() {
	echo "usage: bash tests/realcode/run.sh [-j N] [--only PACKAGE]... [--per-tu] [PATH_TO_PIIFLOW]"
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
		"($((all - ntu)) entries of other languages, which piiflow skips)"
	rc=0
	start="$(date +%s)"
	timeout "$limit" "$piiflow" check -p "$dir" -j "$jobs" --format json \
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
	if ((per_tu)); then
		each_tu "$pkg" "$dir"
	fi
done <<<"$fetched"

echo "$passed passed, $failed failed"
((failed == 0))
