#!/usr/bin/env bash
# Builds and installs piiflow from the checkout this script lies in, for CI
# jobs (ci/github/piiflow.yml, ci/gitlab/piiflow.gitlab-ci.yml) and anyone
# installing by hand: installs the Debian packages it needs
# (scripts/bootstrap.sh), builds without the test suite and runs
# `cmake --install`, which puts bin/piiflow, include/piiflow.h, the rules
# packs (share/piiflow/rules) and the man page under PREFIX. The installed
# binary finds its packs relative to PREFIX, so the folder can be cached.
#
# Usage: install-piiflow.sh [--prefix DIR] [--build-dir DIR]
#   --prefix DIR     where to install (default /usr/local)
#   --build-dir DIR  where to build (default: a temporary folder)
# On GitHub Actions it also adds PREFIX/bin to GITHUB_PATH.
set -euo pipefail

me="install-piiflow.sh"
prefix="/usr/local"
build=""
while (($#)); do
	case "$1" in
	--prefix | --build-dir)
		if (($# < 2)); then
			echo "$me: $1 needs a value" >&2
			exit 2
		fi
		if [[ "$1" == --prefix ]]; then prefix="$2"; else build="$2"; fi
		shift
		;;
	-h | --help)
		echo "usage: install-piiflow.sh [--prefix DIR] [--build-dir DIR]"
		exit 0
		;;
	*)
		echo "$me: unknown argument '$1' (usage: install-piiflow.sh [--prefix DIR]" \
			"[--build-dir DIR])" >&2
		exit 2
		;;
	esac
	shift
done

src="$(cd "$(dirname "$0")/.." && pwd)"
if [[ ! -f "$src/CMakeLists.txt" || ! -f "$src/scripts/bootstrap.sh" ]]; then
	echo "$me: $src is not a piiflow checkout (no CMakeLists.txt or scripts/bootstrap.sh)" >&2
	exit 2
fi
if [[ -z "$build" ]]; then
	build="$(mktemp -d)"
	trap 'rm -rf "$build"' EXIT
fi

bash "$src/scripts/bootstrap.sh"
jobs="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPIIFLOW_TESTS=OFF >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null
cmake --install "$build" --prefix "$prefix" >/dev/null
"$prefix/bin/piiflow" --version
echo "$me: installed piiflow into $prefix (binary: $prefix/bin/piiflow)"
if [[ -n "${GITHUB_PATH:-}" ]]; then
	echo "$prefix/bin" >>"$GITHUB_PATH"
fi
