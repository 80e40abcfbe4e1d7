import { buildJobCaches, targetCacheReports } from '../../../src/cache/job-caches.js';
import type { CacheState, Restored } from '../../../src/cache/keys.js';
import type { JobTasks } from '../../../src/gobuild/job-tasks.js';
import { targetId, type Target } from '../../../src/targets/target.js';
import { buildSpec, t } from '../helpers.js';

const zigTarget = { triple: 'aarch64-linux-gnu.2.17', libc: 'glibc 2.17' };
const job = {
  targets: [t('linux/amd64'), t('linux/arm64')],
  gocache: (x: Target) => `/g/${targetId(x)}`,
  hostGocache: undefined,
  compiler: (x: Target) => (x.goarch === 'arm64' ? { target: zigTarget, zig: '/z/zig', cache: '/zc/linux-arm64' } : undefined),
} as unknown as JobTasks;
const restored = (name: string, hit: 'hit' | 'older' | 'miss'): Restored => ({
  name,
  kind: name.endsWith('zig') ? 'zig' : 'build',
  path: `/p/${name}`,
  key: `k-${name}`,
  restoreKeys: [],
  restoredBytes: hit === 'miss' ? 0 : 2048,
  ...(hit === 'hit' ? { matchedKey: `k-${name}` } : hit === 'older' ? { matchedKey: `old-${name}` } : {}),
});
const state = (caches: Restored[]): CacheState => ({ jobStart: 0, readOnly: false, readOnlyWhy: 'test', caches });

describe('buildJobCaches', () => {
  it("asks for each target's GOCACHE, and a cgo target's zig cache keyed by the compiler's identity", () => {
    const want = buildJobCaches(job, buildSpec(), { version: '0.15.2', sha256: 'ab' });
    expect(want.host).toBeUndefined();
    expect(want.targets?.gocache(t('linux/arm64'))).toBe('/g/linux/arm64');
    expect(want.targets?.compiler(t('linux/amd64'))).toBeUndefined();
    expect(want.targets?.compiler(t('linux/arm64'))).toEqual({ id: 'zig 0.15.2 ab aarch64-linux-gnu.2.17', cache: '/zc/linux-arm64' });
    // No zig installed: no zig cache is asked for.
    expect(buildJobCaches(job, buildSpec(), undefined).targets?.compiler(t('linux/arm64'))).toBeUndefined();
  });

  it("asks for the host's GOCACHE under the generate scope when go generate runs", () => {
    expect(buildJobCaches({ ...job, hostGocache: '/g/host' }, buildSpec(), undefined).host).toEqual({
      name: 'host',
      dir: '/g/host',
      scope: 'generate',
    });
  });
});

describe('targetCacheReports', () => {
  it('says off for every target when caching is off', () => {
    expect(targetCacheReports(undefined, job)(t('linux/amd64'))).toEqual({ hit: null, cell: 'off' });
  });

  it('is a hit for a cgo target only when its build cache and its zig cache both hit, and shows both', () => {
    const report = targetCacheReports(
      state([restored('linux/amd64', 'hit'), restored('linux/arm64', 'hit'), restored('linux/arm64 zig', 'older')]),
      job,
    );
    expect(report(t('linux/amd64'))).toEqual({ hit: true, cell: 'hit, 2.0 KiB' });
    expect(report(t('linux/arm64'))).toEqual({ hit: false, cell: 'hit, 2.0 KiB; zig: older key, 2.0 KiB' });
    const both = targetCacheReports(state([restored('linux/arm64', 'hit'), restored('linux/arm64 zig', 'hit')]), job);
    expect(both(t('linux/arm64')).hit).toBe(true);
  });
});
