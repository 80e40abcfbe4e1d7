// __tests__/support/toolchains.ts repack(): jest workers that repack the same toolchain at once, each
// a process of its own, all get the same complete archive, and a later call reuses it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionNode, ROOT } from '../../support/runner.ts';
import type { Archive } from '../../support/toolchains.ts';

let base: string;
let goroot: string;
let temp: string;
const VERSION = 'go1.99.1\ntime 2030-01-01T00:00:00Z\n';
const tc = () => ({ goroot, goName: 'go1.99.1', version: '1.99.1' });

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'gcb-repack-'));
  temp = join(base, 'tmp');
  mkdirSync(temp);
  // Debian's layout: GOROOT's src is a symbolic link into /usr/share. Incompressible files, ~24 MB
  // in all, so that a fill lasts long enough (about a second) for two to overlap.
  goroot = join(base, 'lib', 'go-1.99');
  const share = join(base, 'share', 'go-1.99');
  mkdirSync(join(goroot, 'bin'), { recursive: true });
  mkdirSync(join(share, 'src', 'runtime'), { recursive: true });
  writeFileSync(join(goroot, 'VERSION'), VERSION);
  writeFileSync(join(goroot, 'bin', 'go'), '#!/bin/sh\n', { mode: 0o755 });
  for (let i = 0; i < 48; i++) writeFileSync(join(share, 'src', 'runtime', `f${i}.go`), randomBytes(512 * 1024));
  symlinkSync(join('..', '..', 'share', 'go-1.99', 'src'), join(goroot, 'src'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

/** repack() in a Node process of its own, with the temp dir at `temp`. */
function repackInChild(): Promise<{ code: number | null; archive?: Archive; stderr: string }> {
  const script = `
    import { repack } from ${JSON.stringify(join(ROOT, '__tests__', 'support', 'toolchains.ts'))};
    process.stdout.write(JSON.stringify(await repack(${JSON.stringify(tc())})));`;
  const child = spawn(actionNode(), ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: temp } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, stderr, archive: code === 0 ? (JSON.parse(stdout) as Archive) : undefined })),
  );
}

/** Type, name and size of each entry, as `tar -tv` lists them. */
function listing(archive: string): string[] {
  return execFileSync('tar', ['-tvzf', archive], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      const f = l.split(/\s+/);
      return `${f[0][0]} ${f[2]} ${f[5]}`;
    })
    .sort();
}

it('two processes that repack one toolchain at once get the same complete archive', async () => {
  const results = await Promise.all([repackInChild(), repackInChild()]);
  for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  const [a, b] = results.map((r) => r.archive!);
  expect(b.sha256).toBe(a.sha256);
  expect(b.size).toBe(a.size);
  for (const { path, sha256, size, fileName } of [a, b]) {
    expect(path.endsWith(`/${fileName}`) && fileName === 'go1.99.1.linux-amd64.tar.gz').toBe(true);
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(sha256);
    expect(statSync(path).size).toBe(size);
  }
  // The official layout, whole: one top directory `go/`, the symbolic link followed.
  const files = Array.from({ length: 48 }, (_, i) => `- 524288 go/src/runtime/f${i}.go`);
  expect(listing(a.path)).toEqual(
    ['d 0 go/', '- 10 go/bin/go', `- ${VERSION.length} go/VERSION`, 'd 0 go/bin/', 'd 0 go/src/', 'd 0 go/src/runtime/', ...files].sort(),
  );

  // A later call reuses the archive, without a fill of its own.
  const again = await repackInChild();
  expect(again.archive).toEqual(a);
  expect(readdirSync(join(temp, 'go-crossbuild-repacks')).filter((n) => n.startsWith('.fill-'))).toEqual([]);
});
