#!/usr/bin/env bash
# Installs what the tests need: real Go toolchains to repack into a local mirror, qemu-user-static
# to run foreign linux binaries, wine64 (and mingw, to build the one DLL Wine 8 lacks for Go
# >= 1.22) to run windows/amd64 ones. Idempotent and fast when everything is present.
#
# On Debian the extra suites are derived from the machine's own debian.sources (only the
# Suites: line is rewritten), so no mirror host is ever written here. trixie is pinned low so
# that only packages missing from bookworm (golang-1.24) come from it.
#
# Elsewhere (Ubuntu, as on GitHub-hosted runners, or any system without Debian's debian.sources)
# no suite is added: the Go toolchains are the ones GO_CROSSBUILD_TEST_GOROOTS names (the project's
# CI installs them with this action), else a Go >= 1.22 on PATH; with apt-get, the other tools come
# from the suites the system already has, under the package names Debian and Ubuntu share.
set -euo pipefail

# golang-1.19-go: a minor that src/targets/ports.json does not record, for plan mode's install fallback.
# unzip: the tests list what the zip archives hold.
# minisign: cross-checks the action's minisign verifier; libc6-arm64-cross: the glibc that qemu runs
# a dynamically linked linux/arm64 cgo binary with (-L /usr/aarch64-linux-gnu); binutils: readelf
# and objdump check the cgo binaries independently of the action's own readers; xz-utils: the test
# zig is repacked as .tar.xz, as zig publishes it.
want_pkgs=(golang-1.24-go golang-1.23-go golang-1.19-go qemu-user-static wine64 gcc-mingw-w64-x86-64-win32 unzip minisign libc6-arm64-cross binutils xz-utils)
have() { command -v "$1" >/dev/null 2>&1; }
# The Windows suite's node.exe and Go distribution, once the tools are in place.
windows_data() { bash "$(dirname "$0")/windows-test-data.sh"; }

all_present() {
  [ -x /usr/lib/go-1.24/bin/go ] && [ -x /usr/lib/go-1.23/bin/go ] && [ -x /usr/lib/go-1.19/bin/go ] && have qemu-aarch64-static &&
    [ -x /usr/lib/wine/wine64 ] && have x86_64-w64-mingw32-gcc && have unzip && have minisign && have readelf && have xz &&
    [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ]
}

if all_present; then
  echo "install-test-deps: all present (go 1.24, go 1.23, go 1.19, qemu-user-static, wine64, mingw, unzip, minisign, arm64 glibc, binutils, xz)"
  windows_data
  exit 0
fi

src=/etc/apt/sources.list.d/debian.sources
if [ -f /etc/debian_version ] && have apt-get && [ -f "$src" ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  extra=/etc/apt/sources.list.d/go-crossbuild-extra.sources
  if [ ! -f "$extra" ]; then
    # First stanza of the machine's own entry (the main archive), with new suites.
    awk 'BEGIN{RS=""; ORS="\n\n"} NR==1 {print; exit}' "$src" |
      sed -E 's/^Suites:.*/Suites: bookworm-backports trixie/' |
      "${sudo[@]}" tee "$extra" >/dev/null
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 50\n' |
      "${sudo[@]}" tee /etc/apt/preferences.d/go-crossbuild-trixie >/dev/null
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${want_pkgs[@]}"
  all_present && { echo "install-test-deps: installed ${want_pkgs[*]}"; windows_data; exit 0; }
  echo "install-test-deps: install finished but a toolchain is still missing" >&2
  exit 1
fi

note() { echo "install-test-deps: note: $*" >&2; }

# Not Debian's sources: the tools only, from the suites the system has, each one optional. Only
# the Debian path above has run on this project's own machines; on Ubuntu these names exist too
# (wine64 in universe), but whether Ubuntu's wine64 has /usr/lib/wine/wine64, where the tests look
# for it, was not checked: without it the windows/amd64 run is skipped, saying so.
if have apt-get && { [ "$(id -u)" -eq 0 ] || have sudo; }; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  tools=()
  have qemu-aarch64-static || tools+=(qemu-user-static)
  [ -x /usr/lib/wine/wine64 ] || tools+=(wine64)
  have x86_64-w64-mingw32-gcc || tools+=(gcc-mingw-w64-x86-64-win32)
  have unzip || tools+=(unzip)
  have minisign || tools+=(minisign)
  have readelf || tools+=(binutils)
  have xz || tools+=(xz-utils)
  [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] || tools+=(libc6-arm64-cross)
  if [ ${#tools[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq || note "apt-get update failed"
    for pkg in "${tools[@]}"; do
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$pkg" || note "apt-get could not install $pkg"
    done
  fi
fi

# The toolchains: those GO_CROSSBUILD_TEST_GOROOTS names (two minors at least), else any Go >= 1.22
# found on PATH; nothing is installed here.
missing=()
minor_of() { sed -nE '1s/^go([0-9]+\.[0-9]+).*/\1/p' "$1/VERSION" 2>/dev/null; }
if [ -n "${GO_CROSSBUILD_TEST_GOROOTS:-}" ]; then
  minors=()
  IFS=: read -r -a roots <<<"$GO_CROSSBUILD_TEST_GOROOTS"
  for root in "${roots[@]}"; do
    [ -n "$root" ] || continue
    if [ -x "$root/bin/go" ]; then
      minors+=("$(minor_of "$root")")
    else
      missing+=("a Go toolchain at $root (GO_CROSSBUILD_TEST_GOROOTS)")
    fi
  done
  if [ "$(printf '%s\n' "${minors[@]}" | sort -u | grep -c .)" -lt 2 ]; then
    missing+=("two Go minors in GO_CROSSBUILD_TEST_GOROOTS (found: ${minors[*]:-none})")
  fi
  unrecorded=${GO_CROSSBUILD_TEST_UNRECORDED_GOROOT:-/usr/lib/go-1.19}
  [ -x "$unrecorded/bin/go" ] || note "no Go at $unrecorded (GO_CROSSBUILD_TEST_UNRECORDED_GOROOT): the plan test for a minor the port table does not record will fail"
elif have go; then
  v=$(go env GOVERSION 2>/dev/null | sed -E 's/^go([0-9]+)\.([0-9]+).*/\1 \2/')
  read -r major minor <<<"${v:-0 0}"
  if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 22 ]; }; then
    missing+=("Go >= 1.22 (found $(go env GOVERSION))")
  fi
else
  missing+=("Go >= 1.22 on PATH, or GO_CROSSBUILD_TEST_GOROOTS")
fi
have qemu-aarch64-static || note "qemu-user-static not found; the tests that run foreign linux binaries will fail"
[ -x /usr/lib/wine/wine64 ] || note "wine64 not found at /usr/lib/wine/wine64; the windows/amd64 run is skipped"
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps: missing: ${missing[*]}" >&2
  exit 1
fi
if [ -n "${GO_CROSSBUILD_TEST_GOROOTS:-}" ]; then
  echo "install-test-deps: using the toolchains in GO_CROSSBUILD_TEST_GOROOTS ($GO_CROSSBUILD_TEST_GOROOTS)"
else
  echo "install-test-deps: using $(go env GOVERSION) from PATH"
fi
windows_data
