// The toolchain set-up through the bundled action, as the runner runs it, against a local mirror:
// a verified install, what it exports and registers, the tool cache on a second run and a tree
// planted there, the Go on PATH when no version is asked for, a tool cache that is not a directory.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCacheService } from '../support/cache-service.ts';
import { newRunner, runAction, toolCacheTree } from '../support/fixtures.ts';
import { goVersionOf, ownGoroot, SECRETS, toolchainSuite } from '../support/toolchain-e2e.ts';

const { f, mirror, run, itSentNoCredentials } = await toolchainSuite();

describe('a verified install', () => {
  it('installs an exact version, proves it and exports the environment', async () => {
    const runner = newRunner();
    const before = mirror.requests.length;
    const res = await run(runner, { 'go-version': f.newer.version, 'go-sha256': f.pins });
    expect(res.errors).toEqual([]);
    expect(res.code).toBe(0);

    const goroot = join(runner.toolCache, 'go', f.newer.version, 'x64');
    expect(res.outputs).toEqual({
      'go-version': f.newer.version,
      'go-root': goroot,
      'go-sha256': f.newer.archive.sha256,
      'go-archive-url': `${mirror.url}/${f.newer.archive.fileName}`,
      // No cache service in these runs: set-up only, nothing restored.
      'cache-hit': '',
    });
    // GOROOT is left to go, as setup-go leaves it: the job had none to replace, and go finds its own.
    expect(res.env).toEqual({ GOTOOLCHAIN: 'local' });
    expect(ownGoroot(goroot)).toBe(goroot);
    expect(res.path).toEqual([join(runner.dir, 'go', 'bin'), join(goroot, 'bin')]);
    expect(goVersionOf(goroot)).toBe(f.newer.goName);
    // setup-go's layout plus our record of the verified hash; no staging left over.
    expect(toolCacheTree(runner)).toEqual([
      'go',
      `go/${f.newer.version}`,
      `go/${f.newer.version}/x64`,
      `go/${f.newer.version}/x64.complete`,
      `go/${f.newer.version}/x64.go-crossbuild.json`,
      ...toolCacheTree(runner).filter((p) => p.startsWith(`go/${f.newer.version}/x64/`)),
    ]);
    expect(JSON.parse(readFileSync(join(runner.toolCache, 'go', f.newer.version, 'x64.go-crossbuild.json'), 'utf8')).sha256).toBe(
      f.newer.archive.sha256,
    );
    // An exact version with a pin needs no index: one request, the archive.
    expect(mirror.requests.slice(before).map((r) => r.url)).toEqual([`/${f.newer.archive.fileName}`]);
    // The repacked bytes are not Go's: the pin wins, with a warning naming the official hash.
    expect(res.warnings.join('\n')).toContain('installing the pinned bytes');
    expect(res.stdout).toContain('::group::go env');
    expect(res.summary).toContain(f.newer.archive.sha256);
  });

  it('serves a second run from the tool cache without any request', async () => {
    const runner = newRunner();
    await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    const before = mirror.requests.length;
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect(res.code).toBe(0);
    expect(mirror.requests.length).toBe(before);
    expect(res.stdout).toContain('from the tool cache');
    expect(res.summary).toContain('tool cache');
  });

  it('replaces a GOROOT the job already has, which would make the pinned go run another tree', async () => {
    const runner = newRunner();
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins }, mirror, { GOROOT: f.newer.goroot() });
    expect(res.code).toBe(0);
    expect(res.env).toEqual({ GOROOT: res.outputs['go-root'], GOTOOLCHAIN: 'local' });
    expect(goVersionOf(res.outputs['go-root'])).toBe(f.older.goName);
  });

  it('registers the Go problem matchers for later steps, unless problem-matchers is false', async () => {
    const runner = newRunner();
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    const added = res.stdout.split('\n').filter((l) => l.startsWith('::add-matcher::'));
    expect(added).toHaveLength(1);
    const matchers = JSON.parse(readFileSync(added[0].slice('::add-matcher::'.length).trim(), 'utf8'));
    expect(matchers.problemMatcher.map((m: { owner: string }) => m.owner)).toEqual(['go-crossbuild-go', 'go-crossbuild-go-test']);
    const off = await run(newRunner(), { 'go-version': f.older.version, 'go-sha256': f.pins, 'problem-matchers': 'false' });
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('::add-matcher::');
  });

  it('never trusts a tool-cache directory without a matching record or module hash', async () => {
    const runner = newRunner();
    // What setup-go (or anyone) leaves: a tree and a .complete marker, no verified hash, and no
    // toolchain module hash known for it (go-sha256 has none, nor has the table for this release).
    const planted = join(runner.toolCache, 'go', f.older.version, 'x64');
    mkdirSync(join(planted, 'bin'), { recursive: true });
    writeFileSync(join(planted, 'bin', 'go'), '#!/bin/sh\necho planted\n', { mode: 0o755 });
    writeFileSync(`${planted}.complete`, '');
    const res = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Preinstalled Go ${f.older.version} at ${planted} cannot be verified: no toolchain module hash is known`);
    expect(res.stdout).toContain('Downloading');
    expect(goVersionOf(planted)).toBe(f.older.goName);

    // A record for other bytes is no better.
    const record = join(runner.toolCache, 'go', f.older.version, 'x64.go-crossbuild.json');
    writeFileSync(record, JSON.stringify({ ...JSON.parse(readFileSync(record, 'utf8')), sha256: 'e'.repeat(64) }));
    const again = await run(runner, { 'go-version': f.older.version, 'go-sha256': f.pins });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Downloading');
  });
});

describe('no version: the Go on PATH, as setup-go uses it', () => {
  it('uses the go it finds, unverified, says so once, asks no mirror, and keys its own module cache', async () => {
    const runner = newRunner();
    writeFileSync(join(runner.workspace, 'go.sum'), '');
    const goroot = f.older.goroot();
    const reported = ownGoroot(goroot);
    const service = await startCacheService();
    const before = mirror.requests.length;
    try {
      // No go-version, no go-version-file; a mirror in the environment that must not be asked.
      const res = await runAction(runner, {
        env: { ...SECRETS, ...service.env(), PATH: [join(goroot, 'bin'), '/usr/bin', '/bin'].join(':'), GO_DOWNLOAD_BASE_URL: mirror.url },
      });
      expect(res.errors).toEqual([]);
      expect(res.code).toBe(0);
      expect(res.outputs).toEqual({
        'go-version': f.older.version,
        'go-root': reported,
        // No archive, no hash.
        'go-sha256': '',
        'go-archive-url': '',
        'cache-hit': 'false',
      });
      const unverified = res.warnings.filter((w) => w.includes('unverified'));
      expect(unverified).toEqual([
        `::warning::Using the Go on PATH, ${join(goroot, 'bin', 'go')} (${f.older.goName}), unverified: no version was pinned and no checksum was checked. Set go-version or go-version-file (and go-sha256 to pin the archive's hash) to install a verified toolchain.`,
      ]);
      expect(mirror.requests.length).toBe(before);
      expect(toolCacheTree(runner)).toEqual([]);
      // As for a verified toolchain: GOTOOLCHAIN=local, the cached GOCACHE, GOPATH/bin and GOROOT/bin on PATH, matchers.
      expect(res.env).toEqual({ GOTOOLCHAIN: 'local', GOCACHE: join(runner.temp, 'go-crossbuild', 'gocache', 'host') });
      expect(res.path).toEqual([join(runner.dir, 'go', 'bin'), join(reported, 'bin')]);
      expect(res.stdout).toContain('::add-matcher::');
      expect(res.summary).toContain('unverified (Go on PATH)');
      // No hash in the toolchain's table: none vouched for this go.
      expect(res.summary.split('<h3>Caches restored</h3>')[0]).not.toContain('<code>');
      // Its caches are keyed by this go's version, apart from verified toolchains' caches.
      const caches = JSON.parse(res.state['go-crossbuild-caches']).caches as { name: string; key: string }[];
      expect(caches.map((c) => [c.name, c.key.replace(/[0-9a-f]{16}$/, 'HASH')])).toEqual([
        ['modules', `go-crossbuild-v1-Linux-X64-go${f.older.version}-unverified-gomod-m1-HASH`],
        [
          'GOCACHE',
          expect.stringMatching(new RegExp(`^go-crossbuild-v1-Linux-X64-go${f.older.version}-unverified-gocache-host-[0-9a-f]{16}-HASH$`)),
        ],
      ]);
    } finally {
      await service.close();
    }
  });
});

it('says so in one clean error when the tool cache path is a file', async () => {
  const runner = newRunner();
  rmSync(runner.toolCache, { recursive: true });
  writeFileSync(runner.toolCache, 'not a directory');
  const res = await runAction(runner, {
    inputs: { 'go-version': f.newer.version, 'go-sha256': f.pins, 'go-download-base-url': mirror.url },
  });
  expect(res.code).toBe(1);
  expect(res.errors).toEqual([expect.stringMatching(/^::error title=Not on a runner::RUNNER_TOOL_CACHE \(.*\) is not a directory/)]);
  expect(res.env).toEqual({});
});

itSentNoCredentials();
