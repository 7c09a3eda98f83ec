#!/usr/bin/env bash
# Configures and builds piiflow in ./build (RelWithDebInfo, all CPUs), the one
# way every other script and the README build it. Arguments go to the cmake
# configure step, e.g. scripts/build.sh -DPIIFLOW_SANITIZE=ON. Set BUILD_DIR
# to build elsewhere. It does not install packages: run scripts/bootstrap.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build}"
jobs="$(nproc 2>/dev/null || echo 2)"

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" -j"$jobs"
