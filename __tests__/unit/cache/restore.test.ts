import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { compressionMethod, restoreCaches, type RestoreContext } from '../../../src/cache/restore.js';
import type { CacheSpec } from '../../../src/cache/keys.js';
import { cacheVersion, type Compression } from '../../../src/cache/service.js';
import { MANIFEST, manifestText, type Digests } from '../../../src/cache/tree-manifest.js';
import { startCacheService, type CacheService } from '../../support/cache-service.ts';
import { recordingLog } from '../helpers.js';

describe('compressionMethod', () => {
  // The lookup runs with the process's own PATH (jest's process.env is a copy), so this machine's zstd decides.
  it('is zstd exactly when a zstd runs here, as @actions/cache decides it', async () => {
    const zstd = spawnSync('zstd', ['--quiet', '--version'], { encoding: 'utf8' });
    expect(await compressionMethod()).toBe(zstd.status === 0 && zstd.stdout.trim() ? 'zstd-without-long' : 'gzip');
  });
});

const digests = (files: Record<string, string>): Digests =>
  new Map(Object.entries(files).map(([p, t]) => [p, { size: t.length, sha256: createHash('sha256').update(t).digest('hex') }]));

describe('restoreCaches', () => {
  let service: CacheService;
  let compression: Compression;
  let base: string;
  let workspace: string;
  let temp: string;
  beforeAll(async () => {
    service = await startCacheService();
    compression = await compressionMethod();
  });
  afterAll(() => service.close());
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'gcb-restore-'));
    workspace = join(base, 'work', 'repo');
    temp = join(base, 'temp');
    mkdirSync(workspace, { recursive: true });
    service.entries.clear();
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  const spec = (name: string, kind: CacheSpec['kind'] = 'build'): CacheSpec => ({
    name,
    kind,
    path: join(temp, 'gocache', name),
    key: `k-${name}-inputs1`,
    restoreKeys: [`k-${name}-`],
  });

  let nextId = 100;
  /** Saves `files` under `key` for `s`, archived as @actions/cache does (tar -P, relative to the workspace). */
  const save = (
    s: CacheSpec,
    key: string,
    files: Record<string, string>,
    created = nextId,
    at = s.path,
    manifestOf: Record<string, string> | null = files,
  ) => {
    const src = join(base, 'saving');
    rmSync(src, { recursive: true, force: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(at, name, '..'), { recursive: true });
      writeFileSync(join(at, name), text);
    }
    // A module cache is saved with its manifest (as the post step writes it), unless the test says.
    if (s.kind === 'modules' && manifestOf) writeFileSync(join(at, MANIFEST), manifestText(digests(manifestOf)));
    mkdirSync(src, { recursive: true });
    const archive = join(src, 'cache.tar');
    const compress = compression === 'gzip' ? ['-z'] : ['--use-compress-program', 'zstdmt'];
    execFileSync('tar', ['--posix', '-cf', archive, '-P', '-C', workspace, relative(workspace, at), ...compress]);
    rmSync(at, { recursive: true, force: true });
    const id = String(nextId++);
    service.entries.set(id, { key, version: cacheVersion([s.path], compression, process.platform), data: readFileSync(archive), created });
  };

  const context = (o: Partial<RestoreContext> = {}) => {
    const rec = recordingLog();
    const secrets: string[] = [];
    rec.log.secret = (s) => void secrets.push(s);
    const ctx: RestoreContext = {
      log: rec.log,
      service: { protocol: 'v2', url: service.url, token: 'runtime-token' },
      workspace,
      temp,
      jobStart: Date.now(),
      stallMs: 30_000,
      protectedDirs: [workspace],
      ms: 60_000,
      ...o,
    };
    return { ctx, ...rec, secrets };
  };

  it("restores an exact hit into the cache's directory, dating a build cache's files two hours before the job", async () => {
    const s = spec('linux-amd64');
    save(s, s.key, { 'ab/entry-a': 'compiled', 'trim.txt': '1' });
    const { ctx, info, warnings, secrets } = context();
    const [r] = await restoreCaches([s], ctx);
    expect(r).toEqual({ ...s, matchedKey: s.key, restoredBytes: 9 });
    expect(readFileSync(join(s.path, 'ab', 'entry-a'), 'utf8')).toBe('compiled');
    // So that the build refreshes exactly the entries it uses, and the post step keeps those.
    expect(statSync(join(s.path, 'ab', 'entry-a')).mtimeMs).toBeCloseTo(ctx.jobStart - 2 * 3600_000, -4);
    expect(info).toEqual(['linux-amd64: cache hit (k-linux-amd64-inputs1): 2 files from a 0.0 MiB archive']);
    expect(warnings).toEqual([]);
    // The signed download URL is masked before anything could print it; the archive is gone.
    expect(secrets).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/download\/\d+$/)]);
    expect(readdirSync(join(temp, 'go-crossbuild'))).toEqual([]);
  });

  it("restores the newest entry under a restore key, keeps a module cache's dates, and reports a miss", async () => {
    const mod = spec('modules', 'modules');
    save(mod, 'k-modules-older', { 'cache/download/x': 'old' }, 1);
    save(mod, 'k-modules-newer', { 'cache/download/x': 'new!' }, 2);
    const missing = spec('linux-arm64');
    const { ctx, info, warnings } = context({ jobStart: Date.now() + 10 * 3600_000 });
    const [m, miss] = await restoreCaches([mod, missing], ctx);
    expect(m).toEqual({ ...mod, matchedKey: 'k-modules-newer', restoredBytes: 4 });
    expect(readFileSync(join(mod.path, 'cache', 'download', 'x'), 'utf8')).toBe('new!');
    expect(statSync(join(mod.path, 'cache', 'download', 'x')).mtimeMs).toBeLessThan(ctx.jobStart - 9 * 3600_000);
    expect(statSync(join(mod.path, 'cache', 'download', 'x')).mtimeMs).toBeGreaterThan(Date.now() - 600_000);
    expect(miss).toEqual({ ...missing, restoredBytes: 0 });
    expect(info.sort()).toEqual([
      'linux-arm64: cache miss (k-linux-arm64-inputs1)',
      'modules: restored k-modules-newer (k-modules-inputs1): 1 files from a 0.0 MiB archive',
    ]);
    expect(warnings).toEqual([]);
  });

  it('drops a module cache that is not exactly what was saved, and removes it: Go downloads the modules again', async () => {
    const files = { 'cache/download/m/@v/v1.zip': 'zip', 'm@v1/m.go': 'package m\n' };
    const mod = spec('modules', 'modules');
    const cases: [Record<string, string>, Record<string, string> | null, string][] = [
      [{ 'cache/download/m/@v/v1.zip': 'zip' }, files, '1 of its 2 files are missing, such as m@v1/m.go'],
      [files, null, 'it has no manifest, so the archive may have been cut short'],
      [{ ...files, 'm@v1/m.go': 'package x\n' }, files, 'm@v1/m.go differs from its manifest'],
    ];
    for (const [got, manifestOf, why] of cases) {
      service.entries.clear();
      save(mod, 'k-modules-older', got, nextId, mod.path, manifestOf);
      const { ctx, warnings, info } = context();
      const [r] = await restoreCaches([mod], ctx);
      // Not failed: the post step saves what Go downloads under the new key.
      expect(r).toEqual({ ...mod, restoredBytes: 0, dropped: 'k-modules-older' });
      expect(warnings).toEqual([
        `Cache for modules not used: k-modules-older is incomplete or altered (${why}). Downloading the modules again.`,
      ]);
      expect(info).toEqual([]);
      expect(existsSync(mod.path)).toBe(false);
    }
  });

  it('restores nothing over a directory that is not empty, and asks nothing', async () => {
    const s = spec('linux-amd64');
    save(s, s.key, { a: 'cached' });
    mkdirSync(s.path, { recursive: true });
    writeFileSync(join(s.path, 'mine'), 'x');
    const requests = service.requests.length;
    const { ctx, info } = context();
    expect(await restoreCaches([s], ctx)).toEqual([{ ...s, restoredBytes: 0 }]);
    expect(info).toEqual([`linux-amd64: ${s.path} is not empty, so nothing is restored over it.`]);
    expect(readdirSync(s.path)).toEqual(['mine']);
    expect(service.requests.length).toBe(requests);
  });

  it('never restores into a directory that would hold a protected one (GOROOT, the checkout), and asks nothing', async () => {
    const s = spec('modules', 'modules');
    const goroot = join(s.path, 'go');
    save(s, s.key, { 'go/bin/go': 'planted' });
    const requests = service.requests.length;
    const { ctx, warnings } = context({ protectedDirs: [workspace, goroot] });
    expect(await restoreCaches([s], ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
    expect(warnings).toEqual([`Cache for modules not restored: its directory ${s.path} contains ${goroot}. Building without it.`]);
    expect(existsSync(goroot)).toBe(false);
    expect(service.requests.length).toBe(requests);
  });

  it('marks a directory that holds the checkout failed even when it is not empty, so the post step never saves it', async () => {
    const s = spec('modules', 'modules');
    const checkout = join(s.path, 'repo');
    mkdirSync(checkout, { recursive: true });
    writeFileSync(join(checkout, 'main.go'), 'package main');
    const { ctx, warnings } = context({ protectedDirs: [checkout] });
    expect(await restoreCaches([s], ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
    expect(warnings).toEqual([`Cache for modules not restored: its directory ${s.path} contains ${checkout}. Building without it.`]);
  });

  it('refuses an archive with an entry outside its directory, and removes what it wrote', async () => {
    const s = spec('linux-amd64');
    // An entry of another cache's directory, in an archive filed under this one's key.
    save(s, s.key, { 'sibling/evil': 'x' }, nextId, join(temp, 'gocache'));
    const { ctx, warnings } = context();
    expect(await restoreCaches([s], ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
    expect(warnings).toEqual([expect.stringMatching(/^Cache for linux-amd64 not restored: .*is outside .*\. Building without it\.$/)]);
    expect(existsSync(s.path)).toBe(false);
    expect(existsSync(join(temp, 'gocache', 'sibling'))).toBe(false);
  });

  it('warns and builds without the cache when the lookup fails, without a token, or with a spent budget', async () => {
    const s = spec('linux-amd64');
    const noToken = context({ service: { protocol: 'v2', url: service.url, token: '' } });
    expect(await restoreCaches([s], noToken.ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
    expect(noToken.warnings).toEqual([
      'Cache for linux-amd64 not restored: looking it up failed after 1 attempt(s): ACTIONS_RUNTIME_TOKEN is not set. Building without it.',
    ]);

    const spent = context({ ms: 0 });
    expect(await restoreCaches([s], spent.ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
    expect(spent.warnings).toEqual(["Cache for linux-amd64 not restored: the step's cache time of 0 s is spent. Building without it."]);

    service.faults.twirp500 = true;
    try {
      const broken = context();
      expect(await restoreCaches([s], broken.ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
      // Said without the service's URL; the retries were logged as they happened.
      expect(broken.warnings).toEqual([
        'Cache for linux-amd64 not restored: looking it up failed after 3 attempt(s): HTTP 500 from the cache service. Building without it.',
      ]);
      expect(broken.info).toHaveLength(2);
    } finally {
      service.faults.twirp500 = false;
    }
  });

  it("stops a lookup that never answers when the step's cache time is up", async () => {
    const s = spec('linux-amd64');
    service.faults.hang = true;
    try {
      const { ctx, warnings } = context({ ms: 300 });
      expect(await restoreCaches([s], ctx)).toEqual([{ ...s, restoredBytes: 0, failed: true }]);
      expect(warnings).toEqual([
        "Cache for linux-amd64 not restored: restoring the linux-amd64 cache timed out (the step's cache time is 0.3 s). Building without it.",
      ]);
    } finally {
      service.faults.hang = false;
    }
  });
});
