#!/usr/bin/env bash
# Installs what the tests need besides Node: the demo's packages (scripts/install-demo-deps.sh) and
# what only the tests use, then makes the Windows suite's test data (scripts/windows-test-data.sh,
# ~6 min on 2 cores the first time). See scripts/lib/deps.sh for how packages are installed.
set -euo pipefail
. "$(dirname "$0")/lib/deps.sh"

# golang-1.23-go: the tests repack toolchains of two minors. golang-1.19-go: a minor that
# src/targets/ports.json does not record, for plan mode's install fallback.
# wine64, with mingw to build the one DLL Wine 8 lacks for Go >= 1.22: runs windows/amd64 binaries.
# unzip: the tests list what the zip archives hold.
# minisign: cross-checks the action's minisign verifier; libc6-arm64-cross: the glibc that qemu runs
# a dynamically linked linux/arm64 cgo binary with (-L /usr/aarch64-linux-gnu); binutils: readelf
# and objdump check the cgo binaries independently of the action's own readers; xz-utils: the test
# zig is repacked as .tar.xz, as zig publishes it. osslsigncode, openssl: the signing tests sign a
# windows binary (Authenticode, with a certificate openssl makes) and verify it in the published zip.
# llvm-14: llvm-lipo-14, the reference the darwin/universal fat binaries are compared with byte for
# byte (and verified and thinned by).
test_pkgs=(golang-1.23-go golang-1.19-go wine64 gcc-mingw-w64-x86-64-win32 unzip minisign libc6-arm64-cross binutils xz-utils osslsigncode openssl llvm-14)

install_deps install-test-deps 2 "${DEMO_PKGS[@]}" "${test_pkgs[@]}"
bash "$(dirname "$0")/windows-test-data.sh"
