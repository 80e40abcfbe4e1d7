import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dependencyPathProblem, restoreForJob, type CacheSettings, type JobCaches } from '../../../src/cache/select.js';
import type { Target } from '../../../src/targets/target.js';
import type { Toolchain } from '../../../src/toolchain/toolchain.js';
import { recordingLog, t } from '../helpers.js';

// Debian's Go answers `go env GOMODCACHE`; the cache service is never reached, since
// ACTIONS_CACHE_MODE=write-only forbids reads: restoreForJob's choice of caches is what is tested.
const GOROOT = '/usr/lib/go-1.24';
const tc: Toolchain = { version: '1.24.4', goName: 'go1.24.4', goroot: GOROOT, go: join(GOROOT, 'bin', 'go'), gopath: '', verified: false };

let workspace: string;
let module: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'gcb-select-'));
  module = join(workspace, 'app');
  mkdirSync(module);
  writeFileSync(join(module, 'go.mod'), 'module example.com/app\n\ngo 1.24\n');
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

const settings = (over: Partial<CacheSettings> = {}): CacheSettings => ({
  enabled: true,
  readOnly: 'auto',
  onRelease: false,
  dependencyPath: [],
  keySuffix: '',
  ...over,
});

describe('dependencyPathProblem', () => {
  it('accepts patterns that match a file, and says nothing when caching is off or no pattern is given', async () => {
    writeFileSync(join(module, 'go.sum'), 'x\n');
    // Relative patterns are taken from the step's directory, the workspace on a runner (as setup-go's).
    expect(await dependencyPathProblem(settings({ dependencyPath: [join(module, 'go.sum')] }), workspace)).toBeUndefined();
    expect(await dependencyPathProblem(settings({ dependencyPath: [`${workspace}/**/go.sum`] }), workspace)).toBeUndefined();
    expect(await dependencyPathProblem(settings({ enabled: false, dependencyPath: ['nope/go.sum'] }), workspace)).toBeUndefined();
    expect(await dependencyPathProblem(settings(), workspace)).toBeUndefined();
  });

  it('names cache-dependency-path and its patterns when they match no file', async () => {
    expect(await dependencyPathProblem(settings({ dependencyPath: ['nope/go.sum', 'other.sum'] }), workspace)).toEqual({
      input: 'cache-dependency-path',
      value: 'nope/go.sum, other.sum',
      problem: 'it matches no file in the workspace',
      allowed: expect.stringContaining('cache: false'),
    });
  });
});

describe('restoreForJob', () => {
  const event = (name: string, ref: string) => ({ name, ref, defaultBranch: 'main' });
  const context = (ev = event('push', 'refs/heads/main'), env: NodeJS.ProcessEnv = {}) => {
    const rec = recordingLog();
    const ctx = {
      log: rec.log,
      env: {
        ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
        ACTIONS_CACHE_MODE: 'write-only',
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        HOME: workspace,
        GOMODCACHE: join(workspace, 'gomodcache'),
        ...env,
      },
      workspace,
      temp: join(workspace, 'temp'),
      jobStart: 0,
      event: ev,
    };
    return { ctx, ...rec };
  };
  const targets = (list: string[]): JobCaches => ({
    targets: {
      targets: list.map(t),
      settings: { ldflags: '', tags: [], buildFlags: [], env: [], cgo: false, trimpath: true },
      outputDir: join(module, 'dist'),
      gocache: (x: Target) => join(workspace, 'gocache', `${x.goos}-${x.goarch}`),
      compiler: () => undefined,
    },
  });
  const goEnv = () => ({ PATH: process.env.PATH ?? '', HOME: workspace, GOMODCACHE: join(workspace, 'gomodcache') });

  it('is off with caching off, and warns once when the job has no cache service', async () => {
    const { ctx, warnings } = context();
    expect(await restoreForJob(settings({ enabled: false }), module, tc, goEnv(), {}, ctx)).toBeUndefined();
    const none = context(undefined, { ACTIONS_RESULTS_URL: undefined });
    expect(await restoreForJob(settings(), module, tc, goEnv(), {}, none.ctx)).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(none.warnings).toEqual([expect.stringContaining('No Actions cache service is available to this job')]);
  });

  it('keys a module cache only when there are dependencies, and one build cache per target', async () => {
    const { ctx, info } = context();
    const bare = await restoreForJob(settings(), module, tc, goEnv(), targets(['linux/amd64', 'linux/arm64']), ctx);
    expect(bare!.caches.map((c) => c.name)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(info).toContain('ACTIONS_CACHE_MODE=write-only does not permit reads: nothing restored.');

    writeFileSync(join(module, 'go.sum'), 'example.com/dep v1.0.0 h1:x=\n');
    const withDeps = await restoreForJob(settings(), module, tc, goEnv(), targets(['linux/amd64']), context().ctx);
    const modules = withDeps!.caches.find((c) => c.kind === 'modules')!;
    expect(modules.path).toBe(join(workspace, 'gomodcache'));
    expect(modules.key).toMatch(/^go-crossbuild-v\d+-Linux-X64-go1\.24\.4-unverified-gomod-m1-[0-9a-f]+$/);
    expect(withDeps!.caches.every((c) => c.restoredBytes === 0)).toBe(true);
  });

  it("puts cache-key into every build cache's key, not the module cache's", async () => {
    writeFileSync(join(module, 'go.sum'), 'x\n');
    const want = { ...targets(['linux/amd64']), host: { name: 'GOCACHE', dir: join(workspace, 'host'), scope: 'job' } };
    const state = await restoreForJob(settings({ keySuffix: 'race' }), module, tc, goEnv(), want, context().ctx);
    const [modules, ...builds] = state!.caches;
    expect(modules.key).not.toContain('-key-race-');
    expect(builds.map((c) => c.name)).toEqual(['linux/amd64', 'GOCACHE']);
    for (const c of builds) expect(c.key).toContain('-unverified-key-race-');
  });

  it('on a tag, restores only the module cache, unless cache-on-release', async () => {
    writeFileSync(join(module, 'go.sum'), 'x\n');
    const tag = context(event('push', 'refs/tags/v1.0.0'));
    const state = await restoreForJob(settings(), module, tc, goEnv(), targets(['linux/amd64']), tag.ctx);
    expect(state!.caches.map((c) => [c.name, c.skipped])).toEqual([
      ['modules', undefined],
      ['linux/amd64', 'tag v1.0.0'],
    ]);
    expect(tag.info.some((l) => l.startsWith('A tag v1.0.0 build: build caches are neither restored nor saved'))).toBe(true);

    const opted = await restoreForJob(
      settings({ onRelease: true }),
      module,
      tc,
      goEnv(),
      targets(['linux/amd64']),
      context(tag.ctx.event).ctx,
    );
    expect(opted!.caches.map((c) => c.skipped)).toEqual([undefined, undefined]);
  });

  it('restores but does not save on a pull request, and says why', async () => {
    const pr = context(event('pull_request', 'refs/pull/1/merge'));
    const state = await restoreForJob(settings(), module, tc, goEnv(), targets(['linux/amd64']), pr.ctx);
    expect(state!.readOnly).toBe(true);
    expect(pr.info.some((l) => l.startsWith('Caches are restored, not saved: '))).toBe(true);
  });
});
