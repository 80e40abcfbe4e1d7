import type { BuildSettings } from '../../../src/gobuild/settings.js';
import {
  buildCache,
  buildPrefix,
  cacheCell,
  cachePrefix,
  exactHit,
  moduleCache,
  settingsHash,
  setupScope,
  targetCache,
  zigCache,
} from '../../../src/cache/keys.js';
import { parseTarget, type Target } from '../../../src/targets/target.js';

const t = (s: string) => parseTarget(s) as Target;
const settings: BuildSettings = {
  ldflags: '-s -w',
  tags: [],
  buildFlags: [],
  env: [{ pattern: 'windows/*', key: 'CC', value: 'x' }],
  cgo: false,
  trimpath: true,
};

describe('cache keys', () => {
  const prefix = cachePrefix('Linux', 'X64', { version: '1.24.4', verified: true });

  it('keep the Go on PATH apart from verified toolchains, restore keys included', () => {
    const path = cachePrefix('Linux', 'X64', { version: '1.24.4', verified: false });
    expect(path).toBe('go-crossbuild-v1-Linux-X64-go1.24.4-unverified');
    const [own, verified] = [moduleCache(path, '/m', 'abc'), moduleCache(prefix, '/m', 'abc')];
    expect(own.key.startsWith(verified.restoreKeys[0])).toBe(false);
    expect(verified.key.startsWith(own.restoreKeys[0])).toBe(false);
  });

  it('name runner, Go version and what the cache holds', () => {
    expect(prefix).toBe('go-crossbuild-v1-Linux-X64-go1.24.4');
    expect(cachePrefix('Linux', 'X64', { version: '1.25.0-1', verified: true })).toBe('go-crossbuild-v1-Linux-X64-go1.25.0-1');
    expect(moduleCache(prefix, '/m', 'abc')).toEqual({
      name: 'modules',
      kind: 'modules',
      path: '/m',
      key: `${prefix}-gomod-m1-abc`,
      restoreKeys: [`${prefix}-gomod-m1-`],
    });
  });

  it('give each target its own key, restoring the newest of the same target and settings', () => {
    const c = targetCache(prefix, settings, t('linux/arm/7'), 'inputs1', '/c/linux-arm-7');
    expect(c.name).toBe('linux/arm/7');
    expect(c.key).toMatch(new RegExp(`^${prefix}-gocache-linux-arm-7-[0-9a-f]{16}-inputs1$`));
    expect(c.restoreKeys).toEqual([c.key.slice(0, -'inputs1'.length)]);
    expect(targetCache(prefix, settings, t('linux/arm/6'), 'inputs1', '/x').key).not.toBe(c.key);
    expect(buildCache(prefix, 'host', 'host', 'generate', 'i', '/h').key).toBe(`${prefix}-gocache-host-generate-i`);
  });

  it('keep the build caches of each cache-key apart, restore keys included; the module cache is shared', () => {
    expect(buildPrefix(prefix, '')).toBe(prefix);
    const legs = ['', 'race', 'race2', 'shard-1'].map((k) => buildCache(buildPrefix(prefix, k), 'GOCACHE', 'host', 'job', 'i', '/h'));
    expect(legs[1].key).toBe(`${prefix}-key-race-gocache-host-job-i`);
    for (const a of legs)
      for (const b of legs)
        if (a !== b) expect([a.key.startsWith(b.restoreKeys[0]), b.key.startsWith(a.restoreKeys[0])]).toEqual([false, false]);
    // The unverified Go's entries stay apart whatever cache-key says.
    const path = cachePrefix('Linux', 'X64', { version: '1.24.4', verified: false });
    expect(
      buildCache(buildPrefix(prefix, 'unverified'), 'G', 'host', 'job', 'i', '/h').key.startsWith(
        buildCache(path, 'G', 'host', 'job', 'i', '/h').restoreKeys[0],
      ),
    ).toBe(false);
  });

  it("key a cgo target's build and zig caches by its managed compiler", () => {
    const zig = 'zig 0.15.2 abc x86_64-linux-musl';
    const plain = targetCache(prefix, settings, t('linux/amd64/musl'), 'i', '/c');
    expect(plain.name).toBe('linux/amd64/musl');
    expect(targetCache(prefix, settings, t('linux/amd64/musl'), 'i', '/c', zig).key).not.toBe(plain.key);
    expect(targetCache(prefix, settings, t('linux/amd64/musl'), 'i', '/c', 'zig 0.16.0 def x86_64-linux-musl').key).not.toBe(
      targetCache(prefix, settings, t('linux/amd64/musl'), 'i', '/c', zig).key,
    );
    const z = zigCache(prefix, t('linux/amd64/musl'), zig, 'inputs1', '/z');
    expect(z).toMatchObject({ name: 'linux/amd64/musl zig', kind: 'zig', path: '/z' });
    expect(z.key).toMatch(new RegExp(`^${prefix}-zigcache-linux-amd64-musl-[0-9a-f]{16}-inputs1$`));
    expect(z.restoreKeys).toEqual([z.key.slice(0, -'inputs1'.length)]);
  });

  it('change with the settings that change compiled output, per target', () => {
    const base = settingsHash(settings, t('linux/amd64'));
    expect(settingsHash({ ...settings, tags: ['pro'] }, t('linux/amd64'))).not.toBe(base);
    expect(settingsHash({ ...settings, cgo: true }, t('linux/amd64'))).not.toBe(base);
    expect(settingsHash({ ...settings, trimpath: false }, t('linux/amd64'))).not.toBe(base);
    // An env line for windows changes only the windows targets' keys.
    expect(settingsHash({ ...settings, env: [] }, t('linux/amd64'))).toBe(base);
    expect(settingsHash({ ...settings, env: [] }, t('windows/amd64'))).not.toBe(settingsHash(settings, t('windows/amd64')));
  });

  it("scope a setup job's GOCACHE by the job and the job-level Go variables that change what it compiles", () => {
    const base = setupScope({ GITHUB_JOB: 'test', PATH: '/bin' });
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(setupScope({ GITHUB_JOB: 'test', PATH: '/usr/bin', HOME: '/h', GOCACHE: '/c' })).toBe(base);
    expect(setupScope({ GITHUB_JOB: 'lint' })).not.toBe(base);
    for (const v of ['GOFLAGS', 'GOEXPERIMENT', 'CGO_ENABLED', 'GOARCH', 'GOAMD64'])
      expect(setupScope({ GITHUB_JOB: 'test', [v]: 'x' })).not.toBe(base);
  });

  it('count a hit only for the primary key', () => {
    const c = moduleCache('p', '/m', 'k');
    expect(exactHit({ ...c, matchedKey: 'p-gomod-m1-k', restoredBytes: 1 })).toBe(true);
    expect(exactHit({ ...c, matchedKey: 'p-gomod-m1-old', restoredBytes: 1 })).toBe(false);
    expect(exactHit({ ...c, restoredBytes: 0 })).toBe(false);
  });
});

describe('cacheCell', () => {
  const c = targetCache('p', settings, t('linux/amd64'), 'now', '/c/linux-amd64');

  it('says off when the target has no cache, and why it was skipped', () => {
    expect(cacheCell(undefined)).toBe('off');
    expect(cacheCell({ ...c, restoredBytes: 0, skipped: 'tag v1.2.3' })).toBe('skipped (tag v1.2.3)');
  });

  it('says miss without a match, else hit or older key with the restored size', () => {
    expect(cacheCell({ ...c, restoredBytes: 0 })).toBe('miss');
    expect(cacheCell({ ...c, matchedKey: c.key, restoredBytes: 3 * 1048576 })).toBe('hit, 3.0 MiB');
    expect(cacheCell({ ...c, matchedKey: `${c.restoreKeys[0]}before`, restoredBytes: 512 * 1024 })).toBe('older key, 512.0 KiB');
  });
});
