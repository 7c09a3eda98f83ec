#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan+UBSan, coverage
# on the libraries under test) and runs each for a set time, starting from
# its seed corpus (tests/fuzz/corpus/NAME plus, for rules, the shipped packs).
# New inputs go to a working corpus in the build directory, never into the
# checkout; failing inputs to BUILD_DIR/artifacts/NAME/. Prints executions,
# crashes, timeouts (an input running over 10 s: a hang) and out-of-memory
# runs per target and exits nonzero when there was any: copy each input into
# tests/fuzz/regress/NAME/, fix the bug, and CTest replays it from then on.
#
# Usage: bash tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#   default 60 seconds, every target; BUILD_DIR (default build-fuzz), CC
#   (default clang-19) and FUZZ_JOBS (parallel fuzzing processes per target,
#   default 1) may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
	echo "run.sh: SECONDS_PER_TARGET must be a positive integer, not '$seconds'" >&2
	exit 2
fi
shift $(($# > 0 ? 1 : 0))
build_dir="${BUILD_DIR:-build-fuzz}"
cc="${CC:-clang-19}"
jobs="${FUZZ_JOBS:-1}"

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "run.sh: $cc not found (run scripts/bootstrap.sh --test, or set CC)" >&2
	exit 2
fi
bash scripts/bootstrap.sh --test

cmake -S . -B "$build_dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DPIIFLOW_FUZZ=ON -DPIIFLOW_SANITIZE=ON >"$build_dir.configure.log" 2>&1 || {
	cat "$build_dir.configure.log" >&2
	exit 2
}
rm -f "$build_dir.configure.log"

targets=("$@")
if ((${#targets[@]} == 0)); then
	# every fuzz_NAME target CMake configured (config only where the policy
	# module exists)
	mapfile -t targets < <(cmake --build "$build_dir" --target help |
		grep -o 'fuzz_[a-z_]*' | grep -v '_replay$' | sed 's/^fuzz_//' | sort -u)
fi
make_targets=()
for t in "${targets[@]}"; do
	make_targets+=(--target "fuzz_$t")
done
cmake --build "$build_dir" -j"$(nproc 2>/dev/null || echo 2)" "${make_targets[@]}"

# Stack traces with function names and lines, where clang's symbolizer is.
for sym in llvm-symbolizer "/usr/lib/llvm-${cc##*-}/bin/llvm-symbolizer"; do
	if command -v "$sym" >/dev/null 2>&1; then
		export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v "$sym")}"
		break
	fi
done

total_crashes=0
summary=()
for t in "${targets[@]}"; do
	bin="$build_dir/tests/fuzz/fuzz_$t"
	work="$build_dir/fuzz-corpus/$t"
	artifacts="$build_dir/artifacts/$t"
	mkdir -p "$work" "$artifacts"
	seeds=("tests/fuzz/corpus/$t")
	if [[ -d "tests/fuzz/regress/$t" ]]; then
		seeds+=("tests/fuzz/regress/$t")
	fi
	if [[ "$t" == rules ]]; then
		seeds+=(rules)
	fi
	log="$build_dir/fuzz-$t.log"
	echo "== fuzz_$t for ${seconds}s (log: $log)"
	before="$(find "$artifacts" -type f | wc -l)"
	# -fork keeps fuzzing past a crash and counts every distinct one.
	set +e
	ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
		"$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
		-rss_limit_mb=2048 -max_len=8192 -dict=tests/fuzz/json.dict \
		-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-artifact_prefix="$artifacts/" "$work" "${seeds[@]}" >"$log" 2>&1
	rc=$?
	set -e
	after="$(find "$artifacts" -type f | wc -l)"
	crashes=$((after - before))
	# fork mode's last progress line: "#EXECS: cov: ... oom/timeout/crash: O/T/C ..."
	last="$(grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true)"
	execs="$(sed -E 's/^#([0-9]+):.*/\1/' <<<"${last:-#0:}")"
	ooms="$(sed -nE 's#.*oom/timeout/crash: ([0-9]+)/[0-9]+/[0-9]+.*#\1#p' <<<"$last")"
	hangs="$(sed -nE 's#.*oom/timeout/crash: [0-9]+/([0-9]+)/[0-9]+.*#\1#p' <<<"$last")"
	reported="$(sed -nE 's#.*oom/timeout/crash: [0-9]+/[0-9]+/([0-9]+).*#\1#p' <<<"$last")"
	ooms="${ooms:-0}" hangs="${hangs:-0}"
	if ((${reported:-0} > crashes)); then
		crashes="$reported"
	fi
	corpus="$(find "$work" -type f | wc -l)"
	if ((rc != 0 && crashes == 0)); then
		echo "run.sh: fuzz_$t exited $rc without an artifact; see $log" >&2
		crashes=1
	fi
	total_crashes=$((total_crashes + crashes + hangs + ooms))
	summary+=("$(printf '%-12s %10s executions %6s corpus %3s crashes %3s timeouts %3s ooms' \
		"$t" "$execs" "$corpus" "$crashes" "$hangs" "$ooms")")
done

echo "== fuzzing, ${seconds}s per target"
printf '%s\n' "${summary[@]}"
if ((total_crashes)); then
	echo "run.sh: $total_crashes failing input(s); see $build_dir/artifacts/ and the logs" >&2
	exit 1
fi
