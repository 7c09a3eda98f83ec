#!/usr/bin/env bash
# Runs piiflow under valgrind's memcheck, the check that sees what the
# ASan+UBSan build cannot: reads of uninitialized memory, and every leak at
# exit, in a binary built without instrumentation. It drives the golden
# cases (tests/run_cases.py, a sample of them by default) and the bad-input
# and command-line matrices (tests/e2e/test_bad_input.sh and
# test_cli_errors.sh) through a wrapper that starts each piiflow under
# valgrind with --error-exitcode=99, so a memcheck error fails the case that
# caused it: the runners want exit 0, 1 or 2, never 99.
#
# libclang is not built for memcheck: tests/valgrind.supp silences reports
# whose frames lie inside libclang/libLLVM only (see the comments there).
# Definite leaks are errors; memory still reachable at exit is not.
#
# Usage: bash tests/valgrind.sh PATH_TO_PIIFLOW [--all | --every N] [FILTER...]
#   PATH_TO_PIIFLOW: a build without sanitizers (valgrind cannot run ASan).
#   --every N: every Nth golden case (default 8); --all: every case.
#   FILTER: golden case names or globs, as run_cases.py takes them.
# Under valgrind one run takes 5-20 s, so --all takes about half an hour.
set -euo pipefail

usage="usage: bash tests/valgrind.sh PATH_TO_PIIFLOW [--all | --every N] [FILTER...]"
if (($# < 1)); then
	echo "$usage" >&2
	exit 2
fi
piiflow="$1"
shift
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac
if [[ ! -x "$piiflow" ]]; then
	echo "valgrind.sh: $piiflow: not an executable" >&2
	exit 2
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind not found (scripts/bootstrap.sh --test installs it)" >&2
	exit 2
fi
if nm "$piiflow" 2>/dev/null | grep -q '__asan_init'; then
	echo "valgrind.sh: $piiflow is an ASan build; give a build without sanitizers" >&2
	exit 2
fi

every=8
filters=()
while (($#)); do
	case "$1" in
	--all) every=1 ;;
	--every)
		every="${2:-}"
		shift
		if ! [[ "$every" =~ ^[1-9][0-9]*$ ]]; then
			echo "valgrind.sh: --every takes a positive number" >&2
			exit 2
		fi
		;;
	-*)
		echo "$usage" >&2
		exit 2
		;;
	*) filters+=("$1") ;;
	esac
	shift
done

here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

wrapper="$tmp/piiflow"
cat >"$wrapper" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--show-leak-kinds=definite --num-callers=40 --suppressions="$here/valgrind.supp" \\
	--log-file="$tmp/valgrind.%p.log" "$piiflow" "\$@"
EOF
chmod +x "$wrapper"

# The sample: every Nth case in the runner's order, unless names were given.
if ((${#filters[@]} == 0)); then
	mapfile -t all < <(python3 - "$here/cases" <<'EOF'
import os, sys
root = sys.argv[1]
for group in sorted(os.listdir(root)):
    gdir = os.path.join(root, group)
    if not os.path.isdir(gdir):
        continue
    for entry in sorted(os.listdir(gdir)):
        p = os.path.join(gdir, entry)
        if os.path.isdir(p) and any(f.endswith(".c") for f in os.listdir(p)):
            print("%s/%s" % (group, entry))
        elif entry.endswith(".c"):
            print("%s/%s" % (group, entry[:-2]))
EOF
	)
	for ((i = 0; i < ${#all[@]}; i += every)); do
		filters+=("${all[i]}")
	done
	echo "== golden cases under valgrind: ${#filters[@]} of ${#all[@]} (every ${every})"
fi

status=0
python3 "$here/run_cases.py" --piiflow "$wrapper" --timeout 600 -j 2 "$here/cases" \
	"${filters[@]}" || status=1
for script in e2e/test_cli_errors.sh e2e/test_bad_input.sh; do
	echo "== $script under valgrind"
	bash "$here/$script" "$wrapper" || status=1
done

# Every report memcheck wrote, whatever the runner made of the exit code.
errors=0
for log in "$tmp"/valgrind.*.log; do
	[[ -s "$log" ]] || continue
	errors=$((errors + 1))
	echo "== memcheck report ($log):"
	sed -n '1,60p' "$log"
done
if ((errors)); then
	echo "valgrind.sh: $errors piiflow run(s) with memcheck errors" >&2
	status=1
fi
if ((status == 0)); then
	echo "valgrind.sh: no memcheck error"
fi
exit "$status"
