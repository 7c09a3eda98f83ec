#!/usr/bin/env bash
# The IR does not depend on the rules: lowering records fields and globals
# by name and the rules are matched when the program is linked. So editing
# one sink entry of a rules file re-uses every cached unit (--explain says
# how many) and the findings follow the edited rules; and IR emitted under
# one rules file, linked with --from-ir under another, gives the findings
# of the second, fields and globals named by the rules included.
source "$(dirname "$0")/lib.sh"

mkdir prog build
cat >prog/account.h <<'C'
typedef struct {
	int id;
	const char *phone;
} contact_t;
struct account {
	int id;
	const char *email;
	contact_t contact;
};
extern const char *g_device;
void track_event(const char *name, const char *payload);
void send_ad(const char *payload);
C
cat >prog/login.c <<'C'
#include "account.h"
const char *g_device;
void on_login(const struct account *a)
{
	track_event("login", a->email);
	send_ad(a->email);
	send_ad(a->contact.phone);
}
C
cat >prog/device.c <<'C'
#include "account.h"
void on_start(void)
{
	track_event("start", g_device);
}
C
cat >build/compile_commands.json <<J
[
 {"directory": "$tmp/prog", "file": "login.c", "arguments": ["cc", "-c", "login.c"]},
 {"directory": "$tmp/prog", "file": "device.c", "arguments": ["cc", "-c", "device.c"]}
]
J
# rules A: the e-mail field and the device global are personal data, and
# track_event is an analytics sink
cat >rules_a.json <<'J'
{
  "piiflow_rules": 1,
  "name": "app",
  "sources": [
    {"field": "account.email", "category": "user.contact.email"},
    {"variable": "g_device", "category": "user.device.device_id"}
  ],
  "sinks": [
    {"function": "track_event", "args": [1], "purpose": "analytics"}
  ]
}
J
# one sink entry edited: send_ad (advertising) instead of track_event
sed 's/"function": "track_event", "args": \[1\], "purpose": "analytics"/"function": "send_ad", "args": [0], "purpose": "advertising"/' \
	rules_a.json >rules_sink.json
# rules B: another field (by the typedef of an anonymous struct) and sink
cat >rules_b.json <<'J'
{
  "piiflow_rules": 1,
  "name": "app",
  "sources": [
    {"field": "contact_t.phone", "category": "user.contact.phone_number"}
  ],
  "sinks": [
    {"function": "send_ad", "args": [0], "purpose": "advertising"}
  ]
}
J

common=(--no-default-rules --no-config --format json)
# findings NAME: "RULE CATEGORY CALLEE" per finding of the last run's JSON
findings() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for f in sorted(d["findings"], key=lambda f: (f["rule"], f["category"], f["sink"]["callee"])):
    print(f["rule"], f["category"], f["sink"]["callee"])
PY
}

run check -p build --cache-dir cache --explain --rules rules_a.json "${common[@]}" -o a.json
expect "rules A, cold cache: flows reported" 1 "IR cache: 0 of 2 translation units re-used"
findings a.json >a.txt
expect_file() { # NAME FILE WANT
	out="$(cat "$2")"
	rc=0
	if [[ "$out" == "$3" ]]; then expect "$1" 0; else
		out="got: $out"
		expect "$1" 0 "^want: $3\$"
	fi
}
expect_file "rules A: the field and the global reach the analytics sink" a.txt \
	"pii-to-analytics user.contact.email track_event
pii-to-analytics user.device.device_id track_event"

run check -p build --cache-dir cache --explain --rules rules_sink.json "${common[@]}" -o sink.json
expect "one sink entry edited: every unit re-used" 1 "IR cache: 2 of 2 translation units re-used"
findings sink.json >sink.txt
expect_file "one sink entry edited: the findings follow it" sink.txt \
	"pii-to-advertising user.contact.email send_ad"
run check -p build --no-cache --rules rules_sink.json "${common[@]}" -o sink_plain.json
findings sink_plain.json >sink_plain.txt
expect_file "one sink entry edited: the same findings as without the cache" sink_plain.txt \
	"$(cat sink.txt)"

# IR emitted under rules A, linked under rules B
run check -q -p build --no-cache --rules rules_a.json --no-default-rules --no-config --emit-ir shards
expect "emitting the IR under rules A exits 0" 0
run check --from-ir shards --rules rules_b.json "${common[@]}" -o linked.json
expect "the IR linked under rules B reports" 1
run check -p build --no-cache --rules rules_b.json "${common[@]}" -o plain_b.json
findings linked.json >linked.txt
findings plain_b.json >plain_b.txt
expect_file "linked under rules B: the findings of rules B" linked.txt \
	"pii-to-advertising user.contact.phone_number send_ad"
expect_file "linked under rules B: the same as a plain run with rules B" plain_b.txt \
	"$(cat linked.txt)"

echo "$passed passed, $failed failed"
((failed == 0))
