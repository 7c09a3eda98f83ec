#!/usr/bin/env bash
# Gets the real C codebases that piiflow is measured and tested on (redis,
# git and curl), as Debian source packages, and builds each once under bear so
# that its compile_commands.json records every translation unit as the build
# compiled it. Toy inputs hide the costs that matter (system headers, macro-
# heavy code, hundreds of TUs); Debian's sources are a fixed, signed snapshot
# that any Debian or Ubuntu machine can get again with apt.
#
# Usage: bench/fetch.sh [--force] [-j N] [PACKAGE...]   (default: redis git curl)
# Folder: $PIIFLOW_BENCH_DIR, default bench/.cache (ignored by git). For each
# PACKAGE it leaves DIR/PACKAGE/src (the unpacked source, built in place) and
# DIR/PACKAGE/compile_commands.json, then prints "PACKAGE TUS DB_DIR" (TUS:
# the C entries, which piiflow analyzes; redis has one C++ file too).
# It is idempotent: a package that already has its compile database is kept
# (--force unpacks and builds it again). It enables deb-src in apt's sources
# and installs the few packages the builds need, as root or through sudo.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${PIIFLOW_BENCH_DIR:-$repo/bench/.cache}"
jobs="$(nproc 2>/dev/null || echo 2)"
force=0
packages=()

usage() {
	echo "usage: bench/fetch.sh [--force] [-j N] [PACKAGE...]   (PACKAGE: redis git curl)"
}

while (($#)); do
	case "$1" in
	--force) force=1 ;;
	-j)
		if (($# < 2)); then
			usage >&2
			exit 2
		fi
		jobs="$2"
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	redis | git | curl) packages+=("$1") ;;
	*)
		echo "fetch.sh: unknown argument '$1'" >&2
		usage >&2
		exit 2
		;;
	esac
	shift
done
if ((${#packages[@]} == 0)); then
	packages=(redis git curl)
fi

say() { echo "fetch.sh: $*" >&2; }
die() {
	say "$*"
	exit 1
}

sudo=()
if [[ "$(id -u)" != 0 ]]; then
	command -v sudo >/dev/null 2>&1 || die "not root and sudo not found: run as root"
	sudo=(sudo)
fi
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0)
updated=0

apt_update() {
	if ((updated)); then
		return
	fi
	say "apt-get update"
	local log
	log="$(mktemp)"
	if ! "${apt[@]}" update >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		die "apt-get update failed"
	fi
	rm -f "$log"
	updated=1
}

# deb-src for the same archives as the binary entries: a deb822 .sources
# stanza for each deb822 stanza of Types deb, a deb-src line for each one-line
# deb entry. Written once, to a file of its own that can simply be removed.
enable_deb_src() {
	if apt-cache showsrc dpkg 2>/dev/null | grep -q '^Package:'; then
		return
	fi
	local d=/etc/apt/sources.list.d
	if ! grep -qs -e '^[[:space:]]*deb-src[[:space:]]' -e '^Types:.*deb-src' \
		/etc/apt/sources.list "$d"/*.list "$d"/*.sources; then
		local stanzas="" lines=""
		local f
		for f in "$d"/*.sources; do
			[[ -f "$f" ]] || continue
			stanzas+="$(awk 'BEGIN { RS = ""; ORS = "" }
			{
				n = split($0, l, "\n"); out = ""; keep = 0
				for (i = 1; i <= n; i++) {
					if (l[i] ~ /^#/)
						continue
					if (l[i] ~ /^Types:/) {
						if (l[i] ~ /[ \t]deb([ \t]|$)/)
							keep = 1
						l[i] = "Types: deb-src"
					}
					out = out l[i] "\n"
				}
				if (keep)
					print out "\n"
			}' "$f")"$'\n\n'
		done
		for f in /etc/apt/sources.list "$d"/*.list; do
			[[ -f "$f" ]] || continue
			lines+="$(sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f")"$'\n'
		done
		if [[ -n "${stanzas//[[:space:]]/}" ]]; then
			say "enabling deb-src in $d/piiflow-bench-src.sources"
			printf '%s' "$stanzas" | "${sudo[@]}" tee "$d/piiflow-bench-src.sources" >/dev/null
		fi
		if [[ -n "${lines//[[:space:]]/}" ]]; then
			say "enabling deb-src in $d/piiflow-bench-src.list"
			printf '%s' "$lines" | "${sudo[@]}" tee "$d/piiflow-bench-src.list" >/dev/null
		fi
	fi
	updated=0 # the new sources need an update even if one ran already
	apt_update
	apt-cache showsrc dpkg 2>/dev/null | grep -q '^Package:' ||
		die "apt has no source packages even with deb-src enabled: check /etc/apt/sources.list.d"
}

pkg_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# What the three builds need, not their full Build-Depends: redis builds its
# bundled jemalloc, lua and hiredis; git and curl need TLS, zlib, libcurl and
# expat headers.
install_tools() {
	local want=(dpkg-dev bear time make gcc pkg-config xz-utils perl python3
		libssl-dev zlib1g-dev libexpat1-dev)
	if ! pkg_installed libcurl4-gnutls-dev; then
		want+=(libcurl4-openssl-dev)
	fi
	local missing=() p
	for p in "${want[@]}"; do
		pkg_installed "$p" || missing+=("$p")
	done
	if ((${#missing[@]} == 0)); then
		return
	fi
	apt_update
	say "installing ${missing[*]}"
	local log
	log="$(mktemp)"
	if ! "${apt[@]}" -y --no-install-recommends install "${missing[@]}" >"$log" 2>&1; then
		cat "$log" >&2
		rm -f "$log"
		die "apt-get install failed: ${missing[*]}"
	fi
	rm -f "$log"
}

# count_entries DB_DIR [--all]: the C entries (what piiflow analyzes), or all.
count_entries() {
	python3 "$repo/bench/compdb.py" count "$@"
}

# Downloads PACKAGE's source package into DIR and unpacks it as DIR/src,
# without Debian's patches: the upstream release as Debian ships it, which
# builds the upstream way. The patches are written for debian/rules: redis's
# assume USE_SYSTEM_JEMALLOC=yes and curl's edit configure.ac and Makefile.am
# (one build per TLS flavour), which would need autoreconf.
unpack() {
	local pkg="$1" dir="$2"
	rm -rf "$dir"
	mkdir -p "$dir"
	say "$pkg: apt-get source --download-only"
	(cd "$dir" && apt-get -q source --download-only "$pkg" >download.log 2>&1) || {
		cat "$dir/download.log" >&2
		die "$pkg: apt-get source failed"
	}
	local dsc
	dsc="$(find "$dir" -maxdepth 1 -name "${pkg}_*.dsc" | sort | tail -n 1)"
	[[ -n "$dsc" ]] || die "$pkg: no .dsc downloaded into $dir"
	(cd "$dir" && dpkg-source -x --skip-patches "$dsc" src >unpack.log 2>&1) || {
		cat "$dir/unpack.log" >&2
		die "$pkg: dpkg-source -x failed"
	}
	basename "$dsc" .dsc >"$dir/version"
}

# Builds DIR/src once under bear, the way its README says, with the options
# that keep the set of dependencies small.
build() {
	local pkg="$1" dir="$2"
	local src="$dir/src" db="$dir/compile_commands.json" log="$dir/build.log"
	local make_args=(-j"$jobs")
	case "$pkg" in
	redis) ;;
	git) make_args+=(NO_GETTEXT=YesPlease NO_TCLTK=YesPlease) ;;
	curl)
		say "$pkg: ./configure"
		(cd "$src" && ./configure --disable-shared --with-openssl --disable-ldap \
			--without-libpsl --without-brotli --without-zstd --without-libidn2 \
			--without-nghttp2 --without-librtmp --without-libssh2 --disable-manual \
			>"$dir/configure.log" 2>&1) || {
			tail -n 30 "$dir/configure.log" >&2
			die "$pkg: ./configure failed (log: $dir/configure.log)"
		}
		;;
	esac
	say "$pkg: bear -- make ${make_args[*]} (log: $log)"
	rm -f "$db"
	(cd "$src" && bear --output "$db.tmp" -- make "${make_args[@]}" >"$log" 2>&1) || {
		tail -n 30 "$log" >&2
		die "$pkg: build failed (log: $log)"
	}
	mv "$db.tmp" "$db"
	(("$(count_entries "$dir" --all)" > 0)) || die "$pkg: bear recorded no compile command (log: $log)"
}

enable_deb_src
install_tools
mkdir -p "$cache"
for pkg in "${packages[@]}"; do
	dir="$cache/$pkg"
	db="$dir/compile_commands.json"
	if ((force)) || [[ ! -s "$db" || ! -d "$dir/src" ]]; then
		unpack "$pkg" "$dir"
		build "$pkg" "$dir"
	fi
	echo "$pkg $(count_entries "$dir") $dir"
done
