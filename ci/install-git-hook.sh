#!/usr/bin/env bash
# Installs piiflow's plain git pre-commit hook into the repository of the
# current directory, in one command, for teams that do not use the pre-commit
# framework:
#
#   bash PATH/TO/piiflow/ci/install-git-hook.sh [--force]
#
# It writes HOOKS/pre-commit and HOOKS/piiflow-pre-commit.sh, where HOOKS is
# the repository's hooks folder (.git/hooks, or core.hooksPath). A pre-commit
# hook that is not piiflow's is left alone unless --force, which keeps it as
# pre-commit.before-piiflow. Running it again updates an installed hook.
set -euo pipefail

me="install-git-hook.sh"
usage() {
	echo "usage: bash ci/install-git-hook.sh [--force]  (run inside the git repository)"
}

force=0
for arg in "$@"; do
	case "$arg" in
	--force) force=1 ;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		echo "$me: unknown argument '$arg'" >&2
		usage >&2
		exit 2
		;;
	esac
done

here="$(cd "$(dirname "$0")" && pwd)"
for f in "$here/git-hook/pre-commit" "$here/pre-commit.sh"; do
	if [[ ! -f "$f" ]]; then
		echo "$me: $f is missing; run this script from a piiflow checkout or install" >&2
		exit 2
	fi
done
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "$me: $(pwd) is not inside a git work tree; cd into your repository first" >&2
	exit 2
fi

hooks="$(git rev-parse --git-path hooks)"
hook="$hooks/pre-commit"
marker="piiflow-git-hook"
mkdir -p "$hooks"
if [[ -e "$hook" || -L "$hook" ]] && ! grep -q "$marker" "$hook" 2>/dev/null; then
	if ((!force)); then
		echo "$me: $hook exists and is not piiflow's hook; not overwriting it." >&2
		echo "  Call ci/pre-commit.sh --staged from it yourself, or run again with --force" \
			"(keeps it as $hook.before-piiflow)." >&2
		exit 1
	fi
	mv -f "$hook" "$hook.before-piiflow"
	echo "$me: kept the previous hook as $hook.before-piiflow"
fi

cp "$here/pre-commit.sh" "$hooks/piiflow-pre-commit.sh.tmp"
cp "$here/git-hook/pre-commit" "$hook.piiflow-tmp"
chmod +x "$hooks/piiflow-pre-commit.sh.tmp" "$hook.piiflow-tmp"
mv -f "$hooks/piiflow-pre-commit.sh.tmp" "$hooks/piiflow-pre-commit.sh"
mv -f "$hook.piiflow-tmp" "$hook"
echo "$me: installed $hook"

if [[ -z "${PIIFLOW:-}" ]] && ! command -v piiflow >/dev/null 2>&1; then
	echo "$me: warning: piiflow is not on PATH; the hook will refuse commits until it is" \
		"(or set PIIFLOW to the binary)" >&2
fi
