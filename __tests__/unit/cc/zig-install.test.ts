// The zig install against a local mirror, with a stand-in zig (a script that says its version):
// the signature checked before placing, the tool cache reused, a mismatch leaving nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installZig } from '../../../src/cc/zig-install.js';
import { chooseZigArchive, ZIG_PUBLIC_KEY, type ZigArchive, type ZigSpec } from '../../../src/cc/zig-release.js';
import { recordingLog } from '../helpers.js';
import { startMirror, type Mirror } from '../../support/mirror.ts';
import { minisign, newTestKey } from '../../support/zig.ts';

const { log, info: lines } = recordingLog();

const FILE = 'zig-x86_64-linux-0.15.2.tar.xz';
const host = { goos: 'linux', goarch: 'amd64' };
let dir: string;
let archive: string;
let sha256: string;
const key = newTestKey();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zig-install-'));
  const top = join(dir, 'stage', 'zig-x86_64-linux-0.15.2');
  mkdirSync(join(top, 'lib'), { recursive: true });
  writeFileSync(join(top, 'zig'), '#!/bin/sh\necho 0.15.2\n');
  chmodSync(join(top, 'zig'), 0o755);
  archive = join(dir, FILE);
  execFileSync('tar', ['-C', join(dir, 'stage'), '-cJf', archive, 'zig-x86_64-linux-0.15.2']);
  sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
  writeFileSync(`${archive}.minisig`, minisign(key, archive, FILE));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withMirror<T>(signed: boolean, fn: (m: Mirror, spec: ZigSpec, a: ZigArchive) => Promise<T>): Promise<T> {
  const files = [
    { filename: FILE, sha256, path: archive },
    ...(signed ? [{ filename: `${FILE}.minisig`, sha256: '', path: `${archive}.minisig` }] : []),
  ];
  const m = await startMirror([{ version: 'zig', stable: true, files }]);
  const spec: ZigSpec = {
    version: '0.15.2',
    pins: { kind: 'single', sha256 },
    mirror: m.url,
    publicKey: key.publicKey,
    signatureRequired: signed,
  };
  try {
    return await fn(m, spec, chooseZigArchive(spec, host) as ZigArchive);
  } finally {
    await m.close();
  }
}

describe('installZig', () => {
  it('checks the signature, places zig in the tool cache, and reuses it in a later job', async () => {
    const toolCache = join(dir, 'tc-1');
    await withMirror(true, async (m, spec, a) => {
      const zig = await installZig(a, spec, { toolCache, env: process.env, log, host });
      expect(zig).toMatchObject({ version: '0.15.2', signature: 'verified', fromToolCache: false, source: 'zig-sha256' });
      expect(zig.zig).toBe(join(toolCache, 'zig', '0.15.2', 'x64', 'zig'));
      expect(existsSync(join(toolCache, 'zig', '0.15.2', 'x64.complete'))).toBe(true);
      expect(lines.some((l) => l.startsWith(`Verified the minisign signature of ${FILE}`))).toBe(true);
      const again = await installZig(a, spec, { toolCache, env: process.env, log, host });
      expect(again).toMatchObject({ fromToolCache: true, signature: 'at install' });
      expect(m.downloads().map((r) => r.url)).toEqual([`/${FILE}.minisig`, `/${FILE}`]);
    });
  });

  it('installs an unsigned archive when no key was pinned, saying so', async () => {
    await withMirror(false, async (_m, spec, a) => {
      const zig = await installZig(
        a,
        { ...spec, publicKey: ZIG_PUBLIC_KEY, signatureRequired: false },
        { toolCache: join(dir, 'tc-2'), env: process.env, log, host },
      );
      expect(zig.signature).toBe('not served');
      expect(lines.some((l) => l.includes('is not served') && l.includes('verified by its SHA-256 (from zig-sha256) alone'))).toBe(true);
    });
  });

  it('leaves nothing in the tool cache when the hash does not match', async () => {
    const toolCache = join(dir, 'tc-3');
    await withMirror(true, async (_m, spec, a) => {
      await expect(installZig({ ...a, sha256: 'f'.repeat(64) }, spec, { toolCache, env: process.env, log, host })).rejects.toThrow(
        /has SHA-256 .*expected f{64}/,
      );
      expect(readdirSync(toolCache)).toEqual([]);
    });
  });
});
