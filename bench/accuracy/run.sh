#!/usr/bin/env bash
# The real-code accuracy benchmark (issue 21): personal data seeded into redis,
# git and curl through their own machinery (event loops, string builders,
# reference-counted objects, containers, digests, callback tables), with clean
# sink calls beside each flow. Each codebase's seed files (bench/accuracy/PKG/)
# are added to a copy of its compile database with the flags of a neighbour
# entry, piiflow checks the whole program with the codebase's rules file, and
# the report is scored exactly against the `// expect:` comments of the seed
# files: every expected finding found (file, line, rule, category), nothing
# else reported anywhere. Not a CTest test: a whole-program run takes minutes.
#
# Usage: bench/accuracy/run.sh [--only PACKAGE]... [--keep-cache] [--rescore] [--json FILE]
#   PACKAGE: redis, git or curl (default: all three, one after the other)
#   --keep-cache  keep piiflow's summary cache between runs (in the work
#                 folder); by default every run is cold (--no-cache)
#   --rescore     score the reports of the last run again (after editing an
#                 expectation), without running piiflow
#   --json FILE   also write the scores as JSON to FILE
# Environment: PIIFLOW (a piiflow binary; default: build one with
# scripts/build.sh in $BUILD_DIR, default build/), PIIFLOW_BENCH_DIR (the
# sources, see bench/fetch.sh), ACCURACY_JOBS (piiflow -j, default 2).
# Exit status: 0 when every codebase is scored exact, 1 on any miss, false
# finding or failed run, 2 on a usage error.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${PIIFLOW_BENCH_DIR:-$repo/bench/.cache}"
export PIIFLOW_BENCH_DIR="$cache"
only=()
extra=()

usage() {
	echo "usage: bench/accuracy/run.sh [--only redis|git|curl]... [--keep-cache] [--rescore] [--json FILE]"
}
die() {
	echo "accuracy: $*" >&2
	exit 1
}

while (($#)); do
	case "$1" in
	--only)
		(($# >= 2)) || {
			usage >&2
			exit 2
		}
		case "$2" in
		redis | git | curl) only+=("$2") ;;
		*)
			usage >&2
			exit 2
			;;
		esac
		shift
		;;
	--keep-cache) extra+=(--keep-cache) ;;
	--rescore) extra+=(--rescore) ;;
	--json)
		(($# >= 2)) || {
			usage >&2
			exit 2
		}
		extra+=(--json "$2")
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
	only=(redis curl git)
fi

if [[ -z "${PIIFLOW:-}" ]]; then
	build_dir="${BUILD_DIR:-build}"
	[[ "$build_dir" == /* ]] || build_dir="$repo/$build_dir"
	echo "accuracy: building piiflow in $build_dir" >&2
	log="$(mktemp)"
	BUILD_DIR="$build_dir" bash "$repo/scripts/build.sh" >"$log" 2>&1 || {
		tail -n 30 "$log" >&2
		rm -f "$log"
		die "building piiflow failed: run BUILD_DIR=$build_dir bash scripts/build.sh"
	}
	rm -f "$log"
	PIIFLOW="$build_dir/analyzer/piiflow"
fi
[[ -x "$PIIFLOW" ]] || die "no piiflow binary at $PIIFLOW"

# bench/fetch.sh keeps a package that has its compile database; it is only
# called for the ones that have none yet (a clean clone).
missing=()
for p in "${only[@]}"; do
	[[ -f "$cache/$p/compile_commands.json" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
	bash "$repo/bench/fetch.sh" "${missing[@]}" >/dev/null || die "bench/fetch.sh failed"
fi

exec python3 "$repo/bench/accuracy/score.py" --piiflow "$PIIFLOW" --cache "$cache" \
	--jobs "${ACCURACY_JOBS:-2}" "${extra[@]}" "${only[@]}"
