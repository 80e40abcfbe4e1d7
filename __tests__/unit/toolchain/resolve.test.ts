import { ActionError, InputError, orRefuse } from '../../../src/errors.js';
import type { Release } from '../../../src/toolchain/releases.js';
import { validateIndex } from '../../../src/toolchain/releases.js';
import {
  archiveFor,
  expectedHash as judgeHash,
  expectedTreeHash,
  newestSatisfying,
  noReleaseProblem,
  pickRelease,
  type HashEvidence,
  type TreeEvidence,
} from '../../../src/toolchain/resolve.js';

/** The hash, or the go-sha256 problem thrown as the action throws it. */
const expectedHash = (...args: Parameters<typeof judgeHash>) => orRefuse(judgeHash(...args));
/** The no-release problem, worded as the action's error. */
const noReleaseError = (...args: Parameters<typeof noReleaseProblem>) => InputError.of(noReleaseProblem(...args));

const H = (c: string) => c.repeat(64);
const linux = { goos: 'linux', goarch: 'amd64' };
const rel = (name: string, stable = true): Release =>
  validateIndex(
    [
      {
        version: name,
        stable,
        files: [{ filename: `${name}.linux-amd64.tar.gz`, os: 'linux', arch: 'amd64', sha256: H('1'), kind: 'archive' }],
      },
    ],
    'test',
  ).releases[0];
const index = [rel('go1.25rc1', false), rel('go1.24.4'), rel('go1.24.3'), rel('go1.23.5'), rel('go1.22.12'), rel('go1.20')];

describe('pickRelease', () => {
  it('takes the newest stable release for stable, the newest older minor for oldstable', () => {
    expect(pickRelease({ kind: 'alias', alias: 'stable' }, index, linux)?.name).toBe('go1.24.4');
    expect(pickRelease({ kind: 'alias', alias: 'oldstable' }, index, linux)?.name).toBe('go1.23.5');
  });

  it("lets a range that names a pre-release pick one, by semver's rule", () => {
    // index: go1.25rc1 (unstable), go1.24.4, go1.24.3, go1.23.5, ...
    expect(pickRelease({ kind: 'range', range: '>=1.25.0-rc.1' }, index, linux)?.name).toBe('go1.25rc1');
    expect(pickRelease({ kind: 'range', range: '~1.25.0-rc.1' }, index, linux)?.name).toBe('go1.25rc1');
    // A pre-release of another version does not satisfy it: the stable releases above do.
    expect(pickRelease({ kind: 'range', range: '>=1.24.0-rc.1' }, index, linux)?.name).toBe('go1.24.4');
    expect(pickRelease({ kind: 'range', range: '>=1.24' }, index, linux)?.name).toBe('go1.24.4');
  });

  it('takes the newest stable release in a range', () => {
    expect(pickRelease({ kind: 'range', range: '1.24.x' }, index, linux)?.name).toBe('go1.24.4');
    expect(pickRelease({ kind: 'range', range: '>=1.22 <1.24' }, index, linux)?.name).toBe('go1.23.5');
    expect(pickRelease({ kind: 'range', range: '1.20.x' }, index, linux)?.name).toBe('go1.20');
    expect(pickRelease({ kind: 'range', range: '1.25.x' }, index, linux)).toBeUndefined();
  });

  it('finds exact versions, pre-releases included', () => {
    expect(pickRelease({ kind: 'exact', version: '1.25.0-rc.1' }, index, linux)?.name).toBe('go1.25rc1');
    expect(pickRelease({ kind: 'exact', version: '1.24.9' }, index, linux)).toBeUndefined();
  });

  it('picks from tool-cache versions', () => {
    expect(newestSatisfying(['1.23.5', '1.24.3', '1.24.1'], '1.24.x')).toBe('1.24.3');
    expect(newestSatisfying(['1.23.5'], '^1.24')).toBeUndefined();
  });

  describe('revision builds (1.25.0-1)', () => {
    // A mirror listing rebuilt toolchains beside Go's own releases, as an index may.
    const mixed = [rel('go1.25.0-1'), rel('go1.24.5-2'), rel('go1.24.5-1'), ...index];

    it('are read from an index under their own names', () => {
      expect(mixed.map((r) => r.version).slice(0, 3)).toEqual(['1.25.0-1', '1.24.5-2', '1.24.5-1']);
    });

    it('are picked only when an exact version names one', () => {
      expect(pickRelease({ kind: 'exact', version: '1.24.5-2' }, mixed, linux)?.name).toBe('go1.24.5-2');
      expect(pickRelease({ kind: 'exact', version: '1.24.5-3' }, mixed, linux)).toBeUndefined();
    });

    it('are never picked by a range or an alias, whatever semver would say', () => {
      expect(pickRelease({ kind: 'alias', alias: 'stable' }, mixed, linux)?.name).toBe('go1.24.4');
      expect(pickRelease({ kind: 'alias', alias: 'oldstable' }, mixed, linux)?.name).toBe('go1.23.5');
      expect(pickRelease({ kind: 'range', range: '>=1.24' }, mixed, linux)?.name).toBe('go1.24.4');
      expect(pickRelease({ kind: 'range', range: '1.25.x' }, mixed, linux)).toBeUndefined();
      // A pre-release comparator of the same release matches 1.24.5-1 by semver's rule.
      expect(pickRelease({ kind: 'range', range: '>=1.24 <=1.24.5-rc.2' }, mixed, linux)?.name).toBe('go1.24.4');
      expect(newestSatisfying(['1.24.3', '1.24.5-1'], '>=1.24 <=1.24.5-rc.2')).toBe('1.24.3');
      expect(newestSatisfying(['1.25.0-1'], '>=1.24')).toBeUndefined();
    });

    it('say so when the index lacks one, or lists nothing else', () => {
      const e = noReleaseError('go-version', '1.25.0-9', { kind: 'exact', version: '1.25.0-9' }, mixed, linux);
      expect(e.message).toContain('no such Go release in the release index (1.25.0-9 is a revision build');
      expect(e.message).toContain('go-download-base-url must name a mirror that serves it');
      const only = noReleaseError('go-version', 'stable', { kind: 'alias', alias: 'stable' }, [rel('go1.25.0-1')], linux);
      expect(only.message).toContain('the index lists only revision builds, which only an exact version selects');
      expect(only.message).toContain('such as 1.25.0-1');
    });
  });

  it('finds the archive for a platform', () => {
    expect(archiveFor(index[1], { goos: 'linux', goarch: 'amd64' })?.filename).toBe('go1.24.4.linux-amd64.tar.gz');
    expect(archiveFor(index[1], { goos: 'linux', goarch: 'arm64' })).toBeUndefined();
  });

  it('names the newest releases when nothing matches', () => {
    const e = noReleaseError('go-version', '1.99.1', { kind: 'exact', version: '1.99.1' }, index, linux);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain('"1.99.1": no such Go release');
    expect(e.message).toContain('1.24.4, 1.24.3, 1.23.5');
  });
});

describe('pickRelease for a platform the newest releases lack (architecture: x32, that is 386)', () => {
  // An index as go.dev serves one where the newest releases have no linux-386 archive (1.25.1 has
  // none at all; 1.25.0 only windows-386): only 1.24.x and older do.
  const files = (name: string, ...platforms: string[]) =>
    platforms.map((p) => {
      const [os, arch] = p.split('-');
      return { filename: `${name}.${p}.${os === 'windows' ? 'zip' : 'tar.gz'}`, os, arch, sha256: H('1'), kind: 'archive' };
    });
  const release = (name: string, ...platforms: string[]) =>
    validateIndex([{ version: name, stable: true, files: files(name, ...platforms) }], 'test').releases[0];
  const x32Index = [
    validateIndex([{ version: 'go1.26rc1', stable: false, files: files('go1.26rc1', 'linux-amd64', 'linux-386') }], 'test').releases[0],
    release('go1.25.1', 'linux-amd64'),
    release('go1.25.0', 'linux-amd64', 'windows-386'),
    release('go1.24.6', 'linux-amd64', 'linux-386'),
    release('go1.24.5', 'linux-amd64', 'linux-386'),
    release('go1.23.12', 'linux-amd64', 'linux-386'),
  ];
  const x32 = { goos: 'linux', goarch: '386' };
  const pick = (spec: Parameters<typeof pickRelease>[0], p = x32) => pickRelease(spec, x32Index, p)?.name;

  // What setup-go picks for the same index with architecture x32: findMatch walks the releases
  // newest first and takes the first that satisfies the spec and lists a file for the platform;
  // stable and oldstable (resolveStableVersionInput) first drop the releases without one, then
  // take the newest, and the newest of the second minor.
  it.each([
    ['1', { kind: 'range', range: '1.x' }, 'go1.24.6'],
    ['^1.24', { kind: 'range', range: '^1.24' }, 'go1.24.6'],
    ['stable', { kind: 'alias', alias: 'stable' }, 'go1.24.6'],
    ['oldstable', { kind: 'alias', alias: 'oldstable' }, 'go1.23.12'],
    ['1.23', { kind: 'range', range: '1.23.x' }, 'go1.23.12'],
  ] as const)('%s picks the newest release with a linux-386 archive, as setup-go does', (_value, spec, expected) => {
    expect(pick(spec)).toBe(expected);
  });

  it('still picks the newest release for a platform that has it', () => {
    expect(pick({ kind: 'alias', alias: 'stable' }, linux)).toBe('go1.25.1');
    expect(pick({ kind: 'alias', alias: 'oldstable' }, linux)).toBe('go1.24.6');
    expect(pick({ kind: 'range', range: '1.25.x' }, { goos: 'windows', goarch: '386' })).toBe('go1.25.0');
  });

  it('takes an exact version as named: installing it says the archive is missing', () => {
    expect(pick({ kind: 'exact', version: '1.25.1' })).toBe('go1.25.1');
  });

  it('says when releases match but none has the platform, and offers those that have one', () => {
    expect(pick({ kind: 'range', range: '1.25.x' })).toBeUndefined();
    const e = noReleaseError('go-version', '1.25', { kind: 'range', range: '1.25.x' }, x32Index, x32);
    expect(e.message).toBe(
      'Input go-version = "1.25": no Go release that matches it has a linux/386 archive in the release index (the newest that matches, 1.25.1, has none). ' +
        'Allowed: a version with a linux/386 archive, such as 1.24.6, 1.24.5, 1.23.12, or another architecture',
    );
    const none = noReleaseError('go-version', 'stable', { kind: 'alias', alias: 'stable' }, x32Index, { goos: 'linux', goarch: 'riscv64' });
    expect(none.message).toContain(
      'no Go release that matches it has a linux/riscv64 archive in the release index (the newest that matches, 1.25.1, has none)',
    );
    expect(none.message).toContain('Allowed: another architecture: the index lists no linux/riscv64 archive');
  });

  it('keeps the plain message when nothing matches on any platform', () => {
    const e = noReleaseError('go-version', '1.99', { kind: 'range', range: '1.99.x' }, x32Index, x32);
    expect(e.message).toContain('no stable Go release in the index matches');
    expect(e.message).toContain('such as 1.24.6, 1.24.5, 1.23.12');
  });
});

describe('expectedHash', () => {
  const file = 'go1.24.4.linux-amd64.tar.gz';
  const official = { sha256: H('a'), provisional: false };
  const none = { kind: 'none' as const };
  const ev = (over: Partial<HashEvidence>): HashEvidence => ({
    file,
    officialName: file,
    pins: none,
    official,
    indexSha256: undefined,
    indexUrl: 'http://m/?mode=json',
    ...over,
  });

  it('uses the pin first, warning when it differs from the official hash', () => {
    const e = expectedHash(ev({ pins: { kind: 'single', sha256: H('b') }, indexSha256: H('c') }));
    expect(e).toMatchObject({ sha256: H('b'), source: 'go-sha256' });
    expect(e?.warnings[0]).toContain('installing the pinned bytes');
    expect(expectedHash(ev({ pins: { kind: 'single', sha256: H('a') } }))?.warnings).toEqual([]);
  });

  it("accepts a pin line naming the mirror's file or Go's", () => {
    const mirrorFile = 'go1.24.4.linux-amd64.mirror.tar.gz';
    const byMirror = { kind: 'files' as const, byFile: new Map([[mirrorFile, H('b')]]) };
    expect(expectedHash(ev({ file: mirrorFile, pins: byMirror, indexSha256: H('b') }))).toMatchObject({
      sha256: H('b'),
      source: 'go-sha256',
    });
    const byGo = { kind: 'files' as const, byFile: new Map([[file, H('a')]]) };
    expect(expectedHash(ev({ file: mirrorFile, pins: byGo }))).toMatchObject({ sha256: H('a'), source: 'go-sha256' });
  });

  it('fails closed when pin lines do not cover the archive', () => {
    const pins = { kind: 'files' as const, byFile: new Map([['go1.24.4.darwin-arm64.tar.gz', H('b')]]) };
    expect(() => expectedHash(ev({ pins }))).toThrow(InputError);
    expect(() => expectedHash(ev({ pins, official: undefined }))).toThrow(/no line pins go1.24.4.linux-amd64.tar.gz/);
  });

  it('uses the shipped table and rejects an index that contradicts it', () => {
    expect(expectedHash(ev({ indexSha256: H('a') }))).toMatchObject({ sha256: H('a'), source: 'checksum table', warnings: [] });
    expect(() => expectedHash(ev({ indexSha256: H('c') }))).toThrow(ActionError);
    expect(() => expectedHash(ev({ indexSha256: H('c') }))).toThrow(/lists go1.24.4.linux-amd64.tar.gz with SHA-256 c{64}/);
  });

  it('keeps the table deciding when the mirror renames an official file', () => {
    const renamed = ev({ file: 'go1.24.4.linux-amd64.mirror.tar.gz' });
    // Its own bytes under another name: rejected before any download.
    expect(() => expectedHash({ ...renamed, indexSha256: H('e') })).toThrow(
      /lists go1.24.4.linux-amd64.mirror.tar.gz \(Go's go1.24.4.linux-amd64.tar.gz\) with SHA-256 e{64}/,
    );
    // Go's bytes under another name: installed, verified against the table.
    expect(expectedHash({ ...renamed, indexSha256: H('a') })).toMatchObject({ sha256: H('a'), source: 'checksum table' });
  });

  it('warns about provisional table entries', () => {
    expect(expectedHash(ev({ official: { sha256: H('a'), provisional: true } }))?.warnings[0]).toContain('provisional');
  });

  it('falls back to the index only for releases the table does not cover, with a warning; else to nothing', () => {
    const unknown = ev({ file: 'go1.99.0.linux-amd64.tar.gz', officialName: 'go1.99.0.linux-amd64.tar.gz', official: undefined });
    const e = expectedHash({ ...unknown, indexSha256: H('d') });
    expect(e).toMatchObject({ sha256: H('d'), source: 'release index' });
    expect(e?.warnings).toEqual([expect.stringContaining('is not in the checksum table shipped with this action')]);
    expect(expectedHash(unknown)).toBeUndefined();
  });
});

describe('expectedTreeHash', () => {
  const moduleVersion = 'v0.0.1-go1.24.4.linux-amd64';
  const officialName = 'go1.24.4.linux-amd64.tar.gz';
  const shipped = `h1:${'S'.repeat(43)}=`;
  const pinned = `h1:${'P'.repeat(43)}=`;
  const ev = (over: Partial<TreeEvidence>): TreeEvidence => ({
    moduleVersion,
    officialName,
    pins: { kind: 'none' },
    officialH1: shipped,
    official: { sha256: H('a'), provisional: false },
    ...over,
  });
  const modules = new Map([[moduleVersion, pinned]]);

  it('takes a go-sha256 module line first, whatever the archive pins and the table say', () => {
    expect(expectedTreeHash(ev({ pins: { kind: 'none', modules } }))).toEqual({ h1: pinned, source: 'go-sha256' });
    expect(expectedTreeHash(ev({ pins: { kind: 'single', sha256: H('b'), modules }, officialH1: undefined }))).toEqual({
      h1: pinned,
      source: 'go-sha256',
    });
  });

  it("takes the shipped h1 when go-sha256 pins nothing for the release, or pins Go's own archive", () => {
    expect(expectedTreeHash(ev({}))).toEqual({ h1: shipped, source: 'checksum table' });
    expect(expectedTreeHash(ev({ pins: { kind: 'none', modules: new Map([['v0.0.1-go1.23.1.linux-amd64', pinned]]) } }))).toEqual({
      h1: shipped,
      source: 'checksum table',
    });
    expect(expectedTreeHash(ev({ pins: { kind: 'single', sha256: H('a') } }))).toEqual({ h1: shipped, source: 'checksum table' });
    expect(expectedTreeHash(ev({ pins: { kind: 'files', byFile: new Map([[officialName, H('a')]]) } }))).toEqual({
      h1: shipped,
      source: 'checksum table',
    });
    // The table may know the module and not (yet) the archive: the index vouches for the archive then.
    expect(expectedTreeHash(ev({ official: undefined }))).toEqual({ h1: shipped, source: 'checksum table' });
  });

  it("never lets Go's h1 stand in for other bytes that go-sha256 pins", () => {
    const other = expectedTreeHash(ev({ pins: { kind: 'single', sha256: H('b') } }));
    expect(other).toEqual({
      problem: expect.stringContaining("go-sha256 pins go1.24.4.linux-amd64.tar.gz to other bytes than Go's release"),
    });
    expect((other as { problem: string }).problem).toContain('add a "golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:…" line');
    const mirrorOnly = { kind: 'files' as const, byFile: new Map([['go1.24.4.linux-amd64.mirror.tar.gz', H('a')]]) };
    expect(expectedTreeHash(ev({ pins: mirrorOnly }))).toEqual({
      problem: expect.stringContaining("go-sha256 pins archives but not Go's go1.24.4.linux-amd64.tar.gz"),
    });
  });

  it('says when no h1 is known', () => {
    expect(expectedTreeHash(ev({ officialH1: undefined }))).toEqual({
      problem:
        'no toolchain module hash is known for it (go-sha256 has no "golang.org/toolchain v0.0.1-go1.24.4.linux-amd64 h1:…" line, and the checksum table shipped with this action has none)',
    });
  });
});
