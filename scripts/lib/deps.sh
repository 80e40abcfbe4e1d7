# Sourced by install-demo-deps.sh and install-test-deps.sh: how each package is recognised once
# installed, and the one way both install what is missing. Idempotent and fast when all is present.
#
# On Debian the extra suites are derived from the machine's own debian.sources (only the Suites:
# line is rewritten), so no mirror host is ever written here. trixie is pinned low so that only
# packages missing from bookworm (golang-1.24) come from it.
#
# Elsewhere (Ubuntu, as on GitHub-hosted runners, or any system without Debian's debian.sources) no
# suite is added: the Go toolchains are the ones GO_CROSSBUILD_TEST_GOROOTS names (the project's CI
# installs them with this action), else a Go >= 1.22 on PATH; with apt-get, the other tools come
# from the suites the system already has, under the package names Debian and Ubuntu share.

# What the demo needs: the newest Go the tests use, to repack into the local mirror, and qemu to run
# the linux/arm64 binary it builds. The test set-up installs these too.
DEMO_PKGS=(golang-1.24-go qemu-user-static)

have() { command -v "$1" >/dev/null 2>&1; }

# Whether a package's files are where the demo and the tests look for them.
present() {
  case "$1" in
    golang-1.*-go) local v=${1#golang-}; [ -x "/usr/lib/go-${v%-go}/bin/go" ] ;;
    qemu-user-static) have qemu-aarch64-static ;;
    wine64) [ -x /usr/lib/wine/wine64 ] ;;
    gcc-mingw-w64-x86-64-win32) have x86_64-w64-mingw32-gcc ;;
    libc6-arm64-cross) [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] ;;
    binutils) have readelf ;;
    xz-utils) have xz ;;
    llvm-14) have llvm-lipo-14 ;;
    *) have "$1" ;;
  esac
}

# install_deps NAME MINORS PKG...: installs the PKGs that are missing. Off Debian, no Go is installed
# and the toolchains found must cover MINORS Go minors (the demo needs one, the tests two).
install_deps() {
  local name=$1 minors_needed=$2
  shift 2
  local pkg missing=()
  for pkg in "$@"; do present "$pkg" || missing+=("$pkg"); done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "$name: all present ($*)"
    return 0
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive

  local src=/etc/apt/sources.list.d/debian.sources
  if [ -f /etc/debian_version ] && have apt-get && [ -f "$src" ]; then
    local extra=/etc/apt/sources.list.d/go-crossbuild-extra.sources
    if [ ! -f "$extra" ]; then
      # First stanza of the machine's own entry (the main archive), with new suites.
      awk 'BEGIN{RS=""; ORS="\n\n"} NR==1 {print; exit}' "$src" |
        sed -E 's/^Suites:.*/Suites: bookworm-backports trixie/' |
        "${sudo[@]}" tee "$extra" >/dev/null
      printf 'Package: *\nPin: release n=trixie\nPin-Priority: 50\n' |
        "${sudo[@]}" tee /etc/apt/preferences.d/go-crossbuild-trixie >/dev/null
    fi
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    for pkg in "$@"; do
      present "$pkg" || {
        echo "$name: install finished but $pkg is still missing" >&2
        return 1
      }
    done
    echo "$name: installed ${missing[*]}"
    return 0
  fi

  note() { echo "$name: note: $*" >&2; }
  # Not Debian's sources: the tools only, from the suites the system has, each one optional. Only
  # the Debian path above has run on this project's own machines; on Ubuntu these names exist too
  # (wine64 in universe), but whether Ubuntu's wine64 has /usr/lib/wine/wine64, where the tests look
  # for it, was not checked: without it the windows/amd64 run is skipped, saying so.
  local tools=()
  for pkg in "${missing[@]}"; do [[ $pkg == golang-* ]] || tools+=("$pkg"); done
  if [ ${#tools[@]} -gt 0 ] && have apt-get && { [ "$(id -u)" -eq 0 ] || have sudo; }; then
    "${sudo[@]}" apt-get update -qq || note "apt-get update failed"
    for pkg in "${tools[@]}"; do
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$pkg" || note "apt-get could not install $pkg"
    done
  fi

  # The toolchains: those GO_CROSSBUILD_TEST_GOROOTS names, else any Go >= 1.22 found on PATH;
  # nothing is installed here.
  local fatal=()
  minor_of() { sed -nE '1s/^go([0-9]+\.[0-9]+).*/\1/p' "$1/VERSION" 2>/dev/null; }
  if [ -n "${GO_CROSSBUILD_TEST_GOROOTS:-}" ]; then
    local root roots minors=()
    IFS=: read -r -a roots <<<"$GO_CROSSBUILD_TEST_GOROOTS"
    for root in "${roots[@]}"; do
      [ -n "$root" ] || continue
      if [ -x "$root/bin/go" ]; then
        minors+=("$(minor_of "$root")")
      else
        fatal+=("a Go toolchain at $root (GO_CROSSBUILD_TEST_GOROOTS)")
      fi
    done
    if [ "$(printf '%s\n' "${minors[@]}" | sort -u | grep -c .)" -lt "$minors_needed" ]; then
      fatal+=("$minors_needed Go minor(s) in GO_CROSSBUILD_TEST_GOROOTS (found: ${minors[*]:-none})")
    fi
    if [[ " $* " == *" golang-1.19-go "* ]]; then
      local unrecorded=${GO_CROSSBUILD_TEST_UNRECORDED_GOROOT:-/usr/lib/go-1.19}
      [ -x "$unrecorded/bin/go" ] || note "no Go at $unrecorded (GO_CROSSBUILD_TEST_UNRECORDED_GOROOT): the plan test for a minor the port table does not record will fail"
    fi
  elif have go; then
    local major minor
    read -r major minor <<<"$(go env GOVERSION 2>/dev/null | sed -E 's/^go([0-9]+)\.([0-9]+).*/\1 \2/')"
    if [ "${major:-0}" -lt 1 ] || { [ "$major" -eq 1 ] && [ "${minor:-0}" -lt 22 ]; }; then
      fatal+=("Go >= 1.22 (found $(go env GOVERSION))")
    fi
  else
    fatal+=("Go >= 1.22 on PATH, or GO_CROSSBUILD_TEST_GOROOTS")
  fi
  present qemu-user-static || note "qemu-user-static not found; running foreign linux binaries will fail"
  if [[ " $* " == *" wine64 "* ]]; then
    present wine64 || note "wine64 not found at /usr/lib/wine/wine64; the windows/amd64 run is skipped"
  fi
  if [ ${#fatal[@]} -gt 0 ]; then
    echo "$name: missing: ${fatal[*]}" >&2
    return 1
  fi
  if [ -n "${GO_CROSSBUILD_TEST_GOROOTS:-}" ]; then
    echo "$name: using the toolchains in GO_CROSSBUILD_TEST_GOROOTS ($GO_CROSSBUILD_TEST_GOROOTS)"
  else
    echo "$name: using $(go env GOVERSION) from PATH"
  fi
}
