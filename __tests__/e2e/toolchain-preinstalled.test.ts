// The toolchain set-up through the bundled action against a local mirror, with a Go tree already in
// the tool cache as the runner images and setup-go leave it: used in place only when its toolchain
// module hash verifies it, otherwise replaced by the verified archive.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRunner, releases, startMirror, toolCacheTree, type Fixture, type Runner } from '../support/fixtures.ts';
import { preinstall, toolchainModuleH1 } from '../support/preinstalled.ts';
import { goVersionOf, toolchainSuite } from '../support/toolchain-e2e.ts';

const { f, mirror, run, itSentNoCredentials } = await toolchainSuite();

describe('a Go tree preinstalled in the tool cache', () => {
  // Laid out as the runner images and setup-go lay it out, from the archive the mirror serves, and
  // its toolchain module hash computed by the test harness on its own.
  const moduleLine = (t: Fixture['newer'], h1: string) => `golang.org/toolchain v0.0.1-${t.goName}.linux-amd64 ${h1}`;
  const record = (runner: Runner, version: string) => join(runner.toolCache, 'go', version, 'x64.go-crossbuild.json');
  let h1: { newer: string; older: string };
  beforeAll(() => {
    const r = newRunner();
    h1 = {
      newer: toolchainModuleH1(preinstall(r.toolCache, f.newer.archive, f.newer.version), `v0.0.1-${f.newer.goName}.linux-amd64`),
      older: toolchainModuleH1(preinstall(r.toolCache, f.older.archive, f.older.version), `v0.0.1-${f.older.goName}.linux-amd64`),
    };
    rmSync(r.dir, { recursive: true, force: true });
  });

  it('is used in place, with no download, when its files match the h1 that go-sha256 pins', async () => {
    const runner = newRunner();
    const dir = preinstall(runner.toolCache, f.newer.archive, f.newer.version);
    const before = mirror.requests.length;
    // The h1 line alone: the shipped table still vouches for the archive, which is not needed.
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': moduleLine(f.newer, h1.newer) });
    expect([res.code, res.errors]).toEqual([0, []]);
    // No warning about the toolchain (the job has no cache service, which is said once).
    expect(res.warnings.filter((w) => !w.includes('cache service'))).toEqual([]);
    expect(mirror.requests.slice(before)).toEqual([]);
    const used = res.stdout.split('\n').filter((l) => l.includes('verified against the toolchain module hash'));
    expect(used).toHaveLength(1);
    expect(used[0]).toContain(
      `Using preinstalled ${f.newer.goName} at ${dir}: verified against the toolchain module hash ${h1.newer} of golang.org/toolchain@v0.0.1-${f.newer.goName}.linux-amd64 (from go-sha256;`,
    );
    expect(res.outputs).toMatchObject({ 'go-version': f.newer.version, 'go-root': dir, 'go-sha256': '', 'go-archive-url': '' });
    expect(res.summary).toContain('toolchain module hash (go-sha256)');
    expect(res.summary).toContain(h1.newer);
    expect(res.summary).toContain('tool cache (preinstalled)');
    expect(goVersionOf(dir)).toBe(f.newer.goName);
    // Used as found: no record of ours is written, so the next run checks it again.
    expect(existsSync(record(runner, f.newer.version))).toBe(false);
    expect(existsSync(`${dir}.complete`)).toBe(true);
  });

  it.each([
    ['one changed byte of src/fmt/print.go', (dir: string) => appendFileSync(join(dir, 'src', 'fmt', 'print.go'), ' ')],
    ['a file added to bin/', (dir: string) => writeFileSync(join(dir, 'bin', 'go-helper'), '#!/bin/sh\n', { mode: 0o755 })],
  ])('is refused with %s, and replaced by the verified archive', async (_name, tamper) => {
    const runner = newRunner();
    const dir = preinstall(runner.toolCache, f.newer.archive, f.newer.version);
    tamper(dir);
    const before = mirror.downloads().length;
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': `${f.pins}\n${moduleLine(f.newer, h1.newer)}` });
    expect([res.code, res.errors]).toEqual([0, []]);
    const refused = res.warnings.filter((w) => w.includes('cannot be verified'));
    expect(refused).toHaveLength(1);
    const [head, tail] = refused[0].split(' its files hash to ');
    expect(head).toBe(`::warning::Preinstalled Go ${f.newer.version} at ${dir} cannot be verified:`);
    expect(tail).toMatch(/^h1:[A-Za-z0-9+/]{43}=, not /);
    expect(tail.endsWith(`, not ${h1.newer}; installing the verified archive`)).toBe(true);
    expect(mirror.downloads().length).toBe(before + 1);
    expect(res.stdout).toContain(`Verified SHA-256 ${f.newer.archive.sha256} of ${f.newer.archive.fileName}`);
    expect(res.outputs).toMatchObject({ 'go-root': dir, 'go-sha256': f.newer.archive.sha256 });
    // The slot holds the archive's tree now, recorded, and nothing else is left.
    expect(toolchainModuleH1(dir, `v0.0.1-${f.newer.goName}.linux-amd64`)).toBe(h1.newer);
    expect(existsSync(join(dir, 'bin', 'go-helper'))).toBe(false);
    expect(JSON.parse(readFileSync(record(runner, f.newer.version), 'utf8')).sha256).toBe(f.newer.archive.sha256);
    expect(toolCacheTree(runner).filter((p) => !p.startsWith(`go/${f.newer.version}/x64/`))).toEqual([
      'go',
      `go/${f.newer.version}`,
      `go/${f.newer.version}/x64`,
      `go/${f.newer.version}/x64.complete`,
      `go/${f.newer.version}/x64.go-crossbuild.json`,
    ]);
    expect(goVersionOf(dir)).toBe(f.newer.goName);
  });

  it('says it cannot be verified when no h1 is known, and installs the archive', async () => {
    const runner = newRunner();
    const dir = preinstall(runner.toolCache, f.older.archive, f.older.version);
    const before = mirror.downloads().length;
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect([res.code, res.errors]).toEqual([0, []]);
    const lines = res.stdout.split('\n').filter((l) => l.includes('cannot be verified'));
    expect(lines).toEqual([
      `Preinstalled Go ${f.older.version} at ${dir} cannot be verified: no toolchain module hash is known for it (go-sha256 has no "golang.org/toolchain v0.0.1-${f.older.goName}.linux-amd64 h1:…" line, and the checksum table shipped with this action has none); installing the verified archive`,
    ]);
    expect(mirror.downloads().length).toBe(before + 1);
    expect(existsSync(record(runner, f.older.version))).toBe(true);
    expect(res.summary).toContain('download');
  });

  it('lets a range settle on it only when a hash can verify it', async () => {
    const runner = newRunner();
    preinstall(runner.toolCache, f.older.archive, f.older.version);
    preinstall(runner.toolCache, f.newer.archive, f.newer.version);
    // Only the older tree has a known h1: the range takes it from the tool cache, without the index.
    const before = mirror.requests.length;
    const res = await run(runner, { 'go-version': '>=1.16', 'go-sha256': `${f.pins}\n${moduleLine(f.older, h1.older)}` });
    expect([res.code, res.errors]).toEqual([0, []]);
    expect(res.outputs['go-version']).toBe(f.older.version);
    expect(mirror.requests.slice(before)).toEqual([]);
    expect(res.stdout).toContain(`>=1.16 matches ${f.older.version} in the tool cache`);
    expect(res.stdout.split('\n').filter((l) => l.includes('preinstalled') || l.includes('Preinstalled'))).toHaveLength(1);
    // Without a hash for either, the trees are no candidates: the index decides, and the newest is installed.
    const fresh = newRunner();
    preinstall(fresh.toolCache, f.older.archive, f.older.version);
    const res2 = await run(fresh, { 'go-version': '>=1.16', 'go-sha256': f.pins });
    expect(res2.outputs['go-version']).toBe(f.newer.version);
    expect(res2.stdout).not.toContain('Preinstalled');
  });

  it('is left as it was when the archive that would replace it fails its hash', async () => {
    const m = await startMirror(releases(f), { flipByteOf: f.newer.archive.fileName });
    try {
      const runner = newRunner();
      const dir = preinstall(runner.toolCache, f.newer.archive, f.newer.version);
      appendFileSync(join(dir, 'src', 'fmt', 'print.go'), ' ');
      const tampered = toolchainModuleH1(dir, `v0.0.1-${f.newer.goName}.linux-amd64`);
      const treeBefore = toolCacheTree(runner);
      const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': `${f.pins}\n${moduleLine(f.newer, h1.newer)}` }, m);
      expect(res.code).toBe(1);
      expect(res.errors).toEqual([expect.stringContaining('title=SHA-256 mismatch::')]);
      expect(toolCacheTree(runner)).toEqual(treeBefore);
      expect(toolchainModuleH1(dir, `v0.0.1-${f.newer.goName}.linux-amd64`)).toBe(tampered);
    } finally {
      await m.close();
    }
  });
});

itSentNoCredentials();
