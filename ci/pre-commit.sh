#!/usr/bin/env bash
# The commit gate, shared by the pre-commit framework (.pre-commit-hooks.yaml
# runs it with the staged C files) and the plain git hook (ci/git-hook/
# pre-commit runs it with --staged). A commit is the last cheap moment to stop
# a customer's e-mail address on its way into an ad SDK, so this refuses the
# commit when piiflow reports a flow. It analyzes the whole program from the
# compile database, so a flow that crosses into an unchanged file is still
# seen, and reports only the findings that touch the staged files (source,
# sink or a step of the trace), so old findings elsewhere do not block
# unrelated work.
#
# Usage: pre-commit.sh [--staged] [PIIFLOW_OPTION...] [--] [FILE...]
#   --staged   take the staged .c and .h files from git instead of FILEs
#   PIIFLOW_OPTION...  passed to `piiflow check` (--rules FILE, --fail-on ...,
#              -p DIR to name the build directory)
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
	-o | -j | --rules | --format | --fail-on | --baseline | --write-baseline | --config)
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

# A staged .c file that the database does not list is not analyzed at all: a
# new file added since the build was configured. Say so rather than pass it
# silently.
if command -v python3 >/dev/null 2>&1; then
	python3 - "$build_dir/compile_commands.json" "${files[@]}" <<'EOF' >&2 || true
import json, os, sys
db_path, files = sys.argv[1], sys.argv[2:]
try:
    with open(db_path, encoding="utf-8") as f:
        db = json.load(f)
    listed = {os.path.realpath(os.path.join(e.get("directory", "."), e["file"]))
              for e in db if isinstance(e, dict) and "file" in e}
except (OSError, ValueError, TypeError, KeyError):
    sys.exit(0)  # piiflow itself reports a broken database
for name in files:
    if name.endswith(".c") and os.path.realpath(name) not in listed:
        print("piiflow pre-commit: warning: %s is not in %s, so it is not analyzed; "
              "re-run cmake (or the tool that writes it)" % (name, db_path))
EOF
fi

# piiflow analyzes the working tree. The pre-commit framework stashes what is
# not staged first; the plain hook does not, so it refuses to judge a commit
# whose C files differ from the working tree (PIIFLOW_ALLOW_UNSTAGED=1: warn).
if ((staged)); then
	unstaged="$(git diff --name-only -- '*.c' '*.h')"
	if [[ -n "$unstaged" ]]; then
		if [[ "${PIIFLOW_ALLOW_UNSTAGED:-}" == 1 ]]; then
			echo "$me: warning: these files have unstaged changes, and piiflow analyzes" \
				"the working tree, not the commit:" >&2
			while IFS= read -r f; do echo "  $f"; done <<<"$unstaged" >&2
		else
			echo "$me: these files have unstaged changes, so the working tree that" \
				"piiflow analyzes is not what you commit:" >&2
			while IFS= read -r f; do echo "  $f"; done <<<"$unstaged" >&2
			echo "  stage them (git add), or set them aside (git stash push --keep-index)," \
				"commit, and take them back (git stash pop);" >&2
			echo "  PIIFLOW_ALLOW_UNSTAGED=1 analyzes the working tree anyway" >&2
			exit 2
		fi
	fi
fi

rc=0
"$piiflow" check -p "$build_dir" --format text "${opts[@]}" "${files[@]}" || rc=$?
case "$rc" in
0) ;;
1)
	echo "" >&2
	echo "$me: commit refused: personal data reaches an advertising, marketing or" \
		"analytics sink (above)." >&2
	echo "  Stop the flow, make the call depend on a PII_CONSENT check for that purpose," \
		"or accept one finding with a comment on the sink's line:" >&2
	echo "  // piiflow-allow(RULE): REASON" >&2
	;;
*) echo "$me: piiflow failed (exit $rc); see the message above" >&2 ;;
esac
exit "$rc"
