# Shared by the end-to-end scripts that check one piiflow run at a time:
# the argument, a scratch folder that is removed at the end, and run/expect.
# Source it first thing: `source "$(dirname "$0")/lib.sh"`. It checks that
# one argument (the piiflow binary) was given, makes it absolute, and moves
# into the scratch folder. The timeout of run only catches a hang (minutes
# long): no verdict depends on the machine's speed.

if (($# != 1)); then
	echo "usage: bash $0 PATH_TO_PIIFLOW" >&2
	exit 2
fi
piiflow="$1"
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export XDG_CACHE_HOME="$tmp/.cache"

passed=0
failed=0
out=""
rc=0

# run ARGS...: sets $out (stdout and stderr) and $rc
run() {
	rc=0
	out="$(timeout "${PIIFLOW_HANG_SECONDS:-600}" "$piiflow" "$@" 2>&1)" || rc=$?
}

# expect NAME WANT_EXIT [!]REGEX...: the last run's code and output; a
# pattern starting with "!" must not match.
expect() {
	local name="$1" want="$2" why=""
	shift 2
	((rc == want)) || why="exit $rc, want $want"
	local p
	for p in "$@"; do
		if [[ "$p" == '!'* ]]; then
			! grep -qE -- "${p#!}" <<<"$out" || why+="${why:+; }output has /${p#!}/"
		else
			grep -qE -- "$p" <<<"$out" || why+="${why:+; }output lacks /$p/"
		fi
	done
	if [[ -z "$why" ]]; then
		echo "ok   - $name"
		passed=$((passed + 1))
	else
		echo "FAIL - $name: $why"
		sed -n '1,15s/^/       | /p' <<<"$out"
		failed=$((failed + 1))
	fi
}
