#!/usr/bin/env bash
# A user's rules entry that names nothing in the program is an unmatched-rule
# warning at the entry's line; entries that match, and the shipped packs,
# are silent.
set -euo pipefail
piiflow=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {
	if eval "$2"; then
		echo "ok: $1"
		pass=$((pass + 1))
	else
		echo "FAIL: $1"
		fail=$((fail + 1))
	fi
}

cat >"$tmp/app.c" <<'C'
struct user { int id; const char *mail; };
void track_event(const char *name, const char *value);
const char *g_session;
void on_login(const struct user *u) { track_event("login", u->mail); }
C
cat >"$tmp/rules.json" <<'J'
{
  "piiflow_rules": 1,
  "name": "app",
  "sources": [
    {"field": "user.mail", "category": "user.contact.email"},
    {"field": "user.emial", "category": "user.contact.email"},
    {"variable": "g_sesion", "category": "user.unique_id"}
  ],
  "sinks": [
    {"function": "track_event", "args": [1], "purpose": "analytics"},
    {"function": "track_evnt", "purpose": "analytics"},
    {"function_regex": "^fb_.*", "purpose": "advertising"}
  ]
}
J
cd "$tmp"
set +e
"$piiflow" check --format text --rules rules.json app.c >out.txt 2>err.txt
rc=$?
set -e
check "the matched flow is reported (exit 1)" '[ $rc -eq 1 ] && grep -q "app.c:4:.*pii-to-analytics" out.txt'
check "misspelt field is reported at its line" 'grep -q "^rules.json:6:.*field .user.emial.*\[unmatched-rule\]" out.txt'
check "misspelt global is reported" 'grep -q "^rules.json:7:.*global .g_sesion.*\[unmatched-rule\]" out.txt'
check "misspelt sink function is reported" 'grep -q "^rules.json:11:.*function .track_evnt.*\[unmatched-rule\]" out.txt'
check "a regex that matches nothing is reported" 'grep -q "^rules.json:12:.*\^fb_.*\[unmatched-rule\]" out.txt'
check "matching entries are silent" '[ "$(grep -c "unmatched-rule" out.txt)" -eq 4 ]'
check "shipped packs are silent" '! grep -q "libc.json" out.txt'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
