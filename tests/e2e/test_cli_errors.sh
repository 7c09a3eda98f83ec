#!/usr/bin/env bash
# The command line's failure modes, as SPEC section 4 promises them to users
# and CI scripts: every usage, configuration or input error exits 2 with a
# message that names what is wrong (the file, the JSON path, the option), and
# --version and --help exit 0. A CI job that treats exit 2 as "no findings"
# would hide a broken setup, so these codes are part of the contract.
#
# Usage: bash tests/e2e/test_cli_errors.sh PATH_TO_PIIFLOW
# Runs in a temporary directory, so no .piiflow.json of the checkout applies.
set -uo pipefail

if (($# != 1)); then
	echo "usage: bash tests/e2e/test_cli_errors.sh PATH_TO_PIIFLOW" >&2
	exit 2
fi
piiflow="$1"
case "$piiflow" in
/*) ;;
*) piiflow="$PWD/$piiflow" ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2

timeout=()
if command -v timeout >/dev/null 2>&1; then
	timeout=(timeout "${PIIFLOW_HANG_SECONDS:-600}")
fi

passed=0
failed=0

# check NAME WANT_EXIT REGEX... -- ARGS...: runs piiflow ARGS and wants exit
# code WANT_EXIT and every extended REGEX somewhere in stdout or stderr.
check() {
	local name="$1" want="$2"
	shift 2
	local patterns=()
	while (($#)) && [[ "$1" != -- ]]; do
		patterns+=("$1")
		shift
	done
	shift
	local out rc=0 why=""
	out="$("${timeout[@]}" "$piiflow" "$@" 2>&1)" || rc=$?
	if ((rc != want)); then
		why="exit $rc, want $want"
	fi
	local p
	for p in "${patterns[@]}"; do
		if ! grep -qE -- "$p" <<<"$out"; then
			why+="${why:+; }output lacks /$p/"
		fi
	done
	if [[ -z "$why" ]]; then
		echo "ok   - $name"
		passed=$((passed + 1))
	else
		echo "FAIL - $name: $why"
		echo "       piiflow $*"
		sed -n '1,15s/^/       | /p' <<<"$out"
		failed=$((failed + 1))
	fi
}

# --- inputs ---
printf 'int main(void)\n{\n\treturn 0;\n}\n' >ok.c
mkdir adir.c nodb malformed empty missing
printf '[\n  {"directory": ".", "file": "ok.c",\n' >malformed/compile_commands.json
printf '[]\n' >empty/compile_commands.json
printf '[{"directory": "%s", "file": "gone.c", "command": "cc -c gone.c"}]\n' "$tmp" \
	>missing/compile_commands.json
cat >bad_rules.json <<'EOF'
{
  "piiflow_rules": 1,
  "name": "bad",
  "sinks": [
    {"function": "ads_log", "args": [1], "purpose": "advertising"},
    {"args": [0], "purpose": "advertising"}
  ]
}
EOF
printf '{\n  "piiflow_rules": 1,\n  "sinks": [\n' >syntax_rules.json

# --- errors: exit 2, naming what is wrong ---
check "a C file that does not exist" 2 'nope\.c' -- check nope.c
check "a directory given as a file" 2 'adir\.c' 'directory' -- check adir.c
check "-p on a directory without compile_commands.json" 2 'nodb/compile_commands\.json' \
	-- check -p nodb
check "a malformed compile_commands.json (with line:column)" 2 \
	'malformed/compile_commands\.json:[0-9]+:[0-9]+' -- check -p malformed
check "an empty compile_commands.json" 2 'empty/compile_commands\.json' -- check -p empty
check "a compile database whose only file does not exist" 2 'first: gone\.c' \
	'no C files that exist' -- check -p missing
printf '[{"directory": "%s", "file": "gone.c", "command": "cc -c gone.c"},
 {"directory": "%s", "file": "ok.c", "command": "cc -c ok.c"}]\n' "$tmp" "$tmp" \
	>missing/compile_commands.json
check "a stale entry (a deleted file) is skipped with a warning, the rest analyzed" 0 \
	'warning: gone\.c: listed in .*missing/compile_commands\.json but no longer exists; skipped' \
	-- check -p missing
check "a rules file with a bad entry (file and JSON path)" 2 'bad_rules\.json' 'sinks\[1\]' \
	-- check --rules bad_rules.json ok.c
check "a rules file that is not valid JSON" 2 'syntax_rules\.json' \
	-- check --rules syntax_rules.json ok.c
check "a rules file that does not exist" 2 'no_such_rules\.json' \
	-- check --rules no_such_rules.json ok.c
check "an unknown option" 2 '--bogus-option' -- check --bogus-option ok.c
check "--format bogus" 2 'bogus' -- check --format bogus ok.c
check "--analysis-budget that is not a number" 2 '--analysis-budget' 'lots' \
	-- check --analysis-budget lots ok.c
check "--analysis-budget below zero" 2 '--analysis-budget' -- check --analysis-budget -3 ok.c
check "lsp --delay-ms that is not a number" 2 '--delay-ms' 'soon' -- lsp --delay-ms soon
check "lsp with an unknown option" 2 '--bogus' 'piiflow lsp' -- lsp --bogus
check "lsp with a file" 2 'takes no file' -- lsp ok.c
check "lsp with --config and --no-config" 2 'exclude each other' \
	-- lsp --config x.json --no-config

# --- information: exit 0 ---
check "--version" 0 'piiflow' '[0-9]+\.[0-9]+\.[0-9]+' -- --version
check "--help" 0 'check' '--format' '--rules' '-p' 'piiflow lsp' '--delay-ms' -- --help

echo "$passed passed, $failed failed"
((failed == 0))
