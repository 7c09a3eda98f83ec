#!/usr/bin/env bash
# The IR cache and sharding give the same report as a plain run: cold,
# warm, after an edit of a header (a stale entry is rebuilt), with corrupt
# entries (rebuilt, never trusted), and through --emit-ir in two shards
# linked with --from-ir (and with their old names, --emit-summaries and
# --from-summaries, which stay until 0.3).
set -uo pipefail
piiflow=$1
src=${PIIFLOW_SOURCE_DIR:?}
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

# One program: the shop example (three files, one shared header).
mkdir -p "$tmp/prog" "$tmp/build"
cp "$src"/examples/shop/*.c "$src"/examples/shop/*.h "$tmp/prog/"
python3 - "$tmp/prog" "$tmp/build" <<'PY'
import json, os, sys
prog, build = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(prog) if f.endswith(".c"))
db = [{"directory": prog, "file": f, "arguments": ["cc", "-I.", "-c", f]} for f in files]
json.dump(db, open(os.path.join(build, "compile_commands.json"), "w"), indent=1)
half = len(db) // 2
for name, part in (("a", db[:half]), ("b", db[half:])):
    os.makedirs(os.path.join(build, name), exist_ok=True)
    json.dump(part, open(os.path.join(build, name, "compile_commands.json"), "w"))
PY

run() { # run NAME ARGS...: JSON report without its timing
	local name=$1
	shift
	"$piiflow" check --format json -o "$tmp/$name.raw" "$@" >/dev/null 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['summary'].pop('seconds',None); json.dump(d,open(sys.argv[2],'w'),sort_keys=True,indent=1)" "$tmp/$name.raw" "$tmp/$name.json" 2>/dev/null
}
same() { cmp -s "$tmp/$1.json" "$tmp/$2.json" && cmp -s "$tmp/$1.rc" "$tmp/$2.rc"; }

cache="$tmp/cache"
run plain -p "$tmp/build" --no-cache
check "a plain run reports the flows (exit 1)" '[ "$(cat "$tmp/plain.rc")" = 1 ] && grep -q pii-to-advertising "$tmp/plain.json"'
run cold -p "$tmp/build" --cache-dir "$cache"
check "a cold cache run is identical" 'same plain cold'
check "the cache holds one entry per unit" '[ "$(ls "$cache" | grep -c "\.pfc$")" -eq "$(ls "$tmp/prog"/*.c | wc -l)" ]'
run warm -p "$tmp/build" --cache-dir "$cache"
check "a warm cache run is identical" 'same plain warm'

# an edit of a header makes the entries that read it stale
sed -i 's/char email\[128\] PII(user.contact.email);/char email[128];/' "$tmp/prog/user.h"
run edited_plain -p "$tmp/build" --no-cache
run edited_cache -p "$tmp/build" --cache-dir "$cache"
check "after a header edit the cache gives the new result" 'same edited_plain edited_cache'
check "the header edit changed the result" '! same plain edited_plain'
cp "$src/examples/shop/user.h" "$tmp/prog/user.h"

# corrupt and truncated entries are rebuilt, not trusted
n=0
for f in "$cache"/*.pfc; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	if [ $((n % 2)) -eq 0 ]; then
		head -c 100 "$f" >"$f.cut" && mv "$f.cut" "$f"
	else
		printf 'garbage' | dd of="$f" bs=1 seek=200 conv=notrunc status=none
	fi
done
run corrupt -p "$tmp/build" --cache-dir "$cache"
check "corrupt entries are rebuilt: identical result" 'same plain corrupt'
run again -p "$tmp/build" --cache-dir "$cache"
check "and the rebuilt entries are good" 'same plain again'

# sharding: two halves emitted separately (the first with the option's old
# name), linked in one run
"$piiflow" check -q -p "$tmp/build/a" --no-cache --emit-summaries "$tmp/shards" >/dev/null 2>&1
rc_a=$?
"$piiflow" check -q -p "$tmp/build/b" --no-cache --emit-ir "$tmp/shards" >/dev/null 2>&1
rc_b=$?
check "emitting the IR exits 0" '[ $rc_a -eq 0 ] && [ $rc_b -eq 0 ]'
run linked --from-ir "$tmp/shards"
check "the IR linked from two shards gives the identical report" 'same plain linked'
run linked_old --from-summaries "$tmp/shards"
check "--from-summaries, the old name, still works" 'same plain linked_old'
: >"$tmp/shards/bogus.pfir"
run bogus --from-ir "$tmp/shards"
check "a foreign IR file is an input error (exit 2)" '[ "$(cat "$tmp/bogus.rc")" = 2 ] && grep -q "bogus.pfir" "$tmp/bogus.err"'
run none --from-ir "$tmp/nowhere"
check "a missing IR folder is an input error (exit 2)" '[ "$(cat "$tmp/none.rc")" = 2 ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
