#!/usr/bin/env bash
# Everything CI runs, in one command: installs what is missing (with the
# test-only tools), builds and runs the whole suite in ./build, then again
# with AddressSanitizer and UndefinedBehaviorSanitizer in ./build-asan.
# Both suites always run; the exit code is nonzero if either failed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/bootstrap.sh --test

failed=()

echo "== build (RelWithDebInfo) in build/"
if BUILD_DIR=build bash scripts/build.sh -DPIIFLOW_SANITIZE=OFF; then
	(cd build && ctest --output-on-failure -j2) || failed+=("tests in build/")
else
	failed+=("build in build/")
fi

echo "== build (ASan+UBSan) in build-asan/"
if BUILD_DIR=build-asan bash scripts/build.sh -DPIIFLOW_SANITIZE=ON; then
	(cd build-asan && ctest --output-on-failure -j2) || failed+=("tests in build-asan/")
else
	failed+=("build in build-asan/")
fi

if ((${#failed[@]})); then
	printf 'FAILED: %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "all tests passed (build/ and build-asan/)"
