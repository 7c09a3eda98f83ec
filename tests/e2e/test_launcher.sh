#!/usr/bin/env bash
# The compiler launcher (`piiflow cc`, docs/launcher.md) inside real builds:
# the project of tests/data/launcher built by CMake (Ninja when there is
# one) with CMAKE_C_COMPILER_LAUNCHER="piiflow;cc;--", and by make -j2 with
# CC="piiflow cc -- cc", links (check --from-ir) to the very report that
# `check -p` gives; the compiler's output and exit code pass through and a
# compile that fails leaves no IR; a unit whose IR is missing or whose
# analysis failed makes the link phase exit 2 naming it; configure probes
# and compiles whose output is thrown away leave nothing behind; IR carried
# without its objects links with the compile database.
#
# Usage: bash tests/e2e/test_launcher.sh PATH_TO_PIIFLOW
# with PIIFLOW_SOURCE_DIR (the checkout). Skipped (77) without cmake or cc.
# shellcheck disable=SC2016 # the conditions of check are quoted: check evals them
set -uo pipefail
src="${PIIFLOW_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"

# shellcheck source=tests/e2e/lib.sh
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

for tool in cmake cc make python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "skip: $tool is not installed"
		exit 77
	fi
done
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

# the report without what differs from run to run (the time)
report() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
d["summary"].pop("seconds", None)
print(json.dumps(d, indent=1, sort_keys=True))' "$1"
}

# same NAME A.json B.json: identical reports, with at least one finding
same() {
	local name="$1" a b
	a="$(report "$2" 2>&1)"
	b="$(report "$3" 2>&1)"
	if [[ "$a" == "$b" ]] && grep -q '"rule": "pii-to-analytics"' <<<"$a"; then
		echo "ok   - $name"
		passed=$((passed + 1))
	else
		echo "FAIL - $name"
		diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | sed -n '1,20s/^/       | /p'
		failed=$((failed + 1))
	fi
}

# check NAME CONDITION: a condition of the shell
check() {
	local r=0
	eval "$2" || r=1
	rc=$r
	out="$1"
	expect "$1" 0
}

cp -r "$src/tests/data/launcher" proj
cd proj || exit 2

# --- CMake ---------------------------------------------------------------
cmake -S . -B build "${generator[@]}" -DCMAKE_C_COMPILER_LAUNCHER="$piiflow;cc;--" \
	-DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DPIIFLOW_INCLUDE="$src/annotations" >cmake.log 2>&1
rc=$?
out="$(tail -n 5 cmake.log)"
expect "cmake configures with the launcher" 0
cmake --build build >build.log 2>&1
rc=$?
out="$(tail -n 5 build.log)"
expect "the project builds with the launcher" 0
check "an IR file and a manifest beside each of the 6 objects" \
	'(($(find build -name "*.c.o.pfir" | wc -l) == 6 && $(find build -name "*.c.o.pfunit" | wc -l) == 6))'
check "the compiler checks of cmake left no unit behind" \
	'! find build/CMakeFiles -path "*CMake*Id*" -name "*.pfunit" | grep -q . && ! find build/CMakeFiles -path "*CMakeScratch*" -name "*.pfunit" | grep -q .'

run check -q --no-cache -p build --format json -o plain.json
expect "check -p finds the flow" 1
run check -q --from-ir build --format json -o linked.json
expect "check --from-ir BUILD_DIR finds it too" 1
same "the IR linked from the build reports exactly what check -p does" plain.json linked.json
check "... an unused suppression in a unit's file included" \
	'grep -q unused-suppression plain.json && grep -q unused-suppression linked.json'
run check -q -p build --from-ir build --format json -o linked_p.json
expect "check -p BUILD_DIR --from-ir BUILD_DIR exits 1" 1
same "... and with -p it reports the same" plain.json linked_p.json
run check --from-ir build
expect "the text report shows paths relative to where the link runs" 1 \
	'^src/report\.c:7:2: error: .*\[pii-to-analytics\]' '^include/user\.h:10:7: note'

# the IR holds no rules: linked with other rules, it reports what they say
run check -q -p build --rules "$src/bench/stress-rules.json" --format json -o other_p.json
want=$rc
run check -q --from-ir build --rules "$src/bench/stress-rules.json" --format json -o other_ir.json
expect "IR made under the shipped rules links under other rules" "$want"
same "... and reports what check -p does with those rules" other_p.json other_ir.json
check "... which differs from the shipped rules' report" '! cmp -s other_p.json plain.json'

# PIIFLOW_IR_DIR: one folder for the whole build, sources of one basename apart
PIIFLOW_IR_DIR="$PWD/ir" cmake --build build --clean-first >build2.log 2>&1
rc=$?
out="$(tail -n 5 build2.log)"
expect "a build with PIIFLOW_IR_DIR set" 0
check "6 units in PIIFLOW_IR_DIR (util.c and net/util.c apart)" \
	'(($(ls ir/*.pfir | wc -l) == 6 && $(ls ir/util-*.pfir | wc -l) == 2))'
run check -q --from-ir ir --format json -o linked_dir.json
expect "check --from-ir IR_DIR exits 1" 1
same "the IR of PIIFLOW_IR_DIR reports exactly what check -p does" plain.json linked_dir.json

# --- one command that compiles six sources and links them ---------------------------
rc=0
out="$("$piiflow" cc --ir-dir "$PWD/linkir" -- cc -Iinclude -I"$src/annotations" src/*.c \
	src/*/*.c -o demo_once 2>&1)" || rc=$?
expect "cc a.c b.c ... -o prog through the launcher builds" 0
check "one unit per source of the command" '(($(ls linkir/*.pfunit | wc -l) == 6))'
run check -q --from-ir linkir --format json -o linked_once.json
expect "check --from-ir of a compile-and-link command exits 1" 1
same "... and reports what check -p does" plain.json linked_once.json

# --- make -j2 with CC --------------------------------------------------------
make -j2 CC="$piiflow cc -- cc" PIIFLOW_INCLUDE="$src/annotations" >make.log 2>&1
rc=$?
out="$(tail -n 5 make.log)"
expect "make -j2 CC=\"piiflow cc -- cc\" builds" 0
check "make's objects have their IR" '(($(ls obj/*.o.pfir | wc -l) == 6))'
run check -q --from-ir obj --format json -o linked_make.json
expect "check --from-ir obj exits 1" 1
same "the make build's IR reports what check -p does" plain.json linked_make.json

# --- the command line ---------------------------------------------------------------
run cc
expect "piiflow cc without a command: a usage error" 2 "takes the compile command"
run cc --bogus -- cc -c x.c
expect "an unknown option of the launcher: a usage error" 2 "unknown option '--bogus'"
run cc -- ./no-such-compiler -c x.c
expect "a compiler that does not exist: exit 127, as a shell says it" 127 \
	"cannot run './no-such-compiler'"

# --- the compiler's output and exit code ----------------------------------------
mkdir -p bad
printf 'int broken(void)\n{\n\treturn 1 +;\n}\n' >bad/broken.c
want_rc=0
want="$(cd bad && cc -c broken.c -o broken.o 2>&1)" || want_rc=$?
rm -f bad/broken.o
rc=0
out="$(cd bad && "$piiflow" cc -- cc -c broken.c -o broken.o 2>&1)" || rc=$?
check "a compile error: the compiler's exit code ($want_rc) and its output, unchanged" \
	'((want_rc != 0 && rc == want_rc)) && [[ "$out" == "$want" ]]'
check "a compile that failed leaves no IR" '! ls bad | grep -q "\.pf"'
printf 'int ok;\n' >bad/ok.c
rc=0
out="$(cd bad && "$piiflow" cc -- cc -E ok.c 2>&1)" || rc=$?
want="$(cd bad && cc -E ok.c 2>&1)"
check "cc -E: the preprocessed text on stdout as the compiler writes it, no IR" \
	'((rc == 0)) && [[ "$out" == "$want" ]] && ! ls bad | grep -q "\.pf"'

# --- a unit whose IR is missing, a unit whose analysis failed ----------------------
mv build/CMakeFiles/demo.dir/src/report.c.o.pfir report.pfir.saved
run check -q --from-ir build
expect "a missing IR file: exit 2, the unit named" 2 'src/report\.c: the IR of this unit is missing'
rm build/CMakeFiles/demo.dir/src/report.c.o.pfunit
run check -q -p build --from-ir build
expect "with -p, an entry without a unit: exit 2, the unit named" 2 \
	'src/report\.c: no IR of this unit'
(cd build && "$piiflow" cc --config "$PWD/../no-such-config.json" -- cc -Iinclude \
	-I"$src/annotations" -I../include -o CMakeFiles/demo.dir/src/report.c.o -c ../src/report.c) \
	>failed.log 2>&1
rc=$?
out="$(cat failed.log)"
expect "an analysis that fails does not fail the compile" 0
run check -q --from-ir build
expect "an analysis failure recorded by the launcher: exit 2, the unit named" 2 \
	'src/report\.c: the compiler launcher could not analyze this unit: the configuration'
rm build/CMakeFiles/demo.dir/src/report.c.o.pfunit
mv report.pfir.saved build/CMakeFiles/demo.dir/src/report.c.o.pfir
"$piiflow" cc -- cc -c src/report.c -Iinclude -I"$src/annotations" \
	-o build/CMakeFiles/demo.dir/src/report.c.o >/dev/null 2>&1

# --- configure probes and output thrown away ------------------------------------
mkdir -p probe
printf 'int main(void) { return 0; }\n' >probe/conftest.c
printf 'int probe_only(void) { return 0; }\n' >probe/check.c
(cd probe && PIIFLOW_IR_DIR="$OLDPWD/ir" "$piiflow" cc -- cc -c conftest.c -o conftest.o &&
	PIIFLOW_IR_DIR="$OLDPWD/ir" "$piiflow" cc -- cc -c check.c -o /dev/null &&
	PIIFLOW_IR_DIR="$OLDPWD/ir" "$piiflow" cc -- cc -S check.c -o - >/dev/null &&
	PIIFLOW_IR_DIR="$OLDPWD/ir" "$piiflow" cc -- cc -c check.c -o check.o)
rc=$?
out=""
expect "the probes compile through the launcher" 0
check "conftest.c, output to /dev/null and -S -o - leave no unit" '(($(ls ir/*.pfunit | wc -l) == 7))'
rm -f probe/check.o
run check -q --from-ir ir --format json -o linked_probe.json
expect "the link phase after the probes exits 1" 1
same "a probe whose object is gone does not count: the same report" plain.json linked_probe.json
run check --from-ir ir --format json -o /dev/null
expect "... and says it left the probe out" 1 'left out 1 unit of .* whose object file no longer exists'

# --- ccache beside the launcher ---------------------------------------------------
# without ccache, a stand-in of the same name that runs its compiler: the
# launcher must see through the word either way
if ! command -v ccache >/dev/null; then
	mkdir -p fakebin
	printf '#!/bin/sh\nexec "$@"\n' >fakebin/ccache
	chmod +x fakebin/ccache
	export PATH="$PWD/fakebin:$PATH"
fi
rm -rf ccbuild
CCACHE_DIR="$PWD/ccache" cmake -S . -B ccbuild "${generator[@]}" \
	-DCMAKE_C_COMPILER_LAUNCHER="$piiflow;cc;--;ccache" \
	-DPIIFLOW_INCLUDE="$src/annotations" >cmake3.log 2>&1 &&
	CCACHE_DIR="$PWD/ccache" cmake --build ccbuild >build3.log 2>&1
rc=$?
out="$(tail -n 5 build3.log)"
expect "the launcher before ccache builds" 0
run check -q --from-ir ccbuild --format json -o linked_ccache.json
expect "check --from-ir of the ccache build exits 1" 1
same "through ccache: the same report" plain.json linked_ccache.json

# --- IR carried without the objects (a CI matrix's final job) -----------------------
cmake --build build --target clean >/dev/null 2>&1
run check -q --from-ir ir
expect "IR without its objects and no compile database: exit 2, saying why" 2 \
	'object files of all 7 units are gone.*-p BUILD_DIR'
run check -q -p build --from-ir ir --format json -o linked_carried.json
expect "with -p, the compile database says what the program is: exit 1" 1
same "... and the report is check -p's" plain.json linked_carried.json

echo "$passed passed, $failed failed"
((failed == 0))
