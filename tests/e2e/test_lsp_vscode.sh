#!/usr/bin/env bash
# The VS Code extension of ci/vscode-extension builds into a .vsix with the
# npm packages vscode-languageclient and @vscode/vsce (the versions of its
# package-lock.json, fetched from the npm registry), and the package holds
# what VS Code loads: the manifest, extension.js starting `piiflow lsp`, and
# the language client it requires.
#
# Usage: bash tests/e2e/test_lsp_vscode.sh PATH_TO_PIIFLOW (PIIFLOW_SOURCE_DIR set)
set -uo pipefail
src=${PIIFLOW_SOURCE_DIR:?set PIIFLOW_SOURCE_DIR to the piiflow checkout}
for tool in node npm unzip; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: $tool is not installed (scripts/bootstrap.sh --test installs it)"
		exit 1
	fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ext="$tmp/ext"
mkdir -p "$ext"
(cd "$src/ci/vscode-extension" && cp package.json package-lock.json extension.js README.md \
	.vscodeignore "$ext/")
fails=0
check() {
	if eval "$2"; then
		echo "ok: $1"
	else
		echo "FAIL: $1"
		fails=$((fails + 1))
	fi
}
(cd "$ext" && npm ci --no-audit --no-fund --ignore-scripts >"$tmp/npm.log" 2>&1)
check "npm ci installs the locked packages" '[ -d "$ext/node_modules/vscode-languageclient" ] || { cat "$tmp/npm.log"; false; }'
(cd "$ext" && npx --no-install vsce package --allow-missing-repository --out "$tmp/piiflow.vsix" \
	>"$tmp/vsce.log" 2>&1)
check "vsce packages the extension" '[ -s "$tmp/piiflow.vsix" ] || { cat "$tmp/vsce.log"; false; }'
unzip -l "$tmp/piiflow.vsix" >"$tmp/list" 2>/dev/null
check "the .vsix holds the manifest and extension.js" \
	'grep -q "extension/package.json" "$tmp/list" && grep -q "extension/extension.js" "$tmp/list"'
check "the .vsix holds the language client extension.js requires" \
	'grep -q "extension/node_modules/vscode-languageclient/node.js" "$tmp/list"'
check "vsce itself is not shipped" '! grep -q "node_modules/@vscode/vsce/" "$tmp/list"'
unzip -p "$tmp/piiflow.vsix" extension/package.json >"$tmp/manifest.json"
check "the manifest starts on C files and names extension.js" \
	'python3 -c "import json,sys; m=json.load(open(sys.argv[1])); sys.exit(not (m[\"main\"]==\"./extension.js\" and \"onLanguage:c\" in m[\"activationEvents\"]))" "$tmp/manifest.json"'
unzip -p "$tmp/piiflow.vsix" extension/extension.js >"$tmp/extension.js"
check "extension.js runs piiflow lsp over stdio" \
	'grep -q "args: \[.lsp.\]" "$tmp/extension.js" && grep -q "TransportKind.stdio" "$tmp/extension.js"'
check "extension.js is valid JavaScript" 'node --check "$tmp/extension.js"'
exit $((fails ? 1 : 0))
