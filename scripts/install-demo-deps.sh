#!/usr/bin/env bash
# Installs what `npm run demo` needs besides Node: Go 1.24 (repacked into the local mirror the
# action installs from) and qemu-user-static (runs the linux/arm64 binary). The tests need more:
# scripts/install-test-deps.sh installs these and the rest. See scripts/lib/deps.sh.
set -euo pipefail
. "$(dirname "$0")/lib/deps.sh"

install_deps install-demo-deps 1 "${DEMO_PKGS[@]}"
