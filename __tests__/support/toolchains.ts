// Real Go toolchains on this machine, repacked into official-layout archives (one top directory
// `go/`) for the local mirror.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillOnce } from './fill-once.ts';

/** A Go toolchain on this machine: its GOROOT, `go1.24.4` and `1.24.4`. */
export interface LocalToolchain {
  goroot: string;
  goName: string;
  version: string;
}

/** A repacked toolchain archive, as the mirror serves it. */
export interface Archive {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
}

const CANDIDATES = ['/usr/lib/go-1.24', '/usr/lib/go-1.23', '/usr/lib/go-1.22'];

/** Toolchains found: GO_CROSSBUILD_TEST_GOROOTS (path-list) or Debian's, newest first. */
export function findToolchains(): LocalToolchain[] {
  const roots = process.env.GO_CROSSBUILD_TEST_GOROOTS?.split(':').filter(Boolean) ?? CANDIDATES;
  const found = roots
    .filter((r) => existsSync(join(r, 'bin', 'go')))
    .map((goroot) => {
      const goName = readFileSync(join(goroot, 'VERSION'), 'utf8').split('\n')[0].trim();
      return { goroot, goName, version: goName.slice(2) };
    });
  return found.sort((a, b) => compare(b.version, a.version));
}

/** The two toolchains the tests need (a newer and an older minor), or a clear error. */
export function requireToolchains(): LocalToolchain[] {
  const found = findToolchains();
  const minors = new Set(found.map((t) => t.version.split('.').slice(0, 2).join('.')));
  if (found.length < 2 || minors.size < 2) {
    throw new Error(
      `The tests need two Go toolchains of different minors (found: ${found.map((t) => t.goName).join(', ') || 'none'}). ` +
        'Run scripts/install-test-deps.sh (Debian), or set GO_CROSSBUILD_TEST_GOROOTS=/path/to/goroot1:/path/to/goroot2.',
    );
  }
  return found;
}

/**
 * A toolchain of a minor src/targets/ports.json does not record (plan mode then installs Go to read its
 * ports): GO_CROSSBUILD_TEST_UNRECORDED_GOROOT, else Debian's Go 1.19.
 */
export function unrecordedToolchain(): LocalToolchain {
  const goroot = process.env.GO_CROSSBUILD_TEST_UNRECORDED_GOROOT || '/usr/lib/go-1.19';
  if (!existsSync(join(goroot, 'bin', 'go')))
    throw new Error(`No Go toolchain at ${goroot}: run scripts/install-test-deps.sh (Debian) or set GO_CROSSBUILD_TEST_UNRECORDED_GOROOT.`);
  const goName = readFileSync(join(goroot, 'VERSION'), 'utf8').split('\n')[0].trim();
  return { goroot, goName, version: goName.slice(2) };
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/**
 * Repacks a toolchain as `go<ver>.linux-<arch>.tar.gz` with the official layout (not the official
 * bytes), once per machine: cached in the temp dir, which jest workers fill at once (fill-once.ts).
 * tar reads the GOROOT in place and dereferences Debian's symlinks into /usr/share, as an official
 * tree has none; gzip -1, since the archive only crosses the loopback (~5 s here, against ~16 s for
 * a copy and the default level).
 */
export async function repack(tc: LocalToolchain, goos = 'linux', goarch = 'amd64'): Promise<Archive> {
  const fileName = `${tc.goName}.${goos}-${goarch}.tar.gz`;
  return fillOnce(join(tmpdir(), 'go-crossbuild-repacks'), fileName, tc.goroot, (out) =>
    execFileSync('tar', ['-C', tc.goroot, '-c', '-h', '--sort=name', '--transform', 's,^\\.,go,', '-I', 'gzip -1', '-f', out, '.']),
  );
}
