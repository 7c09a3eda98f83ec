#!/usr/bin/env bash
# The CI step, shared by the GitHub Actions workflow (ci/github/piiflow.yml)
# and the GitLab CI job (ci/gitlab/piiflow.gitlab-ci.yml), so that what CI
# runs is a script that can be run, and tested, anywhere: it makes sure the
# project has a compile database (configuring it with CMake when it has
# none), runs piiflow on the whole program and writes the reports the CI
# system ingests. It exits 1 when piiflow found something, after every report
# is written, so the job can upload them and then fail.
#
# Usage: run-ci.sh [--source-dir DIR] [--build-dir DIR] [--sarif FILE]
#                  [--json FILE] [--codequality FILE] [--text]
#                  [-- PIIFLOW_OPTION...]
#   --source-dir DIR    the project (default .); piiflow runs there, so the
#                       reports name files relative to it
#   --build-dir DIR     where compile_commands.json is or is configured
#                       (default DIR/build; relative to the source dir)
#   --sarif FILE        SARIF 2.1.0 for code scanning
#   --json FILE         piiflow's JSON report
#   --codequality FILE  GitLab's code-quality report (from the JSON)
#   --text              the text report in the log (default when no report
#                       is asked for)
#   PIIFLOW_OPTION...   passed to every `piiflow check` (--rules, --fail-on)
# Each report is one analysis run. Environment: PIIFLOW (the binary, else
# piiflow on PATH); PIIFLOW_CMAKE_ARGS (extra words for the cmake configure).
# Exit status: 0 no findings, 1 findings, 2 setup or input error.
set -euo pipefail

me="run-ci.sh"
usage() {
	echo "usage: run-ci.sh [--source-dir DIR] [--build-dir DIR] [--sarif FILE] [--json FILE]"
	echo "                 [--codequality FILE] [--text] [-- PIIFLOW_OPTION...]"
}

here="$(cd "$(dirname "$0")" && pwd)"
source_dir="."
build_dir="build"
sarif=""
json=""
codequality=""
text=0
extra=()

# abs PATH: PATH made absolute against the directory the script started in.
abs() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/$1" ;;
	esac
}

while (($#)); do
	case "$1" in
	--source-dir | --build-dir | --sarif | --json | --codequality)
		if (($# < 2)); then
			echo "$me: $1 needs a value" >&2
			usage >&2
			exit 2
		fi
		case "$1" in
		--source-dir) source_dir="$2" ;;
		--build-dir) build_dir="$2" ;;
		--sarif) sarif="$(abs "$2")" ;;
		--json) json="$(abs "$2")" ;;
		--codequality) codequality="$(abs "$2")" ;;
		esac
		shift
		;;
	--text) text=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	--)
		shift
		extra=("$@")
		break
		;;
	*)
		echo "$me: unknown argument '$1'" >&2
		usage >&2
		exit 2
		;;
	esac
	shift
done
if [[ -z "$sarif$json$codequality" ]]; then
	text=1
fi

piiflow="${PIIFLOW:-}"
if [[ -z "$piiflow" ]]; then
	piiflow="$(command -v piiflow || true)"
fi
if [[ -z "$piiflow" || ! -x "$piiflow" ]]; then
	echo "$me: piiflow not found: install it (ci/install-piiflow.sh) and put PREFIX/bin" \
		"on PATH, or set PIIFLOW to the binary" >&2
	exit 2
fi
if [[ -n "$codequality" ]] && ! command -v python3 >/dev/null 2>&1; then
	echo "$me: --codequality needs python3" >&2
	exit 2
fi

if ! cd "$source_dir"; then
	echo "$me: cannot enter the source directory $source_dir" >&2
	exit 2
fi
if [[ ! -f "$build_dir/compile_commands.json" ]]; then
	if [[ ! -f CMakeLists.txt ]]; then
		echo "$me: $build_dir/compile_commands.json does not exist and $(pwd) has no" \
			"CMakeLists.txt; write the compile database first (Meson and Ninja do;" \
			"for make: bear -- make) and pass its folder with --build-dir" >&2
		exit 2
	fi
	echo "$me: configuring $(pwd) into $build_dir for its compile database"
	# shellcheck disable=SC2086 # PIIFLOW_CMAKE_ARGS is a list of words
	if ! cmake -S . -B "$build_dir" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
		${PIIFLOW_CMAKE_ARGS:-}; then
		echo "$me: cmake failed to configure $(pwd); install what the project needs" \
			"first, or set PIIFLOW_CMAKE_ARGS" >&2
		exit 2
	fi
	if [[ ! -f "$build_dir/compile_commands.json" ]]; then
		echo "$me: cmake wrote no $build_dir/compile_commands.json (its generator must" \
			"be Makefiles or Ninja)" >&2
		exit 2
	fi
fi

status=0
# check FORMAT [-o FILE]: one analysis run; folds its exit code into status.
check() {
	local format="$1" rc=0
	shift
	"$piiflow" check -p "$build_dir" --quiet --format "$format" "$@" "${extra[@]}" || rc=$?
	if ((rc >= 2)); then
		echo "$me: piiflow failed (exit $rc); see the message above" >&2
		exit 2
	fi
	if ((rc > status)); then
		status=$rc
	fi
}

if ((text)); then
	check text
fi
if [[ -n "$sarif" ]]; then
	check sarif -o "$sarif"
	echo "$me: wrote $sarif"
fi
if [[ -n "$json$codequality" ]]; then
	tmp_json=""
	if [[ -z "$json" ]]; then
		tmp_json="$(mktemp)"
		trap 'rm -f "$tmp_json"' EXIT
	fi
	check json -o "${json:-$tmp_json}"
	if [[ -n "$json" ]]; then
		echo "$me: wrote $json"
	fi
	json="${json:-$tmp_json}"
	if [[ -n "$codequality" ]]; then
		python3 "$here/gitlab/codequality.py" -o "$codequality" "$json" || exit 2
		echo "$me: wrote $codequality"
	fi
fi

if ((status)); then
	echo "$me: piiflow found personal data flowing into advertising, marketing or" \
		"analytics sinks; failing" >&2
fi
exit "$status"
