// What every benchmark starts from: the newest local toolchain, repacked and served by a mirror,
// and the inputs that install it.
import { fileURLToPath } from 'node:url';
import { findToolchains, repack, startMirror } from '../__tests__/support/index.ts';

/** The 8 targets of the fan-out benchmarks. */
export const TARGETS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/7',
  'linux/386',
  'windows/amd64',
  'windows/arm64',
  'darwin/amd64',
  'darwin/arm64',
];

/** net/http + encoding/json: the standard library dominates a cold build, as in a typical service. */
export const SERVER_FIXTURE = fileURLToPath(new URL('./fixtures/server', import.meta.url));

export async function mirroredToolchain() {
  const [tc] = findToolchains();
  if (!tc) throw new Error('no Go toolchain: run scripts/install-test-deps.sh');
  const archive = await repack(tc);
  const mirror = await startMirror([
    { version: tc.goName, stable: true, files: [{ filename: archive.fileName, sha256: archive.sha256, path: archive.path }] },
  ]);
  // Bare binaries (archive: none), as the baselines' `go build` loops make them.
  const inputs = { 'go-version': tc.version, 'go-download-base-url': mirror.url, 'go-sha256': archive.sha256, archive: 'none' };
  return { tc, archive, mirror, inputs };
}
