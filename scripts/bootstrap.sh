#!/usr/bin/env bash
# Installs what building and testing piiflow needs on Debian and Ubuntu, so
# that a fresh checkout goes from clone to demo with one command. It installs
# only what is missing, runs `apt-get update` at most once, and says nothing
# when everything is already there, so the other scripts can call it on every
# run. Usage: scripts/bootstrap.sh [--test]   (--test adds the test-only tools)
set -euo pipefail

with_test=0
for arg in "$@"; do
	case "$arg" in
	--test) with_test=1 ;;
	-h | --help)
		echo "usage: scripts/bootstrap.sh [--test]"
		exit 0
		;;
	*)
		echo "bootstrap.sh: unknown argument '$arg' (usage: scripts/bootstrap.sh [--test])" >&2
		exit 2
		;;
	esac
done

missing=()

pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# need PACKAGE [COMMAND]: PACKAGE is missing unless dpkg has it or COMMAND is
# already on PATH (a tool installed some other way counts as present).
need() {
	local pkg="$1" cmd="${2:-}"
	if pkg_installed "$pkg"; then
		return
	fi
	if [[ -n "$cmd" ]] && command -v "$cmd" >/dev/null 2>&1; then
		return
	fi
	missing+=("$pkg")
}

# need_lib PACKAGE PKG_CONFIG_NAME: a library whose .pc file pkg-config finds
# counts as present too.
need_lib() {
	local pkg="$1" pc="$2"
	if pkg_installed "$pkg"; then
		return
	fi
	if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$pc" 2>/dev/null; then
		return
	fi
	missing+=("$pkg")
}

have_libclang() {
	local v
	for v in 17 18 19 20 21; do
		if [[ -f "/usr/lib/llvm-$v/include/clang-c/Index.h" ]]; then
			return 0
		fi
	done
	return 1
}

need cmake cmake
need make make
need gcc gcc
need pkg-config pkg-config
# libclang-19-dev pulls in libclang-common-19-dev, clang's builtin headers.
if ! have_libclang; then
	missing+=(libclang-19-dev)
fi
need clang-19 clang-19
need_lib libjansson-dev jansson
need_lib libcmocka-dev cmocka
need_lib libxxhash-dev libxxhash
need python3 python3
need git git

if ((with_test)); then
	need pre-commit pre-commit
	if ! command -v node >/dev/null 2>&1; then
		need nodejs
	fi
	if ! command -v npm >/dev/null 2>&1; then
		need npm
	fi
	need valgrind valgrind
	# tests/e2e/test_map.sh renders the data map's Graphviz output.
	need graphviz dot
	# tests/e2e/test_lsp_neovim.sh attaches Neovim's built-in LSP client.
	need neovim nvim
	# tests/e2e/test_lsp_vscode.sh lists the .vsix it builds.
	need unzip unzip
	# tests/e2e/test_ci_scripts.sh parses the CI templates' YAML, test_map.sh
	# the fideslang manifest.
	if ! python3 -c 'import yaml' >/dev/null 2>&1; then
		need python3-yaml
	fi
	# libFuzzer's runtime for clang-19 (tests/fuzz/run.sh: -fsanitize=fuzzer)
	if [[ "$(uname -m)" == x86_64 ]] &&
		[[ ! -f /usr/lib/llvm-19/lib/clang/19/lib/linux/libclang_rt.fuzzer-x86_64.a ]]; then
		need libclang-rt-19-dev
	fi
fi

if ((${#missing[@]} == 0)); then
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "bootstrap.sh: missing: ${missing[*]}" >&2
	echo "bootstrap.sh: apt-get not found; install these with your system's package manager" >&2
	exit 1
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo=(sudo)
	else
		echo "bootstrap.sh: missing: ${missing[*]}" >&2
		echo "bootstrap.sh: not root and sudo not found; as root run:" >&2
		echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
fi

# apt's chatter goes to a log that is shown only when something fails.
echo "bootstrap.sh: installing ${missing[*]}"
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "${apt[@]}" update >"$log" 2>&1 ||
	! "${apt[@]}" -y --no-install-recommends install "${missing[@]}" >>"$log" 2>&1; then
	cat "$log" >&2
	echo "bootstrap.sh: apt-get failed installing: ${missing[*]}" >&2
	exit 1
fi
echo "bootstrap.sh: installed ${missing[*]}"
