#!/usr/bin/env bash
# The commit gate, shared by the pre-commit framework (.pre-commit-hooks.yaml
# runs it with the staged C files) and the plain git hook (ci/git-hook/
# pre-commit runs it with --staged). A commit is the last cheap moment to stop
# a customer's e-mail address on its way into an ad SDK, so this refuses the
# commit when piiflow reports a new flow. It analyzes the whole program from
# the compile database, so a flow that crosses into an unchanged file is
# still seen; it reports only the findings that touch the staged files
# (source, sink or a step of the trace) and, of those, only the ones that are
# new since HEAD (piiflow check --new-since HEAD), so old findings do not
# block unrelated work, not even an edit of the header that declares the
# personal data. The plain hook analyzes the staged content (piiflow check
# --staged), so unstaged changes (git add -p) neither block nor excuse a
# commit; the pre-commit framework stashes them itself. Staged files that the
# compile database does not list yet get the flags of their nearest entry;
# entries of deleted files are skipped.
#
# Usage: pre-commit.sh [--staged] [PIIFLOW_OPTION...] [--] [FILE...]
#   --staged   take the staged .c and .h files from git instead of FILEs, and
#              analyze their staged content
#   PIIFLOW_OPTION...  passed to `piiflow check` (--rules FILE, --fail-on ...,
#              -p DIR to name the build directory)
# PIIFLOW_NEW_SINCE: the revision (or report file) findings must be new
# against, default HEAD; set it empty to report every finding that touches
# the staged files.
# The compile database: -p DIR, else $PIIFLOW_BUILD_DIR, else build_dir of
# ./.piiflow.json, else ./build, else . (each must hold compile_commands.json).
# The binary: $PIIFLOW, else piiflow on PATH.
# Exit status: 0 clean, 1 findings, 2 setup error (no piiflow, no database).
set -euo pipefail

me="piiflow pre-commit"

usage() {
	echo "usage: pre-commit.sh [--staged] [PIIFLOW_OPTION...] [--] [FILE...]"
}

staged=0
build_dir=""
opts=()
files=()
while (($#)); do
	case "$1" in
	--staged) staged=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	--)
		shift
		files+=("$@")
		break
		;;
	-p)
		if (($# < 2)); then
			echo "$me: -p needs a build directory" >&2
			exit 2
		fi
		build_dir="$2"
		shift
		;;
	-p?*) build_dir="${1#-p}" ;;
	-o | -j | --rules | --format | --fail-on | --baseline | --write-baseline | --config | \
		--new-since)
		if (($# < 2)); then
			echo "$me: option $1 needs a value" >&2
			exit 2
		fi
		opts+=("$1" "$2")
		shift
		;;
	-*) opts+=("$1") ;;
	*) files+=("$1") ;;
	esac
	shift
done

if ((staged)); then
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(git diff --cached --name-only --diff-filter=ACMR -z -- '*.c' '*.h')
fi
if ((${#files[@]} == 0)); then
	exit 0
fi

piiflow="${PIIFLOW:-}"
if [[ -z "$piiflow" ]]; then
	piiflow="$(command -v piiflow || true)"
fi
if [[ -z "$piiflow" || ! -x "$piiflow" ]]; then
	echo "$me: piiflow not found: put it on PATH (cmake --install BUILD --prefix DIR," \
		"then add DIR/bin) or set PIIFLOW to the binary" >&2
	exit 2
fi

# build_dir of ./.piiflow.json, relative to the file's folder (the repository
# root, where hooks run); empty when there is none.
config_build_dir() {
	[[ -f .piiflow.json ]] || return 0
	if command -v python3 >/dev/null 2>&1; then
		python3 - <<'EOF'
import json, sys
try:
    with open(".piiflow.json", encoding="utf-8") as f:
        v = json.load(f).get("build_dir", "")
except (OSError, ValueError, AttributeError) as e:
    sys.exit("piiflow pre-commit: .piiflow.json: %s" % e)
if isinstance(v, str):
    print(v)
EOF
	else
		sed -n 's/.*"build_dir"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' .piiflow.json |
			head -n 1
	fi
}

how_to_create="create one with: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
  (Meson and Ninja write it too; for make: bear -- make), or name the folder that holds it
  with PIIFLOW_BUILD_DIR=DIR or \"build_dir\" in .piiflow.json"
from=""
if [[ -n "$build_dir" ]]; then
	from="-p"
elif [[ -n "${PIIFLOW_BUILD_DIR:-}" ]]; then
	build_dir="$PIIFLOW_BUILD_DIR"
	from="PIIFLOW_BUILD_DIR"
else
	if ! build_dir="$(config_build_dir)"; then
		exit 2
	fi
	if [[ -n "$build_dir" ]]; then
		from=".piiflow.json"
	elif [[ -f build/compile_commands.json ]]; then
		build_dir="build"
	elif [[ -f compile_commands.json ]]; then
		build_dir="."
	else
		echo "$me: no compile database: neither build/compile_commands.json nor" \
			"./compile_commands.json exists;" >&2
		echo "  $how_to_create" >&2
		exit 2
	fi
fi
if [[ ! -f "$build_dir/compile_commands.json" ]]; then
	echo "$me: $build_dir/compile_commands.json (from $from) does not exist;" >&2
	echo "  $how_to_create" >&2
	exit 2
fi

# Only what is new since HEAD (no commit yet: everything), and with the plain
# hook the staged content rather than the work tree.
gate=()
since="${PIIFLOW_NEW_SINCE-HEAD}"
if [[ -n "$since" ]]; then
	gate+=(--new-since "$since")
fi
if ((staged)); then
	gate+=(--staged)
fi

rc=0
"$piiflow" check -p "$build_dir" --format text "${gate[@]}" "${opts[@]}" "${files[@]}" || rc=$?
case "$rc" in
0) ;;
1)
	echo "" >&2
	echo "$me: commit refused: personal data newly reaches an advertising, marketing" \
		"or analytics sink (above)." >&2
	echo "  Stop the flow, make the call depend on a PII_CONSENT check for that purpose," \
		"or accept one finding with a comment on the sink's line:" >&2
	echo "  // piiflow-allow(RULE): REASON" >&2
	;;
*) echo "$me: piiflow failed (exit $rc); see the message above" >&2 ;;
esac
exit "$rc"
