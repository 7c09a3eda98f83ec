#!/usr/bin/env bash
# `piiflow discover` end to end (issue 18): on copies of examples/shop and of
# tests/cases/programs/datamap with their PII(...) annotations removed, it
# suggests the removed ones back, with their categories; the patch it writes
# applies with `patch -p1` and `git apply` and restores the original header
# byte for byte; the rules file it writes passes `piiflow rules check` and,
# loaded with --rules, finds what the annotations found; it is quiet on
# non-personal names and on what is already annotated; the cache gives the
# same suggestions.
#
# Usage: bash tests/e2e/test_discover.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR set to the checkout. Prints "N passed, M failed".
set -euo pipefail

# shellcheck source=tests/e2e/sample_project.sh
source "$(dirname "$0")/sample_project.sh"
sample_start "$@" python3 patch git

# expect_lines NAME WANT_RC FILE: stdout must be exactly FILE's lines.
expect_lines() {
	local name="$1" want="$2" file="$3" why=""
	((rc == want)) || why="exit $rc, want $want"
	diff -u "$file" "$out" >"$tmp/diff" || why+="${why:+; }output differs: $(head -c 600 "$tmp/diff")"
	if [[ -z "$why" ]]; then ok "$name"; else fail "$name" "$why"; fi
}

# strip FILE: removes every PII(...) annotation (not PII_CONSENT, AD_SINK, ...)
strip() {
	sed -E -i 's/ PII\([a-z_.]+\)//g' "$1"
}

# ---- examples/shop without its annotations ----
cp -r "$src/examples/shop" "$tmp/shop"
cd "$tmp/shop"
shop=(--no-cache -q --no-config ads.c format.c session.c -- -I.)
run discover "${shop[@]}"
cat >"$tmp/want" <<'EOF'
0 suggestions (0 high, 0 medium, 0 low confidence) among 13 declarations without an annotation; 2 already annotated
EOF
expect_lines "shop, annotated: nothing to suggest" 0 "$tmp/want"

strip user.h
grep -q 'PII(' user.h && fail "strip" "annotations left in user.h"
run discover "${shop[@]}"
cat >"$tmp/want" <<'EOF'
user.h:12:7: note: field 'user.name' looks like personal data: PII(user.name), medium confidence (name) [discover]
user.h:13:7: note: field 'user.email' looks like personal data: PII(user.contact.email), high confidence (name) [discover]
2 suggestions (1 high, 1 medium, 0 low confidence) among 15 declarations without an annotation; 0 already annotated
EOF
expect_lines "shop, stripped: the two removed annotations suggested back" 0 "$tmp/want"

run discover --format patch "${shop[@]}"
cp "$out" "$tmp/shop.patch"
git init -q "$tmp/shop"
if git apply --check "$tmp/shop.patch" 2>"$tmp/apply.err"; then
	ok "shop, patch: git apply accepts it"
else
	fail "shop, patch: git apply" "$(cat "$tmp/apply.err")"
fi
if patch -p1 <"$tmp/shop.patch" >/dev/null && cmp -s user.h "$src/examples/shop/user.h"; then
	ok "shop, patch: patch -p1 restores user.h byte for byte"
else
	fail "shop, patch: patch -p1" "$(diff user.h "$src/examples/shop/user.h" | head -20)"
fi
run check --format json "${shop[@]}"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [(f["rule"], f["category"], f["sink"]["line"]) for f in d["findings"]] == [("pii-to-advertising", "user.contact.email", 17)], d["findings"]' "$out" &&
	ok "shop, patched: check finds the original finding again" || fail "shop, patched: check" "findings differ"

# the rules form: no edit of the code
cp -r "$src/examples/shop" "$tmp/shop2"
cd "$tmp/shop2"
strip user.h
run discover --format rules "${shop[@]}"
cp "$out" "$tmp/discovered.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d == {"piiflow_rules": 1, "name": "discovered", "sources": [{"field": "user.name", "category": "user.name"}, {"field": "user.email", "category": "user.contact.email"}]}, d' "$tmp/discovered.json" &&
	ok "shop, rules: the two fields as rules sources" || fail "shop, rules" "unexpected rules file"
run rules check "$tmp/discovered.json"
[[ $rc == 0 ]] && grep -q ': ok (2 entries)$' "$out" && ok "shop, rules: piiflow rules check accepts the file" ||
	fail "shop, rules: rules check" "rc $rc"
run check "${shop[@]::3}" --rules "$tmp/discovered.json" --format json "${shop[@]:3}"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [(f["rule"], f["category"], f["sink"]["line"]) for f in d["findings"]] == [("pii-to-advertising", "user.contact.email", 17)], d["findings"]' "$out" &&
	ok "shop, rules: check --rules finds the original finding on unedited code" ||
	fail "shop, rules: check --rules" "findings differ"

# ---- the multi-file program without its annotations ----
prog="$tmp/datamap"
cp -r "$src/tests/cases/programs/datamap" "$prog"
cd "$prog"
strip user.h
p=(--no-cache -q --no-config ads.c crash.c metrics.c -- -I.)
run discover "${p[@]}"
python3 - "$out" <<'EOF' && ok "program, stripped: every removed annotation suggested back" || fail "program, stripped" "see output"
import re, sys
got = set()
for line in open(sys.argv[1]):
    m = re.match(r"^(\S+): note: \w+ '([\w.]+)' looks like personal data: PII\(([\w.]+)\)", line)
    if m:
        got.add((m.group(1), m.group(2), m.group(3)))
want = {("user.h:10:7", "user.name", "user.name"),
        ("user.h:11:7", "user.email", "user.contact.email"),
        ("user.h:12:7", "user.phone", "user.contact.phone_number"),
        ("user.h:13:7", "user.device_id", "user.device.device_id"),
        ("user.h:16:13", "g_last_ip", "user.device.ip_address")}
assert want <= got, (want - got, got)
assert len(got - want) <= 1, got - want
EOF
run discover --format patch "${p[@]}"
if patch -p1 <"$out" >/dev/null && cmp -s user.h "$src/tests/cases/programs/datamap/user.h"; then
	ok "program, patch: patch -p1 restores user.h byte for byte"
else
	fail "program, patch" "$(diff user.h "$src/tests/cases/programs/datamap/user.h" | head -20)"
fi

# ---- quiet on what is not personal; the include a patch needs ----
mkdir "$tmp/quiet" && cd "$tmp/quiet"
cat >conf.c <<'EOF'
#include <stddef.h>
struct settings {
	int email_enabled;
	size_t ip_len;
	unsigned phone_count;
	unsigned flags;
	int enabled;
	char *email_template;
	int num_emails;
	char hostname[64];
	char filename[256];
};
static int is_email(const char *s) { return s != NULL; }
int send_email(const char *to);
size_t name_len;
EOF
run discover --no-cache -q conf.c
cat >"$tmp/want" <<'EOF'
0 suggestions (0 high, 0 medium, 0 low confidence) among 14 declarations without an annotation; 0 already annotated
EOF
expect_lines "quiet: no suggestion for flags, counts, lengths, predicates" 0 "$tmp/want"

cat >peer.c <<'EOF'
#include <netinet/in.h>
#define DECLARE_EMAIL char mail_addr[64]
struct session {
	struct sockaddr_in peer;
	DECLARE_EMAIL;
};
EOF
run discover --no-cache -q peer.c
grep -q "^peer.c:4:21: note: field 'session.peer' looks like personal data: PII(user.device.ip_address), medium confidence (type struct sockaddr_in) \[discover\]$" "$out" &&
	ok "types: a struct sockaddr_in peer is an IP address" || fail "types" "no suggestion for the peer"
run discover --no-cache -q --format patch peer.c
if grep -q '^+#include <piiflow.h>$' "$out" && grep -q '^+	struct sockaddr_in peer PII(user.device.ip_address);$' "$out" &&
	! grep -q 'PII(user.contact.email)' "$out" && grep -q '1 suggestion left out of the patch: declared in a macro' "$err"; then
	ok "patch: adds the include, leaves declarations made by macros out"
else
	fail "patch: include and macros" "unexpected patch"
fi

# an annotation on a later declaration (the definition) counts for the
# header's prototype and extern too
cat >b.h <<'EOF'
char *lookup_email(int id);
void send_to(const char *email);
extern char g_phone[16];
EOF
cat >b.c <<'EOF'
#include <piiflow.h>
#include "b.h"
PII(user.contact.email) char *lookup_email(int id) { (void)id; return 0; }
void send_to(const char *email PII(user.contact.email)) { (void)email; }
char g_phone[16] PII(user.contact.phone_number);
EOF
printf '#include "b.h"\nvoid other(void) { send_to(lookup_email(1)); }\n' >c.c
run discover --no-cache -q b.c c.c -- -I.
cat >"$tmp/want" <<'EOF'
0 suggestions (0 high, 0 medium, 0 low confidence) among 1 declarations without an annotation; 3 already annotated
EOF
expect_lines "annotated on the definition: nothing suggested for the prototype" 0 "$tmp/want"

# ---- the cache keeps the inventory ----
cd "$prog"
run discover -q --cache-dir "$tmp/cache" ads.c crash.c metrics.c -- -I.
cp "$out" "$tmp/first"
run discover -q --cache-dir "$tmp/cache" ads.c crash.c metrics.c -- -I.
if cmp -s "$out" "$tmp/first" && [[ -n "$(ls "$tmp/cache")" ]]; then
	ok "cache: the second run, from the cache, suggests the same"
else
	fail "cache" "runs differ"
fi

echo "$passed passed, $failed failed"
((failed == 0))
